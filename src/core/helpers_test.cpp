// The one copy of each shared helper (issue 18): the UTF-8 codec in core/utf8.hpp, the
// outcome codes derived from the 2021 layout, and report cells checked against the layouts.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/report_values.hpp"
#include "core/request.hpp"
#include "core/utf8.hpp"

namespace gongkai::core {
namespace {

TEST(Utf8Test, EncodesEveryLengthAndRoundTrips) {
  const std::u32string cps = {U'A', 0xE9, 0x4E2D, 0x20000};
  std::string s = ToUtf8(cps);
  EXPECT_EQ(s, "A\xC3\xA9\xE4\xB8\xAD\xF0\xA0\x80\x80");
  std::u32string back;
  ASSERT_TRUE(DecodeUtf8Strict(s, back));
  EXPECT_EQ(back, cps);
}

TEST(Utf8Test, StrictDecodingRejectsIllFormedInput) {
  for (std::string bad :
       {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE4\xB8", "\x80", "\xF5\x80\x80\x80"}) {
    std::u32string out;
    EXPECT_FALSE(DecodeUtf8Strict(bad, out)) << bad.size();
  }
}

TEST(Utf8Test, DecodeReportsTheMaximalIllFormedSubpart) {
  Utf8Char c = DecodeUtf8("\xE4\xB8x", 0);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.code_point, 0xFFFDu);
  EXPECT_EQ(c.length, 2u);
}

TEST(OutcomeCodesTest, AreTheResultRowsOfThe2021TableThree) {
  const std::vector<std::string> expected = {
      "r1_open", "r2_partial", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5",
      "r3_6",    "r3_7",       "r3_8", "r4_1", "r4_2", "r4_3", "r5_1",
      "r5_2",    "r5_3",       "r5_4", "r5_5", "r6_1", "r6_2", "r6_3"};
  EXPECT_EQ(OutcomeCodes(), expected);
  EXPECT_TRUE(IsOutcomeCode("r3_8"));
  EXPECT_FALSE(IsOutcomeCode("r7_total"));
  EXPECT_FALSE(IsOutcomeCode("r3_denied"));
}

TEST(ReportValuesTest, AcceptsCellsOfEveryLayout) {
  ReportValues v;
  v.Add("table3", "r3_1", "business", 2);
  v.Add("table3", "r3_1", "business", 1);
  v.Set("table4", "cases", "review_total", 4);
  v.Set("table2", "admin_fees", "fee_amount", 100);
  EXPECT_EQ(v.Get("table3", "r3_1", "business"), 3);
  EXPECT_EQ(v.Get("table4", "cases", "review_total"), 4);
  EXPECT_TRUE(IsKnownReportCell("table3", "r6_other", "total"));
}

TEST(ReportValuesTest, AUnknownCellIsAProgrammingError) {
  ReportValues v;
  EXPECT_THROW(v.Add("table3", "r3_9", "total", 1), std::logic_error);
  EXPECT_THROW(v.Add("table3", "r3_1", "totl", 1), std::logic_error);
  EXPECT_THROW(v.Set("table9", "cases", "review_total", 1), std::logic_error);
  EXPECT_TRUE(v.cells().empty());
  EXPECT_FALSE(IsKnownReportCell("table4", "r3_1", "total"));
}

}  // namespace
}  // namespace gongkai::core
