// The report's tables as CSV, one file per table, for spreadsheets and scripts.
//
// Each file is UTF-8 with a byte-order mark (Excel in China reads BOM-less UTF-8 as GBK),
// RFC 4180 (fields holding a comma, quote, CR or LF are quoted, quotes doubled; lines end
// with CRLF). The first line holds the column labels, spanning headers prefixed
// ("法人或其他组织·商业企业"); the first column is the row label, group labels prefixed; values
// are as published (万元 cells in 万元), "/" for a cell the report lacks or the block has not.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report.hpp"

namespace gongkai::report {

// One (file name, content) pair per table of the format, in order: "table2.csv",
// "table3.csv", "table4.csv", or "legacy.csv". Never fails.
std::vector<std::pair<std::string, std::string>> RenderCsv(const Report& report);

// One field, quoted when RFC 4180 requires it.
std::string CsvField(std::string_view text);

}  // namespace gongkai::report
