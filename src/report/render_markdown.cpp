#include "report/render_markdown.hpp"

#include <algorithm>

#include "report/render_layout.hpp"

namespace gongkai::report {
namespace {

constexpr std::string_view kIndent = "\u3000";

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + c + " |";
  return out + "\n";
}

}  // namespace

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
      case '!':
      case '~':
      case '&':
        out += '\\';
        out += c;
        break;
      case '\r':
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  // A line starting with "-", "+", "=" or "12." / "12)" would become a list or a heading.
  size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) {
    out.insert(0, 1, '\\');
  } else if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')') &&
             (digits + 1 == out.size() || out[digits + 1] == ' ')) {
    out.insert(digits, 1, '\\');
  }
  return out;
}

std::string RenderMarkdownTable(const Report& report, const core::TableDef& table) {
  FlatTable flat = FlattenTable(report, table);
  // Table 四's single row has no label: leave the empty label column out.
  const bool labels =
      !flat.header.empty() && (!flat.header.front().empty() ||
                               std::any_of(flat.rows.begin(), flat.rows.end(),
                                           [](const FlatRow& r) { return !r.label.empty(); }));
  std::vector<std::string> header;
  std::vector<std::string> rule;
  for (size_t i = labels ? 0 : 1; i < flat.header.size(); ++i) {
    header.push_back(MarkdownEscape(flat.header[i]));
    rule.emplace_back(i == 0 ? ":---" : ":---:");
  }
  std::string out = Row(header) + Row(rule);
  for (const FlatRow& r : flat.rows) {
    std::vector<std::string> cells;
    if (labels) {
      std::string label;
      for (int d = 0; d < r.depth; ++d) label += kIndent;
      label += MarkdownEscape(r.label);
      cells.push_back(r.heading ? "**" + label + "**" : label);
    }
    for (const std::string& c : r.cells) cells.push_back(MarkdownEscape(c));
    out += Row(cells);
  }
  return out;
}

std::string RenderMarkdown(const Report& report, const RenderOptions& options) {
  std::vector<std::string> headings = SectionHeadings(report.format);
  const size_t format_sections = headings.size();
  for (const auto& [heading, text] : options.sections) {
    if (std::find(headings.begin(), headings.end(), heading) == headings.end()) {
      headings.push_back(heading);
    }
  }
  std::string out = "# " + MarkdownEscape(ReportTitle(report)) + "\n\n";
  out += MarkdownEscape(ReportScopeLine(report)) + "\n";
  for (size_t i = 0; i < headings.size(); ++i) {
    out += "\n## " + MarkdownEscape(headings[i]) + "\n";
    for (const auto& [h, text] : options.sections) {
      if (h != headings[i]) continue;
      for (const std::string& p : SplitParagraphs(text)) out += "\n" + MarkdownEscape(p) + "\n";
    }
    if (i < format_sections) {
      if (const core::TableDef* table = SectionTable(report.format, headings[i])) {
        out += "\n" + RenderMarkdownTable(report, *table);
      }
    }
  }
  return out;
}

}  // namespace gongkai::report
