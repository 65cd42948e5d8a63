#include "text/encoding.hpp"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <string>
#include <vector>

namespace gongkai::text {
namespace {

struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;
};

TEST(EncodingTest, ValidatesUtf8Strictly) {
  const std::vector<Utf8Case> cases = {
      {"empty", "", true},
      {"ascii", "hello, world", true},
      {"nul byte", std::string("a\0b", 3), true},
      {"chinese", "政府信息公开", true},
      {"two-byte U+00E9", "\xC3\xA9", true},
      {"largest BMP U+FFFF", "\xEF\xBF\xBF", true},
      {"supplementary U+20000", "\xF0\xA0\x80\x80", true},
      {"largest U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"U+D7FF before surrogates", "\xED\x9F\xBF", true},
      {"U+E000 after surrogates", "\xEE\x80\x80", true},
      {"overlong slash C0 AF", "\xC0\xAF", false},
      {"overlong C1 BF", "\xC1\xBF", false},
      {"overlong three-byte NUL", "\xE0\x80\x80", false},
      {"overlong three-byte E0 9F BF", "\xE0\x9F\xBF", false},
      {"overlong four-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", false},
      {"lone high surrogate U+D800", "\xED\xA0\x80", false},
      {"lone low surrogate U+DFFF", "\xED\xBF\xBF", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"F5 lead byte", "\xF5\x80\x80\x80", false},
      {"FF byte", "a\xFF", false},
      {"stray continuation", "\x80", false},
      {"truncated two-byte", "\xC3", false},
      {"truncated three-byte at end", "政\xE5\xBA", false},
      {"truncated four-byte", "\xF0\xA0\x80", false},
      {"continuation missing mid-string", "\xE6\x94x", false},
      {"GBK bytes of 政府", "\xD5\xFE\xB8\xAE", false},
  };
  for (const Utf8Case& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.bytes), c.valid) << c.name;
    EXPECT_EQ(FindInvalidUtf8(c.bytes) == std::string_view::npos, c.valid) << c.name;
  }
}

TEST(EncodingTest, FindInvalidUtf8ReportsOffset) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("政\xC0\xAF"), 3u);
}

TEST(EncodingTest, ToValidUtf8ReplacesMaximalSubparts) {
  EXPECT_EQ(ToValidUtf8("政府"), "政府");
  EXPECT_EQ(ToValidUtf8("a\xFF"
                        "b"),
            "a\uFFFD"
            "b");
  // A truncated three-byte sequence is one maximal subpart → one U+FFFD.
  EXPECT_EQ(ToValidUtf8("\xE6\x94x"), "\uFFFDx");
  // Surrogate: ED is followed by A0, which is not allowed after ED → ED, A0, 80 each bad.
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
}

// The bytes of 政府信息公开 in GB18030 (identical in GBK and GB2312).
const std::string kGb18030Zhengfu = "\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA";

// Encodes UTF-8 text as GB18030 with ICU, so tests are not limited to hand-typed bytes.
std::string EncodeGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string utf16(utf8.size() + 1, u'\0');
  int32_t len = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &len, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::string out(utf8.size() * 4 + 4, '\0');
  const int32_t n =
      ucnv_convert("GB18030", "UTF-16LE", out.data(), static_cast<int32_t>(out.size()),
                   reinterpret_cast<const char*>(utf16.data()), len * 2, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

TEST(EncodingTest, DecodesHardCodedGb18030) {
  core::Result<std::string> r = DecodeToUtf8(kGb18030Zhengfu);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "政府信息公开");
}

TEST(EncodingTest, DecodesIcuEncodedGb18030) {
  const std::vector<std::string> texts = {
      "政府信息公开申请表，编号：２０２４－００１",
      "申請人姓名 张三; 联系电话 13800000000",
      "生僻字𠀀与欧元符号€",  // four-byte GB18030 sequences and a GBK extension
      "一、总体情况\r\n二、主动公开政府信息情况\n",
  };
  for (const std::string& text : texts) {
    const std::string bytes = EncodeGb18030(text);
    ASSERT_FALSE(IsValidUtf8(bytes)) << text;
    core::Result<std::string> r = DecodeToUtf8(bytes);
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    EXPECT_EQ(*r, text);
    core::Result<std::string> declared = DecodeAs(bytes, "GBK");
    ASSERT_TRUE(declared.ok()) << declared.status().ToString();
    EXPECT_EQ(*declared, text);
  }
}

TEST(EncodingTest, Utf8PassesThroughAndBomIsStripped) {
  struct Case {
    std::string bytes;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"政府信息公开", "政府信息公开"},
      {"\xEF\xBB\xBF政府信息公开", "政府信息公开"},
      {"\xEF\xBB\xBF", ""},
      {"", ""},
      {"plain ascii,1,2\n", "plain ascii,1,2\n"},
      // Only the leading BOM is a BOM; a later U+FEFF is content.
      {"\xEF\xBB\xBF"
       "a\xEF\xBB\xBF"
       "b",
       "a\xEF\xBB\xBF"
       "b"},
  };
  for (const Case& c : cases) {
    core::Result<std::string> r = DecodeToUtf8(c.bytes);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, c.want);
    core::Result<std::string> declared = DecodeAs(c.bytes, "utf-8");
    ASSERT_TRUE(declared.ok()) << declared.status().ToString();
    EXPECT_EQ(*declared, c.want);
  }
}

TEST(EncodingTest, Gb18030ByteOrderMarkIsStripped) {
  core::Result<std::string> r = DecodeToUtf8("\x84\x31\x95\x33" + kGb18030Zhengfu);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "政府信息公开");
}

TEST(EncodingTest, RejectsBytesInNeitherEncoding) {
  const std::vector<std::string> bad = {
      "\xFF\xFF",                        // 0xFF is never a GB18030 lead byte
      "\x80",                            // neither UTF-8 nor GB18030
      kGb18030Zhengfu + "\xD5",          // truncated double-byte at the end
      "\xD5\x7F",                        // 0x7F is not a valid trail byte
      "\xEF\xBB\xBF" + kGb18030Zhengfu,  // a UTF-8 BOM promises UTF-8
  };
  for (const std::string& bytes : bad) {
    core::Result<std::string> r = DecodeToUtf8(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("编码"), std::string::npos) << r.status().message();
  }
}

TEST(EncodingTest, DecodeAsHonoursTheDeclaredEncoding) {
  // GBK bytes declared as UTF-8 are rejected instead of guessed.
  core::Result<std::string> as_utf8 = DecodeAs(kGb18030Zhengfu, "UTF8");
  ASSERT_FALSE(as_utf8.ok());
  EXPECT_EQ(as_utf8.status().code(), core::ErrorCode::kInvalidArgument);

  for (const char* name : {"gb18030", "GB18030", "gbk", "gb2312", "GB_2312", "cp936"}) {
    core::Result<std::string> r = DecodeAs(kGb18030Zhengfu, name);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    EXPECT_EQ(*r, "政府信息公开") << name;
  }

  core::Result<std::string> unknown = DecodeAs("abc", "big5");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "encoding");
}

}  // namespace
}  // namespace gongkai::text
