-- Staff's notes on a booking, for the back office. They are about the
-- visitor, so they are personal data like the name and email: erased with
-- them, by the visitor or by the retention period (the CHECK below holds
-- it), and shown to the visitor in their own data.
ALTER TABLE bookings
    ADD COLUMN staff_notes text CHECK (length(staff_notes) BETWEEN 1 AND 4000);

ALTER TABLE bookings
    DROP CONSTRAINT bookings_erased_has_no_details,
    ADD CONSTRAINT bookings_erased_has_no_details CHECK (
        erased_at IS NULL
        OR (name IS NULL AND email IS NULL AND phone IS NULL AND topic IS NULL AND staff_notes IS NULL)
    );

-- Staff list bookings newest first, or by when they were made.
CREATE INDEX bookings_created_idx ON bookings (created_at DESC);
