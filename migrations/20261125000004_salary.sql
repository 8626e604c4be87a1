-- The salary estimator's model: what a back-end developer earns where, and
-- how experience, skills and the type of work move it.
--
-- Every figure names its source. A source is `published` (a statistics
-- office, with year), `illustrative` (our round estimate, labelled so on the
-- page) or `article_claim` (a number the seed article states without a
-- source, shown as its claim). The estimate itself is computed in Rust from
-- these rows, identically on the server and in the browser.

CREATE TYPE salary_source_kind AS ENUM ('published', 'illustrative', 'article_claim');

CREATE TABLE salary_sources (
    slug      text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    title     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    publisher text NOT NULL CHECK (length(publisher) BETWEEN 1 AND 120),
    url       text CHECK (url ~ '^https://[^\s]+$' AND length(url) <= 300),
    year      smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    kind      salary_source_kind NOT NULL,
    -- What the figure covers and what it does not.
    note      text NOT NULL CHECK (length(note) BETWEEN 1 AND 600)
);

-- Places, each with the yearly 25th percentile, median and 75th percentile
-- for a back-end developer across experience levels, in the local currency.
-- A place without figures (all NULL) is still listed, so the page can say
-- "not enough data for Lisbon" instead of guessing; `parent` (a city's
-- country) is the nearest place whose figures may be offered instead.
CREATE TABLE salary_locations (
    slug         text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    country      text NOT NULL CHECK (length(country) BETWEEN 1 AND 80),
    country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    is_city      boolean NOT NULL,
    currency     char(3) NOT NULL REFERENCES currencies (code),
    parent       text REFERENCES salary_locations (slug) CHECK (parent <> slug),
    p25          double precision,
    median       double precision,
    p75          double precision,
    -- The year the figures describe, how many salaries they rest on (NULL
    -- when they are not a sample), and in words what they are.
    figures_year smallint CHECK (figures_year BETWEEN 1990 AND 2100),
    sample_size  integer CHECK (sample_size > 0),
    basis        text CHECK (length(basis) BETWEEN 1 AND 400),
    source       text REFERENCES salary_sources (slug),
    -- Order in the location picker.
    position     smallint NOT NULL UNIQUE CHECK (position > 0),
    UNIQUE (name, country),
    -- Figures come whole, with their year, basis and source, or not at all.
    CONSTRAINT salary_locations_figures_whole CHECK (
        num_nulls(p25, median, p75, figures_year, basis, source) IN (0, 6)
        AND (sample_size IS NULL OR p25 IS NOT NULL)),
    CONSTRAINT salary_locations_figures_ordered CHECK (
        p25 > 0 AND p25 <= median AND median <= p75 AND p75 < 1e10),
    -- Only cities fall back, to their country.
    CONSTRAINT salary_locations_parent_of_city CHECK (is_city OR parent IS NULL)
);

-- Pay relative to the location's median, by whole years of experience.
-- 20 stands for 20 and more: the curve's plateau. The rows must never fall
-- from one year to the next; the loader refuses a model whose curve does.
CREATE TABLE salary_experience (
    years      smallint PRIMARY KEY CHECK (years BETWEEN 0 AND 20),
    multiplier double precision NOT NULL CHECK (multiplier > 0 AND multiplier < 5),
    source     text NOT NULL REFERENCES salary_sources (slug)
);

-- What a skill adds, as a fraction (0.09 = +9 %), before the estimator's
-- diminishing returns and cap. Never negative: adding a skill must never
-- lower an estimate. Whether it is a sourced figure or the article's claim
-- is its source's kind.
CREATE TABLE salary_skill_premiums (
    skill    text PRIMARY KEY REFERENCES skills (slug),
    premium  double precision NOT NULL CHECK (premium >= 0 AND premium <= 2),
    source   text NOT NULL REFERENCES salary_sources (slug),
    -- Order of the toggles: the article's five first.
    position smallint NOT NULL UNIQUE CHECK (position > 0)
);

-- Freelance, agency and temporary work against employment, as a factor on
-- the yearly figure.
CREATE TABLE salary_employment_adjustments (
    employment employment_type PRIMARY KEY,
    multiplier double precision NOT NULL CHECK (multiplier > 0 AND multiplier < 3),
    note       text NOT NULL CHECK (length(note) BETWEEN 1 AND 300),
    source     text NOT NULL REFERENCES salary_sources (slug)
);
