-- Annual reports: the staff-written narrative sections, and published versions frozen as
-- they were published (later record changes never alter them; a correction is a new
-- version with a change note).

CREATE TABLE report_narratives (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  section INTEGER NOT NULL CHECK (section = 1 OR section = 5 OR section = 6),
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (org_id, year, section)
);

CREATE TABLE report_snapshots (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  subtree INTEGER NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  change_note TEXT NOT NULL DEFAULT '',
  json TEXT NOT NULL,
  html TEXT NOT NULL,
  UNIQUE (org_id, year, subtree, version)
);
