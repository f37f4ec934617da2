-- Counting a message updates tenant_config (current_message_count), which fired the change
-- notification on every message and made every process re-check its cached tenant. Only a change
-- of configuration is announced now; the quota counter, its period and updated_at are not
-- configuration. updated_at no longer moves when a message is counted either, so it says when the
-- clinic's configuration last changed.
CREATE OR REPLACE FUNCTION notify_tenant_config_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'current_message_count' - 'quota_period_start' - 'updated_at')
       = (to_jsonb(OLD) - 'current_message_count' - 'quota_period_start' - 'updated_at') THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('tenant_config_changed', COALESCE(NEW.tenant_id, OLD.tenant_id));
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION set_tenant_config_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'current_message_count' - 'quota_period_start' - 'updated_at')
     IS DISTINCT FROM (to_jsonb(OLD) - 'current_message_count' - 'quota_period_start' - 'updated_at') THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER tenant_config_updated_at ON tenant_config;
CREATE TRIGGER tenant_config_updated_at BEFORE UPDATE ON tenant_config
  FOR EACH ROW EXECUTE FUNCTION set_tenant_config_updated_at();
