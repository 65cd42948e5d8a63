// The table layouts and arithmetic identities of the 政府信息公开工作年度报告, defined once as
// data and shared by the report engine (which fills the tables) and `gongkai check` (which
// reads published ones).
//
// Three formats exist:
//  - kFormat2021: 国办公开办函〔2021〕30号, used for reports on 2021 and later;
//  - kTrial2019:  国办公开办函〔2019〕60号 试行 format (reports on 2019 and 2020): table 二
//                 differs, table 三 has （六）其他处理 as one data row, table 四 is the same;
//  - kLegacy2008: the 政府信息公开情况统计表 of the 2008 条例 era (one value per row).
//
// Ids, labels (exact, full-width punctuation), parents, units, `data` flags and rules are
// copied from data/annual-report-tables.json; report_format_json_test.cpp in src/check/
// proves that they match that file. Rules whose status is "derived" are ours (not in the
// reference) and are marked so. Everything here is immutable static data: the references
// returned stay valid for the life of the program and are safe to share between threads.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gongkai::core {

enum class ReportFormat { kLegacy2008, kTrial2019, kFormat2021 };

// "legacy_2008", "trial_2019", "format_2021" (the keys used in annual-report-tables.json).
std::string_view ReportFormatId(ReportFormat format);
// Chinese name, e.g. "2021年格式（国办公开办函〔2021〕30号）".
std::string_view ReportFormatName(ReportFormat format);
// Accepts the ids above and the short forms "legacy", "2019", "2021"; nullopt otherwise.
std::optional<ReportFormat> ParseReportFormatId(std::string_view id);
// The three formats, newest first.
std::span<const ReportFormat> AllReportFormats();

enum class ValueKind { kInt, kDecimal };

struct ColumnDef {
  std::string_view id;
  std::string_view label;
  std::string_view parent;  // label of the spanning header cell ("申请人情况", "行政诉讼"), or ""
  std::string_view group;  // table 四 only: "行政复议", "未经复议直接起诉", "复议后起诉"
  ValueKind kind = ValueKind::kInt;
  std::string_view unit;  // e.g. "万元", or ""
  bool value = true;      // false for the legacy table's 统计指标 and 单位 columns
};

struct RowDef {
  std::string_view id;
  std::string_view label;   // exact label, full-width punctuation
  std::string_view parent;  // id of the parent row, "" at the top level
  bool data = true;         // false: a heading (merged cell) that carries no number
  int number = 0;           // the N of an "N." sub-item label, 0 when the reference has none
  std::string_view unit;  // legacy table: 条, 件, 次, 篇, 个, 人, 人次, 万元; "" otherwise
  std::string_view unit_source;    // legacy: "seed" or "inferred"; "" for headings
  std::string_view label_seed;     // legacy: the label as written in the seed text
  std::string_view label_variant;  // a wording seen in some published tables, or ""
  std::string_view block;          // table 二: id of the block holding the row
};

// Table 二 is four (2021) or five (2019) blocks, each with its own columns.
struct BlockDef {
  std::string_view id;
  std::string_view caption;  // "第二十条第（一）项"
  std::vector<ColumnDef> columns;
  std::vector<std::string_view> row_ids;
};

struct TableDef {
  std::string_view id;  // "table2", "table3", "table4" or "legacy"
  std::string_view title;
  std::string_view corner_note;       // table 三's 勾稽关系 note, else ""
  std::string_view row_header_label;  // table 二: "信息内容"
  std::vector<BlockDef> blocks;       // table 二 only
  std::vector<RowDef> rows;           // in the order of the published table
  std::vector<ColumnDef> columns;     // tables 三/四/legacy; empty for table 二

  // nullptr when there is no such row / column.
  const RowDef* Row(std::string_view row_id) const;
  // For table 二 searches every block.
  const ColumnDef* Column(std::string_view column_id) const;
  // The value columns that apply to `row`: the block's columns in table 二, the columns
  // with value == true elsewhere. Empty for a heading row (data == false).
  std::vector<const ColumnDef*> ValueColumns(const RowDef& row) const;
};

enum class RuleKind {
  kSum,        // lhs[0] == Σ rhs                (single value column; legacy)
  kLe,         // lhs[0] <= rhs[0]               (a part never exceeds its whole)
  kLeSum,      // lhs[0] <= Σ rhs
  kPerColumn,  // for every value column: Σ rows lhs == Σ rows rhs
  kPerRow,     // for every data row: Σ columns lhs == Σ columns rhs
  kCrossYear,  // compares with the previous year's report; see `text`
};

// "sum", "le", "le_sum", "per_column", "per_row", "cross_year" (the reference's `kind`).
std::string_view RuleKindId(RuleKind kind);

enum class Severity { kError, kWarning };

struct RuleDef {
  std::string_view id;
  RuleKind kind = RuleKind::kSum;
  // The reference's status: "stated_in_format", "implied_verified_on_sample",
  // "implied_unverified", "per_brief", "inferred"; or "derived" for a rule of ours.
  std::string_view status;
  // kError when a broken rule means the report contradicts itself for certain; kWarning
  // when the rule is an inference that real reports may legitimately break.
  Severity severity = Severity::kError;
  std::string_view table;
  std::vector<std::string_view> lhs;  // row ids (column ids for kPerRow)
  std::vector<std::string_view> rhs;
  std::string_view text;  // the reference's wording, when it gives one
};

struct FormatDef {
  ReportFormat format;
  std::vector<std::string_view> sections;  // the six section headings
  std::vector<TableDef> tables;
  std::vector<RuleDef> rules;

  const TableDef* Table(std::string_view table_id) const;  // nullptr when absent
  const RuleDef* Rule(std::string_view rule_id) const;     // nullptr when absent
};

// The definition of `format`.
const FormatDef& GetReportFormat(ReportFormat format);

}  // namespace gongkai::core
