-- A patient turn's activity-log line (`message_received`, or `quota_exceeded` past the limit),
-- written by the count itself, in the same transaction. Before, the conversation counted the turn
-- and then logged it with a second local activity: two calls per turn, and a count run again after
-- a lost workflow task logged the turn a second time. Now a key counted before returns its first
-- answer and writes nothing, so the line is written once per turn, with the count it reports.
--
-- The two-argument increment_message_count (V9) is this function without the log line.
CREATE OR REPLACE FUNCTION count_turn(p_tenant_id text, p_turn_key text, p_channel text,
                                      p_workflow_id text)
RETURNS TABLE (accepted boolean, message_count integer, message_limit integer, period_start timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  counted record;
BEGIN
  PERFORM 1 FROM tenant_config t WHERE t.tenant_id = p_tenant_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT q.accepted, q.message_count, q.message_limit, q.period_start
      FROM quota_turn q WHERE q.tenant_id = p_tenant_id AND q.turn_key = p_turn_key;
  IF FOUND THEN
    RETURN;
  END IF;
  SELECT * INTO counted FROM increment_message_count(p_tenant_id);
  INSERT INTO quota_turn (tenant_id, turn_key, accepted, message_count, message_limit, period_start)
  VALUES (p_tenant_id, p_turn_key, counted.accepted, counted.message_count, counted.message_limit,
          counted.period_start);
  IF p_channel IS NOT NULL THEN
    INSERT INTO tenant_activity_log (tenant_id, event_type, details, workflow_id)
    VALUES (p_tenant_id,
            CASE WHEN counted.accepted THEN 'message_received' ELSE 'quota_exceeded' END,
            jsonb_build_object('count', counted.message_count, 'limit', counted.message_limit,
                               'channel', p_channel),
            p_workflow_id);
  END IF;
  RETURN QUERY SELECT counted.accepted, counted.message_count, counted.message_limit,
                      counted.period_start;
END
$$;

CREATE OR REPLACE FUNCTION increment_message_count(p_tenant_id text, p_turn_key text)
RETURNS TABLE (accepted boolean, message_count integer, message_limit integer, period_start timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  IF p_turn_key IS NULL THEN
    RETURN QUERY SELECT * FROM increment_message_count(p_tenant_id);
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM count_turn(p_tenant_id, p_turn_key, NULL, NULL);
END
$$;
