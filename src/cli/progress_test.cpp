#include "cli/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace gongkai::cli {
namespace {

TEST(ProgressTest, LineGivesCountShareAndRate) {
  std::ostringstream out;
  Progress p("索引", 5678, out, false);
  EXPECT_EQ(p.Line(1234, 2.0), "1,234/5,678（21.7%） 617/秒");
  p.SetTotal(0);
  EXPECT_EQ(p.Line(12, 0.0), "12");
  EXPECT_EQ(p.Line(3, 2.0), "3 1.5/秒");
  EXPECT_EQ(p.Line(0, 2.0), "0");
}

TEST(ProgressTest, QuickOrFailedWorkLeavesNoOutput) {
  std::ostringstream out;
  {
    Progress p("恢复", 100, out, false);
    p.Update(40);
    p.Update(100);  // within the first 5 s: a log gets nothing
  }
  Progress none("备份", 0, out, true);
  none.Finish();
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressTest, DrawsABarOnATerminal) {
  std::ostringstream out;
  Progress p("演示数据", 4, out, true);
  p.Update(4, "完成");
  p.Finish();
  p.Finish();  // idempotent
  const std::string text = out.str();
  EXPECT_NE(text.find("[##############################]"), std::string::npos) << text;
  EXPECT_NE(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find("完成 4/4"), text.rfind("完成 4/4"));
}

}  // namespace
}  // namespace gongkai::cli
