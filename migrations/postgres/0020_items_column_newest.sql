-- A body's column page lists its published items of one category and those below it,
-- newest first (search/published_queries.cpp, published::ListColumn): one walk per
-- category on this index, newest first, merged — a page reads about offset + limit rows per
-- category, where a filter on the category (LIKE 'X/%', which no index serves) counted and
-- sorted every item of the body at each render. id ends the key so that equal dates are
-- ordered too (PostgreSQL's Merge Append needs the full order from each walk; SQLite would
-- append the rowid anyway). Published items only: the page shows nothing else.
CREATE INDEX items_column_newest ON items(org_id, category, published_on, id) WHERE state = 'published';
