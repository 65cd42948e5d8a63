#include "report/render_markdown.hpp"

#include <gtest/gtest.h>

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

TEST(RenderMarkdownTest, Format2021MatchesGolden) {
  Report report = Report2021();
  ExpectGolden("format2021.md", RenderMarkdown(report, OptionsWithNarrative(report.format)));
}

TEST(RenderMarkdownTest, LegacyMatchesGolden) {
  Report report = ReportLegacy();
  ExpectGolden("legacy2017.md", RenderMarkdown(report, OptionsWithNarrative(report.format)));
}

TEST(RenderMarkdownTest, FlattensMergedCells) {
  std::string md = RenderMarkdown(Report2021(), {});
  EXPECT_TRUE(md.starts_with("# 示例市人民政府2023年政府信息公开工作年度报告\n"));
  EXPECT_TRUE(Contains(md, "\n## 三、收到和处理政府信息公开申请情况\n"));
  EXPECT_TRUE(Contains(md,
                       "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | "
                       "自然人 | 法人或其他组织·商业企业 | 法人或其他组织·科研机构 |"));
  EXPECT_TRUE(Contains(md, "| 三、本年度办理结果·（三）不予公开·1.属于国家秘密 |"));
  EXPECT_TRUE(Contains(md, "| 行政复议·结果维持 |"));
  EXPECT_TRUE(Contains(md, "| 行政诉讼·复议后起诉·总计 |"));
  EXPECT_TRUE(Contains(md, "| 第二十条第（八）项·行政事业性收费 | / | / | / | / | 18 |"));
  // Table 四 has no row label column.
  EXPECT_TRUE(Contains(md, "\n| 3 | 1 | 2 | 1 | 7 | 2 | 0 | 1 | 1 | 4 | 1 | 1 | 0 | 0 | 2 |\n"));
}

TEST(RenderMarkdownTest, LegacyIndentsRows) {
  std::string md = RenderMarkdown(ReportLegacy(), {});
  EXPECT_TRUE(Contains(md, "| 统计指标 | 单位 | 统计数 |"));
  EXPECT_TRUE(Contains(md, "| **一、主动公开情况** |  |  |"));
  EXPECT_TRUE(Contains(md, "| \u3000\u30001．专职人员数 | 人 | 2 |"));
  EXPECT_TRUE(Contains(md, "| \u3000（四）政府信息公开专项经费 | 万元 | 18 |"));
}

TEST(RenderMarkdownTest, EscapesText) {
  Report report = Report2021();
  report.org.name = "<script>局|*_";
  RenderOptions options;
  options.sections.emplace_back("一、总体情况", "- 不是列表 [链接](x)\n1. 不是编号");
  std::string md = RenderMarkdown(report, options);
  EXPECT_FALSE(Contains(md, "<script>"));
  EXPECT_TRUE(md.starts_with("# \\<script\\>局\\|\\*\\_2023年"));
  EXPECT_TRUE(Contains(md, "\n\\- 不是列表 \\[链接\\](x)\n"));
  EXPECT_TRUE(Contains(md, "\n1\\. 不是编号\n"));
}

TEST(RenderMarkdownTest, Escape) {
  EXPECT_EQ("a\\|b c", MarkdownEscape("a|b\nc"));
  EXPECT_EQ("2021年", MarkdownEscape("2021年"));
  EXPECT_EQ("1.属于国家秘密", MarkdownEscape("1.属于国家秘密"));
  EXPECT_EQ("\\# 标题", MarkdownEscape("# 标题"));
}

}  // namespace
}  // namespace gongkai::report
