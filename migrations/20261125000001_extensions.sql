-- Extensions the capabilities rely on. All ship with PostgreSQL's contrib
-- package, so any standard server has them.
--   pg_trgm:    trigram similarity, for typo-tolerant job search.
--   btree_gist: lets an EXCLUDE constraint mix equality with range overlap,
--               so the database itself refuses double bookings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
