#include "app/markdown.hpp"

#include <gtest/gtest.h>

namespace gongkai::app {
namespace {

TEST(MarkdownTest, RendersHeadingsAndTables) {
  std::string html = RenderMarkdown("# 通知\n\n| 项目 | 数量 |\n|---|---|\n| 许可 | 3 |\n");
  EXPECT_NE(html.find("<h1>通知</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>许可</td>"), std::string::npos) << html;
}

TEST(MarkdownTest, DoesNotPassRawHtmlThrough) {
  for (const char* md :
       {"<script>alert(1)</script>\n", "正文<script>alert(1)</script>结束\n",
        "<div onclick=\"x()\">块</div>\n", "<iframe src=\"https://e.example\">\n"}) {
    std::string html = RenderMarkdown(md);
    EXPECT_EQ(html.find("<script"), std::string::npos) << md << " → " << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << md << " → " << html;
    EXPECT_EQ(html.find("onclick"), std::string::npos) << md << " → " << html;
  }
}

TEST(MarkdownTest, EmptiesDangerousLinks) {
  std::string html = RenderMarkdown("[点我](javascript:alert(1)) ![图](data:text/html,x)\n");
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
  EXPECT_NE(html.find("点我"), std::string::npos);
}

TEST(MarkdownTest, EscapesTextAndSurvivesInvalidUtf8) {
  EXPECT_NE(RenderMarkdown("a < b & c\n").find("a &lt; b &amp; c"), std::string::npos);
  EXPECT_NE(RenderMarkdown("bad \xff byte\n").find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::app
