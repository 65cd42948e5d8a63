-- Letters issued to applicants (issue 21): 补正告知书, 延期告知书, 征求第三方意见书, 收费通知
-- and 答复书, stored exactly as issued (the handler may edit the generated draft) so they
-- can be printed again and fetched by the applicant. Append-only.
CREATE TABLE request_letters (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  kind TEXT NOT NULL CHECK (kind IN ('correction', 'extension', 'consultation', 'fee', 'reply')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX request_letters_request ON request_letters(request_id, id);
