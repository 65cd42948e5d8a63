-- The statements each PostgreSQL search walk issues (src/search/postgres_search.cpp), on a
-- synthetic 1,000,000-row item_search (bench/README.md, "PostgreSQL at province scale").
-- Build the table first (in an empty database; ~4 min + 6 min GIN + 7.5 min RUM here):
--   CREATE TABLE item_search (item_id bigint PRIMARY KEY, tsv tsvector NOT NULL);
--   INSERT INTO item_search SELECT g, (CASE WHEN random() < 0.9 THEN 'common:1 ' ELSE '' END ||
--     CASE WHEN random() < 0.05 THEN 'medium:2 ' ELSE '' END ||
--     CASE WHEN random() < 0.002 THEN 'rare:3 ' ELSE '' END ||
--     (SELECT string_agg('w' || (floor(random() * 5000 + g % 1))::int || ':' || (k + 4), ' ')
--      FROM generate_series(1, 120) k))::tsvector FROM generate_series(1, 1000000) g;
--   CREATE INDEX item_search_tsv ON item_search USING GIN (tsv); ANALYZE item_search;
--   CREATE EXTENSION IF NOT EXISTS rum SCHEMA public;
--   CREATE INDEX item_search_rum ON item_search USING rum (tsv public.rum_tsvector_addon_ops,
--     item_id) WITH (attach = 'item_id', to = 'tsv', order_by_attach = 't');
-- Then: psql URL -X -f bench/pg_walks_synthetic.sql (run twice; quote the second pass).
\timing on
\pset pager off
SET max_parallel_workers_per_gather = 0;
\echo === gin sort
\o /dev/null
SELECT item_id FROM item_search WHERE tsv @@ 'common'::tsquery ORDER BY item_id DESC LIMIT 10001;
\o
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'rare'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'zzz'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common & medium'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium & !common'::tsquery ORDER BY item_id DESC LIMIT 10001) a;
\echo === windows (the windows PostgresNewestMatches takes for each)
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common'::tsquery AND item_id > 1000000-20002 AND item_id <= 1000000 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium'::tsquery AND item_id > 1000000-20002 AND item_id <= 1000000 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium'::tsquery AND item_id > 1000000-20002-360000 AND item_id <= 1000000-20002 ORDER BY item_id DESC LIMIT 9000) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'rare'::tsquery AND item_id > 1000000-20002 AND item_id <= 1000000 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'rare'::tsquery AND item_id > 0 AND item_id <= 1000000-20002 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'zzz'::tsquery AND item_id > 1000000-20002 AND item_id <= 1000000 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'zzz'::tsquery AND item_id > 1000000-180018 AND item_id <= 1000000-20002 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'zzz'::tsquery AND item_id > 0 AND item_id <= 1000000-180018 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common & medium'::tsquery AND item_id > 1000000-20002 AND item_id <= 1000000 ORDER BY item_id DESC LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common & medium'::tsquery AND item_id > 1000000-420000 AND item_id <= 1000000-20002 ORDER BY item_id DESC LIMIT 10001) a;
\echo === rum ordered (bitmap scans and sorts off, so the planner takes the RUM index)
SET enable_bitmapscan = off;
SET enable_sort = off;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'rare'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'zzz'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'common & medium'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
SELECT count(*) FROM (SELECT item_id FROM item_search WHERE tsv @@ 'medium & !common'::tsquery ORDER BY item_id OPERATOR(public.<=|) 4503599627370496::bigint LIMIT 10001) a;
