// Splits a report copied from a web page as plain text into narrative lines and table
// cells. The table layouts of published reports, often mixed in one file:
//   1. one cell per line, each ending in " |" (the seed): "统计数 |";
//   2. a whole row on one line with "|" separators: "规章 | 0 | 1 | 5 |" (Markdown rows
//      "| a | b |" too; their alignment rows "| :--- |" and "**" emphasis are dropped);
//   3. "||" runs standing for empty cells: "||" alone, or "(一)予以公开 | 5 || 3 |";
//   4. one cell per line, the next line holding a lone "|" ("cell, then |");
//   5. one cell per line or per paragraph with no "|" at all, or a row per line with the
//      values separated by spaces (PDF text): found by PromoteCellRuns (cell_runs.hpp).
// Tab-separated rows (what a browser puts on the clipboard) are read as layout 2.
#pragma once

#include <string_view>

#include "check/document.hpp"

namespace gongkai::check {

// `utf8` must already be normalised (see input.hpp). A line containing '|' or a tab is a
// table row: it is split at each '|' (and tab); the empty piece after a trailing '|' (and
// before a leading one) is dropped, so "x |" is one cell, "||" is one empty cell,
// "a || b |" is a, "", b. A lone "|" after a line without one marks that line as a cell.
// Other non-blank lines are narrative unless PromoteCellRuns takes them as table cells.
// Never fails; blank lines are skipped.
Document ExtractTextDocument(std::string_view utf8);

}  // namespace gongkai::check
