#include "core/report_values.hpp"

#include <algorithm>
#include <stdexcept>

namespace gongkai::core {
namespace {

CellKey KnownCell(std::string_view table, std::string_view row, std::string_view column) {
  if (!IsKnownReportCell(table, row, column)) {
    throw std::logic_error("ReportValues: no report layout has the cell " + std::string(table) +
                           "/" + std::string(row) + "/" + std::string(column));
  }
  return CellKey{std::string(table), std::string(row), std::string(column)};
}

}  // namespace

bool IsKnownReportCell(std::string_view table, std::string_view row, std::string_view column) {
  return std::ranges::any_of(AllReportFormats(), [&](ReportFormat format) {
    const TableDef* t = GetReportFormat(format).Table(table);
    return t != nullptr && t->Row(row) != nullptr && t->Column(column) != nullptr;
  });
}

void ReportValues::Set(std::string_view table, std::string_view row, std::string_view column,
                       int64_t value) {
  cells_[KnownCell(table, row, column)] = value;
}

void ReportValues::Add(std::string_view table, std::string_view row, std::string_view column,
                       int64_t delta) {
  cells_[KnownCell(table, row, column)] += delta;
}

std::optional<int64_t> ReportValues::Get(std::string_view table, std::string_view row,
                                         std::string_view column) const {
  auto it = cells_.find(CellKey{std::string(table), std::string(row), std::string(column)});
  if (it == cells_.end()) return std::nullopt;
  return it->second;
}

bool IsTenThousandYuanCell(const TableDef& /*table*/, const RowDef& row, const ColumnDef& column) {
  return row.unit == "万元" || column.unit == "万元";
}

std::string FormatTenThousandYuan(int64_t yuan) {
  bool negative = yuan < 0;
  uint64_t abs = negative ? static_cast<uint64_t>(-(yuan + 1)) + 1 : static_cast<uint64_t>(yuan);
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / 10000);
  uint64_t frac = abs % 10000;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 4 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

}  // namespace gongkai::core
