#include "check/text_table.hpp"

#include "check/cell_runs.hpp"
#include "check/util.hpp"

namespace gongkai::check {
namespace {

bool OnlyPipesAndSpaces(std::string_view line, int* pipes) {
  *pipes = 0;
  for (char c : line) {
    if (c == '|') {
      ++*pipes;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return *pipes > 0;
}

// "| :--- | :---: |": a Markdown table's alignment row.
bool IsMarkdownRule(std::string_view line) {
  bool dash = false;
  for (char c : line) {
    if (c == '-') {
      dash = true;
    } else if (c != '|' && c != ':' && c != ' ' && c != '\t') {
      return false;
    }
  }
  return dash;
}

// Markdown emphasis around a cell ("**一、主动公开情况**").
std::string_view StripEmphasis(std::string_view s) {
  while (s.size() >= 4 && s.substr(0, 2) == "**" && s.substr(s.size() - 2) == "**") {
    s = Trim(s.substr(2, s.size() - 4));
  }
  return s;
}

}  // namespace

Document ExtractTextDocument(std::string_view utf8) {
  Document doc;
  const std::vector<std::string_view> lines = SplitLines(utf8);
  doc.line_count = static_cast<int>(lines.size());
  // Whether the previous non-blank line was prose, i.e. a candidate cell that a lone "|"
  // may terminate ("cell, then a line holding only |").
  bool after_bare = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    std::string_view line = Trim(lines[i]);
    if (line.empty()) continue;
    const bool has_pipe = line.find('|') != std::string_view::npos;
    const bool has_tab = line.find('\t') != std::string_view::npos;
    if (!has_pipe && !has_tab) {
      doc.narrative.push_back({std::string(StripEmphasis(line)), line_no});
      after_bare = true;
      continue;
    }
    RawRow row;
    int pipes = 0;
    if (OnlyPipesAndSpaces(line, &pipes)) {
      if (pipes == 1 && after_bare) {
        // The previous line was one cell; this "|" closes it.
        doc.narrative.back().cell_hint = true;
        after_bare = false;
        continue;
      }
      // A "||" run: n pipes stand for n-1 empty cells (one at least).
      for (int k = 0; k < (pipes > 1 ? pipes - 1 : 1); ++k) row.push_back({"", line_no});
      doc.rows.push_back(std::move(row));
      after_bare = false;
      continue;
    }
    after_bare = false;
    if (has_pipe && IsMarkdownRule(line)) continue;
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find_first_of("|\t", start);
      if (end == std::string_view::npos) end = line.size();
      std::string_view piece = StripEmphasis(Trim(line.substr(start, end - start)));
      const bool last = end == line.size();
      // A Markdown row starts with "|": no cell before it.
      const bool leading = start == 0 && end == 0 && line.front() == '|';
      if (!(last && piece.empty()) && !leading) row.push_back({std::string(piece), line_no});
      if (last) break;
      start = end + 1;
    }
    if (!row.empty()) doc.rows.push_back(std::move(row));
  }
  PromoteCellRuns(doc);
  return doc;
}

}  // namespace gongkai::check
