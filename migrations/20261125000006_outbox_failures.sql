-- Emails the outbox gives up on: a permanent refusal (the address does not
-- exist) or too many failed attempts. The address and the text, which holds
-- the manage link, are cleared then, as for a sent email; the row stays so
-- staff see what failed and why.
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;

DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL AND recipient IS NOT NULL;
