// The report's text: an auto-drafted 总体情况 paragraph stating the key figures, and
// staff-written text whose numbers are placeholders filled from the tables, so that text
// and tables cannot disagree.
#pragma once

#include <string>
#include <string_view>

#include "report/report.hpp"

namespace gongkai::report {

// The 总体情况 paragraph with the key figures of the report (requests received, answered
// and carried over, outcomes, review and litigation; items published for legacy reports).
std::string DraftOverview(const Report& report);

// 信息处理费 collected in the year, as section 六 states it.
std::string DraftFeeStatement(const Report& report);

// Replaces every {{table.row.column}} in `text` with the cell's published value. The table
// may be named by its id (table2, table3, table4, legacy) or an alias: proactive = table2,
// requests = table3, cases = table4. Legacy cells may omit the column ({{legacy.L3_1}}).
// Fails with kInvalidArgument naming the first placeholder that is not a cell of the format
// (field "narrative"), or an unclosed "{{".
core::Result<std::string> FillPlaceholders(std::string_view text, const Report& report);

}  // namespace gongkai::report
