-- Tenants (clinics): the configuration that the n8n system kept in tenant_config, its secrets,
-- its activity log, and the helper functions and views that operators used from psql.

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TABLE tenant_config (
  tenant_id                  text PRIMARY KEY
                             CONSTRAINT tenant_id_is_slug CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  clinic_name                text NOT NULL,
  evolution_instance_name    text NOT NULL CONSTRAINT tenant_config_instance_unique UNIQUE,
  google_calendar_id         text,
  google_tasks_list_id       text,
  mcp_calendar_endpoint      text,
  telegram_internal_chat_id  bigint,
  system_prompt_patient      text NOT NULL,
  system_prompt_internal     text NOT NULL,
  system_prompt_confirmation text NOT NULL,
  business_hours             jsonb NOT NULL DEFAULT '{}'::jsonb,
  clinic_info                jsonb NOT NULL DEFAULT '{}'::jsonb,
  timezone                   text NOT NULL DEFAULT 'America/Sao_Paulo',
  language                   text NOT NULL DEFAULT 'pt-BR',
  is_active                  boolean NOT NULL DEFAULT true,
  monthly_message_limit      integer NOT NULL DEFAULT 5000 CONSTRAINT quota_not_negative CHECK (monthly_message_limit >= 0),
  current_message_count      integer NOT NULL DEFAULT 0,
  quota_period_start         timestamptz NOT NULL DEFAULT date_trunc('month', now()),
  fallback_message           text NOT NULL,
  quota_exceeded_message     text NOT NULL,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- One staff chat serves one clinic: the chat id is how a Telegram update finds its tenant.
CREATE UNIQUE INDEX tenant_config_telegram_chat_unique
  ON tenant_config (telegram_internal_chat_id) WHERE telegram_internal_chat_id IS NOT NULL;

CREATE TRIGGER tenant_config_updated_at BEFORE UPDATE ON tenant_config
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Any change to a tenant, by the admin API or by a plain SQL UPDATE, is announced so that
-- caches in every ClinicFlow process can drop that tenant at once.
CREATE OR REPLACE FUNCTION notify_tenant_config_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tenant_config_changed', COALESCE(NEW.tenant_id, OLD.tenant_id));
  RETURN NULL;
END
$$;

CREATE TRIGGER tenant_config_changed
  AFTER INSERT OR UPDATE OR DELETE ON tenant_config
  FOR EACH ROW EXECUTE FUNCTION notify_tenant_config_changed();

-- Per-tenant keys that override the shared ones. Encrypted by the application (AES-GCM under
-- clinicflow.security.master-key); key_id names the master key so keys can rotate.
CREATE TABLE tenant_secrets (
  tenant_id   text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  name        text NOT NULL,
  key_id      text NOT NULL,
  ciphertext  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

CREATE TRIGGER tenant_secrets_updated_at BEFORE UPDATE ON tenant_secrets
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- tenant_id is null only for events that could not be tied to a clinic (an unknown instance).
CREATE TABLE tenant_activity_log (
  id          bigserial PRIMARY KEY,
  tenant_id   text REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  event_type  text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  workflow_id text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tenant_activity_log_latest ON tenant_activity_log (tenant_id, created_at DESC, id DESC);

CREATE OR REPLACE FUNCTION get_tenant_by_instance(p_instance_name text)
RETURNS SETOF tenant_config
LANGUAGE sql STABLE AS $$
  SELECT * FROM tenant_config WHERE evolution_instance_name = p_instance_name
$$;

-- Start of the quota period that contains now(), in the clinic's own time zone: quotas are
-- monthly and a clinic's month begins at its local midnight of the 1st.
CREATE OR REPLACE FUNCTION current_quota_period_start(p_timezone text)
RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', now() AT TIME ZONE p_timezone) AT TIME ZONE p_timezone
$$;

-- Counts one message and says whether it is within the quota, in one statement. The row lock
-- taken by UPDATE serialises concurrent calls, and READ COMMITTED re-checks the WHERE clause
-- against the row as the previous caller left it, so exactly monthly_message_limit calls are
-- accepted per period however many arrive at once. A period that has ended is rolled over in
-- the same statement, so a late quota-reset schedule never blocks a clinic.
CREATE OR REPLACE FUNCTION increment_message_count(p_tenant_id text)
RETURNS TABLE (accepted boolean, message_count integer, message_limit integer, period_start timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
    UPDATE tenant_config t
       SET current_message_count =
             CASE WHEN t.quota_period_start < current_quota_period_start(t.timezone) THEN 1
                  ELSE t.current_message_count + 1 END,
           quota_period_start = GREATEST(t.quota_period_start, current_quota_period_start(t.timezone))
     WHERE t.tenant_id = p_tenant_id
       AND t.monthly_message_limit > 0
       AND (t.quota_period_start < current_quota_period_start(t.timezone)
            OR t.current_message_count < t.monthly_message_limit)
    RETURNING true, t.current_message_count, t.monthly_message_limit, t.quota_period_start;
  IF NOT FOUND THEN
    RETURN QUERY
      SELECT false, t.current_message_count, t.monthly_message_limit, t.quota_period_start
        FROM tenant_config t WHERE t.tenant_id = p_tenant_id;
  END IF;
END
$$;

-- Starts a new quota period for one tenant now (manual reset from the admin API or CLI).
CREATE OR REPLACE FUNCTION reset_message_quota(p_tenant_id text)
RETURNS boolean
LANGUAGE sql AS $$
  UPDATE tenant_config
     SET current_message_count = 0, quota_period_start = current_quota_period_start(timezone)
   WHERE tenant_id = p_tenant_id
  RETURNING true
$$;

-- Resets every tenant whose period has ended; returns how many were reset (scheduled reset).
CREATE OR REPLACE FUNCTION reset_expired_quotas()
RETURNS integer
LANGUAGE sql AS $$
  WITH reset AS (
    UPDATE tenant_config
       SET current_message_count = 0, quota_period_start = current_quota_period_start(timezone)
     WHERE quota_period_start < current_quota_period_start(timezone)
    RETURNING 1)
  SELECT count(*)::integer FROM reset
$$;

CREATE VIEW active_tenants AS
  SELECT tenant_id, clinic_name, evolution_instance_name, telegram_internal_chat_id, timezone, language
    FROM tenant_config
   WHERE is_active;

CREATE VIEW tenant_usage AS
  SELECT tenant_id,
         clinic_name,
         is_active,
         current_message_count,
         monthly_message_limit,
         CASE WHEN monthly_message_limit = 0 THEN 100.0
              ELSE round(100.0 * current_message_count / monthly_message_limit, 1) END AS usage_percent,
         quota_period_start
    FROM tenant_config;
