// Tables flattened without separators. When a portal's table is copied or extracted as
// text, each cell often becomes its own line or paragraph ("（一）予以公开", "10", "3", …),
// a row may become one line with the values separated by spaces ("规章  0  1  5", what PDF
// text extraction gives), or a whole row of numbers stands alone (table 四's 15 values).
// Such lines look like prose to a line-based reader; this step finds them and turns them
// into table rows, so that the recogniser sees the same cell sequence as for a `|` table.
#pragma once

#include <string_view>
#include <vector>

#include "check/document.hpp"

namespace gongkai::check {

// The cells of one short line read as a table row: a lone value or unit is one cell; a
// line ending in values separated by white space ("（一）予以公开 10 3 1", "3 1 2 1 7 …")
// is its label (if any) followed by one cell per value or unit; anything else is one cell.
std::vector<std::string_view> SplitBareLine(std::string_view line);

// Moves the narrative lines that belong to flattened tables into `doc.rows`. A run of
// consecutive "cell-like" lines (short, no sentence end, see the .cpp) — table rows already
// found may sit between them — is a table when its lines hold at least three value cells
// (numbers, "/", "-"), or when the input marked one of them as a cell (`cell_hint`) and it
// holds a value. Prose lines end a run. Rows keep input order (by line). Never fails.
void PromoteCellRuns(Document& doc);

}  // namespace gongkai::check
