#include "check/json_input.hpp"

#include <boost/json.hpp>

#include "check/value.hpp"

namespace gongkai::check {
namespace {

namespace json = boost::json;

CellValue ToCellValue(const json::value& v, std::string& text) {
  CellValue cv;
  if (v.is_int64() || v.is_uint64() || v.is_double()) {
    cv.state = CellState::kNumber;
    cv.number = v.to_number<double>();
    cv.is_integer = !v.is_double();
    text = FormatNumber(cv.number);
  } else if (v.is_string()) {
    text = std::string(v.get_string());
    cv = ParseCellValue(text);
  } else if (v.is_null()) {
    cv.state = CellState::kEmpty;
  } else {
    cv.state = CellState::kText;
  }
  return cv;
}

void AddCell(CheckReport& report, const core::FormatDef& def, std::string_view table_id,
             std::string_view row_id, std::string_view column_id, const json::value& value,
             int line) {
  const core::TableDef* table = def.Table(table_id);
  const core::RowDef* row = table ? table->Row(row_id) : nullptr;
  const core::ColumnDef* column = nullptr;
  if (row != nullptr) {
    // Table 二's blocks reuse column ids ("decisions"): take the row's own column.
    for (const core::ColumnDef* c : table->ValueColumns(*row)) {
      if (c->id == column_id) column = c;
    }
  }
  if (row == nullptr || column == nullptr || !row->data) {
    report.notes.push_back("JSON 中的单元格 " + std::string(table_id) + "/" + std::string(row_id) +
                           "/" + std::string(column_id) + " 不属于该格式，已忽略");
    return;
  }
  Cell c;
  c.table = table;
  c.row = row;
  c.column = column;
  c.value = ToCellValue(value, c.text);
  c.line = line;
  report.cells.push_back(std::move(c));
}

}  // namespace

core::Status ReadReportJson(std::string_view text, CheckReport& report, std::string& narrative) {
  boost::system::error_code ec;
  json::value root = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return core::InvalidArgument("JSON 无法解析: " + ec.message());
  if (!root.is_object()) return core::InvalidArgument("JSON 顶层不是对象");
  const json::object& obj = root.get_object();
  const json::value* format = obj.if_contains("format");
  if (format == nullptr || !format->is_string()) {
    return core::InvalidArgument("JSON 缺少 \"format\"（legacy_2008 / trial_2019 / format_2021）");
  }
  auto parsed = core::ParseReportFormatId(std::string_view(format->get_string()));
  if (!parsed) return core::InvalidArgument("JSON 的 \"format\" 无法识别");
  report.format = *parsed;
  const core::FormatDef& def = core::GetReportFormat(*parsed);
  if (const json::value* y = obj.if_contains("year"); y && (y->is_int64() || y->is_uint64())) {
    report.year = static_cast<int>(y->to_number<int64_t>());
  }
  if (const json::value* b = obj.if_contains("body"); b && b->is_string()) {
    report.body = std::string(b->get_string());
  }
  narrative.clear();
  if (const json::value* t = obj.if_contains("text"); t && t->is_string()) {
    narrative = std::string(t->get_string());
  }
  if (const json::value* cells = obj.if_contains("cells"); cells && cells->is_array()) {
    for (const json::value& v : cells->get_array()) {
      if (!v.is_object()) continue;
      const json::object& c = v.get_object();
      auto str = [&](const char* key) -> std::string_view {
        const json::value* s = c.if_contains(key);
        return s && s->is_string() ? std::string_view(s->get_string()) : std::string_view();
      };
      const json::value* value = c.if_contains("value");
      const json::value* line = c.if_contains("line");
      int line_no = line && line->is_int64() ? static_cast<int>(line->get_int64()) : 0;
      AddCell(report, def, str("table"), str("row"), str("column"),
              value ? *value : json::value(nullptr), line_no);
    }
  }
  if (const json::value* tables = obj.if_contains("tables"); tables && tables->is_object()) {
    for (const auto& [table_id, rows] : tables->get_object()) {
      if (!rows.is_object()) continue;
      for (const auto& [row_id, cols] : rows.get_object()) {
        if (cols.is_object()) {
          for (const auto& [col_id, value] : cols.get_object()) {
            AddCell(report, def, table_id, row_id, col_id, value, 0);
          }
        } else {
          AddCell(report, def, table_id, row_id, "value", cols, 0);
        }
      }
    }
  }
  return core::Status::Ok();
}

}  // namespace gongkai::check
