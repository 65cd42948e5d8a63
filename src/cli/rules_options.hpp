// The readings of the law (core::ReportRules) as command-line flags, over the configuration
// keys of app/config (clock_count_receipt_day, clock_fee_notice_pauses, legacy_overdue_as,
// report_case_year) read from --config FILE and the GONGKAI_* environment.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/report_compute.hpp"

namespace gongkai::cli {

// The raw flag values as given ("" when absent); ResolveRules interprets them.
struct RulesFlags {
  std::string config;         // --config FILE
  std::string count_receipt;  // --count-receipt-day true|false
  std::string fee_pauses;     // --fee-notice-pauses true|false
  std::string overdue_as;     // --overdue-as extended|on_time
  std::string case_year;      // --case-year filed|concluded
  bool with_report = false;   // the report-only flags were added
};

// Adds the clock flags (and, with `report`, --overdue-as and --case-year) to `command`.
void AddRulesOptions(CLI::App* command, RulesFlags& flags, bool report);

// Defaults, then the config file, then the environment, then the flags given.
// kInvalidArgument naming the key for a bad value.
core::Result<core::ReportRules> ResolveRules(const RulesFlags& flags);

}  // namespace gongkai::cli
