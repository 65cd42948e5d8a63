// The intermediate form every input layout is turned into before recognition: the
// narrative (prose lines) and the table cells, each with the line it came from.
#pragma once

#include <string>
#include <vector>

namespace gongkai::check {

struct SourceLine {
  std::string text;  // normalised UTF-8 (simplified, half-width digits), trimmed
  int line = 0;      // 1-based line number in the input file
  // The input delimits this line as a cell (a lone "|" follows it): see cell_runs.hpp.
  bool cell_hint = false;
};

struct RawCell {
  std::string text;  // normalised UTF-8, trimmed; "" for an empty cell
  int line = 0;
};

// One table row as the input delimits it: a `<tr>`, a line with `|` or tab separators, or
// (in the one-cell-per-line layout) a single cell.
using RawRow = std::vector<RawCell>;

struct Document {
  std::vector<SourceLine> narrative;  // prose, headings, titles: lines outside tables
  std::vector<RawRow> rows;           // table rows, in input order
  int line_count = 0;
};

}  // namespace gongkai::check
