// The arithmetic rules of a format applied to the cells read from a report.
#pragma once

#include <vector>

#include "check/recognize.hpp"
#include "check/report.hpp"
#include "core/report_format.hpp"

namespace gongkai::check {

// Applies every rule of `format` (core::FormatDef::rules) except cross-year ones, plus the
// checker's own rule "heading_value" (a number in a heading row that should carry none;
// warning). Equality rules allow a difference of 0.0001 (decimals in 万元).
//
// A rule is skipped when a row it needs was not found (the report is truncated: the
// missing rows are reported as notes instead). A blank or "/" cell counts as 0; a broken
// rule that involves such a cell, or an approximate number, is downgraded to a warning,
// since the publisher may have meant "unknown". Severity otherwise follows the rule's
// definition (core::RuleDef::severity).
std::vector<Finding> ApplyRules(const core::FormatDef& format, const Mapping& mapping);

// A short label for messages: the reference label without its enumerator and notes in
// parentheses ("（二）申请办结数" → "申请办结数").
std::string ShortLabel(const core::RowDef& row);

}  // namespace gongkai::check
