-- Job offers: currencies with dated exchange rates, companies, jobs with a
-- weighted full-text index, and the applications people send.
--
-- The database states what is valid (NOT NULL, CHECK, foreign keys and a
-- trigger for what those cannot express), so no code path can write a job
-- or an application that the site would have to explain away later.

-- ---- Currencies and exchange rates -----------------------------------------

-- The currencies salaries are published and shown in. The Rust `Currency`
-- enum lists the same codes; a test keeps the two in step.
CREATE TABLE currencies (
    code   char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    name   text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    symbol text NOT NULL CHECK (length(symbol) BETWEEN 1 AND 4)
);

-- How many US dollars one unit of `currency` bought on `valid_on`. A salary
-- is converted with the newest rate on or before the day the job was posted,
-- so old offers keep the figure they were published with.
CREATE TABLE fx_rates (
    currency     char(3) NOT NULL REFERENCES currencies (code),
    valid_on     date NOT NULL,
    usd_per_unit double precision NOT NULL CHECK (usd_per_unit > 0 AND usd_per_unit < 1000),
    source       text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    PRIMARY KEY (currency, valid_on)
);

INSERT INTO currencies (code, name, symbol) VALUES
    ('USD', 'US dollar', '$'),
    ('EUR', 'Euro', '€'),
    ('GBP', 'Pound sterling', '£'),
    ('INR', 'Indian rupee', '₹'),
    ('CAD', 'Canadian dollar', 'CA$'),
    ('AUD', 'Australian dollar', 'A$'),
    ('CHF', 'Swiss franc', 'CHF'),
    ('PLN', 'Polish złoty', 'zł'),
    ('SGD', 'Singapore dollar', 'S$'),
    ('BRL', 'Brazilian real', 'R$'),
    ('JPY', 'Japanese yen', '¥');

-- Approximate reference rates, rounded; good enough to compare offers, and
-- labelled as approximate wherever the site shows a converted figure.
INSERT INTO fx_rates (currency, valid_on, usd_per_unit, source)
SELECT code, day::date, rate, 'Approximate market reference rate, rounded (illustrative)'
FROM (VALUES
    ('USD', '2024-01-01', 1.0),    ('USD', '2026-01-01', 1.0),
    ('EUR', '2024-01-01', 1.10),   ('EUR', '2026-01-01', 1.16),
    ('GBP', '2024-01-01', 1.27),   ('GBP', '2026-01-01', 1.33),
    ('INR', '2024-01-01', 0.0120), ('INR', '2026-01-01', 0.0113),
    ('CAD', '2024-01-01', 0.755),  ('CAD', '2026-01-01', 0.72),
    ('AUD', '2024-01-01', 0.68),   ('AUD', '2026-01-01', 0.66),
    ('CHF', '2024-01-01', 1.18),   ('CHF', '2026-01-01', 1.25),
    ('PLN', '2024-01-01', 0.254),  ('PLN', '2026-01-01', 0.273),
    ('SGD', '2024-01-01', 0.757),  ('SGD', '2026-01-01', 0.77),
    ('BRL', '2024-01-01', 0.206),  ('BRL', '2026-01-01', 0.185),
    ('JPY', '2024-01-01', 0.0071), ('JPY', '2026-01-01', 0.0066)
) AS rates (code, day, rate);

-- ---- Companies -------------------------------------------------------------

CREATE TABLE companies (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug    text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    name    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    website text CHECK (website ~ '^https://[^\s]+$' AND length(website) <= 300),
    about   text NOT NULL DEFAULT '' CHECK (length(about) <= 2000)
);

-- ---- Jobs ------------------------------------------------------------------

-- How someone is engaged: on the payroll, as a freelancer, through an agency,
-- or as a temporary worker.
CREATE TYPE employment_type AS ENUM ('employee', 'freelance', 'agency', 'temporary');
CREATE TYPE work_hours AS ENUM ('full_time', 'part_time');
CREATE TYPE workplace AS ENUM ('remote', 'hybrid', 'onsite');
CREATE TYPE seniority AS ENUM ('junior', 'mid', 'senior', 'lead');
CREATE TYPE pay_period AS ENUM ('hour', 'day', 'month', 'year');
-- Only `published` jobs whose `valid_through` is still ahead are listed.
CREATE TYPE job_status AS ENUM ('draft', 'published', 'expired');

-- Working time per period, used to bring every salary to a yearly figure:
-- 40 hours × 52 weeks = 2,080 hours, 5 days × 52 weeks = 260 days, 12 months.
CREATE FUNCTION periods_per_year(period pay_period) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE period WHEN 'hour' THEN 2080 WHEN 'day' THEN 260 WHEN 'month' THEN 12 ELSE 1 END;

