-- The guide's content, stored as data rather than one block of text, so the
-- job search and the salary estimator can point at the same skills.

-- What kind of skill it is; decides how the guide groups it and whether it
-- links to jobs and pay (people skills do not).
CREATE TYPE skill_category AS ENUM ('language', 'database', 'platform', 'practice', 'people');

-- Skills, identified by a stable slug that URLs use (/salary?skill=python).
-- Later tables (job skills, salary premiums) reference skills(slug).
CREATE TABLE skills (
    slug     text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name     text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    category skill_category NOT NULL,
    blurb    text NOT NULL CHECK (length(blurb) BETWEEN 1 AND 300),
    position smallint NOT NULL UNIQUE CHECK (position > 0)
);

-- Blocks of structured content that a guide section embeds after its text.
CREATE TYPE guide_block AS ENUM ('skills', 'roadmap');

-- The guide's sections, in reading order. Paragraphs and bullet points are
-- arrays so the page can render them as real <p> and <li> elements.
CREATE TABLE guide_sections (
    slug       text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position   smallint NOT NULL UNIQUE CHECK (position > 0),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    summary    text NOT NULL CHECK (length(summary) BETWEEN 1 AND 300),
    paragraphs text[] NOT NULL DEFAULT '{}',
    points     text[] NOT NULL DEFAULT '{}',
    -- At most one section shows each block.
    includes   guide_block UNIQUE
);

-- The roadmap, one row per step; position is the step's number.
CREATE TABLE roadmap_steps (
    position smallint PRIMARY KEY CHECK (position BETWEEN 1 AND 20),
    title    text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    summary  text NOT NULL CHECK (length(summary) BETWEEN 1 AND 300),
    details  text[] NOT NULL CHECK (cardinality(details) > 0)
);
