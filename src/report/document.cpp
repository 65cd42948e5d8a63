#include "report/document.hpp"

#include "report/narrative.hpp"
#include "report/render_html.hpp"
#include "report/render_json.hpp"
#include "report/render_svg.hpp"

namespace gongkai::report {

std::string CompareWithPreviousYear(const Report& current, const Report& previous) {
  const core::FormatDef& def = core::GetReportFormat(current.format);
  std::string out;
  auto line = [&](const core::TableDef& table, const core::RowDef& row,
                  const core::ColumnDef& column, std::string label) {
    auto now = current.values.Get(table.id, row.id, column.id);
    auto before = previous.values.Get(table.id, row.id, column.id);
    if (!now || !before) return;
    int64_t delta = *now - *before;
    out += (out.empty() ? "" : "\n") + label + "：本年 " + FormatCell(table, row, column, *now) +
           "，上年 " + FormatCell(table, row, column, *before) + "（" + (delta >= 0 ? "+" : "") +
           FormatCell(table, row, column, delta) + "）";
  };
  for (const core::TableDef& table : def.tables) {
    if (table.id == "table3") {
      const core::ColumnDef* total = table.Column("total");
      for (const char* id : {"new_received", "carried_in", "r7_total", "carried_out"}) {
        const core::RowDef* row = table.Row(id);
        if (row && total) line(table, *row, *total, std::string(row->label));
      }
    } else if (table.id == "table4") {
      const core::RowDef* row = table.Row("cases");
      for (const char* id : {"review_total", "lit_direct_total", "lit_after_review_total"}) {
        const core::ColumnDef* column = table.Column(id);
        if (row && column) {
          line(table, *row, *column, std::string(column->group) + "·" + std::string(column->label));
        }
      }
    } else if (table.id == "legacy") {
      const core::ColumnDef* value = table.Column("value");
      for (const char* id : {"L1_1", "L3_1", "L3_2", "L4", "L5", "L6"}) {
        const core::RowDef* row = table.Row(id);
        if (row && value) line(table, *row, *value, std::string(row->label));
      }
    }
  }
  return out;
}

int64_t RequestsReceived(const Report& r) {
  if (r.format == core::ReportFormat::kLegacy2008) {
    return r.values.Get("legacy", "L3_1", "value").value_or(0);
  }
  return r.values.Get("table3", "new_received", "total").value_or(0);
}

core::Result<ReportDocument> ComposeReport(core::Repositories& repos,
                                           const core::Calendar& calendar,
                                           const ReportRequest& request) {
  ReportDocument doc;
  GONGKAI_ASSIGN_OR_RETURN(doc.report, BuildReport(repos, calendar, request));
  Report& r = doc.report;
  GONGKAI_ASSIGN_OR_RETURN(auto narratives, repos.reports().ListNarratives(r.org.id, r.year));
  std::map<int, std::string> staff;
  for (const auto& n : narratives) {
    GONGKAI_ASSIGN_OR_RETURN(staff[n.section], FillPlaceholders(n.text, r));
  }
  std::vector<std::string> headings = SectionHeadings(r.format);
  const bool legacy = r.format == core::ReportFormat::kLegacy2008;
  auto add = [&](const std::string& heading, const std::string& text) {
    if (text.empty()) return;
    doc.render.sections.emplace_back(heading, text);
    doc.text += (doc.text.empty() ? "" : "\n") + text;
  };
  std::string overview = DraftOverview(r);
  if (!staff[1].empty()) overview += "\n" + staff[1];
  add(headings[0], overview);
  if (legacy) {
    add(headings[3], DraftFeeStatement(r));
    add(headings[6], staff[5]);
    add("其他需要报告的事项", staff[6]);
  } else {
    add(headings[4], staff[5]);
    std::string other = staff[6];
    other += (other.empty() ? "" : "\n") + DraftFeeStatement(r);
    add(headings[5], other);
  }

  if (r.year > 2000 && core::DefaultReportFormat(r.year - 1) == r.format) {
    ReportRequest last_year = request;
    last_year.year = r.year - 1;
    last_year.format = r.format;
    last_year.subtree = r.subtree;
    auto previous = BuildReport(repos, calendar, last_year);
    if (previous.ok()) {
      for (check::Finding& f : CrossYearFindings(doc.report, *previous)) {
        doc.report.warnings.push_back(std::move(f));
      }
      doc.previous = *previous;
      std::string lines = CompareWithPreviousYear(r, *previous);
      if (!lines.empty()) doc.render.sections.emplace_back("与上年对比", lines);
    }
  }

  // Five-year trend, each year computed from the records in its own format.
  std::vector<std::pair<int, int64_t>> trend;
  for (int year = r.year - 4; year <= r.year; ++year) {
    if (year < 2000) continue;
    ReportRequest earlier = request;
    earlier.year = year;
    earlier.format.reset();
    earlier.subtree = r.subtree;
    auto past = year == r.year ? core::Result<Report>(r) : BuildReport(repos, calendar, earlier);
    if (past.ok()) trend.emplace_back(year, RequestsReceived(*past));
  }
  doc.render.figures.push_back({headings[2],
                                RenderTrendSvg(trend, "近五年收到政府信息公开申请数（件）"),
                                "近五年收到政府信息公开申请数"});
  return doc;
}

core::ReportSnapshot SnapshotOf(const ReportDocument& doc, std::string note) {
  core::ReportSnapshot s;
  s.org_id = doc.report.org.id;
  s.year = doc.report.year;
  s.subtree = doc.report.subtree;
  s.format = core::ReportFormatId(doc.report.format);
  s.change_note = std::move(note);
  s.json = RenderJson(doc.report, doc.text);
  s.html = RenderHtml(doc.report, doc.render);
  return s;
}

}  // namespace gongkai::report
