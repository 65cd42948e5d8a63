-- The column audit (dashboard, /admin/columns, `gongkai audit columns`) aggregates the
-- published items per body and 栏目 (ItemRepository::CategoryStats): covering the GROUP BY
-- with its filter columns lets it read the index alone instead of ~200,000 item rows.
-- State first, so that the items list's org_id filter does not choose it over a scan by id
-- (the list's own state filter is written so as not to use it either).
CREATE INDEX items_state_org_category ON items(state, org_id, category, published_on);
