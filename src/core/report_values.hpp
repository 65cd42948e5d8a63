// The computed cells of one annual report, keyed by the reference ids
// (data/annual-report-tables.json): table, row, column.
//
// Values are integers: counts of items, requests and persons, and money in yuan. A cell
// whose row or column unit is 万元 holds yuan and is shown divided by 10,000. A cell the
// records cannot supply (some 2019 trial-format columns) is absent and shown as "/".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "core/report_format.hpp"

namespace gongkai::core {

// One cell's address: the ids of its table, row and column in some layout.
struct CellKey {
  std::string table;
  std::string row;
  std::string column;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>.
  friend auto operator<=>(const CellKey&, const CellKey&) = default;
};

// True when some report format's layout (core/report_format.hpp) has a table `table` with
// a row `row` and a column `column`.
bool IsKnownReportCell(std::string_view table, std::string_view row, std::string_view column);

// The cells of one report. Not synchronised: one thread fills it, then it may be shared
// read-only. Keys are checked against the layouts: Set or Add on a cell no layout has
// (IsKnownReportCell false) is a programming error and throws std::logic_error, so a
// misspelt id fails the first test that computes it instead of becoming an invisible cell.
class ReportValues {
 public:
  // Stores `value` in the cell (replacing any value). Throws std::logic_error on an unknown
  // cell.
  void Set(std::string_view table, std::string_view row, std::string_view column, int64_t value);
  // Adds `delta` to the cell (absent counts as 0). Throws std::logic_error on an unknown cell.
  void Add(std::string_view table, std::string_view row, std::string_view column, int64_t delta);
  // The cell's value, or nullopt when it was never set (shown as "/").
  std::optional<int64_t> Get(std::string_view table, std::string_view row,
                             std::string_view column) const;
  const std::map<CellKey, int64_t>& cells() const { return cells_; }
  friend bool operator==(const ReportValues&, const ReportValues&) = default;

 private:
  std::map<CellKey, int64_t> cells_;
};

// True when the cell holds money in yuan that is published in 万元.
bool IsTenThousandYuanCell(const TableDef& table, const RowDef& row, const ColumnDef& column);

// "18", "96171.6", "0.0125": yuan as 万元 with up to four decimals, trailing zeros dropped.
std::string FormatTenThousandYuan(int64_t yuan);

}  // namespace gongkai::core
