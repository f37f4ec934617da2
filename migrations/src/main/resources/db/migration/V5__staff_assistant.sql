-- Staff assistant on Telegram (issue 5): update dedupe, Telegram sends in the outbound ledger,
-- and Google Tasks (idempotent creates, and the local lists of sandbox mode).

-- Telegram update ids already taken in, so a redelivered update is processed once. Not in
-- processed_message: an update from a chat of no clinic has no tenant to key it by. Keyed by bot
-- (the numeric id before the token's colon, or 'sandbox' without a token) because update ids start
-- again when the bot changes.
CREATE TABLE telegram_update (
  bot_id      text NOT NULL,
  update_id   bigint NOT NULL,
  chat_id     bigint NOT NULL,
  workflow_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bot_id, update_id)
);

CREATE INDEX telegram_update_received_at ON telegram_update (received_at);

-- Telegram messages are recorded in outbound_message too (channel 'TELEGRAM', recipient = chat
-- id, one row per part of a long text). The one refusal a chat of no clinic gets has no tenant.
ALTER TABLE outbound_message ALTER COLUMN tenant_id DROP NOT NULL;

-- Tasks the staff assistant created, by the tool call's idempotency key: a retried create finds
-- the task it made instead of making a second one.
CREATE TABLE task_request (
  idempotency_key text PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  list_id         text NOT NULL,
  task_id         text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The clinic's task lists when Google is not configured (sandbox), shaped like Google Tasks.
CREATE TABLE sandbox_task (
  tenant_id    text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  list_id      text NOT NULL,
  task_id      text NOT NULL,
  title        text NOT NULL,
  notes        text,
  due          date,
  status       text NOT NULL DEFAULT 'needsAction',
  created_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, list_id, task_id)
);
