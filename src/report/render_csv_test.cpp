#include "report/render_csv.hpp"

#include <gtest/gtest.h>

#include "report/render_test_support.hpp"

namespace gongkai::report {
namespace {

using testing::ExpectGolden;
using testing::Report2021;
using testing::ReportLegacy;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(RenderCsvTest, Format2021MatchesGolden) {
  auto files = RenderCsv(Report2021());
  ASSERT_EQ(3u, files.size());
  EXPECT_EQ("table2.csv", files[0].first);
  EXPECT_EQ("table3.csv", files[1].first);
  EXPECT_EQ("table4.csv", files[2].first);
  for (const auto& [name, content] : files) ExpectGolden("format2021." + name, content);
}

TEST(RenderCsvTest, LegacyMatchesGolden) {
  auto files = RenderCsv(ReportLegacy());
  ASSERT_EQ(1u, files.size());
  EXPECT_EQ("legacy.csv", files[0].first);
  ExpectGolden("legacy2017.legacy.csv", files[0].second);
}

TEST(RenderCsvTest, BomHeaderAndRows) {
  auto files = RenderCsv(Report2021());
  const std::string& t3 = files[1].second;
  EXPECT_TRUE(t3.starts_with(
      "\xEF\xBB\xBF（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,"
      "自然人,法人或其他组织·商业企业,"));
  EXPECT_TRUE(Contains(t3, ",总计\r\n一、本年新收政府信息公开申请数量,"));
  EXPECT_TRUE(Contains(t3, "\r\n三、本年度办理结果·（六）其他处理·3.其他,"));
  EXPECT_FALSE(Contains(t3, "\r\n三、本年度办理结果,"));  // group rows carry no numbers
  const std::string& t2 = files[0].second;
  EXPECT_TRUE(Contains(t2, "\r\n第二十条第（八）项·行政事业性收费,/,/,/,/,18\r\n"));
  EXPECT_TRUE(Contains(t2, "\r\n第二十条第（一）项·规章,2,1,15,/,/\r\n"));
  EXPECT_TRUE(Contains(files[2].second, "\xEF\xBB\xBF,行政复议·结果维持,"));
  const std::string legacy = RenderCsv(ReportLegacy())[0].second;
  EXPECT_TRUE(legacy.starts_with("\xEF\xBB\xBF统计指标,单位,统计数\r\n一、主动公开情况,,\r\n"));
  EXPECT_TRUE(Contains(legacy, "\r\n七、依申请公开信息收取的费用,万元,0.15\r\n"));
}

TEST(RenderCsvTest, AbsentCellsAreSlashes) {
  Report report = Report2021();
  report.values = {};
  auto files = RenderCsv(report);
  EXPECT_TRUE(Contains(files[2].second, "\r\n,/,/,/,/,/,/,/,/,/,/,/,/,/,/,/\r\n"));
}

TEST(RenderCsvTest, QuotesPerRfc4180) {
  EXPECT_EQ("规章", CsvField("规章"));
  EXPECT_EQ("\"a,b\"", CsvField("a,b"));
  EXPECT_EQ("\"say \"\"hi\"\"\"", CsvField("say \"hi\""));
  EXPECT_EQ("\"line\r\nbreak\"", CsvField("line\r\nbreak"));
  EXPECT_EQ("\"x\ny\"", CsvField("x\ny"));
  EXPECT_EQ("", CsvField(""));
}

}  // namespace
}  // namespace gongkai::report
