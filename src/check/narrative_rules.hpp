// The narrative rules: which clauses state which quantity of a format's tables.
#pragma once

#include <string_view>
#include <vector>

#include "core/report_format.hpp"

namespace gongkai::check {

using Words = std::vector<std::string_view>;

struct NarrativeRule {
  std::string_view id;
  std::string_view what_zh;  // what the statement is about, for messages
  Words all;                 // every word must occur in the clause
  Words any;                 // at least one must occur (when not empty)
  Words none;                // none may occur
  Words units;
  // Readings of the table the statement may refer to; each is "row:column" terms joined
  // by '+', summed.
  Words readings;
  bool zero_statements = false;  // "没有发生…" states 0
};

struct RateRule {
  std::string_view id;
  std::string_view what_zh;
  Words any;
  Words none;
  std::string_view numerator;    // "row:column+…"
  std::string_view denominator;  // "row:column+…"
};

// The rules of `format`, built once. Outcome rules (what happened to the requests) are
// listed in OutcomeRuleIds.
const std::vector<NarrativeRule>& NarrativeRules(core::ReportFormat format);
const std::vector<RateRule>& RateRules(core::ReportFormat format);

}  // namespace gongkai::check
