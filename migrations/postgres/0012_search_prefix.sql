-- Search (issue 7): SQLite's FTS table gains a one-character prefix index in this version
-- (migrations/sqlite/0012_search_prefix.sql). PostgreSQL's GIN index answers prefix
-- queries ('水':*) from its sorted keys already; nothing changes here.

SELECT 1;
