-- Search (issue 7): FTS5 also indexes every token's first character (prefix='1'), so a
-- one-character word ("水"*) reads one doclist instead of merging the doclists of every
-- bigram that starts with it (hundreds of them at 1,000,000 items). The matches are the
-- same. The FTS table is contentless and cannot be altered: it is recreated empty and
-- item_search_docs emptied, so the next Sync (gongkai serve, gongkai search sync) indexes
-- every published item again.

DROP TABLE item_search;

CREATE VIRTUAL TABLE item_search USING fts5(tokens, content='', tokenize='unicode61 remove_diacritics 0', prefix='1');

DELETE FROM item_search_docs;
