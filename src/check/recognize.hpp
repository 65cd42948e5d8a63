// Recognition: which format a report uses, which year and body it is about, and which
// reference row and column each table cell is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/document.hpp"
#include "check/report.hpp"
#include "core/report_format.hpp"

namespace gongkai::check {

struct FormatGuess {
  std::optional<core::ReportFormat> format;  // nullopt: no table of any format was found
  int matched_labels = 0;                    // reference row labels found verbatim
};

// Scores the table cells of `doc` against the row labels (and table 二's column headers)
// of the three formats. Between 2021 and 2019 — whose tables 三/四 agree — the table 二
// headers and table 三's （六） sub-items decide; failing those, `year` does (≤ 2020 →
// 2019 trial). Never fails.
FormatGuess DetectFormat(const Document& doc, std::optional<int> year);

// The year the report is about, read with white space removed and Chinese-numeral years
// ("二〇二五年") in digits: from a title ("青溪市 2025 年政府信息公开工作年度报告"), else the
// statistical period ("自2024年1月1日起至2024年12月31日止"), else the most frequent "NNNN年度",
// else the most frequent "NNNN年" (2000–2099), else a signature's date among the last lines
// minus one (reports are signed early the next year). nullopt when no year is written.
std::optional<int> DetectYear(const Document& doc);

// The reporting body: the part of the title before the year ("汨罗市人民政府2017年…") or
// between the year and 政府信息公开, extended to the fullest name the text uses
// ("汨罗" → "汨罗市人民政府"); else the body named in "由…编制"; else the signature (the
// name on or above a date line at the end). "" when none is found.
std::string DetectBody(const Document& doc, std::optional<int> year);

// DetectYear and DetectBody in one pass over the texts.
struct YearAndBody {
  std::optional<int> year;
  std::string body;
};
YearAndBody DetectYearAndBody(const Document& doc);

struct Mapping {
  std::vector<Cell> cells;
  // Numbers written in heading rows that should carry none (e.g. "三、依申请公开情况 | / | 53").
  std::vector<Cell> heading_values;
  // Data rows (and table 四) not found, as "table/row" ids.
  std::vector<std::string> missing;
  // Rows found with fewer value cells than columns, as "table/row".
  std::vector<std::string> incomplete;
};

// Maps the table cells of `doc` to `format`'s rows and columns. A cell whose text matches
// a row label opens that row; the value cells that follow (numbers, "/", blanks) fill its
// columns in reference order; unit cells (件, 条, …) are skipped; other text closes the
// row. Table 四's unlabeled data row is the first run of numbers after its column headers.
// A row found twice keeps its first occurrence. Never fails.
Mapping MapCells(const Document& doc, core::ReportFormat format);

}  // namespace gongkai::check
