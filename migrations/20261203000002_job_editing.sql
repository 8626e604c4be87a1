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
-- The back office's home lists published jobs about to close.
CREATE INDEX jobs_closing_idx ON jobs (valid_through) WHERE status = 'published';

-- Typo correction suggests words of titles: only of published jobs now
-- that drafts exist, so a draft's title never reaches the public as a
-- "did you mean". Rebuilt with the same indexes.
DROP MATERIALIZED VIEW search_terms;

CREATE MATERIALIZED VIEW search_terms AS
SELECT term
FROM (
    SELECT lower(word) AS term
    FROM jobs, regexp_split_to_table(title, '[^[:alnum:]#+.]+') AS word
    WHERE jobs.status = 'published'
    UNION
    SELECT lower(word)
    FROM skills, regexp_split_to_table(name || ' ' || slug, '[^[:alnum:]#+.]+') AS word
) AS words
WHERE length(term) >= 2;

CREATE UNIQUE INDEX search_terms_term_idx ON search_terms (term);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (term gist_trgm_ops);