CREATE TABLE jobs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    company_id      bigint NOT NULL REFERENCES companies (id),
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 3 AND 120),
    -- Markdown, written by staff; sanitised when rendered.
    description     text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 20000),
    employment_type employment_type NOT NULL,
    hours           work_hours NOT NULL,
    workplace       workplace NOT NULL,
    seniority       seniority NOT NULL,
    -- Where the job is based; for remote jobs, where the employer is and
    -- (country) where applicants must live.
    city            text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 80),
    country         text NOT NULL CHECK (length(btrim(country)) BETWEEN 2 AND 80),
    country_code    char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    latitude        double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    -- The pay exactly as published: whole units of `salary_currency` per period.
    salary_min      integer NOT NULL CHECK (salary_min > 0),
    salary_max      integer NOT NULL,
    salary_currency char(3) NOT NULL REFERENCES currencies (code),
    salary_period   pay_period NOT NULL,
    -- The same range per year in US dollars, for filtering and sorting.
    -- Set by the trigger below from the dated exchange rate; never by code.
    salary_min_usd_year integer NOT NULL,
    salary_max_usd_year integer NOT NULL,
    -- Skill slugs (skills.slug). An array keeps filtering one index lookup;
    -- the trigger below checks each slug exists, as a foreign key would.
    skills          text[] NOT NULL CHECK (cardinality(skills) BETWEEN 1 AND 12),
    status          job_status NOT NULL DEFAULT 'draft',
    posted_at       timestamptz NOT NULL DEFAULT now(),
    valid_through   timestamptz NOT NULL,
    -- Shown next to the application form: what happens after applying.
    how_to_apply    text NOT NULL CHECK (length(btrim(how_to_apply)) BETWEEN 1 AND 1000),
    -- Weighted search document, kept by the trigger: title A, skills B,
    -- company and location C, description D. Stored out of line: only the
    -- GIN index reads it when matching.
    search          tsvector NOT NULL,
    -- The same without the description: small, kept in the row, and what
    -- "best match" ranks by (so ranking never reads the large documents).
    rank_document   tsvector NOT NULL,
    CONSTRAINT jobs_salary_range_ordered CHECK (salary_max >= salary_min),
    CONSTRAINT jobs_valid_after_posting CHECK (valid_through > posted_at)
);

-- Keep rows narrow, so scanning and counting a million jobs reads little:
-- anything making a row longer than 128 bytes (the description, the search
-- document) goes to the TOAST table; what filters and lists read stays.
ALTER TABLE jobs SET (toast_tuple_target = 128);
ALTER TABLE jobs
    ALTER COLUMN search SET STORAGE EXTERNAL,
    ALTER COLUMN rank_document SET STORAGE MAIN,
    ALTER COLUMN title SET STORAGE MAIN,
    ALTER COLUMN skills SET STORAGE MAIN;

-- Derives what must never disagree with the row: the skills exist, the yearly
-- USD range, and the search document.
CREATE FUNCTION jobs_derive() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rate double precision;
    company_name text;
    skill_text text;
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(NEW.skills) AS s (slug)
               WHERE NOT EXISTS (SELECT 1 FROM skills WHERE skills.slug = s.slug)) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'job skills must exist in skills',
            CONSTRAINT = 'jobs_skills_exist';
    END IF;

    SELECT usd_per_unit INTO rate FROM fx_rates
    WHERE currency = NEW.salary_currency AND valid_on <= NEW.posted_at::date
    ORDER BY valid_on DESC LIMIT 1;
    IF rate IS NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('no exchange rate for %s on %s', NEW.salary_currency, NEW.posted_at::date),
            CONSTRAINT = 'jobs_salary_rate_known';
    END IF;
    NEW.salary_min_usd_year := round(NEW.salary_min::double precision * periods_per_year(NEW.salary_period) * rate);
    NEW.salary_max_usd_year := round(NEW.salary_max::double precision * periods_per_year(NEW.salary_period) * rate);

    SELECT name INTO company_name FROM companies WHERE id = NEW.company_id;
    SELECT string_agg(name || ' ' || slug, ' ') INTO skill_text
    FROM skills WHERE slug = ANY (NEW.skills);

    NEW.rank_document :=
        setweight(to_tsvector('english', NEW.title), 'A') ||
        setweight(to_tsvector('english', coalesce(skill_text, '')), 'B') ||
        setweight(to_tsvector('english', concat_ws(' ', company_name, NEW.city, NEW.country)), 'C');
    NEW.search := NEW.rank_document || setweight(to_tsvector('english', NEW.description), 'D');
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_derive BEFORE INSERT OR UPDATE ON jobs
FOR EACH ROW EXECUTE FUNCTION jobs_derive();

