#include "core/doc_no.hpp"

#include <string>

#include "core/utf8.hpp"

namespace gongkai::core {
namespace {

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}
bool IsOpen(char32_t c) {
  return c == '(' || c == 0xFF08 || c == '[' || c == 0xFF3B || c == 0x3010 || c == 0x3014 ||
         c == 0x3016;
}
bool IsClose(char32_t c) {
  return c == ')' || c == 0xFF09 || c == ']' || c == 0xFF3D || c == 0x3011 || c == 0x3015 ||
         c == 0x3017;
}
bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}
int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

constexpr char32_t kDi = 0x7B2C;   // 第
constexpr char32_t kHao = 0x53F7;  // 号

Status Bad(const std::string& why, std::string_view text) {
  return InvalidArgument("文号格式不正确（" + why + "）: '" + std::string(text.substr(0, 80)) +
                             "'，应形如 汨政发〔2017〕12号",
                         "doc_no");
}

// Reads digits from s[i...]; returns their count and the value (saturating).
size_t ReadDigits(const std::u32string& s, size_t i, std::string& digits) {
  size_t start = i;
  while (i < s.size() && DigitValue(s[i]) >= 0) {
    digits += static_cast<char>('0' + DigitValue(s[i]));
    ++i;
  }
  return i - start;
}

}  // namespace

Result<std::string> NormalizeDocNo(std::string_view text) {
  std::u32string raw;
  if (!DecodeUtf8Strict(text, raw)) return InvalidArgument("文号不是有效的 UTF-8 文本", "doc_no");
  std::u32string s;
  for (char32_t c : raw) {
    if (!IsSpace(c)) s.push_back(c);
  }
  if (s.empty()) return std::string();
  if (s.back() != kHao) return Bad("缺少结尾的“号”", text);
  size_t i = 0;
  std::string prefix;
  while (i < s.size() && IsHan(s[i]) && s[i] != kDi) AppendUtf8(prefix, s[i++]);
  // 第 can belong to the 代字 only in the order form, handled below; a 代字 never ends in it.
  size_t han = i;
  if (han == 0) return Bad("缺少发文机关代字", text);
  if (han > 20) return Bad("发文机关代字过长", text);
  std::string year, serial;
  bool order_form = false;
  if (i < s.size() && IsOpen(s[i])) {
    ++i;
    size_t n = ReadDigits(s, i, year);
    i += n;
    if (n != 4) return Bad("年份应为四位数字", text);
    int y = std::stoi(year);
    if (y < 1949 || y > 2999) return Bad("年份超出范围", text);
    if (i >= s.size() || !IsClose(s[i])) return Bad("年份须用括号括起", text);
    ++i;
    if (i < s.size() && s[i] == kDi) ++i;
  } else if (i < s.size() && s[i] == kDi) {
    order_form = true;
    ++i;
  } else {
    return Bad(i < s.size() && IsHan(s[i]) ? "代字后应为年份括号" : "代字只能由汉字组成", text);
  }
  size_t n = ReadDigits(s, i, serial);
  i += n;
  if (n == 0) return Bad("缺少发文顺序号", text);
  if (i + 1 != s.size()) return Bad("顺序号后只能是“号”", text);
  size_t nz = serial.find_first_not_of('0');
  if (nz == std::string::npos) return Bad("顺序号不能为 0", text);
  serial.erase(0, nz);
  if (serial.size() > 6) return Bad("顺序号过长", text);
  std::string out = prefix;
  if (order_form) {
    out += "第";
  } else {
    out += "〔" + year + "〕";
  }
  out += serial + "号";
  return out;
}

}  // namespace gongkai::core
