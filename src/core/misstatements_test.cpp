#include "core/misstatements.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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

// The per-rule search ScanMisstatements replaced: `find` for each rule in turn.
std::vector<MisstatementFinding> ScanRuleByRule(std::string_view text,
                                                const std::vector<MisstatementRule>& rules) {
  std::vector<MisstatementFinding> out;
  for (const auto& rule : rules) {
    for (size_t at = text.find(rule.phrase); at != std::string_view::npos;
         at = text.find(rule.phrase, at + rule.phrase.size())) {
      bool excepted = false;
      for (const auto& e : rule.exceptions) {
        for (size_t k = e.find(rule.phrase); k != std::string::npos; k = e.find(rule.phrase, k + 1))
          if (at >= k && text.substr(at - k, e.size()) == e) excepted = true;
      }
      if (!excepted) out.push_back({"f", at, rule.phrase.size(), &rule});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return out;
}

TEST(MisstatementsTest, OnePassFindsWhatTheRuleByRuleSearchFound) {
  // Overlapping phrases, phrases that are prefixes of others, repeats, an exception, a
  // phrase at the very end, and ASCII beside Chinese; over generated texts of those pieces.
  std::vector<MisstatementRule> rules;
  for (const char* p : {"农业部", "农业", "业部", "部部", "aa", "aaa", "ab", "b"}) {
    rules.push_back({p, "x", "forbidden", "test", {}});
  }
  rules[0].exceptions = {"农业部门"};
  const std::vector<std::string> pieces = {"农", "业", "部", "门", "a", "b", "，", " "};
  uint32_t seed = 12345;
  int compared = 0, found = 0;
  for (int t = 0; t < 2000; ++t) {
    std::string text;
    const int n = t % 40;
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % pieces.size()];
    }
    auto want = ScanRuleByRule(text, rules);
    auto got = ScanMisstatements(text, "f", rules);
    ASSERT_EQ(got.size(), want.size()) << text;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].offset, want[i].offset) << text;
      EXPECT_EQ(got[i].rule, want[i].rule) << text;
    }
    ++compared;
    found += static_cast<int>(got.size());
  }
  EXPECT_EQ(compared, 2000);
  EXPECT_GT(found, 5000);  // the texts do hit the rules
}

}  // namespace
}  // namespace gongkai::core
