-- The record model of gongkai (SQLite). Enumerations are checked with OR chains: SQLite 3.40
-- builds a temporary table per row for CHECK (x IN (...)), which made bulk loads 4x slower.
-- Dates are ISO 'YYYY-MM-DD' text (civil dates in
-- Asia/Shanghai); timestamps are UTC ISO 8601 text; money is integer yuan; flags 0/1.

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES orgs(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'government' OR kind = 'department' OR kind = 'township' OR kind = 'institution'),
  sort_order INTEGER NOT NULL DEFAULT 0,
  acceptance_address TEXT NOT NULL DEFAULT '',
  acceptance_hours TEXT NOT NULL DEFAULT '',
  acceptance_phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orgs_parent ON orgs(parent_id);

CREATE TABLE reading_points (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, position)
);

CREATE TABLE org_year_facts (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  dedicated_bodies INTEGER NOT NULL CHECK (dedicated_bodies >= 0),
  staff_full_time INTEGER NOT NULL CHECK (staff_full_time >= 0),
  staff_part_time INTEGER NOT NULL CHECK (staff_part_time >= 0),
  funding_yuan INTEGER NOT NULL CHECK (funding_yuan >= 0),
  PRIMARY KEY (org_id, year)
);

CREATE TABLE admin_stats (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  licensing_decisions INTEGER NOT NULL,
  punishment_decisions INTEGER NOT NULL,
  coercion_decisions INTEGER NOT NULL,
  fees_yuan INTEGER NOT NULL,
  PRIMARY KEY (org_id, year)
);

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  category TEXT NOT NULL CHECK (category = 'meeting' OR category = 'training'),
  kind TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  attendees INTEGER NOT NULL CHECK (attendees >= 0)
);
CREATE INDEX meetings_org_date ON meetings(org_id, held_on);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  role TEXT NOT NULL CHECK (role = 'admin' OR role = 'editor' OR role = 'reviewer' OR role = 'case_handler' OR role = 'auditor'),
  granted_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX role_grants_user ON role_grants(user_id);

CREATE TABLE holiday_years (
  year INTEGER PRIMARY KEY,
  notices TEXT NOT NULL DEFAULT ''
);
CREATE TABLE holiday_days (
  day TEXT NOT NULL,
  year INTEGER NOT NULL REFERENCES holiday_years(year),
  kind TEXT NOT NULL CHECK (kind = 'off' OR kind = 'makeup'),
  PRIMARY KEY (year, day)
);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  index_no TEXT UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  formed_on TEXT NOT NULL,
  published_on TEXT,
  doc_no TEXT NOT NULL DEFAULT '',
  topic TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  disclosure_mode TEXT NOT NULL DEFAULT '',
  validity TEXT NOT NULL CHECK (validity = 'valid' OR validity = 'expired' OR validity = 'repealed'),
  validity_changed_on TEXT,
  is_regulation INTEGER NOT NULL DEFAULT 0,
  is_normative INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state = 'draft' OR state = 'submitted' OR state = 'approved' OR state = 'rejected' OR state = 'published' OR state = 'withdrawn'),
  body_md TEXT NOT NULL DEFAULT ''
);
CREATE INDEX items_org ON items(org_id, id);
CREATE INDEX items_published ON items(published_on);

CREATE TABLE item_channels (
  item_id INTEGER NOT NULL REFERENCES items(id),
  channel TEXT NOT NULL CHECK (channel = 'website' OR channel = 'gazette' OR channel = 'weibo' OR channel = 'wechat' OR channel = 'app' OR channel = 'other'),
  published_on TEXT NOT NULL,
  PRIMARY KEY (item_id, channel)
);

CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind = 'press_conference' OR kind = 'online_interview' OR kind = 'interpretation' OR kind = 'weibo_wechat' OR kind = 'other'),
  held_on TEXT NOT NULL,
  topic TEXT NOT NULL,
  concern_key TEXT NOT NULL DEFAULT '',
  principal_attended INTEGER NOT NULL DEFAULT 0,
  interpreted_item_id INTEGER REFERENCES items(id)
);
CREATE INDEX responses_org_date ON responses(org_id, held_on);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  serial INTEGER NOT NULL,
  tracking_no TEXT NOT NULL,
  lookup_code_hash TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel = 'in_person' OR channel = 'post' OR channel = 'fax' OR channel = 'online' OR channel = 'other'),
  applicant_type TEXT NOT NULL CHECK (applicant_type = 'natural_person' OR applicant_type = 'business' OR applicant_type = 'research' OR applicant_type = 'public_welfare' OR applicant_type = 'legal_service' OR applicant_type = 'other_org'),
  applicant_sealed TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  doc_no TEXT NOT NULL DEFAULT '',
  delivery_form TEXT NOT NULL DEFAULT '',
  submitted_on TEXT NOT NULL,
  received_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'received' OR state = 'correction_requested' OR state = 'in_progress' OR state = 'answered' OR state = 'abandoned' OR state = 'withdrawn'),
  outcome TEXT NOT NULL DEFAULT '',
  due_on TEXT,
  due_provisional INTEGER NOT NULL DEFAULT 0,
  closed_on TEXT,
  UNIQUE (org_id, year, serial)
);
CREATE INDEX requests_received ON requests(org_id, received_on);

CREATE TABLE request_events (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  on_date TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '',
  UNIQUE (request_id, seq)
);

CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  channel TEXT NOT NULL CHECK (channel = 'on_site' OR channel = 'phone' OR channel = 'online'),
  asked_on TEXT NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  answered INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultations_org_date ON consultations(org_id, asked_on);

CREATE TABLE complaints (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  channel TEXT NOT NULL CHECK (channel = 'mayor_mailbox' OR channel = 'hotline_12345' OR channel = 'other'),
  received_on TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  replied_on TEXT
);
CREATE INDEX complaints_org_date ON complaints(org_id, received_on);

CREATE TABLE legal_cases (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind = 'review' OR kind = 'litigation_direct' OR kind = 'litigation_after_review'),
  request_id INTEGER REFERENCES requests(id),
  filed_on TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result = 'maintained' OR result = 'corrected' OR result = 'other' OR result = 'pending'),
  closed_on TEXT
);
CREATE INDEX legal_cases_org_date ON legal_cases(org_id, filed_on);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);
-- One row: the chain's head. Updating it in every append serialises appenders.
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '');
