-- "Book a demo lesson": when staff are available, the bookings visitors
-- make, the emails those bookings owe, and per-address rate limits.
--
-- The guarantees live here, not only in code:
--   * no two active bookings overlap (an EXCLUDE constraint, btree_gist);
--   * one submission is one booking, however often it is sent again (a
--     unique idempotency hash);
--   * a booking and its confirmation email are written together, so the
--     email can wait for SMTP but is never lost.

-- ---- Availability ------------------------------------------------------------

-- One row of settings. Times are stated in `zone` (an IANA name), so opening
-- hours follow daylight saving the way the staff's own clocks do.
CREATE TABLE booking_settings (
    only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    zone            text NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
    slot_minutes    integer NOT NULL CHECK (slot_minutes BETWEEN 10 AND 240),
    -- Kept free between two bookings.
    buffer_minutes  integer NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 120),
    -- The earliest bookable start is this far ahead of now...
    notice_minutes  integer NOT NULL CHECK (notice_minutes BETWEEN 0 AND 20160),
    -- ...and the latest this many days ahead.
    horizon_days    integer NOT NULL CHECK (horizon_days BETWEEN 1 AND 365),
    -- Personal details of a booking are erased this long after the lesson.
    retention_days  integer NOT NULL CHECK (retention_days BETWEEN 1 AND 3650)
);

-- Opening hours for each ISO weekday (1 = Monday), in the settings' zone.
-- Several rows for one day give several blocks (a lunch break).
CREATE TABLE availability_rules (
    id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts   time NOT NULL,
    ends     time NOT NULL,
    CONSTRAINT availability_rules_ordered CHECK (starts < ends)
);

-- A date that departs from the weekly rules. A row without hours closes the
-- day; rows with hours replace that day's weekly hours.
CREATE TABLE availability_exceptions (
    id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day     date NOT NULL,
    starts  time,
    ends    time,
    CONSTRAINT availability_exceptions_hours CHECK (
        (starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends IS NOT NULL AND starts < ends)
    )
);
CREATE INDEX availability_exceptions_day ON availability_exceptions (day);

-- Sensible defaults until staff get an editor: weekdays 09:00–17:00 Berlin
-- time with a lunch hour, 30-minute lessons, 10 minutes between them,
-- 12 hours' notice, 30 days ahead, details kept 180 days.
INSERT INTO booking_settings
    (zone, slot_minutes, buffer_minutes, notice_minutes, horizon_days, retention_days)
VALUES ('Europe/Berlin', 30, 10, 720, 30, 180);

INSERT INTO availability_rules (weekday, starts, ends)
SELECT day, hours.starts, hours.ends
FROM generate_series(1, 5) AS day,
     (VALUES (time '09:00', time '12:00'), (time '13:00', time '17:00')) AS hours (starts, ends);

-- ---- Bookings ------------------------------------------------------------------

CREATE TYPE booking_status AS ENUM ('pending', 'confirmed', 'cancelled', 'completed');

CREATE TABLE bookings (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What the visitor quotes to staff: BL- and four letters or digits.
    reference        text NOT NULL CHECK (reference ~ '^BL-[0-9A-Z]{4,8}$'),
    -- The lesson itself, [start, end).
    during           tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
    -- The lesson widened by half the buffer on each side: two bookings
    -- clash exactly when these overlap, which the constraint below refuses.
    blocks           tstzrange NOT NULL CHECK (blocks @> during),
    status           booking_status NOT NULL DEFAULT 'confirmed',
    -- Personal details; all NULL once erased (by the visitor or retention).
    name             text CHECK (length(name) BETWEEN 1 AND 100),
    email            text CHECK (length(email) BETWEEN 3 AND 254),
    phone            text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    topic            text CHECK (length(topic) BETWEEN 1 AND 1000),
    -- The zone the visitor saw the times in, for their emails.
    visitor_zone     text NOT NULL CHECK (length(visitor_zone) BETWEEN 1 AND 64),
    -- SHA-256 of the manage token. The token itself is never stored: it is
    -- the idempotency key the form was sent with, so the same submission
    -- always finds the same booking, and only its sender knows the link.
    token_hash       bytea NOT NULL CHECK (length(token_hash) = 32),
    consented_at     timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    cancelled_at     timestamptz,
    erased_at        timestamptz,
    -- Counts changes, so a calendar app replaces its copy of the event
    -- (the .ics SEQUENCE).
    revision         integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
    CONSTRAINT bookings_reference_unique UNIQUE (reference),
    CONSTRAINT bookings_token_unique UNIQUE (token_hash),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (blocks WITH &&)
        WHERE (status IN ('pending', 'confirmed')),
    CONSTRAINT bookings_erased_has_no_details CHECK (
        erased_at IS NULL OR (name IS NULL AND email IS NULL AND phone IS NULL AND topic IS NULL)
    ),
    CONSTRAINT bookings_details_until_erased CHECK (
        erased_at IS NOT NULL OR (name IS NOT NULL AND email IS NOT NULL)
    )
);
CREATE INDEX bookings_upcoming ON bookings (lower(during)) WHERE status IN ('pending', 'confirmed');
CREATE INDEX bookings_to_erase ON bookings (upper(during)) WHERE erased_at IS NULL;

-- ---- Outbox ----------------------------------------------------------------------

-- Emails owed to visitors, written in the same transaction as the booking
-- change they report. A worker sends them and retries with backoff; several
-- server instances share the work with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id       bigint REFERENCES bookings (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('booking_confirmed', 'booking_rescheduled', 'booking_cancelled')),
    -- NULL once sent or erased: the address and the text (which holds the
    -- manage link) are kept only as long as the email is owed.
    recipient        text CHECK (length(recipient) BETWEEN 3 AND 254),
    subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    body             text CHECK (length(body) BETWEEN 1 AND 20000),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT outbox_pending_has_message CHECK (
        sent_at IS NOT NULL OR recipient IS NULL OR body IS NOT NULL
    )
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND recipient IS NOT NULL;

-- ---- Rate limits -------------------------------------------------------------------

-- Fixed windows per client address and action, shared by every server
-- instance. One upsert counts a request and says whether it is over.
CREATE TABLE rate_limits (
    action        text NOT NULL CHECK (length(action) BETWEEN 1 AND 40),
    client        inet NOT NULL,
    window_start  timestamptz NOT NULL,
    hits          integer NOT NULL CHECK (hits >= 1),
    PRIMARY KEY (action, client)
);
