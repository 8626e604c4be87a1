-- The staff area's accounts, sessions, failed logins and audit log.
-- Sessions live here rather than in an instance's memory, so every
-- instance accepts a session any of them started, and logging out on one
-- ends it on all.

CREATE TYPE staff_role AS ENUM ('admin', 'staff');

CREATE TABLE staff_accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- As typed at creation; unique without regard to case (index below).
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = btrim(email)),
    role          staff_role NOT NULL,
    -- A deactivated account cannot log in, and its sessions end.
    active        boolean NOT NULL DEFAULT true,
    -- argon2id in PHC form, with its own salt and parameters. Never a
    -- default: accounts are created with a password typed by a person.
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX staff_accounts_email_key ON staff_accounts (lower(email));

-- tower-sessions records: the session's data (who is logged in, when they
-- logged in), keyed by its random id. Expired rows are deleted by the
-- housekeeping job; loading ignores them before that.
CREATE TABLE staff_sessions (
    id          text PRIMARY KEY,
    data        jsonb NOT NULL,
    expiry_date timestamptz NOT NULL
);

CREATE INDEX staff_sessions_expiry_idx ON staff_sessions (expiry_date);

-- One row per failed login, counted per account (the email as typed,
-- lower-cased, whether or not it exists) and per client address over the
-- last 15 minutes. Shared by every instance. Rows older than a day go.
CREATE TABLE staff_login_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_key text NOT NULL,
    client    text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX staff_login_failures_email_idx ON staff_login_failures (email_key, at);
CREATE INDEX staff_login_failures_client_idx ON staff_login_failures (client, at);

-- Every staff action: who, what, when, the record touched, and for edits
-- the values before and after. Kept when the account is removed.
CREATE TABLE staff_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    account_id bigint REFERENCES staff_accounts (id) ON DELETE SET NULL,
    -- The email at the time, so the row still says who after a removal.
    actor      text NOT NULL,
    action     text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
    record     text,
    before     jsonb,
    after      jsonb
);

CREATE INDEX staff_audit_at_idx ON staff_audit (at DESC);
