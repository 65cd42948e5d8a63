#include "check/flatten.hpp"

#include <fmt/format.h>

#include <array>

#include "check/util.hpp"
#include "report/narrative.hpp"
#include "report/render_common.hpp"
#include "report/render_markdown.hpp"

namespace gongkai::check::fixtures {
namespace {

using core::ReportFormat;

void FillTable2(report::Report& r, int variant) {
  const core::TableDef& t2 = *core::GetReportFormat(r.format).Table("table2");
  int i = 0;
  for (const core::RowDef& row : t2.rows) {
    if (!row.data) continue;
    int j = 0;
    for (const core::ColumnDef* c : t2.ValueColumns(row)) {
      int64_t v = (i * 13 + j * 7 + variant * 3) % 50 + 1;
      if (c->unit == "万元") v = (v + 1) * 10000;  // yuan, published in 万元
      r.values.Set("table2", row.id, c->id, v);
      ++j;
    }
    ++i;
  }
}

void FillTable3(report::Report& r, int variant) {
  const core::FormatDef& def = core::GetReportFormat(r.format);
  const core::TableDef& t3 = *def.Table("table3");
  const core::RuleDef& results_rule = *def.Rule("t3_results_total");
  static constexpr std::array<const char*, 6> kApplicants = {
      "natural_person", "business", "research", "public_welfare", "legal_service", "other_org"};
  std::array<int64_t, 6> results{};
  int i = 0;
  for (std::string_view id : results_rule.rhs) {
    int64_t total = 0;
    for (size_t j = 0; j < kApplicants.size(); ++j) {
      const int64_t v = (i * 7 + static_cast<int>(j) * 3 + variant) % 5 + (j == 0 ? 10 : 0);
      r.values.Set("table3", id, kApplicants[j], v);
      results[j] += v;
      total += v;
    }
    r.values.Set("table3", id, "total", total);
    ++i;
  }
  std::array<int64_t, 4> sums{};
  for (size_t j = 0; j < kApplicants.size(); ++j) {
    const int64_t carried_in = static_cast<int64_t>(j) + 1 + variant % 3;
    const int64_t carried_out = 2;
    const int64_t closed = results[j];
    const int64_t received = closed + carried_out - carried_in;
    r.values.Set("table3", "new_received", kApplicants[j], received);
    r.values.Set("table3", "carried_in", kApplicants[j], carried_in);
    r.values.Set("table3", "r7_total", kApplicants[j], closed);
    r.values.Set("table3", "carried_out", kApplicants[j], carried_out);
    sums[0] += received;
    sums[1] += carried_in;
    sums[2] += closed;
    sums[3] += carried_out;
  }
  r.values.Set("table3", "new_received", "total", sums[0]);
  r.values.Set("table3", "carried_in", "total", sums[1]);
  r.values.Set("table3", "r7_total", "total", sums[2]);
  r.values.Set("table3", "carried_out", "total", sums[3]);
  (void)t3;
}

void FillTable4(report::Report& r, int variant) {
  const int64_t k = variant % 4;
  const std::array<std::pair<const char*, int64_t>, 15> t4 = {{
      {"review_maintained", 3 + k},
      {"review_corrected", 1},
      {"review_other", 2},
      {"review_pending", 1},
      {"review_total", 7 + k},
      {"lit_direct_maintained", 2},
      {"lit_direct_corrected", 0},
      {"lit_direct_other", 1},
      {"lit_direct_pending", 1 + k},
      {"lit_direct_total", 4 + k},
      {"lit_after_review_maintained", 1},
      {"lit_after_review_corrected", 1},
      {"lit_after_review_other", 0},
      {"lit_after_review_pending", 0},
      {"lit_after_review_total", 2},
  }};
  for (const auto& [column, value] : t4) r.values.Set("table4", "cases", column, value);
}

void FillLegacy(report::Report& r, int variant) {
  const int64_t k = variant % 7;
  const std::pair<const char*, int64_t> rows[] = {
      {"L1_1", 200 + k}, {"L1_1a", 30},  {"L1_1b", 12},     {"L1_2_1", 20}, {"L1_2_2", 180},
      {"L1_2_3", 60},    {"L1_2_4", 75}, {"L1_2_5", 10},    {"L2_1", 8},    {"L2_2_1", 4},
      {"L2_2_1a", 2},    {"L2_2_2", 3},  {"L2_2_2a", 1},    {"L2_2_3", 15}, {"L2_2_4", 6},
      {"L2_2_5", 2},     {"L3_1", 53},   {"L3_1_1", 10},    {"L3_1_2", 2},  {"L3_1_3", 35},
      {"L3_1_4", 6},     {"L3_2", 53},   {"L3_2_1", 51},    {"L3_2_2", 2},  {"L3_3", 53},
      {"L3_3_1", 5},     {"L3_3_2", 30}, {"L3_3_3", 4},     {"L3_3_4", 6},  {"L3_3_4a", 1},
      {"L3_3_4b", 1},    {"L3_3_4c", 1}, {"L3_3_4d", 1},    {"L3_3_4e", 1}, {"L3_3_4f", 1},
      {"L3_3_5", 3},     {"L3_3_6", 2},  {"L3_3_7", 2},     {"L3_3_8", 1},  {"L4", 3},
      {"L4_1", 2},       {"L4_2", 1},    {"L4_3", 0},       {"L5", 2},      {"L5_1", 1},
      {"L5_2", 0},       {"L5_3", 1},    {"L6", 4},         {"L7", 15000},  {"L8_1", 1},
      {"L8_2", 3},       {"L8_3", 85},   {"L8_3_1", 2},     {"L8_3_2", 83}, {"L8_4", 180000},
      {"L9_1", 2},       {"L9_2", 3},    {"L9_3", 120 + k},
  };
  for (const auto& [row, value] : rows) r.values.Set("legacy", row, "value", value);
}

constexpr std::array<std::string_view, 8> kPlaces = {"示例市", "青溪市", "白河县", "临江区",
                                                     "东山县", "南湖区", "北岭市", "西峰县"};

std::string CleanCell(std::string_view c) {
  std::string_view s = Trim(c);
  while (s.size() >= 4 && s.substr(0, 2) == "**" && s.substr(s.size() - 2) == "**") {
    s = Trim(s.substr(2, s.size() - 4));
  }
  std::string out(s);
  // Markdown escapes ("\<b\>"): drop the backslashes.
  std::string unescaped;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\\' && i + 1 < out.size()) continue;
    unescaped += out[i];
  }
  return unescaped;
}

std::vector<Block> Parse(std::string_view md) {
  std::vector<Block> blocks;
  for (std::string_view raw : SplitLines(md)) {
    std::string_view line = Trim(raw);
    if (line.empty()) continue;
    if (line.front() == '|') {
      if (line.find("---") != std::string_view::npos) continue;  // alignment row
      if (blocks.empty() || !blocks.back().table) blocks.push_back({true, "", {}});
      std::vector<std::string> cells;
      line.remove_prefix(1);
      if (!line.empty() && line.back() == '|') line.remove_suffix(1);
      size_t start = 0;
      while (true) {
        const size_t bar = line.find('|', start);
        cells.push_back(CleanCell(line.substr(
            start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
      blocks.back().rows.push_back(std::move(cells));
      continue;
    }
    while (!line.empty() && line.front() == '#') line.remove_prefix(1);
    blocks.push_back({false, CleanCell(line), {}});
  }
  return blocks;
}

bool IsTable4(const Block& b) {
  return !b.rows.empty() && b.rows.front().size() == 15 &&
         b.rows.front().front().find("行政复议") != std::string::npos;
}

bool IsTable3OrLegacy(const Block& b) { return b.rows.size() > 10; }

std::vector<std::string> SplitPath(const std::string& cell) {
  std::vector<std::string> out;
  size_t start = 0;
  static constexpr std::string_view kDot = "\u00b7";
  while (true) {
    const size_t p = cell.find(kDot, start);
    out.push_back(cell.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + kDot.size();
  }
  return out;
}

std::string Join(const std::vector<std::string>& cells, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < cells.size(); ++i) s += (i ? std::string(sep) : "") + cells[i];
  return s;
}

std::string HtmlText(std::string_view s) { return report::HtmlEscape(s); }

std::string Emit(const std::vector<Block>& blocks, Style style) {
  std::string out;
  if (style == Style::kHtmlParagraphs) out += "<html><body>\n";
  for (const Block& b : blocks) {
    if (!b.table) {
      if (style == Style::kHtmlParagraphs) {
        out += "<p>" + HtmlText(b.text) + "</p>\n";
      } else {
        out += b.text + "\n\n";
      }
      continue;
    }
    std::vector<std::vector<std::string>> rows = b.rows;
    if (style == Style::kAbridged && IsTable3OrLegacy(b)) {
      std::vector<std::vector<std::string>> kept = {rows.front()};
      for (size_t i = 1; i < rows.size(); ++i) {
        if (i % 3 != 0) kept.push_back(rows[i]);
      }
      rows = std::move(kept);
    }
    if (style == Style::kHeaderMisplaced && rows.size() > 1) {
      rows.push_back(rows.front());
      rows.erase(rows.begin());
    }
    if (style == Style::kUnlabelledTable4 && IsTable4(b)) {
      out += "行政复议行政诉讼\n" + Join(rows.back(), " ") + "\n\n";
      continue;
    }
    switch (style) {
      case Style::kMarkdown:
      case Style::kAbridged:
      case Style::kUnlabelledTable4:
      case Style::kHeaderMisplaced:
        for (size_t i = 0; i < rows.size(); ++i) {
          out += "| " + Join(rows[i], " | ") + " |\n";
          if (i == 0) out += "| --- |\n";
        }
        break;
      case Style::kOcrSubtables:
        for (size_t i = 1; i < rows.size(); ++i) {
          if ((i - 1) % 4 == 0) {
            out += "\n| " + Join(rows.front(), " | ") + " |\n| :--- | :---: |\n";
          }
          out += "| " + Join(rows[i], " | ") + " |\n";
        }
        break;
      case Style::kPipeRows:
        for (const auto& row : rows) out += Join(row, " | ") + "\n";
        break;
      case Style::kSpanArtifacts:
        for (const auto& row : rows) {
          std::vector<std::string> cells;
          for (const std::string& c : row) {
            for (std::string& part : SplitPath(c)) cells.push_back(std::move(part));
          }
          out += Join(cells, " | ") + " |\n";
        }
        break;
      case Style::kSeedCells:
        for (const auto& row : rows) {
          for (const std::string& c : row) out += (c.empty() ? "" : c + " ") + "|\n";
          out += "||\n";
        }
        break;
      case Style::kCellPerLine:
        for (const auto& row : rows) {
          for (const std::string& c : row) out += c + "\n";
        }
        break;
      case Style::kCellPerParagraph:
        for (const auto& row : rows) {
          for (const std::string& c : row) out += c + "\n\n";
        }
        break;
      case Style::kCellThenPipe:
        for (const auto& row : rows) {
          for (const std::string& c : row) out += c + "\n|\n";
        }
        break;
      case Style::kTabs:
        for (const auto& row : rows) out += Join(row, "\t") + "\n";
        break;
      case Style::kSpaces:
        for (const auto& row : rows) out += Join(row, "  ") + "\n";
        break;
      case Style::kHtmlParagraphs:
        for (const auto& row : rows) {
          for (const std::string& c : row) out += "<p>" + HtmlText(c) + "</p>\n";
        }
        break;
    }
    out += "\n";
  }
  if (style == Style::kHtmlParagraphs) out += "</body></html>\n";
  return out;
}

}  // namespace

report::Report SampleReport(ReportFormat format, int variant) {
  report::Report r;
  r.format = format;
  r.year = format == ReportFormat::kFormat2021  ? 2023
           : format == ReportFormat::kTrial2019 ? 2020
                                                : 2017;
  r.org.id = 1 + variant;
  r.org.code = fmt::format("ORG{}", variant);
  const std::string_view place = kPlaces[static_cast<size_t>(variant) % kPlaces.size()];
  r.org.name = std::string(place) + "人民政府";
  if (variant % 3 == 1) r.org.name = std::string(place) + "人民政府办公室";
  r.org.kind = core::OrgKind::kGovernment;
  r.subtree = false;
  r.body_count = 1;
  if (format == ReportFormat::kLegacy2008) {
    FillLegacy(r, variant);
  } else {
    FillTable2(r, variant);
    FillTable3(r, variant);
    FillTable4(r, variant);
  }
  return r;
}

std::string SampleNarrative(const report::Report& report) { return report::DraftOverview(report); }

std::vector<Style> AllStyles() {
  return {Style::kMarkdown,        Style::kPipeRows,
          Style::kSpanArtifacts,   Style::kSeedCells,
          Style::kCellPerLine,     Style::kCellPerParagraph,
          Style::kCellThenPipe,    Style::kTabs,
          Style::kSpaces,          Style::kOcrSubtables,
          Style::kHeaderMisplaced, Style::kUnlabelledTable4,
          Style::kAbridged,        Style::kHtmlParagraphs};
}

std::string_view StyleName(Style style) {
  switch (style) {
    case Style::kMarkdown:
      return "markdown";
    case Style::kPipeRows:
      return "pipe_rows";
    case Style::kSpanArtifacts:
      return "span_artifacts";
    case Style::kSeedCells:
      return "seed_cells";
    case Style::kCellPerLine:
      return "cell_per_line";
    case Style::kCellPerParagraph:
      return "cell_per_paragraph";
    case Style::kCellThenPipe:
      return "cell_then_pipe";
    case Style::kTabs:
      return "tabs";
    case Style::kSpaces:
      return "spaces";
    case Style::kOcrSubtables:
      return "ocr_subtables";
    case Style::kHeaderMisplaced:
      return "header_misplaced";
    case Style::kUnlabelledTable4:
      return "unlabelled_table4";
    case Style::kAbridged:
      return "abridged";
    case Style::kHtmlParagraphs:
      return "html_paragraphs";
  }
  return "?";
}

std::string RenderSample(const report::Report& report) {
  report::RenderOptions options;
  options.charts = false;
  const std::vector<std::string> headings = report::SectionHeadings(report.format);
  options.sections.emplace_back(headings.front(), SampleNarrative(report));
  return report::RenderMarkdown(report, options);
}

std::vector<Block> RenderedBlocks(const report::Report& report) {
  return Parse(RenderSample(report));
}

std::string Flatten(const report::Report& report, Style style) {
  const std::string md = RenderSample(report);
  if (style == Style::kMarkdown) return md;
  return Emit(Parse(md), style);
}

}  // namespace gongkai::check::fixtures
