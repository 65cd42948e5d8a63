-- The stored result of the last personal-data scan of each item (issue 20): written when an
-- item is published, masked or imported and refreshed by `gongkai audit personal-data`, so
-- the back-office dashboard counts published items with unmasked findings in SQL instead of
-- scanning every item on each page view. Only counts: the findings themselves (and the
-- values) are never stored here.
CREATE TABLE item_pii_scans (
  item_id BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  unmasked INTEGER NOT NULL,
  masked INTEGER NOT NULL
);
-- The dashboard reads the few items with unmasked findings, then their items rows.
CREATE INDEX item_pii_scans_unmasked ON item_pii_scans(unmasked, item_id);