-- Full-text search.
CREATE INDEX jobs_search_idx ON jobs USING gin (search);
-- Skill filters and "similar jobs" (array overlap).
CREATE INDEX jobs_skills_idx ON jobs USING gin (skills);
-- Keyset pagination for the two orders that do not depend on the query.
-- Not partial (WHERE status = 'published'): the planner would take such an
-- index as a cheap list of all listed jobs and test the text row by row.
CREATE INDEX jobs_newest_idx ON jobs (posted_at DESC, id DESC);
CREATE INDEX jobs_salary_idx ON jobs (salary_max_usd_year DESC, id DESC);
-- Location filter: a city, a country or a country code, ignoring case.
CREATE INDEX jobs_city_idx ON jobs (lower(city));
CREATE INDEX jobs_country_idx ON jobs (lower(country));
CREATE INDEX jobs_company_idx ON jobs (company_id);

-- ---- Search predicates ---------------------------------------------------------
-- Written once here and used by every search query. Plain SQL functions, so
-- the planner inlines them and still uses the indexes above.

-- The text query for what someone typed: web-search syntax for the whole
-- text, or the text before the last word with the last word as a prefix, so
-- "senior pyth" finds Python while it is being typed. The prefix must be
-- letters, digits and inner dots; anything else is not used as a prefix.
CREATE FUNCTION search_tsquery(full_text text, head text, prefix text) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN full_text = '' THEN NULL
        WHEN prefix !~ '^[[:alnum:]]+(\.[[:alnum:]]+)*$' THEN websearch_to_tsquery('english', full_text)
        WHEN head = '' THEN websearch_to_tsquery('english', full_text) || to_tsquery('english', prefix || ':*')
        ELSE websearch_to_tsquery('english', full_text)
             || (websearch_to_tsquery('english', head) && to_tsquery('english', prefix || ':*'))
    END
$$;

-- Listed, and passing the filters that have no facet counts: the text, the
-- minimum pay and the place. A job paid in the display currency compares in
-- that currency (no exchange rate drift); others by their yearly USD figure.
CREATE FUNCTION job_is_candidate(
    j jobs, tsq tsquery, salary_min_usd integer, currency text, salary_min_native bigint, place text
) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT j.status = 'published' AND j.valid_through > now()
       AND (tsq IS NULL OR j.search @@ tsq)
       AND (salary_min_usd IS NULL
            OR CASE WHEN j.salary_currency = currency
                    THEN j.salary_max::bigint * periods_per_year(j.salary_period) >= salary_min_native
                    ELSE j.salary_max_usd_year >= salary_min_usd END)
       AND (place = '' OR lower(j.city) = lower(place) OR lower(j.country) = lower(place)
            OR j.country_code = upper(place))
$$;

-- Passing the faceted filters. Options of one group combine with "or"
-- (an empty list means "any"), groups with "and".
CREATE FUNCTION job_passes_facets(
    j jobs, types text[], hours text[], workplaces text[], seniorities text[],
    skill_slugs text[], posted_days integer
) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (cardinality(types) = 0 OR j.employment_type::text = ANY (types))
       AND (cardinality(hours) = 0 OR j.hours::text = ANY (hours))
       AND (cardinality(workplaces) = 0 OR j.workplace::text = ANY (workplaces))
       AND (cardinality(seniorities) = 0 OR j.seniority::text = ANY (seniorities))
       AND (cardinality(skill_slugs) = 0 OR j.skills && skill_slugs)
       AND (posted_days IS NULL OR j.posted_at >= now() - make_interval(days => posted_days))
$$;

-- ---- Typo tolerance ----------------------------------------------------------

-- The words of titles and skill names, with a trigram index: the candidates
-- for correcting a typo. A query word that no open job contains at all is
-- replaced by its nearest term here ("pyhton" → "python"). GiST, because it answers "nearest first"
-- (ORDER BY term <-> word) directly. Refreshed after jobs are loaded.
CREATE MATERIALIZED VIEW search_terms AS
SELECT term
FROM (
    SELECT lower(word) AS term
    FROM jobs, regexp_split_to_table(title, '[^[:alnum:]#+.]+') AS word
    UNION
    SELECT lower(word)
    FROM skills, regexp_split_to_table(name || ' ' || slug, '[^[:alnum:]#+.]+') AS word
) AS words
WHERE length(term) >= 2;

CREATE UNIQUE INDEX search_terms_term_idx ON search_terms (term);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (term gist_trgm_ops);

-- ---- Applications -------------------------------------------------------------

-- Someone's application to a job. One per email address per job.
CREATE TABLE applications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id     bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    email      text NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    message    text NOT NULL CHECK (length(btrim(message)) BETWEEN 20 AND 4000),
    cv_url     text CHECK (cv_url ~ '^https?://[^\s]+$' AND length(cv_url) <= 500),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The user-facing rule "one application per email per job", by name, so the
-- code maps this constraint (not an error message) to a clear answer.
CREATE UNIQUE INDEX applications_one_per_email_per_job ON applications (job_id, lower(email));
