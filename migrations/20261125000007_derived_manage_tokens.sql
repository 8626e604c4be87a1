-- Manage tokens that the database alone cannot reveal.
--
-- Until now the form's idempotency key was also the manage token, and an
-- email waiting in the outbox held the whole link. Now:
--   * the idempotency key is kept only as a SHA-256 (`idempotency_hash`);
--   * each booking gets a random `token_nonce`, and its manage token is
--     HMAC-SHA256(server secret, nonce), of which only a SHA-256 is stored
--     (`token_hash`, as before);
--   * an email waiting in the outbox holds a placeholder where the link
--     goes; the sender derives the link when it sends.
-- So neither a copy of the database nor the form's key gives a manage link.

ALTER TABLE bookings
    ADD COLUMN idempotency_hash bytea,
    ADD COLUMN token_nonce bytea CHECK (length(token_nonce) = 16);

-- Bookings made before this had key = token; they keep working as they were.
UPDATE bookings SET idempotency_hash = token_hash;

ALTER TABLE bookings
    ALTER COLUMN idempotency_hash SET NOT NULL,
    ADD CONSTRAINT bookings_idempotency_hash_length CHECK (length(idempotency_hash) = 32),
    ADD CONSTRAINT bookings_idempotency_unique UNIQUE (idempotency_hash);
