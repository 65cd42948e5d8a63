-- 信息处理费 (国办函〔2020〕109号): at most one fee decision per request, in integer yuan,
-- with its payment or waiver. And an index for the due and overdue lists of open requests.

CREATE TABLE request_fees (
  request_id INTEGER PRIMARY KEY REFERENCES requests(id),
  basis TEXT NOT NULL CHECK (basis IN ('per_request', 'per_volume')),
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  prior_count INTEGER NOT NULL DEFAULT 0 CHECK (prior_count >= 0),
  amount_yuan INTEGER NOT NULL CHECK (amount_yuan >= 0),
  notified_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('due', 'paid', 'waived')),
  settled_on TEXT
);
CREATE INDEX request_fees_notified ON request_fees(notified_on);

CREATE INDEX requests_state_due ON requests(state, due_on);
