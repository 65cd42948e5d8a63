-- 报送/采用: a body submits an item to a higher body's portal, whose editor accepts or
-- rejects it. And server-side sign-in sessions, so several app servers can share one
-- database.

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  from_org_id INTEGER NOT NULL REFERENCES orgs(id),
  to_org_id INTEGER NOT NULL REFERENCES orgs(id),
  submitted_on TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'rejected')),
  decided_on TEXT,
  UNIQUE (item_id, to_org_id)
);
CREATE INDEX submissions_to ON submissions(to_org_id, submitted_on);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
