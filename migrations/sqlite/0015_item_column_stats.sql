-- The column audit (dashboard, /admin/columns, `gongkai audit columns`) aggregates the
-- published items per body and 栏目 (ItemRepository::CategoryStats): covering the GROUP BY
-- with its filter columns lets it read the index alone instead of ~200,000 item rows.
CREATE INDEX items_org_state_category ON items(org_id, state, category, published_on);
