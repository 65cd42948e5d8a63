#include "check/summary.hpp"

#include <gtest/gtest.h>

namespace gongkai::check {
namespace {

std::vector<SummaryRow> Rows() {
  SummaryRow a;
  a.file = "a,\"b\".txt";
  a.body = "某县<人民政府>";
  a.year = 2020;
  a.format = "trial_2019";
  a.input_kind = "pdf";
  a.cells = 198;
  a.errors = 2;
  a.warnings = 1;
  a.top_finding = "[t3_balance] x";
  SummaryRow b;
  b.file = "n.txt";
  b.narrative_only = true;
  return {a, b, UnreadableRow("scan.pdf", "PDF 没有文本层（可能是扫描件）")};
}

TEST(SummaryTest, CsvQuotesAndTotals) {
  const std::string csv = FormatSummaryCsv(Rows());
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\"a,\"\"b\"\".txt\",errors,某县<人民政府>,2020,trial_2019,pdf,198,0,2,1,"
                     "[t3_balance] x\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("n.txt,ok,,,,,0,1,0,0,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("scan.pdf,unreadable,,,,,0,0,0,0,PDF 没有文本层"), std::string::npos) << csv;
  EXPECT_NE(csv.find("合计,2 份报告；1 份有错误；1 份无法读取,,,,,,1,2,1,"), std::string::npos)
      << csv;
}

TEST(SummaryTest, JsonAndHtml) {
  const std::string json = FormatSummaryJson(Rows());
  EXPECT_NE(json.find("\"totals\":{\"reports\":2,\"with_errors\":1,\"errors\":2,\"warnings\":1,"
                      "\"unreadable\":1,\"narrative_only\":1}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"status\":\"unreadable\",\"message\":"), std::string::npos);
  const std::string html = FormatSummaryHtml(Rows());
  EXPECT_NE(html.find("某县&lt;人民政府&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<人民政府>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"unreadable\"><td>scan.pdf</td><td>无法读取</td>"),
            std::string::npos);
}

TEST(SummaryTest, ExitCodeIsPerRow) {
  const std::vector<SummaryRow> rows = Rows();
  EXPECT_EQ(ExitCodeOf(rows[0]), 1);
  EXPECT_EQ(ExitCodeOf(rows[1]), 0);
  EXPECT_EQ(ExitCodeOf(rows[2]), 2);
}

}  // namespace
}  // namespace gongkai::check
