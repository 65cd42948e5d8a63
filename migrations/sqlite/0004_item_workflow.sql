-- The proactive-disclosure workflow (issue 5): who wrote an item, its history (submission,
-- 保密审查 approve/reject, publication, withdrawal), its attachments (bytes stored outside
-- the database by SHA-256) and each body's catalog columns.

ALTER TABLE items ADD COLUMN author TEXT NOT NULL DEFAULT '';
CREATE INDEX items_state_formed ON items(state, formed_on);
CREATE INDEX item_channels_date ON item_channels(published_on);

CREATE TABLE item_events (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'submit', 'approve', 'reject', 'publish', 'withdraw', 'channel', 'validity', 'import')),
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  UNIQUE (item_id, seq)
);

CREATE TABLE item_attachments (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  UNIQUE (item_id, position)
);

CREATE TABLE catalog_categories (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  path TEXT NOT NULL,
  mandatory INTEGER NOT NULL DEFAULT 0,
  stale_days INTEGER NOT NULL DEFAULT 0 CHECK (stale_days >= 0),
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (org_id, path)
);
