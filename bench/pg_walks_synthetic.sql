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
