-- Search at province scale (issue 19, deliverable 5): keep each item's search vector in its
-- heap row instead of TOAST. A bench document's tsvector is ~1.9 KB, so under the default
-- rules (values moved out of line once a row passes ~2 KB) most of them lived in the TOAST
-- table, and every recheck of a phrase, every newest-rows scan and every filter read ~3
-- buffers per candidate (heap page, TOAST index, TOAST chunk): 28–76 µs each at 1,000,000
-- items (bench/README.md, "PostgreSQL at province scale").
--
-- STORAGE MAIN: a value too large for the row is compressed in place before it is moved
-- out of line. toast_tuple_target = 8160 (the largest allowed): rows up to a full page are
-- left as they are, neither compressed (a decompression per recheck) nor moved out.
-- Vectors larger than a page still go to TOAST; nothing is lost.
ALTER TABLE item_search ALTER COLUMN tsv SET STORAGE MAIN;
ALTER TABLE item_search SET (toast_tuple_target = 8160);
-- The new rules apply to rows written from now on; CLUSTER rewrites the existing rows (it
-- fetches every TOASTed value back and stores it under the new rules) and their indexes,
-- in item_id order, the order in which every walk of src/search/postgres_search.cpp visits
-- them. Unlike VACUUM FULL it may run inside the migration's transaction. It holds an
-- exclusive lock on item_search while it runs: at 1,000,000 items plan for the time of a
-- GIN and a RUM index build (docs/deploy/README.md).
CLUSTER item_search USING item_search_pkey;
-- The walk is chosen from the planner's estimate of the matches (the lexeme statistics of
-- tsv) and the table's row count: refresh both for the rewritten table.
ANALYZE item_search;
