#include "report/render_json.hpp"

#include <boost/json.hpp>

namespace gongkai::report {

std::string RenderJson(const Report& report, const std::string& text, const Report* previous) {
  namespace json = boost::json;
  json::object root;
  root["format"] = std::string(core::ReportFormatId(report.format));
  root["year"] = report.year;
  root["body"] = report.org.name;
  root["org_code"] = report.org.code;
  root["subtree"] = report.subtree;
  root["bodies"] = report.body_count;
  root["text"] = text;
  if (previous) root["previous_year"] = previous->year;
  json::array cells;
  const core::FormatDef& def = core::GetReportFormat(report.format);
  for (const core::TableDef& table : def.tables) {
    for (const core::RowDef& row : table.rows) {
      if (!row.data) continue;
      for (const core::ColumnDef* column : table.ValueColumns(row)) {
        json::object cell;
        cell["table"] = std::string(table.id);
        cell["row"] = std::string(row.id);
        cell["column"] = std::string(column->id);
        auto value = report.values.Get(table.id, row.id, column->id);
        if (!value) {
          cell["value"] = "/";
        } else if (core::IsTenThousandYuanCell(table, row, *column)) {
          // Exact decimal text parsed as a double: 万元 with at most four decimals.
          cell["value"] = std::stod(core::FormatTenThousandYuan(*value));
          cell["yuan"] = *value;
        } else {
          cell["value"] = *value;
        }
        if (previous) {
          auto before = previous->values.Get(table.id, row.id, column->id);
          if (before && core::IsTenThousandYuanCell(table, row, *column)) {
            cell["previous"] = std::stod(core::FormatTenThousandYuan(*before));
          } else if (before) {
            cell["previous"] = *before;
          }
        }
        cells.push_back(std::move(cell));
      }
    }
  }
  root["cells"] = std::move(cells);
  return json::serialize(root) + "\n";
}

}  // namespace gongkai::report
