-- Full-text search (issue 7): the same token stream as SQLite's FTS5 table (see
-- src/search/tokenize.hpp), stored as a tsvector built from explicit positions (no text
-- search parser or dictionary is involved, so both backends see identical tokens), with a
-- GIN index. Withdrawn items stay indexed and are filtered out by joining items.state.

CREATE TABLE item_search (
  item_id BIGINT PRIMARY KEY REFERENCES items(id),
  tsv tsvector NOT NULL
);
CREATE INDEX item_search_tsv ON item_search USING GIN (tsv);

-- Exact lookup by 文号 and the paged lists of a body's column.
CREATE INDEX items_doc_no ON items(doc_no);
CREATE INDEX items_org_state_published ON items(org_id, state, published_on);
