-- The hourly round of the quota-reset workflow deletes ledger rows and activity-log lines older
-- than their retention (Housekeeping.PruneExpired, clinicflow.retention.*), oldest first, by age
-- across every clinic. processed_message and telegram_update have their received_at indexes
-- already; these are the other three. (Not CONCURRENTLY: Flyway holds a transaction of its own
-- while it migrates, which a concurrent build would wait on for ever. On a deployment with years
-- of sends the build takes a while, and writes to these tables wait for it.)
CREATE INDEX outbound_message_created_at ON outbound_message (created_at);
CREATE INDEX task_request_created_at ON task_request (created_at);
CREATE INDEX tenant_activity_log_created_at ON tenant_activity_log (created_at);
