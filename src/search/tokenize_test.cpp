#include "search/tokenize.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "search/query.hpp"
#include "search/segment.hpp"
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

// The index build's form of the stream: the same tokens joined by spaces, cut at the cap.
TEST(TokenizeTest, AppendTokenTextIsTheTokenStreamJoinedAndCapped) {
  for (const char* text : {"信息公开", "通知，公告 PDF2021版", "統 計 open data", "", "，。"}) {
    std::string joined;
    for (const auto& t : Tokenize(text)) joined += (joined.empty() ? "" : " ") + t;
    std::string out;
    EXPECT_EQ(AppendTokenText(text, 100, out), Tokenize(text).size()) << text;
    EXPECT_EQ(out, joined) << text;
  }
  std::string capped;
  EXPECT_EQ(AppendTokenText("信息公开 PDF2021", 3, capped), 3u);
  EXPECT_EQ(capped, "信息 息公 公开");
}

// The fast path (one pass, no normalisation chain) gives exactly what the chain gives, on
// text drawn from the characters it handles mixed with ones it hands to the slow path
// (traditional characters, combining marks, compatibility ideographs, ill-formed bytes).
TEST(TokenizeTest, FastPathGivesTheSameRunsAsTheNormalisationChain) {
  const std::vector<std::string> kPieces = {"信息",
                                            "公开",
                                            "的",
                                            "㐀",
                                            "报",
                                            "回",
                                            "a",
                                            "PDF",
                                            "2021",
                                            " ",
                                            "\t",
                                            "\n",
                                            "\r\n",
                                            "\x01",
                                            "\x7f",
                                            ",",
                                            "-",
                                            "．",
                                            "，",
                                            "。",
                                            "、",
                                            "《",
                                            "》",
                                            "（",
                                            "）",
                                            "【",
                                            "】",
                                            "“",
                                            "”",
                                            "…",
                                            "·",
                                            "・",
                                            "～",
                                            "Ａ",
                                            "ｚ",
                                            "１",
                                            "＃",
                                            "　",
                                            "\xc2\xa0",
                                            "\xe2\x80\x83",
                                            "報",
                                            "覆",
                                            "臺",
                                            "e\xcc\x81",
                                            "\xcc\x81",
                                            "\xef\xa4\x80",
                                            "\xef\xbb\xbf",
                                            "\xe2\x80\x8b",
                                            "\xc3\xa9",
                                            "\xe3\x81\x82",
                                            "\xf0\xa0\x80\x80",
                                            "\xff",
                                            "\xe4\xb8",
                                            "\xef\xbc\x8c"};
  std::mt19937 rng(19);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    // Half the texts only from the first pieces (the fast path's alphabet, mostly).
    const size_t alphabet = round % 2 ? kPieces.size() : 40;
    for (int k = 0; k < n; ++k) text += kPieces[rng() % alphabet];
    const std::vector<search::Run> expected = RunsSlow(text), got = Runs(text);
    ASSERT_EQ(got.size(), expected.size()) << text;
    for (size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].han, expected[k].han) << text;
      EXPECT_EQ(got[k].text, expected[k].text) << text;
    }
    std::string joined;
    size_t count = 0;
    for (const search::Run& run : expected) {
      const size_t tokens = run.han ? run.text.size() : 1;
      for (size_t k = 0; k < tokens; ++k) {
        const size_t length = run.han && k + 1 < tokens ? 2 : (run.han ? 1 : run.text.size());
        if (!joined.empty()) joined += ' ';
        joined += ToUtf8(std::u32string_view(run.text).substr(k, length));
        ++count;
      }
    }
    std::string out;
    EXPECT_EQ(AppendTokenText(text, 1000, out), count) << text;
    EXPECT_EQ(out, joined) << text;
    // Capped at every length: a prefix of the same stream.
    for (size_t cap = 0; cap < count; ++cap) {
      std::string part;
      ASSERT_EQ(AppendTokenText(text, cap, part), cap) << text;
      EXPECT_EQ(joined.rfind(part, 0), 0u) << text << " cap " << cap;
    }
  }
}

