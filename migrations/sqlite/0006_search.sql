-- Full-text search (issue 7): published items' text as the token stream of
-- src/search/tokenize.hpp (Han bigrams plus a run-final single character, words, numbers),
-- indexed by FTS5's unicode61 tokenizer, which keeps our tokens as they are. The FTS table is
-- contentless (rowid = items.id); item_search_docs records which items are indexed.
-- Withdrawn items stay in the index and are filtered out by joining items.state.

CREATE VIRTUAL TABLE item_search USING fts5(tokens, content='', tokenize='unicode61 remove_diacritics 0');

CREATE TABLE item_search_docs (
  item_id INTEGER PRIMARY KEY REFERENCES items(id)
);

-- Exact lookup by 文号 and the paged lists of a body's column.
CREATE INDEX items_doc_no ON items(doc_no);
CREATE INDEX items_org_state_published ON items(org_id, state, published_on);
