#include "core/misstatements.hpp"

#include <gtest/gtest.h>

namespace gongkai::core {
namespace {

constexpr std::string_view kRules =
    "# comment\n"
    "农业部\t农业农村部\toutdated_name\t2018 方案\t农业部门\n"
    "\n"
    "建设部\t住房和城乡建设部\toutdated_name\t2008 方案\t建设部门,城乡建设部\n"
    "台湾政府\t台湾当局\tforbidden\t新华社\n";

TEST(MisstatementsTest, ParsesRulesWithExceptions) {
  auto rules = ParseMisstatementRules(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->size(), 3u);
  EXPECT_EQ((*rules)[1].exceptions, (std::vector<std::string>{"建设部门", "城乡建设部"}));
  EXPECT_EQ((*rules)[2].correction, "台湾当局");
}

TEST(MisstatementsTest, RejectsBadLinesNamingThem) {
  auto few = ParseMisstatementRules("a\tb\n");
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().field(), "line 1");
  auto kind = ParseMisstatementRules("#\n农业部\tx\twrong\tsrc\n");
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.status().field(), "line 2");
  EXPECT_FALSE(ParseMisstatementRules("农业部\tx\tforbidden\tsrc\t工业部门\n").ok());
}

TEST(MisstatementsTest, FindsPhrasesButNotTheirCorrectForms) {
  auto rules = ParseMisstatementRules(kRules);
  ASSERT_TRUE(rules.ok());
  const std::string text = "经农业部批准，农业部门和住房和城乡建设部、建设部联合发文，台湾政府";
  auto got = ScanMisstatements(text, "body", *rules);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(text.substr(got[0].offset, got[0].length), "农业部");
  EXPECT_EQ(got[0].offset, std::string("经").size());
  EXPECT_EQ(got[1].rule->correction, "住房和城乡建设部");
  EXPECT_EQ(got[1].offset, text.find("、建设部") + std::string("、").size());
  EXPECT_EQ(got[2].rule->kind, "forbidden");
  EXPECT_EQ(got[2].field, "body");
}

}  // namespace
}  // namespace gongkai::core
