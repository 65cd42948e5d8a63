#include "report/narrative.hpp"

#include <fmt/format.h>

namespace gongkai::report {
namespace {

int64_t Cell(const Report& r, std::string_view table, std::string_view row,
             std::string_view column) {
  return r.values.Get(table, row, column).value_or(0);
}

int64_t SumRows(const Report& r, std::string_view prefix) {
  int64_t sum = 0;
  for (const auto& [key, value] : r.values.cells()) {
    if (key.table == "table3" && key.column == "total" && key.row.rfind(prefix, 0) == 0) {
      sum += value;
    }
  }
  return sum;
}

std::string_view TableAlias(std::string_view name) {
  if (name == "proactive") return "table2";
  if (name == "requests") return "table3";
  if (name == "cases") return "table4";
  return name;
}

}  // namespace

namespace {

// Said when some due dates of the year's requests are estimates (a year without a holiday
// notice, core/calendar.hpp), so that a report never states them as exact.
std::string ProvisionalNote(const Report& r) {
  int64_t n = 0;
  for (const core::RequestFact& q : r.inputs.requests) n += q.due_provisional ? 1 : 0;
  if (n == 0) return "";
  return fmt::format(
      "其中{}件申请的答复期限涉及尚未公布节假日安排的年份，系按法定节假日规则推算的暂定日期，"
      "国务院办公厅公布当年节假日安排后将重新计算。",
      n);
}

}  // namespace

std::string DraftOverview(const Report& r) {
  std::string scope =
      r.subtree ? fmt::format("{}（含所属{}个单位）", r.org.name, r.body_count - 1) : r.org.name;
  if (r.body_count == 1) scope = r.org.name;
  if (r.format == core::ReportFormat::kLegacy2008) {
    return fmt::format(
               "{}年，{}主动公开政府信息{}条，其中规范性文件{}条。共收到政府信息公开申请{}件，"
               "办结{}件，其中按时办结{}件、延期办结{}件。发生行政复议{}件、行政诉讼{}件，"
               "收到举报投诉{}件。",
               r.year, scope, Cell(r, "legacy", "L1_1", "value"),
               Cell(r, "legacy", "L1_1a", "value"), Cell(r, "legacy", "L3_1", "value"),
               Cell(r, "legacy", "L3_2", "value"), Cell(r, "legacy", "L3_2_1", "value"),
               Cell(r, "legacy", "L3_2_2", "value"), Cell(r, "legacy", "L4", "value"),
               Cell(r, "legacy", "L5", "value"), Cell(r, "legacy", "L6", "value")) +
           ProvisionalNote(r);
  }
  return fmt::format(
             "{}年，{}新收政府信息公开申请{}件，上年结转{}件；本年度办结{}件，其中予以公开{}件、"
             "部分公开{}件、不予公开{}件，结转下年度继续办理{}件。因政府信息公开被申请行政复议{}"
             "件，"
             "被提起行政诉讼{}件。",
             r.year, scope, Cell(r, "table3", "new_received", "total"),
             Cell(r, "table3", "carried_in", "total"), Cell(r, "table3", "r7_total", "total"),
             Cell(r, "table3", "r1_open", "total"), Cell(r, "table3", "r2_partial", "total"),
             SumRows(r, "r3_"), Cell(r, "table3", "carried_out", "total"),
             Cell(r, "table4", "cases", "review_total"),
             Cell(r, "table4", "cases", "lit_direct_total") +
                 Cell(r, "table4", "cases", "lit_after_review_total")) +
         ProvisionalNote(r);
}

std::string DraftFeeStatement(const Report& r) {
  if (r.inputs.fees_collected_yuan == 0) {
    return fmt::format("{}年度未收取信息处理费。", r.year);
  }
  return fmt::format("{}年度共收取信息处理费{}元。", r.year, r.inputs.fees_collected_yuan);
}

core::Result<std::string> FillPlaceholders(std::string_view text, const Report& r) {
  const core::FormatDef& def = core::GetReportFormat(r.format);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return core::InvalidArgument("占位符缺少结尾 }}", "narrative");
    }
    out.append(text.substr(pos, open - pos));
    std::string_view name = text.substr(open + 2, close - open - 2);
    auto fail = [&] {
      return core::InvalidArgument("占位符不是该格式的单元格: {{" + std::string(name) + "}}",
                                   "narrative");
    };
    size_t dot1 = name.find('.');
    if (dot1 == std::string_view::npos) return fail();
    size_t dot2 = name.find('.', dot1 + 1);
    std::string_view table_id = TableAlias(name.substr(0, dot1));
    std::string_view row_id = name.substr(
        dot1 + 1, dot2 == std::string_view::npos ? std::string_view::npos : dot2 - dot1 - 1);
    std::string_view column_id =
        dot2 == std::string_view::npos ? std::string_view("value") : name.substr(dot2 + 1);
    const core::TableDef* table = def.Table(table_id);
    const core::RowDef* row = table ? table->Row(row_id) : nullptr;
    const core::ColumnDef* column = nullptr;
    if (row) {
      for (const core::ColumnDef* c : table->ValueColumns(*row)) {
        if (c->id == column_id) column = c;
      }
    }
    if (!column || !row->data) return fail();
    auto value = r.values.Get(table_id, row_id, column_id);
    out += value ? FormatCell(*table, *row, *column, *value) : "/";
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace gongkai::report
