-- The sandbox calendar: what Google Calendar would hold for a clinic when ClinicFlow runs without
-- Google credentials (embedded mode). It keeps Google's semantics so that the same booking code
-- runs against it: events have client-chosen ids, a deleted event keeps its id with status
-- 'cancelled' (so re-inserting that id conflicts), private_properties is the event's
-- extendedProperties.private (the patient tag), and transparent events do not block a slot.
-- Operators read a clinic's sandbox appointments here with psql.
CREATE TABLE sandbox_calendar_event (
  tenant_id          text NOT NULL REFERENCES tenant_config (tenant_id) ON DELETE CASCADE,
  calendar_id        text NOT NULL,
  event_id           text NOT NULL CONSTRAINT sandbox_event_id_is_base32hex
                     CHECK (event_id ~ '^[a-v0-9]+$' AND length(event_id) BETWEEN 5 AND 1024),
  summary            text,
  description        text,
  start_at           timestamptz NOT NULL,
  end_at             timestamptz NOT NULL,
  time_zone          text NOT NULL,
  status             text NOT NULL DEFAULT 'confirmed'
                     CONSTRAINT sandbox_event_status CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
  transparent        boolean NOT NULL DEFAULT false,
  private_properties jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, calendar_id, event_id),
  CONSTRAINT sandbox_event_ends_after_start CHECK (end_at > start_at)
);

-- Free/busy and day agendas scan a calendar by time.
CREATE INDEX sandbox_calendar_event_by_time
  ON sandbox_calendar_event (tenant_id, calendar_id, start_at);
