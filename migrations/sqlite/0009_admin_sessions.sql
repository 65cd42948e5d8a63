-- Back office: failed sign-in attempts (per hashed username or client address) kept in the
-- database so every server sees them, and an index to purge expired sessions.

CREATE TABLE login_failures (
  failure_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_failed_at TEXT NOT NULL,
  locked_until TEXT
);
CREATE INDEX sessions_expires ON sessions(expires_at);
