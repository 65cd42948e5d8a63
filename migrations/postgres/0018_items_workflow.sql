-- The items still in the workflow (draft, submitted, approved, returned): the reviewer's
-- queue, the editor's "approved, to publish" and "returned to me", the dashboard's lists and
-- the column audit's pending duties read them newest or oldest first with a LIMIT. They are
-- a few hundred among ~200,000 published items, but the planner cannot tell from one state
-- value, and scanned every item by id. The queries repeat this condition word for word
-- (store/internal/item_workflow_sql.hpp) so that this small index serves them.
CREATE INDEX items_workflow ON items(id) WHERE state IN ('draft', 'submitted', 'approved', 'rejected');
