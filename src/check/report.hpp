// What `gongkai check` finds in one report: the cells it read, mapped to reference ids,
// and the findings of the rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/value.hpp"
#include "core/report_format.hpp"

namespace gongkai::check {

// One table cell mapped to the reference. The pointers refer to the static format
// definitions (core::GetReportFormat) and stay valid for the life of the program.
struct Cell {
  const core::TableDef* table = nullptr;
  const core::RowDef* row = nullptr;
  const core::ColumnDef* column = nullptr;
  CellValue value;
  std::string text;  // the cell as published (normalised)
  int line = 0;      // 0 when the cell came from JSON without a line
};

// A cell (or a narrative statement) a finding is about.
struct FindingCell {
  std::string table;   // "table3", "legacy", or "text" for a statement in the narrative
  std::string row;     // reference row id ("" for text)
  std::string column;  // reference column id ("" for text)
  std::optional<double> value;
  int line = 0;
};

struct Finding {
  core::Severity severity = core::Severity::kError;
  std::string rule;  // a rule id of the format, or a checker rule (see rules.hpp, narrative.hpp)
  std::string message_zh;
  std::string message_en;
  std::vector<FindingCell> cells;
  std::vector<int> lines;  // sorted, unique, 1-based; empty when no line is known
};

struct CheckReport {
  std::string file;
  std::optional<core::ReportFormat> format;
  std::optional<int> year;
  std::string body;
  std::string input_kind;       // "text", "html", "json", "pdf", "docx", "xlsx", "csv"
  bool narrative_only = false;  // no table found: only the narrative was checked
  std::vector<Cell> cells;
  std::vector<Finding> findings;
  // What the report lacks (tables, rows) and other remarks, one sentence each (Chinese).
  std::vector<std::string> notes;

  int ErrorCount() const;
  int WarningCount() const;
};

}  // namespace gongkai::check
