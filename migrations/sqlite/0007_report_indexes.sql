-- Indexes for annual reports at province scale (bench/README.md): items published in a
-- year counted from the index alone, and the few items flagged 规章/行政规范性文件 found
-- without scanning every item.
CREATE INDEX items_published_cover ON items(published_on, state, org_id);
CREATE INDEX items_kind ON items(org_id, formed_on) WHERE is_regulation = 1 OR is_normative = 1;
