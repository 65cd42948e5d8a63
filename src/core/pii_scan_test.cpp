#include "core/pii_scan.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace gongkai::core {
namespace {

std::string Id18(std::string first17) { return first17 + IdCardCheckChar(first17); }

std::string WithLuhn(std::string prefix) {
  for (char d = '0'; d <= '9'; ++d)
    if (LuhnValid(prefix + d)) return prefix + d;
  return prefix;
}

// A wrong check digit for an 18-digit ID.
std::string BadId18(std::string first17) {
  char good = IdCardCheckChar(first17);
  return first17 + (good == '1' ? '2' : '1');
}

struct Case {
  std::string text;
  std::optional<PiiKind> kind;  // nullopt: nothing may fire
  bool masked = false;
  std::string preview = {};
};

TEST(PiiScanTest, CheckDigits) {
  EXPECT_EQ(IdCardCheckChar("11010519491231002"), 'X');  // GB 11643 example
  EXPECT_EQ(IdCardCheckChar("44052418800101001"), '4');
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_TRUE(CreditCodeValid("91350100M000100Y43"));
  EXPECT_FALSE(CreditCodeValid("91350100M000100Y44"));
}

TEST(PiiScanTest, TableOfKinds) {
  const std::string id = Id18("43068119900101123");
  const std::string card = WithLuhn("622202123456789012");
  const std::string visa = WithLuhn("411111111111111");
  const Case cases[] = {
      // 居民身份证号
      {"身份证号：" + id, PiiKind::kIdCard, false, "430681********" + id.substr(14)},
      {"11010519491231002X", PiiKind::kIdCard, false, "110105********002X"},
      {"11010519491231002x", PiiKind::kIdCard},
      {BadId18("43068119900101123"), std::nullopt},
      {Id18("99068119900101123"), std::nullopt},  // no such province
      {Id18("43068119901301123"), std::nullopt},  // month 13
      {"430681900101123", PiiKind::kIdCard},      // 15-digit legacy
      {"430681901301123", std::nullopt},          // legacy, bad date
      {"430681********1234", PiiKind::kIdCard, true},
      {"430681＊＊＊＊＊＊＊＊123X", PiiKind::kIdCard, true},
      // full-width, Chinese numerals, split in a cell
      {id.substr(0, 6) + " " + id.substr(6, 8) + " " + id.substr(14), PiiKind::kIdCard},
      {id.substr(0, 10) + "\n" + id.substr(10), PiiKind::kIdCard},
      // mobiles
      {"电话13812345678", PiiKind::kMobile, false, "138****5678"},
      {"138 1234 5678", PiiKind::kMobile},
      {"138-1234-5678", PiiKind::kMobile},
      {"+86 13812345678", PiiKind::kMobile},
      {"１３８１２３４５６７８", PiiKind::kMobile},
      {"12012345678", std::nullopt},  // 120 is not allocated
      {"10412345678", std::nullopt},
      {"138****5678", PiiKind::kMobile, true},
      {"1 3812 3456 78", std::nullopt},  // odd grouping: amounts in a row
      // landlines
      {"0731-84561234", PiiKind::kLandline, false, "0731******34"},
      {"(010)62345678", PiiKind::kLandline},
      {"021 6234 5678", PiiKind::kLandline},
      {"84561234", std::nullopt},      // no area code
      {"0731-0456123", std::nullopt},  // subscriber cannot start with 0
      // bank cards
      {"卡号 " + card, PiiKind::kBankCard, false},
      {card.substr(0, 4) + " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " +
           card.substr(12, 4) + " " + card.substr(16),
       PiiKind::kBankCard},
      {visa, PiiKind::kBankCard},
      {card.substr(0, 18) + (card[18] == '9' ? "0" : "9"), std::nullopt},  // Luhn fails
      {"6222 **** **** 1234", PiiKind::kBankCard, true},
      // e-mail
      {"邮箱 zhangsan123@qq.com。", PiiKind::kEmail, false, "z***@qq.com"},
      {"13812345678@163.com", PiiKind::kEmail},
      {"xxgk@changsha.gov.cn", std::nullopt},  // an office mailbox
      {"user@localhost", std::nullopt},
      // passports and 港澳通行证
      {"护照号 E12345678", PiiKind::kPassport, false, "E1*****78"},
      {"EA1234567", PiiKind::kPassport},
      {"C12345678", PiiKind::kPassport},
      {"X12345678", std::nullopt},
      // look-alikes that are public
      {"统一社会信用代码：91350100M000100Y43", std::nullopt},
      {"湘政发〔2024〕12号", std::nullopt},
      {"索引号：QXS-FGW/2024-00017", std::nullopt},
      {"2024年1月1日", std::nullopt},
      {"2024-01-01 2024-12-31", std::nullopt},
      {"金额 1,234,567.89 元", std::nullopt},
      {"20240101123045", std::nullopt},
      {"邮编：410000", std::nullopt},
      {"邮编 410000 地址", std::nullopt},
      {"第一二三四五六七八九十章", std::nullopt},
  };
  for (const auto& c : cases) {
    auto got = ScanPersonalData(c.text, "body");
    std::erase_if(got, [](const PiiFinding& f) { return f.kind == PiiKind::kName; });
    if (!c.kind) {
      EXPECT_TRUE(got.empty()) << c.text << " fired " << (got.empty() ? "" : got[0].preview);
      continue;
    }
    ASSERT_EQ(got.size(), 1u) << c.text;
    EXPECT_EQ(got[0].kind, *c.kind) << c.text;
    EXPECT_EQ(got[0].masked, c.masked) << c.text;
    EXPECT_EQ(got[0].field, "body");
    if (!c.preview.empty()) {
      EXPECT_EQ(got[0].preview, c.preview) << c.text;
    }
    EXPECT_GT(got[0].confidence_pct, 0);
  }
}

TEST(PiiScanTest, FullWidthAndChineseNumeralIds) {
  const std::string id = Id18("43068119900101123");
  std::string fullwidth, chinese;
  static const char* kFull[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  static const char* kCn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  for (char c : id) {
    fullwidth += c == 'X' ? "Ｘ" : kFull[c - '0'];
    chinese += c == 'X' ? "X" : kCn[c - '0'];
  }
  for (const auto& text : {fullwidth, chinese}) {
    auto got = ScanPersonalData("号码：" + text + "。", "body");
    ASSERT_EQ(got.size(), 1u) << text;
    EXPECT_EQ(got[0].kind, PiiKind::kIdCard);
    EXPECT_EQ(got[0].offset, std::string("号码：").size());
    EXPECT_EQ(got[0].length, text.size());
    EXPECT_EQ(got[0].preview, "430681********" + id.substr(14));
  }
}

TEST(PiiScanTest, OfficePhonesDoNotFire) {
  ScanOptions options;
  options.public_phones = {"0731-84561234", "12345"};
  EXPECT_TRUE(ScanPersonalData("咨询电话：0731-84561234", "body", options).empty());
  EXPECT_TRUE(ScanPersonalData("咨询电话：84561234", "body", options).empty());
  EXPECT_EQ(ScanPersonalData("电话：0731-84561235", "body", options).size(), 1u);
}

TEST(PiiScanTest, NameNextToANumber) {
  const std::string id = Id18("43068119900101123");
  const std::string row = "1 | 张三 | " + id + " | 80";
  auto got = ScanPersonalData(row, "attachment:名单.xlsx");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].kind, PiiKind::kName);
  EXPECT_EQ(got[0].preview, "张*");
  EXPECT_EQ(row.substr(got[0].offset, got[0].length), "张三");
  EXPECT_EQ(got[1].kind, PiiKind::kIdCard);
  // A label is not a name; a masked number makes the name publishable.
  auto labelled = ScanPersonalData("联系电话 13812345678", "body");
  ASSERT_EQ(labelled.size(), 1u);
  EXPECT_EQ(labelled[0].kind, PiiKind::kMobile);
  EXPECT_EQ(ScanPersonalData("欧阳明月 138****5678", "body").size(), 1u);
  auto after = ScanPersonalData(id + "，欧阳明月", "body");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].kind, PiiKind::kName);
}

