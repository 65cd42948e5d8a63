-- Search at province scale (issue 19): PostgreSQL gains a RUM index
-- (migrations/postgres/0019_search_rum.sql). FTS5 already walks its rowids newest first and
-- stops early; nothing changes here.

SELECT 1;
