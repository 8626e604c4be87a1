-- Staff review applications in the back office: where each one is in the
-- hiring process, and staff's notes on it (never shown to the applicant).

CREATE TYPE application_status AS ENUM ('new', 'reviewing', 'interview', 'rejected', 'hired');

ALTER TABLE applications
    ADD COLUMN status     application_status NOT NULL DEFAULT 'new',
    ADD COLUMN notes      text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The inbox lists by status, newest first; a job's list by job.
CREATE INDEX applications_inbox_idx ON applications (status, id DESC);
