// Computing every cell of an annual report from its records. Pure: the same inputs give the
// same cells. The counting rules (which request is new, carried in or carried over, which
// table row an outcome lands in, how 2021 outcomes map to the legacy 答复 categories) are
// documented in docs/report.md and live only here.
#pragma once

#include "core/calendar.hpp"
#include "core/report_format.hpp"
#include "core/report_inputs.hpp"
#include "core/report_values.hpp"
#include "core/request_legacy.hpp"

namespace gongkai::core {

// The format a report for `year` uses: legacy up to 2018, the 2019 trial format for 2019
// and 2020, the 2021 format from 2021 on.
ReportFormat DefaultReportFormat(int year);

// Which year a review or lawsuit counts in (表四 of the 2021 format, legacy 四/五). The
// format's table has a 尚未审结 column, which only makes sense if a case is counted in the
// year it was filed with its state on 31 December: that is the default (docs/report.md).
enum class CaseYearRule {
  kFiled,      // filed in the year, result as on 31 December (pending → 尚未审结)
  kConcluded,  // concluded in the year (closed_on in it, result known); pending not counted
};
const char* CaseYearRuleCode(CaseYearRule rule);  // "filed", "concluded"
Result<CaseYearRule> ParseCaseYearRule(std::string_view text);

// The readings the counting depends on (config keys and CLI flags; docs/requests.md).
struct ReportRules {
  ClockRules clock;
  LegacyMapping legacy = DefaultLegacyMapping();
  CaseYearRule case_year = CaseYearRule::kFiled;
};

// Fills every data cell of `format`'s tables from `inputs`. Each request's events are
// replayed through the request clock (ReplayRequestFact) to decide 按时 / 延期 / 逾期, as
// `request show` does; 逾期 counts where rules.legacy says (default 延期办结).
ReportValues ComputeReport(ReportFormat format, const ReportInputs& inputs,
                           const Calendar& calendar, const ReportRules& rules = {});

// Whether `c` counts in `year` under `rule`.
bool CaseCountsInYear(const LegalCase& c, int year, CaseYearRule rule);

// The legacy table's row of a 答复 category (L3_3_1 … L3_3_8, or a L3_3_4a–f reason, whose
// parent is L3_3_4); core::ClassifyLegacy reads the category off a request.
std::string_view LegacyAnswerRow(const LegacyCategory& category);

// The outcome a closed request is counted under: its outcome code, or for requests closed
// without one, （六）1 when abandoned (逾期不补正) and （六）3 otherwise.
std::string_view EffectiveOutcome(const RequestFact& request);

}  // namespace gongkai::core
