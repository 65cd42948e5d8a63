// `gongkai check --previous FILE`: the cross-year identities of the format between a
// published report and the same body's report for the year before.
#pragma once

#include <string>
#include <vector>

#include "check/report.hpp"

namespace gongkai::check {

// Applies the format's cross-year rules (core::RuleKind::kCrossYear) to `current` given
// `previous`, with their defined severity:
//  - t3_carry_link: 上年结转 (carried_in) of year N = 结转下年度 (carried_out) of year N−1, in
//    every column of table 三 (2019 and 2021 formats, either year);
//  - t2_valid_roll (2021 format, both years): 现行有效 N = 现行有效 N−1 + 本年制发 N − 本年废止 N
//    for 规章 and 行政规范性文件.
// A rule whose cells either report lacks is skipped. When the previous report's year is
// not current−1, nothing is compared and a note says so; a different body is noted too.
// Notes go to `notes` (Chinese, one sentence each).
std::vector<Finding> CompareWithPrevious(const CheckReport& current, const CheckReport& previous,
                                         std::vector<std::string>& notes);

}  // namespace gongkai::check
