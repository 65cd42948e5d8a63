#include "search/tokenize.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "search/query.hpp"
#include "search/snippet.hpp"

namespace gongkai::search {
namespace {

using ::testing::ElementsAre;

TEST(TokenizeTest, HanRunsGiveBigramsAndAFinalSingle) {
  EXPECT_THAT(Tokenize("信息公开"), ElementsAre("信息", "息公", "公开", "开"));
  EXPECT_THAT(Tokenize("开"), ElementsAre("开"));
}

TEST(TokenizeTest, PunctuationEndsARunAndWordsAreTokens) {
  EXPECT_THAT(Tokenize("通知，公告 PDF2021版"),
              ElementsAre("通知", "知", "公告", "告", "pdf2021", "版"));
}

TEST(TokenizeTest, SpaceBetweenHanDoesNotSplitButSeparatesWords) {
  EXPECT_THAT(Tokenize("统 计"), ElementsAre("统计", "计"));
  EXPECT_THAT(Tokenize("open data"), ElementsAre("open", "data"));
}

TEST(TokenizeTest, NormalisesTraditionalAndWidth) {
  EXPECT_THAT(Tokenize("報告ＡＢＣ１２"), ElementsAre("报告", "告", "abc12"));
}

TEST(QueryTest, WordsBecomePhrasesOfBigrams) {
  Query q = ParseQuery("信息公开  -撤回 \"年度 报告\" 开");
  ASSERT_EQ(q.must.size(), 3u);
  EXPECT_THAT(q.must[0].tokens, ElementsAre("信息", "息公", "公开"));
  EXPECT_THAT(q.must[1].tokens, ElementsAre("年度", "度报", "报告"));
  EXPECT_TRUE(q.must[2].last_is_prefix);
  ASSERT_EQ(q.exclude.size(), 1u);
  EXPECT_EQ(ToFts5(q), "\"信息 息公 公开\" AND \"年度 度报 报告\" AND \"开\"* NOT \"撤回\"");
  EXPECT_EQ(ToTsquery(q),
            "('信息' <-> '息公' <-> '公开') & ('年度' <-> '度报' <-> '报告') & '开':* & !'撤回'");
}

TEST(QueryTest, SingleHanInsideAWordSplitsIt) {
  Query q = ParseQuery("第3号令");
  ASSERT_EQ(q.must.size(), 2u);
  EXPECT_THAT(q.must[0].tokens, ElementsAre("第"));
  EXPECT_THAT(q.must[1].tokens, ElementsAre("3", "号令"));
}

TEST(QueryTest, PunctuationAndExclusionsAloneAreEmpty) {
  EXPECT_TRUE(ParseQuery("，。").empty());
  EXPECT_TRUE(ParseQuery("-公开").empty());
}

TEST(SnippetTest, MarksEveryOccurrenceAndEscapes) {
  Query q = ParseQuery("公开");
  EXPECT_EQ(Highlight("a<公开&\"与公开", q, 100),
            "a&lt;<mark>公开</mark>&amp;&quot;与<mark>公开</mark>");
}

}  // namespace
}  // namespace gongkai::search
