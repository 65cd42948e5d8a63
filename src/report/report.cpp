#include "report/report.hpp"

#include "check/recognize.hpp"
#include "check/rules.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "core/request_timeliness.hpp"

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
  std::vector<check::Finding> out =
      check::ApplyRules(core::GetReportFormat(report.format), mapping);
  out.insert(out.end(), report.warnings.begin(), report.warnings.end());
  return out;
}

namespace {

check::Finding Warning(std::string rule, std::string zh, std::string en) {
  check::Finding f;
  f.severity = core::Severity::kWarning;
  f.rule = std::move(rule);
  f.message_zh = std::move(zh);
  f.message_en = std::move(en);
  return f;
}

std::vector<check::Finding> LateWarnings(const Report& report, const core::OrgTree& tree,
                                         const core::Calendar& calendar,
                                         const core::ReportRules& rules) {
  std::vector<check::Finding> out;
  const bool legacy = report.format == core::ReportFormat::kLegacy2008;
  for (const core::LateRequest& l : core::FindLateRequests(report.inputs, calendar, rules.clock)) {
    const core::Org* org = tree.Find(l.org_id);
    std::string body = org ? org->code + " " : "";
    std::string where = !legacy ? ""
                        : l.extended || rules.legacy.overdue_counts_as_extended
                            ? "；旧版年报没有逾期栏，按配置计入延期办结"
                            : "；旧版年报没有逾期栏，按配置计入按时办结";
    out.push_back(Warning(
        "late_request",
        "申请 " + body + l.tracking_no + " 逾期 " + std::to_string(l.days_late) +
            " 个工作日答复（到期日 " + l.due.ToIso() + "，" + l.closed_on.ToIso() + " 办结" +
            (l.extended ? "，已延期" : "，未延期") + "）" + where,
        "request " + body + l.tracking_no + " answered " + std::to_string(l.days_late) +
            " working days late (due " + l.due.ToIso() + ", closed " + l.closed_on.ToIso() + ")"));
  }
  return out;
}

}  // namespace

std::vector<check::Finding> CrossYearFindings(const Report& current, const Report& previous) {
  std::vector<check::Finding> out;
  if (current.format != previous.format || current.year != previous.year + 1) return out;
  const core::FormatDef& def = core::GetReportFormat(current.format);
  auto get = [](const Report& r, std::string_view t, std::string_view row, std::string_view col) {
    return r.values.Get(t, row, col);
  };
  for (const core::RuleDef& rule : def.rules) {
    if (rule.kind != core::RuleKind::kCrossYear) continue;
    if (rule.id == "t3_carry_link") {
      const core::TableDef* t = def.Table("table3");
      if (t == nullptr) continue;
      for (const core::ColumnDef& col : t->columns) {
        auto in = get(current, "table3", "carried_in", col.id);
        auto was = get(previous, "table3", "carried_out", col.id);
        if (!in || !was || *in == *was) continue;
        out.push_back(
            Warning(std::string(rule.id),
                    "表三" + std::string(col.label) + "：" + std::to_string(current.year) +
                        " 年上年结转 " + std::to_string(*in) + " ≠ " +
                        std::to_string(previous.year) + " 年结转下年度 " + std::to_string(*was),
                    "table3 " + std::string(col.id) + ": carried_in " + std::to_string(*in) +
                        " != previous carried_out " + std::to_string(*was)));
      }
    } else if (rule.id == "t2_valid_roll") {
      for (std::string_view row : {"regulations", "normative_docs"}) {
        auto valid = get(current, "table2", row, "valid");
        auto before = get(previous, "table2", row, "valid");
        auto made = get(current, "table2", row, "made");
        auto repealed = get(current, "table2", row, "repealed");
        if (!valid || !before || !made || !repealed) continue;
        if (*valid == *before + *made - *repealed) continue;
        out.push_back(Warning(
            std::string(rule.id),
            "表二" + std::string(row == "regulations" ? "规章" : "行政规范性文件") + "：现行有效 " +
                std::to_string(*valid) + " ≠ 上年现行有效 " + std::to_string(*before) +
                " + 本年制发 " + std::to_string(*made) + " − 本年废止 " + std::to_string(*repealed),
            "table2 " + std::string(row) + ": valid != previous valid + made - repealed"));
      }
    }
  }
  return out;
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
  report.values = core::ComputeReport(report.format, report.inputs, calendar, request.rules);
  report.warnings = LateWarnings(report, tree, calendar, request.rules);

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
