#include "text/normalize.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace gongkai::text {
namespace {

struct Case {
  std::string in;
  std::string want;
};

TEST(NormalizeTest, SimplifierIsInstalled) {
  core::Status s = SimplifierStatus();
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(NormalizeTest, ConvertsTraditionalToSimplified) {
  const std::vector<Case> cases = {
      {"政府資訊公開", "政府资讯公开"},
      {"申請", "申请"},
      {"政府信息公開申請表", "政府信息公开申请表"},
      {"國務院辦公廳關於", "国务院办公厅关于"},
      {"行政複議與訴訟", "行政复议与诉讼"},
      {"already simplified 政府信息公开", "already simplified 政府信息公开"},
      {"", ""},
      {"ASCII only", "ASCII only"},
  };
  for (const Case& c : cases) EXPECT_EQ(ToSimplified(c.in), c.want) << c.in;
}

// ToSimplified skips OpenCC for text without a character that some changing entry needs;
// phrases whose other characters are common simplified ones must still convert.
TEST(NormalizeTest, ShortcutKeepsPhraseConversions) {
  struct Case {
    const char* in;
    const char* want;
  };
  const Case cases[] = {
      {"请及时回覆", "请及时回复"},                  // 覆 changes only inside the phrase
      {"不要找藉口", "不要找借口"},                  // 藉 likewise
      {"一目瞭然", "一目了然"},                      //
      {"乾隆年间", "乾隆年间"},                      // an identity phrase keeps 乾
      {"关于水利工程的公告", "关于水利工程的公告"},  // nothing to convert
  };
  for (const Case& c : cases) EXPECT_EQ(ToSimplified(c.in), c.want) << c.in;
}

// The tokenizer's fast path skips ToSimplified for text with none of these characters.
TEST(NormalizeTest, SimplificationMayChangeMarksTheConvertedCharacters) {
  EXPECT_TRUE(SimplificationMayChange(U'臺'));
  EXPECT_TRUE(SimplificationMayChange(U'報'));
  EXPECT_TRUE(SimplificationMayChange(U'覆'));  // 回覆 → 回复: marked on the changing side
  EXPECT_FALSE(SimplificationMayChange(U'回'));
  EXPECT_FALSE(SimplificationMayChange(U'信'));
  EXPECT_FALSE(SimplificationMayChange(U'a'));
  EXPECT_FALSE(SimplificationMayChange(U'，'));
  EXPECT_EQ(ToSimplified("臺"), "台");
  EXPECT_EQ(ToSimplified("回覆"), "回复");
}

TEST(NormalizeTest, ToSimplifiedLeavesInvalidUtf8AndKeepsNul) {
  EXPECT_EQ(ToSimplified("申請\xFF"), "申請\xFF");
  const std::string with_nul("申請\0公開", 13);
  EXPECT_EQ(ToSimplified(with_nul), std::string("申请\0公开", 13));
}

TEST(NormalizeTest, ToSimplifiedIsThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      for (int k = 0; k < 50; ++k) results[i] = ToSimplified("政府資訊公開申請");
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, "政府资讯公开申请");
}

TEST(NormalizeTest, FoldsFullWidthLettersDigitsAndSpace) {
  const std::vector<Case> cases = {
      {"１２３", "123"},
      {"２０２４年第０１号", "2024年第01号"},
      {"ＡＢＣ　ｘｙｚ", "ABC xyz"},
      {"增长５０％", "增长50%"},
      {"ｅｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ", "email@example．com"},  // ．is punctuation
      // Chinese punctuation is left alone.
      {"（一）予以公开：", "（一）予以公开："},
      {"申请，答复；是否？！", "申请，答复；是否？！"},
      {"abc 123", "abc 123"},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldWidth(c.in), c.want) << c.in;
}

TEST(NormalizeTest, FoldsPunctuationForMatching) {
  const std::vector<Case> cases = {
      {"（一）予以公开", "(一)予以公开"},
      {"【通知】", "[通知]"},
      {"〔2024〕3号", "[2024]3号"},
      {"《条例》第三十一条", "<条例>第三十一条"},
      {"说明：甲，乙；丙。", "说明:甲,乙;丙."},
      {"一、总体情况", "一,总体情况"},
      {"“申请”与‘答复’", "\"申请\"与'答复'"},
      {"是否！？", "是否!?"},
      {"２０２４－０１", "２０２４-０１"},  // width is FoldWidth's business
      {"2024—2025", "2024-2025"},
      {"等等……", "等等......"},
      {"plain (ascii), text.", "plain (ascii), text."},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldPunctuation(c.in), c.want) << c.in;
}

TEST(NormalizeTest, CollapsesSpaces) {
  const std::vector<Case> cases = {
      {"  a   b  ", "a b"},
      {"政府\t\n信息\u3000公开", "政府 信息 公开"},
      {"\u00A0x\u2003y\r\n", "x y"},
      {"", ""},
      {" \t ", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(CollapseSpaces(c.in), c.want) << c.in;
}

TEST(NormalizeTest, NormalizeInputAppliesEveryStep) {
  const std::vector<Case> cases = {
      {"  政府資訊公開申請  ", "政府资讯公开申请"},
      {"申請編號：２０２４００１", "申请编号：2024001"},
      {"\xEF\xBB\xBF標題", "标题"},  // BOM removed
      {"a\x01"
       "b\x7F"
       "c\xC2\x85"
       "d",
       "abcd"},  // C0, DEL, C1
      {"第一行\r\n第二行\r第三行\n\t缩进", "第一行\n第二行\n第三行\n\t缩进"},
      {"零\u200B宽", "零宽"},
      {"e\xCC\x81", "\xC3\xA9"},  // NFC: e + U+0301 → é
      {"\u3000\u3000正文\u3000", "正文"},
      {std::string("nul\0byte", 8), "nulbyte"},
      {"", ""},
  };
  for (const Case& c : cases) {
    core::Result<std::string> r = NormalizeInput(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    EXPECT_EQ(*r, c.want) << c.in;
  }
}

TEST(NormalizeTest, NormalizeInputRejectsInvalidUtf8) {
  const std::vector<std::string> bad = {
      "\xC0\xAF",          // overlong
      "申请\xE7\x94",      // truncated
      "\xED\xA0\x80",      // lone surrogate
      "\xD5\xFE\xB8\xAE",  // GBK bytes
  };
  for (const std::string& in : bad) {
    core::Result<std::string> r = NormalizeInput(in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("UTF-8"), std::string::npos);
    EXPECT_NE(r.status().message().find("输入"), std::string::npos);
  }
}

TEST(NormalizeTest, NormalizeForMatchEquatesVariants) {
  const std::vector<std::vector<std::string>> groups = {
      {"统计指标", "统 计 指 标", " 統計指標 ", "统\u3000计\t指标"},
      {"(一)予以公开", "（一）予以公开", "（一） 予以公開"},
      {"pdf文件", "PDF文件", "ＰＤＦ 文件"},
      {"2024[3]号", "２０２４〔３〕号", "2024【3】号"},
  };
  for (const auto& group : groups) {
    const std::string key = NormalizeForMatch(group.front());
    for (const std::string& variant : group) {
      EXPECT_EQ(NormalizeForMatch(variant), key) << variant;
    }
  }
  EXPECT_EQ(NormalizeForMatch("统 计 指 标"), "统计指标");
  EXPECT_NE(NormalizeForMatch("予以公开"), NormalizeForMatch("部分公开"));
  // Invalid bytes do not make it fail; they become U+FFFD.
  EXPECT_EQ(NormalizeForMatch("a\xFF b"), "a\uFFFDb");
}

}  // namespace
}  // namespace gongkai::text
