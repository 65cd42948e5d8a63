#include "check/cell_runs.hpp"

#include <algorithm>

#include "check/util.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

// Longest label of the three formats is ~45 characters; notes in parentheses add some.
constexpr int kMaxCellChars = 80;

// A table value as cells hold it: digits (with separators and a point) or a "no value"
// mark. "10件" is not one: with its unit it is prose ("予以公开 10件").
bool IsValue(std::string_view text) {
  text = Trim(text);
  const CellState s = ParseCellValue(text).state;
  if (s == CellState::kNotApplicable) return true;
  if (s != CellState::kNumber) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' || c == '+')) return false;
  }
  return true;
}

int CodePoints(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool EndsSentence(std::string_view s) {
  for (std::string_view p : {"。", "！", "？", "；"}) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  return false;
}

std::vector<std::string_view> SplitBare(std::string_view line);

// A line that may be one table row flattened: no sentence ends in it, and no cell of it
// (the whole line, or its label and values) is longer than a label.
bool CellLike(std::string_view line) {
  if (EndsSentence(line)) return false;
  if (CodePoints(line) <= kMaxCellChars) return true;
  for (std::string_view cell : SplitBare(line)) {
    if (CodePoints(cell) > kMaxCellChars) return false;
  }
  return true;
}

// Splits at runs of white space (ASCII, U+00A0, U+3000).
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0, start = std::string_view::npos;
  while (pos < s.size()) {
    size_t len = 1;
    const char32_t c = DecodeAt(s, pos, &len);
    const bool space = c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
    if (space && start != std::string_view::npos) {
      out.push_back(s.substr(start, pos - start));
      start = std::string_view::npos;
    } else if (!space && start == std::string_view::npos) {
      start = pos;
    }
    pos += len;
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

int ValueCount(const std::vector<std::string_view>& cells) {
  int n = 0;
  for (std::string_view c : cells) n += IsValue(c) ? 1 : 0;
  return n;
}

std::vector<std::string_view> SplitBare(std::string_view line) { return SplitBareLine(line); }

}  // namespace

std::vector<std::string_view> SplitBareLine(std::string_view line) {
  line = Trim(line);
  if (IsValue(line) || IsUnitCell(line)) return {line};
  const std::vector<std::string_view> tokens = Tokens(line);
  size_t first_trailing = tokens.size();
  while (first_trailing > 0 &&
         (IsValue(tokens[first_trailing - 1]) || IsUnitCell(tokens[first_trailing - 1]))) {
    --first_trailing;
  }
  bool any_value = false;
  for (size_t i = first_trailing; i < tokens.size(); ++i) any_value |= IsValue(tokens[i]);
  if (!any_value) return {line};
  std::vector<std::string_view> out;
  if (first_trailing > 0) {
    // The label keeps its inner spacing ("统 计 指 标").
    const char* begin = tokens.front().data();
    const char* end = tokens[first_trailing - 1].data() + tokens[first_trailing - 1].size();
    out.push_back(std::string_view(begin, static_cast<size_t>(end - begin)));
  }
  for (size_t i = first_trailing; i < tokens.size(); ++i) out.push_back(tokens[i]);
  return out;
}

void PromoteCellRuns(Document& doc) {
  if (doc.narrative.empty()) return;
  // The input in line order: narrative lines and table rows (rows carry their first
  // cell's line). On a tie a row follows the narrative line (HTML puts text before cells).
  struct Entry {
    int line;
    bool is_row;
    size_t index;
  };
  std::vector<Entry> entries;
  entries.reserve(doc.narrative.size() + doc.rows.size());
  for (size_t i = 0; i < doc.narrative.size(); ++i) {
    entries.push_back({doc.narrative[i].line, false, i});
  }
  for (size_t i = 0; i < doc.rows.size(); ++i) {
    entries.push_back({doc.rows[i].empty() ? 0 : doc.rows[i].front().line, true, i});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.line != b.line) return a.line < b.line;
    return !a.is_row && b.is_row;
  });

  std::vector<bool> promote(doc.narrative.size(), false);
  size_t i = 0;
  bool any = false;
  while (i < entries.size()) {
    if (!entries[i].is_row && !CellLike(doc.narrative[entries[i].index].text)) {
      ++i;
      continue;
    }
    size_t j = i;
    int values = 0;
    bool hinted = false;
    std::vector<size_t> members;
    while (j < entries.size()) {
      const Entry& e = entries[j];
      if (!e.is_row) {
        const SourceLine& l = doc.narrative[e.index];
        if (!CellLike(l.text)) break;
        values += ValueCount(SplitBareLine(l.text));
        hinted |= l.cell_hint;
        members.push_back(e.index);
      }
      ++j;
    }
    if (values >= 3 || (hinted && values >= 1)) {
      for (size_t m : members) promote[m] = true;
      any = true;
    }
    i = j == i ? i + 1 : j;
  }
  if (!any) return;

  std::vector<SourceLine> narrative;
  std::vector<RawRow> rows;
  rows.reserve(doc.rows.size() + doc.narrative.size());
  for (const Entry& e : entries) {
    if (e.is_row) {
      rows.push_back(std::move(doc.rows[e.index]));
      continue;
    }
    SourceLine& l = doc.narrative[e.index];
    if (!promote[e.index]) {
      narrative.push_back(std::move(l));
      continue;
    }
    RawRow row;
    for (std::string_view cell : SplitBareLine(l.text)) row.push_back({std::string(cell), l.line});
    rows.push_back(std::move(row));
  }
  doc.narrative = std::move(narrative);
  doc.rows = std::move(rows);
}

}  // namespace gongkai::check
