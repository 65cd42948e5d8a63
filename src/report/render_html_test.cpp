#include "report/render_html.hpp"

#include <gtest/gtest.h>

#include "report/render_svg.hpp"
#include "report/render_test_support.hpp"

namespace gongkai::report {
namespace {

using testing::ExpectGolden;
using testing::OptionsWithNarrative;
using testing::Report2021;
using testing::ReportLegacy;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(RenderHtmlTest, Format2021MatchesGolden) {
  Report report = Report2021();
  ASSERT_TRUE(ValidateReport(report).empty()) << "the fixture breaks an identity";
  RenderOptions options = OptionsWithNarrative(report.format);
  options.figures.push_back(
      {"三、收到和处理政府信息公开申请情况",
       RenderTrendSvg({{2019, 120}, {2020, 135}, {2021, 160}, {2022, 151}, {2023, 178}},
                      "近五年新收申请数量"),
       "近五年新收政府信息公开申请数量"});
  ExpectGolden("format2021.html", RenderHtml(report, options));
}

TEST(RenderHtmlTest, LegacyMatchesGolden) {
  Report report = ReportLegacy();
  ASSERT_TRUE(ValidateReport(report).empty()) << "the fixture breaks an identity";
  ExpectGolden("legacy2017.html", RenderHtml(report, OptionsWithNarrative(report.format)));
}

TEST(RenderHtmlTest, DocumentShape) {
  std::string html = RenderHtml(Report2021(), {});
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  EXPECT_TRUE(Contains(html, "<title>示例市人民政府2023年政府信息公开工作年度报告</title>"));
  EXPECT_TRUE(Contains(html, "<h1>示例市人民政府2023年政府信息公开工作年度报告</h1>"));
  for (std::string_view heading :
       {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项"}) {
    EXPECT_TRUE(Contains(html, std::string(heading) + "</h2>")) << heading;
  }
  EXPECT_TRUE(Contains(html, "@media print"));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, " style=\""));
  // Both computed charts are embedded in figures.
  EXPECT_EQ(2, [&] {
    int n = 0;
    for (size_t p = html.find("<figure"); p != std::string::npos; p = html.find("<figure", p + 1))
      ++n;
    return n;
  }());
  EXPECT_TRUE(Contains(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(RenderHtmlTest, MergedHeaderCells) {
  std::string html = RenderHtml(Report2021(), {});
  EXPECT_TRUE(
      Contains(html,
               "<th scope=\"col\" class=\"corner\" rowspan=\"3\" colspan=\"3\">"
               "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"7\">申请人情况</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"col\" rowspan=\"2\">自然人</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"col\" rowspan=\"2\">总计</th>"));
  // Group rows are merged label cells with no numbers of their own.
  EXPECT_TRUE(Contains(html,
                       "<th scope=\"rowgroup\" class=\"group\" rowspan=\"22\">"
                       "三、本年度办理结果</th>"));
  EXPECT_TRUE(
      Contains(html, "<th scope=\"rowgroup\" class=\"group\" rowspan=\"8\">（三）不予公开</th>"));
  EXPECT_TRUE(
      Contains(html, "<th scope=\"rowgroup\" class=\"group\" rowspan=\"3\">（四）无法提供</th>"));
  EXPECT_TRUE(
      Contains(html, "<th scope=\"rowgroup\" class=\"group\" rowspan=\"5\">（五）不予处理</th>"));
  EXPECT_TRUE(
      Contains(html, "<th scope=\"rowgroup\" class=\"group\" rowspan=\"3\">（六）其他处理</th>"));
  EXPECT_TRUE(Contains(html,
                       "<th scope=\"row\" class=\"row\" colspan=\"3\">"
                       "一、本年新收政府信息公开申请数量</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"row\" class=\"row\" colspan=\"2\">（七）总计</th>"));
  // Table 四: two-level header.
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"5\">行政复议</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"10\">行政诉讼</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"5\">未经复议直接起诉</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"colgroup\" colspan=\"5\">复议后起诉</th>"));
  // Table 二: four blocks with 信息内容 headers; narrow blocks span the table's width.
  EXPECT_TRUE(Contains(html,
                       "<th scope=\"colgroup\" class=\"caption\" colspan=\"4\">"
                       "第二十条第（八）项</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"col\" class=\"corner\">信息内容</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"col\" colspan=\"3\">本年收费金额（单位：万元）</th>"));
}

TEST(RenderHtmlTest, TenThousandYuanCells) {
  std::string html = RenderHtml(Report2021(), {});
  EXPECT_TRUE(Contains(html,
                       "<th scope=\"row\" class=\"row\">行政事业性收费</th>"
                       "<td class=\"num\" colspan=\"3\">18</td>"));
  EXPECT_FALSE(Contains(html, "180000"));
  std::string legacy = RenderHtml(ReportLegacy(), {});
  EXPECT_TRUE(Contains(legacy,
                       "（四）政府信息公开专项经费</th><td class=\"unit\">万元</td>"
                       "<td class=\"num\">18</td>"));
  EXPECT_TRUE(Contains(legacy, "<td class=\"unit\">万元</td><td class=\"num\">0.15</td>"));
}

TEST(RenderHtmlTest, EscapesEveryText) {
  Report report = Report2021();
  report.org.name = "<script>alert(\"x\")</script>&局";
  RenderOptions options;
  options.sections.emplace_back("一、总体情况", "<img src=x onerror=alert(1)>");
  options.sections.emplace_back("<i>新</i>", "正文");
  options.figures.push_back(
      {"一、总体情况", RenderTrendSvg({{2023, 1}}, "<b>趋势</b>"), "<em>说明</em>"});
  std::string html = RenderHtml(report, options);
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<img"));
  EXPECT_FALSE(Contains(html, "<i>"));
  EXPECT_FALSE(Contains(html, "<b>"));
  EXPECT_FALSE(Contains(html, "<em>"));
  EXPECT_TRUE(Contains(html,
                       "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;局"
                       "2023年政府信息公开工作年度报告</h1>"));
  EXPECT_TRUE(Contains(html, "<p>&lt;img src=x onerror=alert(1)&gt;</p>"));
  EXPECT_TRUE(Contains(html, "&lt;i&gt;新&lt;/i&gt;</h2>"));
  EXPECT_TRUE(Contains(html, "<title>&lt;b&gt;趋势&lt;/b&gt;</title>"));
}

TEST(RenderHtmlTest, NarrativeGoesToItsSection) {
  Report report = Report2021();
  RenderOptions options = OptionsWithNarrative(report.format);
  std::string html = RenderHtml(report, options);
  size_t s1 = html.find("一、总体情况</h2>");
  size_t p1 = html.find("<p>本年度，全市政务公开工作稳步推进。</p>");
  size_t p2 = html.find("<p>收到申请 &lt;b&gt;较上年&lt;/b&gt; 增加 &amp; 办结及时。</p>");
  size_t s2 = html.find("二、主动公开政府信息情况</h2>");
  ASSERT_NE(std::string::npos, p1);
  ASSERT_NE(std::string::npos, p2);
  EXPECT_LT(s1, p1);
  EXPECT_LT(p1, p2);
  EXPECT_LT(p2, s2);
  // A heading outside the format becomes its own section after the six.
  EXPECT_LT(html.find("六、其他需要报告的事项</h2>"), html.find("附：名词解释</h2>"));
}

TEST(RenderHtmlTest, ChartsCanBeLeftOut) {
  RenderOptions options;
  options.charts = false;
  EXPECT_FALSE(Contains(RenderHtml(Report2021(), options), "<figure"));
}

TEST(RenderHtmlTest, Trial2019Layout) {
  Report report;
  report.format = core::ReportFormat::kTrial2019;
  report.year = 2019;
  report.org.name = "示例局";
  report.values.Set("table2", "central_procurement", "procurement_amount", 96171600);
  std::string html = RenderHtml(report, {});
  // （六）其他处理 is one data row: 20 result rows, the label spans two columns.
  EXPECT_TRUE(Contains(html, "rowspan=\"20\">三、本年度办理结果</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"row\" class=\"row\" colspan=\"2\">（六）其他处理</th>"));
  EXPECT_TRUE(Contains(html, "第二十条第（九）项"));
  EXPECT_TRUE(Contains(html, "<td class=\"absent\">/</td>"));
  EXPECT_TRUE(Contains(html, "<td class=\"num\" colspan=\"2\">96171600</td>"));
}

TEST(RenderHtmlTest, LegacyStructure) {
  std::string html = RenderHtml(ReportLegacy(), {});
  EXPECT_TRUE(Contains(html, "<h1>汨罗市人民政府2017年政府信息公开工作年度报告</h1>"));
  EXPECT_TRUE(Contains(html, "八、附表：政府信息公开情况统计表</h2>"));
  EXPECT_TRUE(Contains(html,
                       "<th scope=\"col\">统计指标</th><th scope=\"col\">单位</th>"
                       "<th scope=\"col\">统计数</th>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"row\" class=\"row indent-2\">1．专职人员数</th>"));
  EXPECT_EQ(1u, [&] {
    size_t n = 0;
    for (size_t p = html.find("<table"); p != std::string::npos; p = html.find("<table", p + 1))
      ++n;
    return n;
  }());
}

TEST(RenderCommonTest, HtmlEscape) {
  EXPECT_EQ("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;中文",
            HtmlEscape("<a href=\"x\" title='y'>&amp;</a>中文"));
  EXPECT_EQ("", HtmlEscape(""));
}

TEST(RenderCommonTest, SplitParagraphs) {
  EXPECT_EQ((std::vector<std::string>{"甲", "乙 丙"}), SplitParagraphs("  甲\r\n\n 乙 丙 \n"));
  EXPECT_TRUE(SplitParagraphs("").empty());
}

}  // namespace
}  // namespace gongkai::report
