-- A turn is counted against the quota once, however often its count runs. The count is a local
-- activity, and a worker that dies before the workflow task that ran it completes leaves no record
-- of it: the next worker runs it again with the same turn key (decision 0010). The key is claimed
-- here, with the outcome the first count got, so a repeat answers what the first call answered
-- (a turn accepted at 999 of 1000 is not refused on the rerun).
CREATE TABLE quota_turn (
  tenant_id     text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  turn_key      text NOT NULL,
  -- Filled in by the same call that claims the key; no other session ever sees them empty.
  accepted      boolean,
  message_count integer,
  message_limit integer,
  period_start  timestamptz,
  counted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, turn_key)
);

CREATE INDEX quota_turn_counted_at ON quota_turn (tenant_id, counted_at);

-- Counts the turn p_turn_key once, in one call: claims the key, counts with the one-argument
-- function and stores its outcome beside the key; a key claimed before returns its stored outcome
-- and counts nothing. A second call with the same key while the first is still running waits on
-- the key's index entry and then reads the first call's outcome. No row for an unknown tenant, as
-- before. A null key counts without dedupe (callers that have no turn key).
CREATE OR REPLACE FUNCTION increment_message_count(p_tenant_id text, p_turn_key text)
RETURNS TABLE (accepted boolean, message_count integer, message_limit integer, period_start timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  counted record;
BEGIN
  IF p_turn_key IS NULL THEN
    RETURN QUERY SELECT * FROM increment_message_count(p_tenant_id);
    RETURN;
  END IF;
  INSERT INTO quota_turn (tenant_id, turn_key)
    SELECT p_tenant_id, p_turn_key
     WHERE EXISTS (SELECT 1 FROM tenant_config t WHERE t.tenant_id = p_tenant_id)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY
      SELECT q.accepted, q.message_count, q.message_limit, q.period_start
        FROM quota_turn q WHERE q.tenant_id = p_tenant_id AND q.turn_key = p_turn_key;
    RETURN;
  END IF;
  SELECT * INTO counted FROM increment_message_count(p_tenant_id);
  IF NOT FOUND THEN
    DELETE FROM quota_turn q WHERE q.tenant_id = p_tenant_id AND q.turn_key = p_turn_key;
    RETURN;
  END IF;
  UPDATE quota_turn q
     SET accepted = counted.accepted, message_count = counted.message_count,
         message_limit = counted.message_limit, period_start = counted.period_start
   WHERE q.tenant_id = p_tenant_id AND q.turn_key = p_turn_key;
  RETURN QUERY SELECT counted.accepted, counted.message_count, counted.message_limit,
                      counted.period_start;
END
$$;

-- Drops turn keys older than a week (the scheduled quota-reset round calls it every hour). A count
-- runs again within seconds of a worker's death, or when workers come back after an outage; a
-- week covers both with room to spare, and keeps the table at a week of turns.
CREATE OR REPLACE FUNCTION prune_quota_turns()
RETURNS integer
LANGUAGE sql AS $$
  WITH pruned AS (
    DELETE FROM quota_turn q
     USING tenant_config t
     WHERE q.tenant_id = t.tenant_id
       AND q.counted_at < now() - interval '7 days'
    RETURNING 1)
  SELECT count(*)::integer FROM pruned
$$;
