#include "report/report.hpp"

#include "check/recognize.hpp"
#include "check/rules.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::report {

std::string FormatCell(const core::TableDef& table, const core::RowDef& row,
                       const core::ColumnDef& column, int64_t value) {
  if (core::IsTenThousandYuanCell(table, row, column)) return core::FormatTenThousandYuan(value);
  return std::to_string(value);
}

std::vector<check::Cell> ToCheckCells(const Report& report) {
  std::vector<check::Cell> cells;
  const core::FormatDef& def = core::GetReportFormat(report.format);
  for (const core::TableDef& table : def.tables) {
    for (const core::RowDef& row : table.rows) {
      if (!row.data) continue;
      for (const core::ColumnDef* column : table.ValueColumns(row)) {
        auto value = report.values.Get(table.id, row.id, column->id);
        if (!value) continue;
        check::Cell c;
        c.table = &table;
        c.row = &row;
        c.column = column;
        c.text = FormatCell(table, row, *column, *value);
        c.value = check::ParseCellValue(c.text);
        cells.push_back(std::move(c));
      }
    }
  }
  return cells;
}

std::vector<check::Finding> ValidateReport(const Report& report) {
  check::Mapping mapping;
  mapping.cells = ToCheckCells(report);
  return check::ApplyRules(core::GetReportFormat(report.format), mapping);
}

core::Result<Report> BuildReport(core::Repositories& repos, const core::Calendar& calendar,
                                 const ReportRequest& request) {
  if (request.year < 2000 || request.year > 2999) {
    return core::InvalidArgument("年度无效: " + std::to_string(request.year), "year");
  }
  GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, request.org_code));
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  core::OrgTree tree(std::move(orgs));
  Report report;
  report.format = request.format.value_or(core::DefaultReportFormat(request.year));
  report.year = request.year;
  report.org = org;
  report.subtree = request.subtree.value_or(!org.parent_id.has_value());
  std::vector<core::Id> ids;
  if (report.subtree) {
    for (const core::Org* o : tree.Subtree(org.id)) ids.push_back(o->id);
  } else {
    ids.push_back(org.id);
  }
  report.body_count = static_cast<int>(ids.size());
  GONGKAI_ASSIGN_OR_RETURN(
      report.inputs, repos.reports().LoadInputs(ids, request.year,
                                                report.format == core::ReportFormat::kLegacy2008));
  report.values = core::ComputeReport(report.format, report.inputs, calendar);

  std::string broken;
  for (const check::Finding& f : ValidateReport(report)) {
    if (f.severity != core::Severity::kError) continue;
    broken += (broken.empty() ? "" : "；") + f.rule + ": " + f.message_zh;
  }
  if (!broken.empty()) {
    return core::Internal("年报数据违反勾稽关系（程序错误，未生成报告）: " + broken);
  }
  return report;
}

}  // namespace gongkai::report
