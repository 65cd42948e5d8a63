-- API token scope (issue 16): an optional expiry (UTC ISO 8601; the token is refused from
-- that instant) and a read-only flag (1: GET routes only). Existing tokens keep full scope
-- and no expiry.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
