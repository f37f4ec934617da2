-- A quota reset by hand (admin API, CLI, or SELECT reset_message_quota(…) from psql) is an
-- operator's decision that an operator may have to explain later ("why could the clinic send
-- 5,000 more messages this month?"): it is logged as `quota_reset` with the count it cleared, in
-- the same statement as the reset. The scheduled monthly rollover (reset_expired_quotas, and the
-- one inside increment_message_count) is the calendar's doing and stays silent.
CREATE OR REPLACE FUNCTION reset_message_quota(p_tenant_id text)
RETURNS boolean
LANGUAGE sql AS $$
  WITH before AS (
    SELECT tenant_id, current_message_count, quota_period_start
      FROM tenant_config WHERE tenant_id = p_tenant_id
       FOR UPDATE),
  reset AS (
    UPDATE tenant_config t
       SET current_message_count = 0, quota_period_start = current_quota_period_start(t.timezone)
      FROM before
     WHERE t.tenant_id = before.tenant_id
    RETURNING true AS done),
  logged AS (
    INSERT INTO tenant_activity_log (tenant_id, event_type, details)
    SELECT tenant_id, 'quota_reset',
           jsonb_build_object('count_before', current_message_count,
                              'period_start_before', quota_period_start)
      FROM before)
  SELECT done FROM reset
$$;
