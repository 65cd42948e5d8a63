// The engine's cross-year identities (issue 14 item 8): 上年结转 N = 结转下年度 N−1 and
// 现行有效 N = 现行有效 N−1 + 制发 N − 废止 N, applied to two computed reports.
#include <gtest/gtest.h>

#include "report/report.hpp"

namespace gongkai::report {
namespace {

Report Year(int year) {
  Report r;
  r.format = core::ReportFormat::kFormat2021;
  r.year = year;
  return r;
}

TEST(CrossYearTest, CarriedInMustEqualLastYearsCarriedOut) {
  Report before = Year(2023), now = Year(2024);
  before.values.Set("table3", "carried_out", "total", 3);
  before.values.Set("table3", "carried_out", "business", 1);
  now.values.Set("table3", "carried_in", "total", 3);
  now.values.Set("table3", "carried_in", "business", 2);
  std::vector<check::Finding> f = CrossYearFindings(now, before);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "t3_carry_link");
  EXPECT_EQ(f[0].severity, core::Severity::kWarning);
  EXPECT_NE(f[0].message_zh.find("2023 年结转下年度 1"), std::string::npos) << f[0].message_zh;
}

TEST(CrossYearTest, ValidRollsOverMadeAndRepealed) {
  Report before = Year(2023), now = Year(2024);
  before.values.Set("table2", "regulations", "valid", 10);
  now.values.Set("table2", "regulations", "made", 2);
  now.values.Set("table2", "regulations", "repealed", 1);
  now.values.Set("table2", "regulations", "valid", 11);
  EXPECT_TRUE(CrossYearFindings(now, before).empty());
  now.values.Set("table2", "regulations", "valid", 12);
  std::vector<check::Finding> f = CrossYearFindings(now, before);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "t2_valid_roll");
  // Not consecutive years, or different formats: nothing to compare.
  EXPECT_TRUE(CrossYearFindings(now, Year(2022)).empty());
}

}  // namespace
}  // namespace gongkai::report