TEST(PiiScanTest, MaskingKeepsLayoutAndClearsFindings) {
  const std::string id = Id18("43068119900101123");
  const std::string text = "张三 " + id.substr(0, 9) + "\n" + id.substr(9) +
                           "，电话 138 1234 5678，邮箱 zs@qq.com，原有 430681********1234。";
  auto findings = ScanPersonalData(text, "body");
  EXPECT_EQ(CountUnmasked(findings), 3);
  std::string masked = MaskPersonalData(text, findings);
  EXPECT_NE(masked.find("430681***\n*****" + id.substr(14)), std::string::npos) << masked;
  EXPECT_NE(masked.find("138 **** 5678"), std::string::npos) << masked;
  EXPECT_NE(masked.find("z*@qq.com"), std::string::npos) << masked;
  EXPECT_NE(masked.find("张三"), std::string::npos);  // names stay: lists publish them
  auto again = ScanPersonalData(masked, "body");
  EXPECT_EQ(CountUnmasked(again), 0) << masked;
  EXPECT_EQ(again.size(), 4u);  // now recognised as masked
  ScanOptions keep_more;
  keep_more.id_keep_head = 3;
  keep_more.id_keep_tail = 1;
  auto single = ScanPersonalData(id, "body", keep_more);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].preview, "430**************" + id.substr(17));
}

TEST(PiiScanTest, OffsetsPointAtTheText) {
  const std::string text = "一、名单\n李四\t13912345678\t低保";
  auto got = ScanPersonalData(text, "summary");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(text.substr(got[1].offset, got[1].length), "13912345678");
  EXPECT_EQ(text.substr(got[0].offset, got[0].length), "李四");
}

}  // namespace
}  // namespace gongkai::core
