-- The item page lists the interpretations (政策解读) linked to it.
CREATE INDEX responses_interpreted_item ON responses(interpreted_item_id);
