// The layout of each report table, computed once from the format definition and shared by
// the renderers: a grid of merged cells as in the official format (HTML, XLSX) and a flat
// table with one header row and merged labels prefixed (Markdown, CSV).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report_format.hpp"
#include "report/report.hpp"

namespace gongkai::report {

enum class CellKind {
  kCorner,      // table 三's top-left note (or table 二's 信息内容 header)
  kHeader,      // a column header, possibly spanning several columns or header rows
  kCaption,     // table 二's block caption, spanning the whole table
  kGroupLabel,  // a heading row shown as a merged label cell (no numbers)
  kRowLabel,    // the label of a data row
  kUnit,        // legacy table: the 单位 column
  kValue,       // a number
  kAbsent,      // a cell the report has no value for: "/"
  kBlank,       // an empty cell (legacy heading rows)
};

struct GridCell {
  int row = 0;  // grid position of the top-left corner (0 = first header row)
  int col = 0;
  int row_span = 1;
  int col_span = 1;
  CellKind kind = CellKind::kBlank;
  std::string text;              // as published: "18" for 180000 yuan in a 万元 cell, "/"
  std::optional<int64_t> value;  // kValue: the stored value (yuan in 万元 cells)
  bool ten_thousand_yuan = false;
  int depth = 0;       // kRowLabel / kGroupLabel of the legacy table: nesting level (indent)
  bool group = false;  // kHeader over several value columns (申请人情况, 行政诉讼)
};

struct GridRow {
  bool head = false;            // header row (thead), including table 二's block headers
  bool block_start = false;     // first row of a table 二 block
  std::vector<GridCell> cells;  // cells starting in this row, left to right
};

struct Grid {
  const core::TableDef* table = nullptr;
  int columns = 0;
  std::vector<GridRow> rows;
};

// The official layout of `table` filled with the report's values. `table` must belong to
// the report's format. Never fails: a missing value becomes a kAbsent "/" cell.
Grid LayoutTable(const Report& report, const core::TableDef& table);

struct FlatRow {
  std::string label;  // merged labels joined by "·" ("三、本年度办理结果·（三）不予公开·1.…")
  int depth = 0;                   // legacy table: nesting level; 0 elsewhere
  bool heading = false;            // legacy heading row (no numbers)
  std::vector<std::string> cells;  // one per header after the first: value, "/" or ""
};

struct FlatTable {
  // First the row-label header (table 三's corner note, 信息内容, 统计指标, or "" for table
  // 四), then one label per value column with its spanning headers prefixed
  // ("法人或其他组织·商业企业", "行政诉讼·复议后起诉·总计").
  std::vector<std::string> header;
  std::vector<FlatRow> rows;
};

// `table` with one header row and one row per data row (legacy: every row, headings
// included). Table 二's blocks are merged into one table over the union of their columns,
// "/" where a block has no such column. Never fails.
FlatTable FlattenTable(const Report& report, const core::TableDef& table);

// The label path of a column header, outermost first: {"申请人情况", "法人或其他组织",
// "商业企业"}; {"行政诉讼", "未经复议直接起诉", "结果维持"}.
std::vector<std::string_view> ColumnPath(const core::TableDef& table,
                                         const core::ColumnDef& column);

// The published text of a cell, or "/" when the report has no value for it.
std::string CellText(const Report& report, const core::TableDef& table, const core::RowDef& row,
                     const core::ColumnDef& column);

}  // namespace gongkai::report
