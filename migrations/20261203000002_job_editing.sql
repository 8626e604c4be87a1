-- Staff edit jobs in the back office.
--
-- A job can now be taken off the site and brought back (`unpublished`:
-- not listed, and its page is not found, unlike `expired`, whose page says
-- it has closed). Every save adds one to `version`; a save names the
-- version it started from, so two staff editing one job get a conflict
-- instead of one silently overwriting the other.

ALTER TYPE job_status ADD VALUE 'unpublished';

ALTER TABLE jobs
    ADD COLUMN version    integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The back office lists jobs by status, newest first.
CREATE INDEX jobs_status_idx ON jobs (status, id DESC);
