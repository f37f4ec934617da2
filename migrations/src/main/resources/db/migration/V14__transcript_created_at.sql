-- Transcripts may expire (clinicflow.retention.transcripts): the hourly round finds the oldest
-- messages by created_at. Built like V13's, inside Flyway's migration; on a large transcript the
-- build takes a while and saving turns waits for it.
CREATE INDEX conversation_message_created_at ON conversation_message (created_at);
