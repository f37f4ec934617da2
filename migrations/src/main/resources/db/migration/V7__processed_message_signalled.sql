-- Closes the window between claiming a provider message id and handing the message to Temporal:
-- a claim whose signal was never confirmed (the API process died in between) is signalled again
-- by the provider's redelivery instead of being answered "duplicate" and lost.
ALTER TABLE processed_message ADD COLUMN signalled_at timestamptz;
UPDATE processed_message SET signalled_at = received_at;
