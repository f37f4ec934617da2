-- Conversations: what n8n kept in n8n_chat_histories, and what it lacked (dedupe, send
-- records, LID identities, a per-conversation status an operator can query).

-- One row per conversation. Status is what an operator filters on ("needs attention").
CREATE TABLE conversation (
  tenant_id             text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  contact               text NOT NULL,
  channel               text NOT NULL DEFAULT 'WHATSAPP',
  workflow_id           text NOT NULL,
  status                text NOT NULL DEFAULT 'ACTIVE',
  display_name          text,
  paused_until          timestamptz,
  last_inbound_at       timestamptz,
  last_reply_at         timestamptz,
  last_error            text,
  needs_attention_since timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, contact)
);

CREATE INDEX conversation_needs_attention ON conversation (tenant_id, needs_attention_since)
  WHERE status = 'NEEDS_ATTENTION';

CREATE TRIGGER conversation_updated_at BEFORE UPDATE ON conversation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The durable transcript and the agent's memory. A turn's messages share turn_key and are
-- numbered by position, so saving a turn again (an activity retry) inserts nothing twice.
-- seq orders the transcript; memory windows are cut on whole turns, never between a tool call
-- and its result.
CREATE TABLE conversation_message (
  seq         bigserial PRIMARY KEY,
  tenant_id   text NOT NULL,
  contact     text NOT NULL,
  turn_key    text NOT NULL,
  position    integer NOT NULL,
  role        text NOT NULL,
  content     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, contact) REFERENCES conversation (tenant_id, contact) ON DELETE CASCADE,
  CONSTRAINT conversation_message_once UNIQUE (tenant_id, contact, turn_key, position)
);

CREATE INDEX conversation_message_latest ON conversation_message (tenant_id, contact, seq DESC);

-- Provider message ids already taken in (WhatsApp key.id, Telegram update_id): a redelivered
-- webhook is answered "duplicate" and processed once.
CREATE TABLE processed_message (
  tenant_id           text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  channel             text NOT NULL,
  provider_message_id text NOT NULL,
  workflow_id         text NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, provider_message_id)
);

CREATE INDEX processed_message_received_at ON processed_message (received_at);

-- Every message ClinicFlow sends. The idempotency key is made in the workflow; an activity
-- retry after a send that succeeded finds status SENT and does not send again.
CREATE TABLE outbound_message (
  idempotency_key     text PRIMARY KEY,
  tenant_id           text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  channel             text NOT NULL,
  recipient           text NOT NULL,
  status              text NOT NULL DEFAULT 'PENDING',
  provider_message_id text,
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  sent_at             timestamptz
);

CREATE INDEX outbound_message_by_tenant ON outbound_message (tenant_id, created_at DESC);

-- WhatsApp LID <-> phone, learned when a message carries both.
CREATE TABLE contact_identity (
  tenant_id   text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  lid         text NOT NULL,
  phone       text NOT NULL,
  learned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, lid)
);
