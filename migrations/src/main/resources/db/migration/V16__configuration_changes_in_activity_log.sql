-- A clinic's activity log says when its configuration changed and which fields did: an operator
-- asking at 3 a.m. why the assistant answers differently since yesterday reads
-- `configuration_changed` with `fields` (column names only: prompts and messages are the clinic's
-- words, kept in the row, not copied into the log). Written here, in the trigger that already tells
-- every process that the clinic changed, so an update from the admin API, the CLI and plain SQL
-- are logged alike. Counting a message (current_message_count, quota_period_start) is not a
-- change of configuration: it returns at the same cheap comparison as before, so the path of every
-- message does no more work.
CREATE OR REPLACE FUNCTION notify_tenant_config_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb;
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'current_message_count' - 'quota_period_start' - 'updated_at')
       = (to_jsonb(OLD) - 'current_message_count' - 'quota_period_start' - 'updated_at') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_agg(n.key ORDER BY n.key) INTO changed
      FROM jsonb_each(to_jsonb(NEW) - 'current_message_count' - 'quota_period_start' - 'updated_at') n
      JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value;
    INSERT INTO tenant_activity_log (tenant_id, event_type, details)
      VALUES (NEW.tenant_id, 'configuration_changed', jsonb_build_object('fields', changed));
  END IF;
  PERFORM pg_notify('tenant_config_changed', COALESCE(NEW.tenant_id, OLD.tenant_id));
  RETURN NULL;
END
$$;

-- A clinic's own keys (tenant_secrets) are configuration too: `secret_set` or `secret_removed`
-- with the secret's name, never its value. A clinic deleted with plain SQL takes its secrets with
-- it, and there is no log left to write to then.
CREATE OR REPLACE FUNCTION log_tenant_secret_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM tenant_config WHERE tenant_id = OLD.tenant_id) THEN
      INSERT INTO tenant_activity_log (tenant_id, event_type, details)
        VALUES (OLD.tenant_id, 'secret_removed', jsonb_build_object('name', OLD.name));
    END IF;
  ELSE
    INSERT INTO tenant_activity_log (tenant_id, event_type, details)
      VALUES (NEW.tenant_id, 'secret_set', jsonb_build_object('name', NEW.name));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tenant_secrets_logged
  AFTER INSERT OR UPDATE OR DELETE ON tenant_secrets
  FOR EACH ROW EXECUTE FUNCTION log_tenant_secret_change();
