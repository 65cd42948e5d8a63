#include "check/checker.hpp"

#include <algorithm>
#include <set>

#include "check/cross_year.hpp"
#include "check/input.hpp"
#include "check/json_input.hpp"
#include "check/narrative.hpp"
#include "check/narrative_checks.hpp"
#include "check/recognize.hpp"
#include "check/rules.hpp"
#include "check/text_table.hpp"
#include "text/normalize.hpp"

namespace gongkai::check {
namespace {

bool NamesAReport(std::string_view t) {
  const bool disclosure =
      t.find("信息公开") != std::string_view::npos || t.find("政务公开") != std::string_view::npos;
  return disclosure &&
         (t.find("年度报告") != std::string_view::npos ||
          t.find("年报") != std::string_view::npos || t.find("统计表") != std::string_view::npos ||
          t.find("工作报告") != std::string_view::npos);
}

bool CallsItselfAReport(const Document& doc) {
  for (const SourceLine& l : doc.narrative) {
    if (NamesAReport(l.text)) return true;
  }
  for (const RawRow& row : doc.rows) {
    for (const RawCell& c : row) {
      if (NamesAReport(c.text)) return true;
    }
  }
  return false;
}

// The narrative's own findings, and its statements against the cells.
void CheckText(const Document& doc, core::ReportFormat format, const std::vector<Cell>& cells,
               CheckReport& report) {
  const std::vector<Statement> statements = ExtractStatements(doc, format);
  for (Finding& f : CompareStatements(statements, format, cells)) {
    report.findings.push_back(std::move(f));
  }
  // Figures the table confirms or contradicts are settled above; the narrative's own
  // identities apply to the rest.
  const std::vector<Statement> rest = UncomparedStatements(statements, format, cells);
  for (Finding& f : CheckNarrative(doc, rest, format, cells, report.notes)) {
    report.findings.push_back(std::move(f));
  }
}

std::string Join(const std::vector<std::string>& items, size_t limit) {
  std::string s;
  for (size_t i = 0; i < items.size() && i < limit; ++i) s += (i ? "、" : "") + items[i];
  if (items.size() > limit) s += " 等 " + std::to_string(items.size()) + " 项";
  return s;
}

void AddMissingNotes(const std::vector<std::string>& missing, const core::FormatDef& def,
                     std::vector<std::string>& notes) {
  if (missing.empty()) return;
  // Whole tables missing are named as tables; single rows as rows.
  std::vector<std::string> rows;
  for (const core::TableDef& t : def.tables) {
    int data_rows = 0, absent = 0;
    std::vector<std::string> mine;
    for (const core::RowDef& r : t.rows) {
      if (!r.data) continue;
      ++data_rows;
      const std::string id = std::string(t.id) + "/" + std::string(r.id);
      if (std::find(missing.begin(), missing.end(), id) != missing.end()) {
        ++absent;
        mine.push_back(id);
      }
    }
    if (absent == 0) continue;
    if (absent == data_rows) {
      notes.push_back("缺少表格：" + std::string(t.title) + "（" + std::string(t.id) + "）");
    } else {
      rows.insert(rows.end(), mine.begin(), mine.end());
    }
  }
  if (!rows.empty()) notes.push_back("缺少以下行：" + Join(rows, 12));
}

void Finish(CheckReport& report) {
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.severity != b.severity) return a.severity == core::Severity::kError;
                     const int la = a.lines.empty() ? 1 << 30 : a.lines.front();
                     const int lb = b.lines.empty() ? 1 << 30 : b.lines.front();
                     return la < lb;
                   });
}

}  // namespace

core::Result<CheckReport> CheckReportBytes(std::string_view bytes, std::string file) {
  GONGKAI_ASSIGN_OR_RETURN(DecodedInput input, DecodeInput(bytes));
  CheckReport report;
  report.file = std::move(file);
  report.input_kind = std::string(InputKindName(input.kind));

  if (input.kind == InputKind::kJson) {
    std::string narrative;
    GONGKAI_RETURN_IF_ERROR(ReadReportJson(input.utf8, report, narrative));
    const core::FormatDef& def = core::GetReportFormat(*report.format);
    Mapping mapping;
    mapping.cells = report.cells;
    std::set<std::pair<std::string_view, std::string_view>> present;
    for (const Cell& c : report.cells) present.insert({c.table->id, c.row->id});
    for (const core::TableDef& t : def.tables) {
      for (const core::RowDef& r : t.rows) {
        if (r.data && !present.count({t.id, r.id})) {
          mapping.missing.push_back(std::string(t.id) + "/" + std::string(r.id));
        }
      }
    }
    report.findings = ApplyRules(def, mapping);
    if (!narrative.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(std::string normalized, text::NormalizeInput(narrative));
      const Document doc = ExtractTextDocument(normalized);
      CheckText(doc, *report.format, report.cells, report);
    }
    AddMissingNotes(mapping.missing, def, report.notes);
    Finish(report);
    return report;
  }

  const Document doc = ExtractDocument(input);
  YearAndBody title = DetectYearAndBody(doc);
  report.year = title.year;
  report.body = std::move(title.body);
  const FormatGuess guess = DetectFormat(doc, report.year);
  if (!guess.format) {
    // No table: a report that publishes only its narrative (the table in an attachment),
    // checked as far as its figures go; or not a report at all.
    const core::ReportFormat format =
        report.year && *report.year <= 2018   ? core::ReportFormat::kLegacy2008
        : report.year && *report.year <= 2020 ? core::ReportFormat::kTrial2019
                                              : core::ReportFormat::kFormat2021;
    const std::vector<Statement> statements = ExtractStatements(doc, format);
    if (!CallsItselfAReport(doc) && statements.size() < 3) {
      return core::InvalidArgument("未找到任何年度报告表格，输入不像政府信息公开工作年度报告");
    }
    report.format = format;
    report.narrative_only = true;
    report.notes.push_back(
        "未找到统计表格，已检查正文（no table found; narrative checked）；格式按年份推定");
    for (Finding& f : CheckNarrative(doc, statements, format, {}, report.notes)) {
      report.findings.push_back(std::move(f));
    }
    if (std::string note = StatedFiguresNote(statements, format); !note.empty()) {
      report.notes.push_back(std::move(note));
    }
    Finish(report);
    return report;
  }
  report.format = guess.format;
  const core::FormatDef& def = core::GetReportFormat(*report.format);
  Mapping mapping = MapCells(doc, *report.format);
  report.findings = ApplyRules(def, mapping);
  CheckText(doc, *report.format, mapping.cells, report);
  AddMissingNotes(mapping.missing, def, report.notes);
  if (!mapping.incomplete.empty()) {
    report.notes.push_back("以下行的数值不完整：" + Join(mapping.incomplete, 12));
  }
  report.cells = std::move(mapping.cells);
  Finish(report);
  return report;
}

void CheckAgainstPrevious(CheckReport& current, const CheckReport& previous) {
  for (Finding& f : CompareWithPrevious(current, previous, current.notes)) {
    current.findings.push_back(std::move(f));
  }
  Finish(current);
}

}  // namespace gongkai::check
