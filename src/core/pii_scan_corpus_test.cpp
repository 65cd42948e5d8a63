// A generated corpus of items with personal data planted at known positions among public
// look-alikes (dates, amounts, 文号, 索引号, 统一社会信用代码, postal codes, counts):
// precision and recall of the scanner must both be at least 99 %.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>

#include "core/pii_scan.hpp"

namespace gongkai::core {
namespace {

class CorpusGenerator {
 public:
  explicit CorpusGenerator(uint32_t seed) : rng_(seed) {}

  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Pick(0, 9));
    return s;
  }
  std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

  std::string IdNumber() {
    static const char* kRegions[] = {"430681", "110105", "440305", "320102", "510104", "610113"};
    std::string s = kRegions[Pick(0, 5)] + std::to_string(Pick(1950, 2010)) + Two(Pick(1, 12)) +
                    Two(Pick(1, 28)) + Digits(3);
    return s + IdCardCheckChar(s);
  }
  std::string Mobile() {
    static const char* kPrefixes[] = {"138", "139", "150", "186", "177", "199", "166", "147"};
    return kPrefixes[Pick(0, 7)] + Digits(8);
  }
  std::string Landline() {
    static const char* kAreas[] = {"0731-", "010-", "021-", "0755-", "0730-"};
    return kAreas[Pick(0, 4)] + std::to_string(Pick(2, 8)) + Digits(7);
  }
  std::string BankCard() {
    std::string s = "6222" + Digits(14);
    for (char d = '0'; d <= '9'; ++d)
      if (LuhnValid(s + d)) return s + d;
    return s;
  }
  std::string Email() {
    static const char* kDomains[] = {"qq.com", "163.com", "126.com", "sina.com"};
    return "user" + Digits(Pick(3, 6)) + "@" + kDomains[Pick(0, 3)];
  }
  std::string Passport() { return "E" + Digits(8); }
  std::string CreditCode() {
    static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (;;) {
      std::string s = "91430" + Digits(3);
      for (int i = 0; i < 9; ++i) s += kAlphabet[Pick(0, 30)];
      for (char c : kAlphabet)
        if (CreditCodeValid(s + c)) return s + c;
    }
  }
  // Splits a number the ways table cells and pasted lists split it.
  std::string Written(const std::string& v, PiiKind kind) {
    switch (Pick(0, 5)) {
      case 0: {  // full-width digits
        std::string out;
        for (char c : v) {
          if (c >= '0' && c <= '9') {
            out += "\xEF\xBC";
            out += static_cast<char>(0x90 + (c - '0'));
          } else {
            out += c;
          }
        }
        return kind == PiiKind::kEmail || kind == PiiKind::kPassport ? v : out;
      }
      case 1:  // a line break inside a narrow cell
        if (kind == PiiKind::kIdCard || kind == PiiKind::kMobile)
          return v.substr(0, v.size() / 2) + "\n" + v.substr(v.size() / 2);
        return v;
      case 2:  // grouped by spaces
        if (kind == PiiKind::kMobile)
          return v.substr(0, 3) + " " + v.substr(3, 4) + " " + v.substr(7);
        if (kind == PiiKind::kBankCard)
          return v.substr(0, 4) + " " + v.substr(4, 4) + " " + v.substr(8, 4) + " " +
                 v.substr(12, 4) + " " + v.substr(16);
        if (kind == PiiKind::kIdCard)
          return v.substr(0, 6) + " " + v.substr(6, 8) + " " + v.substr(14);
        return v;
      default:
        return v;
    }
  }
  std::string Filler() {
    switch (Pick(0, 11)) {
      case 0:
        return "根据《中华人民共和国政府信息公开条例》第二十条规定，现予公开。";
      case 1:
        return std::to_string(Pick(2000, 2026)) + "年" + std::to_string(Pick(1, 12)) + "月" +
               std::to_string(Pick(1, 28)) + "日";
      case 2:
        return "补助金额" + std::to_string(Pick(1, 999)) + "," + Digits(3) + "." + Digits(2) +
               "元。";
      case 3:
        return "湘政发〔" + std::to_string(Pick(2010, 2026)) + "〕" + std::to_string(Pick(1, 99)) +
               "号";
      case 4:
        return "索引号：QXS-FGW/" + std::to_string(Pick(2010, 2026)) + "-" + Digits(5) + "。";
      case 5:
        return "统一社会信用代码：" + CreditCode() + "。";
      case 6:
        return "邮编：" + std::to_string(Pick(100000, 860000)) + "，";
      case 7:
        return "共" + std::to_string(Pick(1, 99999)) + "户，";
      case 8:
        return std::to_string(Pick(2000, 2026)) + "-" + Two(Pick(1, 12)) + "-" + Two(Pick(1, 28)) +
               " 至 " + std::to_string(Pick(2000, 2026)) + "-" + Two(Pick(1, 12)) + "-" +
               Two(Pick(1, 28)) + "，";
      case 9:
        return "咨询电话：0731-88880000。";  // the office's own line (public_phones)
      case 10:
        return "联系邮箱：xxgk@miluo.gov.cn。";
      default:
        return "经审核，符合条件的对象名单如下：";
    }
  }

 private:
  std::mt19937 rng_;
};

TEST(PiiScanCorpusTest, PrecisionAndRecallAtLeast99Percent) {
  CorpusGenerator gen(20261206);
  ScanOptions options;
  options.public_phones = {"0731-88880000"};
  int64_t planted = 0, found_planted = 0, false_positives = 0, findings_total = 0;
  for (int item = 0; item < 2000; ++item) {
    std::string text;
    std::set<std::pair<size_t, int>> truth;  // (offset, kind)
    int parts = gen.Pick(5, 30);
    for (int p = 0; p < parts; ++p) {
      text += gen.Filler();
      if (gen.Pick(0, 2) != 0) continue;
      PiiKind kind = static_cast<PiiKind>(gen.Pick(0, 5));
      std::string value;
      switch (kind) {
        case PiiKind::kIdCard:
          value = gen.IdNumber();
          break;
        case PiiKind::kMobile:
          value = gen.Mobile();
          break;
        case PiiKind::kLandline:
          value = gen.Landline();
          break;
        case PiiKind::kBankCard:
          value = gen.BankCard();
          break;
        case PiiKind::kEmail:
          value = gen.Email();
          break;
        default:
          value = gen.Passport();
          break;
      }
      text += "：";
      truth.insert({text.size(), static_cast<int>(kind)});
      text += gen.Written(value, kind);
      text += "；";
    }
    auto findings = ScanPersonalData(text, "body", options);
    for (const auto& f : findings) {
      if (f.kind == PiiKind::kName) continue;
      ++findings_total;
      if (truth.count({f.offset, static_cast<int>(f.kind)}))
        ++found_planted;
      else
        ++false_positives;
    }
    planted += static_cast<int64_t>(truth.size());
  }
  ASSERT_GT(planted, 1000);
  double recall = static_cast<double>(found_planted) / static_cast<double>(planted);
  double precision = static_cast<double>(found_planted) / static_cast<double>(findings_total);
  EXPECT_GE(recall, 0.99) << found_planted << " of " << planted;
  EXPECT_GE(precision, 0.99) << false_positives << " false of " << findings_total;
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("precision", std::to_string(precision));
}

}  // namespace
}  // namespace gongkai::core
