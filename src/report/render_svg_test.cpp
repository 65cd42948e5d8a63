#include "report/render_svg.hpp"

#include <gtest/gtest.h>

#include "report/render_test_support.hpp"

namespace gongkai::report {
namespace {

using testing::Report2021;
using testing::ReportLegacy;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

void ExpectWellFormedChart(const std::string& svg) {
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
  EXPECT_TRUE(Contains(svg, "font-family=\"Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif\""));
  EXPECT_TRUE(Contains(svg, "role=\"img\""));
  EXPECT_TRUE(Contains(svg, "<title>"));
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
  EXPECT_FALSE(Contains(svg, "<script"));
}

TEST(RenderSvgTest, OutcomesFromTable3TotalColumn) {
  Report report = Report2021();
  std::string svg = RenderOutcomeSvg(report);
  ExpectWellFormedChart(svg);
  EXPECT_TRUE(Contains(svg, "<title>政府信息公开申请办理结果（总计）</title>"));
  for (std::string_view label :
       {">予以公开<", ">部分公开<", ">不予公开<", ">无法提供<", ">不予处理<", ">其他处理<"}) {
    EXPECT_TRUE(Contains(svg, label)) << label;
  }
  int64_t denied = 0;
  for (int i = 1; i <= 8; ++i) {
    denied += *report.values.Get("table3", "r3_" + std::to_string(i), "total");
  }
  EXPECT_TRUE(Contains(svg, "<title>不予公开：" + std::to_string(denied) + "</title>"));
  EXPECT_FALSE(Contains(svg, "总计："));
}

TEST(RenderSvgTest, LegacyCharts) {
  std::string outcomes = RenderOutcomeSvg(ReportLegacy());
  ExpectWellFormedChart(outcomes);
  EXPECT_TRUE(Contains(outcomes, "<title>同意公开答复数：30</title>"));
  std::string items = RenderItemsSvg(ReportLegacy());
  ExpectWellFormedChart(items);
  EXPECT_TRUE(Contains(items, "<title>政府网站公开政府信息数：180</title>"));
  EXPECT_TRUE(Contains(items, "<title>通过不同渠道和方式公开政府信息情况</title>"));
}

TEST(RenderSvgTest, Table2Chart) {
  std::string svg = RenderItemsSvg(Report2021());
  ExpectWellFormedChart(svg);
  EXPECT_TRUE(Contains(svg, "<title>行政规范性文件·现行有效件数：86</title>"));
  EXPECT_TRUE(Contains(svg, ">本年废止件数<"));  // legend
}

TEST(RenderSvgTest, TrendSortsAndEscapes) {
  std::string svg = RenderTrendSvg({{2023, 178}, {2019, 120}, {2021, 160}}, "申请 <趋势> & \"量\"");
  ExpectWellFormedChart(svg);
  EXPECT_TRUE(Contains(svg, "<title>申请 &lt;趋势&gt; &amp; &quot;量&quot;</title>"));
  EXPECT_TRUE(Contains(svg, "aria-label=\"申请 &lt;趋势&gt; &amp; &quot;量&quot;\""));
  EXPECT_LT(svg.find(">2019年<"), svg.find(">2021年<"));
  EXPECT_LT(svg.find(">2021年<"), svg.find(">2023年<"));
  EXPECT_TRUE(Contains(svg, "<polyline points=\""));
}

TEST(RenderSvgTest, EmptyInputsSayNoData) {
  EXPECT_TRUE(Contains(RenderTrendSvg({}, "趋势"), ">无数据<"));
  EXPECT_TRUE(Contains(RenderBarSvg("空", {}, {}), ">无数据<"));
  // All-zero values draw zero-length bars, no division by zero.
  std::string zeros = RenderBarSvg("零", {"甲", "乙"}, {{"", {0, 0}}});
  EXPECT_TRUE(Contains(zeros, "width=\"0\""));
  std::string flat = RenderTrendSvg({{2020, 0}, {2021, 0}}, "零");
  EXPECT_TRUE(Contains(flat, ">2021年<"));
}

TEST(RenderSvgTest, BarLengthsAreProportional) {
  std::string svg = RenderBarSvg("比例", {"甲", "乙"}, {{"", {50, 100}}});
  // The longest bar fills the bar area; half the value, half the length.
  size_t a = svg.find("<rect x=");
  a = svg.find("<rect x=", a + 1);  // skip the background
  ASSERT_NE(std::string::npos, a);
  auto width_at = [&](size_t pos) {
    size_t w = svg.find("width=\"", pos) + 7;
    return std::stoi(svg.substr(w, svg.find('"', w) - w));
  };
  size_t b = svg.find("<rect x=", a + 1);
  EXPECT_EQ(width_at(b), 2 * width_at(a));
}

}  // namespace
}  // namespace gongkai::report
