// Text versus table: numbers stated in the narrative ("共受理政府信息公开申请55件",
// "专职人员2人", "办结率98%") matched to the cells they describe and compared.
#pragma once

#include <string>
#include <vector>

#include "check/document.hpp"
#include "check/report.hpp"
#include "core/report_format.hpp"

namespace gongkai::check {

// A number the narrative states about a quantity the tables also hold.
struct Statement {
  std::string rule;  // the narrative rule that recognised it, e.g. "text_staff_total"
  double value = 0;
  bool approximate = false;  // "9000余人次"
  int line = 0;
  std::string excerpt;  // the clause it was read from
  int sentence = 0;     // ordinal of its sentence (text up to 。！？；) in the narrative
};

// Finds the statements in `doc`'s narrative that `format`'s narrative rules recognise.
// A statement is a number followed by a unit (件 条 人 名 人次 次 期 场 篇 起 万元 元) in a
// clause (text between ，。；！？ and line ends) whose words name the quantity, e.g. 专职 for
// 专职人员数. Explicit zeros ("没有发生…收费", "未发生行政复议") are statements of 0.
// Numbers followed by 年/月/日 and numbers inside longer digit runs are ignored.
std::vector<Statement> ExtractStatements(const Document& doc, core::ReportFormat format);

// Compares statements with the cells. Per narrative rule, the statements agree when any
// of them equals any of the rule's readings of the table (e.g. 47098 may be the
// de-duplicated total or the website count); "N余" agrees with a cell in [N, N + 10^k)
// where 10^k is N's leading place. Disagreement is a warning (rule "text_…"): the prose
// may speak of another scope (全市 vs 本机关) or period, which a person must judge.
// Stated rates ("办结率98%") are compared with the rate the cells give (rule
// "text_rate_…"; tolerance: the stated precision's rounding, or truncation). Rules whose
// cells are missing or not numbers are skipped.
std::vector<Finding> CompareStatements(const std::vector<Statement>& statements,
                                       core::ReportFormat format, const std::vector<Cell>& cells);

// The statements CompareStatements cannot compare because the table lacks their cells
// (an abridged table, or none): only these need the narrative's own identities.
std::vector<Statement> UncomparedStatements(const std::vector<Statement>& statements,
                                            core::ReportFormat format,
                                            const std::vector<Cell>& cells);

}  // namespace gongkai::check
