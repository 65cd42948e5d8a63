#include "report/render_csv.hpp"

#include "report/render_layout.hpp"

namespace gongkai::report {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string Line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::pair<std::string, std::string>> RenderCsv(const Report& report) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const core::TableDef& table : core::GetReportFormat(report.format).tables) {
    FlatTable flat = FlattenTable(report, table);
    std::string content(kBom);
    content += Line(flat.header);
    for (const FlatRow& row : flat.rows) {
      std::vector<std::string> fields{row.label};
      fields.insert(fields.end(), row.cells.begin(), row.cells.end());
      content += Line(fields);
    }
    files.emplace_back(std::string(table.id) + ".csv", std::move(content));
  }
  return files;
}

}  // namespace gongkai::report
