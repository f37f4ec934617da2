-- How long a clinic keeps its patients' transcripts is the clinic's own policy (record-keeping
-- law differs by country and by specialty): transcript_retention_days overrides the deployment's
-- clinicflow.retention.transcripts for one clinic. NULL follows the deployment; 0 keeps the
-- clinic's transcripts for ever, whatever the deployment's setting; N deletes whole turns older
-- than N days (Housekeeping.PruneExpired, in the hourly round of the quota-reset workflow).
ALTER TABLE tenant_config
  ADD COLUMN transcript_retention_days integer
  CONSTRAINT transcript_retention_days_range
    CHECK (transcript_retention_days BETWEEN 0 AND 36500);

-- The round now prunes one clinic at a time, each up to its own cutoff: (tenant_id, created_at)
-- finds a clinic's oldest messages without walking past another clinic's (one that keeps its
-- transcripts for ever would otherwise be read through on every batch). It replaces V14's index
-- on created_at alone, which nothing else reads, so saving a turn maintains no more indexes than
-- before. Built inside Flyway's transaction like V13's and V14's: turns saved meanwhile wait.
CREATE INDEX conversation_message_tenant_created_at ON conversation_message (tenant_id, created_at);
DROP INDEX conversation_message_created_at;