// Found by fuzz/search_query_fuzz: overlong forms, surrogates and code points past
// U+10FFFF were decoded as code points, so ToUtf8 (and search snippets) emitted invalid
// UTF-8 or NUL; a truncated sequence swallowed the rest of the text.
TEST(TokenizeTest, IllFormedUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(ToUtf32("\xc0\x80"), U"\uFFFD\uFFFD");                      // overlong NUL
  EXPECT_EQ(ToUtf32("\xe0\x80\xaf"), U"\uFFFD\uFFFD\uFFFD");            // overlong '/'
  EXPECT_EQ(ToUtf32("\xed\xa0\x80"), U"\uFFFD\uFFFD\uFFFD");            // surrogate D800
  EXPECT_EQ(ToUtf32("\xf4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // U+110000
  EXPECT_EQ(ToUtf32("\xe4\xb8"
                    "a"),
            U"\uFFFD\uFFFDa");  // truncated, then ASCII
  EXPECT_EQ(ToUtf32("\xe4\xb8"), U"\uFFFD\uFFFD");
  EXPECT_EQ(ToUtf32("\xf0\x9f\x98\x80\xe4\xb8\xad"), U"\U0001F600\u4E2D");  // well-formed
  EXPECT_EQ(ToUtf8(ToUtf32("a\xed\xa0\x80"
                           "b")),
            "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
            "b");
  Query q = ParseQuery("x");
  EXPECT_EQ(Highlight(std::string("\xc0\x80\xed\xa0\x80", 5), q, 100).find('\0'),
            std::string::npos);
}

TEST(QueryTest, WordsBecomePhrasesOfBigrams) {
  Query q = ParseQuery("\"信息公开\"  -撤回 \"年度 报告\" 开");
  ASSERT_EQ(q.must.size(), 3u);
  EXPECT_THAT(q.must[0].tokens, ElementsAre("信息", "息公", "公开"));
  EXPECT_THAT(q.must[1].tokens, ElementsAre("年度", "度报", "报告"));
  EXPECT_TRUE(q.must[2].last_is_prefix);
  ASSERT_EQ(q.exclude.size(), 1u);
  EXPECT_EQ(ToFts5(q), "\"信息 息公 公开\" AND \"年度 度报 报告\" AND \"开\"* NOT \"撤回\"");
  EXPECT_EQ(ToTsquery(q),
            "('信息' <-> '息公' <-> '公开') & ('年度' <-> '度报' <-> '报告') & '开':* & !'撤回'");
}

// Quoted, a word stays one phrase (unquoted, segment.hpp may split it into several).
TEST(QueryTest, MixedWordsAreOnePhraseAsTheDocumentTokenizesThem) {
  Query q = ParseQuery("第3号令");
  ASSERT_EQ(q.must.size(), 1u);
  EXPECT_THAT(q.must[0].tokens, ElementsAre("第", "3", "号令"));
  EXPECT_THAT(ParseQuery("\"扩容验证12345\"").must[0].tokens,
              ElementsAre("扩容", "容验", "验证", "证", "12345"));
  // Each query's phrase occurs, token for token, in the tokens of a document holding the
  // word between other text (the last token as a prefix when the phrase says so).
  for (const char* word :
       {"第3号令", "扩容验证12345", "2021年", "青府发2024", "a水b", "PDF版本", "3号", "信息公开"}) {
    Query w = ParseQuery(std::string("\"") + word + "\"");
    ASSERT_EQ(w.must.size(), 1u) << word;
    const Phrase& p = w.must[0];
    auto doc = Tokenize(std::string("关于") + word + "的通知");
    bool found = false;
    for (size_t i = 0; !found && i + p.tokens.size() <= doc.size(); ++i) {
      bool all = true;
      for (size_t k = 0; all && k < p.tokens.size(); ++k) {
        bool last = k + 1 == p.tokens.size();
        all = last && p.last_is_prefix ? doc[i + k].rfind(p.tokens[k], 0) == 0
                                       : doc[i + k] == p.tokens[k];
      }
      found = all;
    }
    EXPECT_TRUE(found) << word;
  }
}

// Issue 21: what people type without spaces is split into words (ICU word break), each a
// phrase that must occur; quoted text and exclusions stay one phrase.
TEST(QueryTest, UnspacedWordsAreSegmentedQuotedOnesAreNot) {
  const std::pair<const char*, const char*> kForms[] = {
      {"元旦值班", "元旦 值班"},
      {"森林防火通知", "森林 防火 通知"},
      {"应急管理预案", "应急 管理 预案"},
  };
  for (const auto& [unspaced, spaced] : kForms) {
    EXPECT_EQ(ParseQuery(unspaced).must, ParseQuery(spaced).must) << unspaced;
    EXPECT_EQ(ToFts5(ParseQuery(unspaced)), ToFts5(ParseQuery(spaced))) << unspaced;
    EXPECT_EQ(ToTsquery(ParseQuery(unspaced)), ToTsquery(ParseQuery(spaced))) << unspaced;
  }
  Query quoted = ParseQuery("\"元旦值班\"");
  ASSERT_EQ(quoted.must.size(), 1u);
  EXPECT_THAT(quoted.must[0].tokens, ElementsAre("元旦", "旦值", "值班"));
  EXPECT_EQ(ParseQuery("“森林防火通知”").must.size(), 1u);
  Query excluded = ParseQuery("通知 -元旦值班");
  ASSERT_EQ(excluded.exclude.size(), 1u);
  EXPECT_THAT(excluded.exclude[0].tokens, ElementsAre("元旦", "旦值", "值班"));
  // Two-character words are unchanged; 扩容验证12345 finds each of its words.
  EXPECT_EQ(ParseQuery("通知").must.size(), 1u);
  EXPECT_EQ(ParseQuery("信息公开").must, ParseQuery("信息 公开").must);
}

TEST(SegmentTest, CoversTheRunAndLeavesNoSingleCharacterAlone) {
  for (const char* text : {"元旦值班", "森林防火通知", "投诉举报", "关于做好元旦期间值班工作的通知",
                           "国务院令", "的的的", "应急管理预案"}) {
    std::u32string run = ToUtf32(text);
    auto words = SegmentHanRun(run);
    std::u32string joined;
    for (const auto& w : words) {
      joined += w;
      if (words.size() > 1) {
        EXPECT_GT(w.size(), 1u) << text;
      }
    }
    EXPECT_EQ(joined, run) << text;
  }
  EXPECT_EQ(SegmentHanRun(U"通知").size(), 1u);
  EXPECT_EQ(SegmentHanRun(U"元旦值班"), (std::vector<std::u32string>{U"元旦", U"值班"}));
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
