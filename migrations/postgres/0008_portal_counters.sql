-- The portal's counters, written in batches (web/site_counters): visits per page and day
-- (访问量), and searches that found nothing, for editors to see what people miss.
CREATE TABLE page_visits (
  day TEXT NOT NULL,
  path TEXT NOT NULL,
  visits BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, path)
);

CREATE TABLE search_misses (
  day TEXT NOT NULL,
  query TEXT NOT NULL,
  misses BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, query)
);

-- Contact details left on the online consultation and complaint forms, sealed like an
-- applicant's personal data (app/personal_data); '' when none was given.
ALTER TABLE consultations ADD COLUMN contact_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN contact_sealed TEXT NOT NULL DEFAULT '';
