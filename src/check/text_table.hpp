// Splits a report copied from a web page as plain text into narrative lines and table
// cells. Three table layouts occur in published reports, often mixed in one file:
//   1. one cell per line, each ending in " |" (the seed): "统计数 |";
//   2. a whole row on one line with "|" separators: "规章 | 0 | 1 | 5 |";
//   3. "||" runs standing for empty cells: "||" alone, or "(一)予以公开 | 5 || 3 |".
// Tab-separated rows (what a browser puts on the clipboard) are read as layout 2.
#pragma once

#include <string_view>

#include "check/document.hpp"

namespace gongkai::check {

// `utf8` must already be normalised (see input.hpp). A line containing '|' or a tab is a
// table row: it is split at each '|' (and tab); the empty piece after a trailing '|' is
// dropped, so "x |" is one cell, "||" is one empty cell, "a || b |" is a, "", b. Other
// non-blank lines are narrative. Never fails; blank lines are skipped.
Document ExtractTextDocument(std::string_view utf8);

}  // namespace gongkai::check
