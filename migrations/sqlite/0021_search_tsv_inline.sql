-- PostgreSQL's migration 0021 moves the search vectors of item_search out of TOAST into
-- their heap rows (migrations/postgres/0021_search_tsv_inline.sql). SQLite's FTS5 index has
-- no such storage choice; the version is recorded so that both backends carry the same
-- numbers, and nothing else is done.
SELECT 1;
