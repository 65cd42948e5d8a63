#include "check/text_table.hpp"

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

}  // namespace

Document ExtractTextDocument(std::string_view utf8) {
  Document doc;
  const std::vector<std::string_view> lines = SplitLines(utf8);
  doc.line_count = static_cast<int>(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    std::string_view line = Trim(lines[i]);
    if (line.empty()) continue;
    const bool has_pipe = line.find('|') != std::string_view::npos;
    const bool has_tab = line.find('\t') != std::string_view::npos;
    if (!has_pipe && !has_tab) {
      doc.narrative.push_back({std::string(line), line_no});
      continue;
    }
    RawRow row;
    int pipes = 0;
    if (OnlyPipesAndSpaces(line, &pipes)) {
      // A "||" run: n pipes stand for n-1 empty cells (one at least).
      for (int k = 0; k < (pipes > 1 ? pipes - 1 : 1); ++k) row.push_back({"", line_no});
      doc.rows.push_back(std::move(row));
      continue;
    }
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find_first_of("|\t", start);
      if (end == std::string_view::npos) end = line.size();
      std::string_view piece = Trim(line.substr(start, end - start));
      const bool last = end == line.size();
      if (!(last && piece.empty())) row.push_back({std::string(piece), line_no});
      if (last) break;
      start = end + 1;
    }
    // A tab-separated line whose separators were all tabs may start with an empty
    // first piece when it was indented; Trim removed that, so nothing to do here.
    if (!row.empty()) doc.rows.push_back(std::move(row));
  }
  return doc;
}

}  // namespace gongkai::check
