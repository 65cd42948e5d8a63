#include "core/pii_scan_detail.hpp"

#include <algorithm>

namespace gongkai::core::pii_detail {
namespace {

uint32_t DecodeAt(std::string_view t, size_t pos, uint8_t& len) {
  unsigned char c = static_cast<unsigned char>(t[pos]);
  len = 1;
  if (c < 0x80) return c;
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || pos + n > t.size()) return 0xFFFD;
  uint32_t cp = c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(t[pos + k]);
    if ((cc & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (cc & 0x3F);
  }
  len = static_cast<uint8_t>(n);
  return cp;
}

// Chinese numerals, ordinary and financial (大写) forms, simplified and traditional.
int ChineseDigit(uint32_t cp) {
  switch (cp) {
    case 0x3007:
    case 0x96F6:
      return 0;  // 〇 零
    case 0x4E00:
    case 0x58F9:
    case 0x5F0C:
      return 1;  // 一 壹 弌
    case 0x4E8C:
    case 0x8D30:
    case 0x8CB3:
      return 2;  // 二 贰 貳
    case 0x4E09:
    case 0x53C1:
    case 0x53C3:
      return 3;  // 三 叁 參
    case 0x56DB:
    case 0x8086:
      return 4;  // 四 肆
    case 0x4E94:
    case 0x4F0D:
      return 5;  // 五 伍
    case 0x516D:
    case 0x9646:
    case 0x9678:
      return 6;  // 六 陆 陸
    case 0x4E03:
    case 0x67D2:
      return 7;  // 七 柒
    case 0x516B:
    case 0x634C:
      return 8;  // 八 捌
    case 0x4E5D:
    case 0x7396:
      return 9;  // 九 玖
    default:
      return -1;
  }
}

bool IsCjk(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

// Separators allowed between a name and the number it goes with.
bool NameGap(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '|' || cp == ',' || cp == ':' || cp == 0x3000 ||
         cp == 0xFF0C || cp == 0xFF1A || cp == 0x3001 || cp == 0xFF5C;
}

// Common single-character surnames (the ~200 most frequent) and compound ones.
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
constexpr std::string_view kCompoundSurnames[] = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫",
                                                  "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                                                  "夏侯", "令狐", "端木", "西门", "南宫"};
// Characters of labels and places that a name does not contain.
constexpr std::string_view kNotInNames =
    "号码话机证卡账户箱址编电手身份邮联系名姓式省市县区乡镇街道局委办厅室部门处科所站院校会社组"
    "人员性别男女族籍龄出生住单位职务称";

bool LooksLikeName(std::string_view run) {
  size_t chars = run.size() / 3;
  if (chars < 2 || chars > 4) return false;
  bool surname = kSurnames.find(run.substr(0, 3)) != std::string_view::npos;
  for (auto c : kCompoundSurnames)
    if (run.starts_with(c) && chars >= 3) surname = true;
  if (!surname) return false;
  for (size_t k = 0; k < run.size(); k += 3) {
    size_t at = kNotInNames.find(run.substr(k, 3));
    if (at != std::string_view::npos && at % 3 == 0) return false;
  }
  return true;
}

// Keeps (head, tail) characters of a value of `n` characters for `kind`.
std::pair<size_t, size_t> Keep(PiiKind kind, std::string_view value, const ScanOptions& o) {
  switch (kind) {
    case PiiKind::kIdCard:
      return {static_cast<size_t>(o.id_keep_head), static_cast<size_t>(o.id_keep_tail)};
    case PiiKind::kMobile:
      return {value.size() == 13 ? 5 : 3, 4};
    case PiiKind::kBankCard:
      return {4, 4};
    case PiiKind::kLandline: {
      size_t area = value.size() >= 3 && (value[1] == '1' || value[1] == '2') ? 3 : 4;
      return {area, 2};
    }
    case PiiKind::kPassport:
      return {2, 2};
    case PiiKind::kName:
      return {1, 0};
    case PiiKind::kEmail:
      return {1, 0};
  }
  return {0, 0};
}

bool Hidden(size_t index, size_t n, std::pair<size_t, size_t> keep) {
  if (keep.first + keep.second >= n) return index > 0 && index + 1 < n;  // short: keep ends
  return index >= keep.first && index + keep.second < n;
}

}  // namespace

CharClass Classify(std::string_view text, size_t pos) {
  CharClass cc;
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    if (c >= '0' && c <= '9') {
      cc.type = CharClass::kValue;
      cc.value = static_cast<char>(c);
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      cc.type = CharClass::kValue;
      cc.value = static_cast<char>(c & ~0x20);
    } else if (c == '*') {
      cc.type = CharClass::kValue;
      cc.value = '*';
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '(' ||
               c == ')') {
      cc.type = CharClass::kSeparator;
      cc.newline = c == '\n';
    }
    return cc;
  }
  uint32_t cp = DecodeAt(text, pos, cc.len);
  if (cp >= 0xFF10 && cp <= 0xFF19) {
    cc.type = CharClass::kValue;
    cc.value = static_cast<char>('0' + (cp - 0xFF10));
  } else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
    cc.type = CharClass::kValue;
    cc.value = static_cast<char>('A' + (cp >= 0xFF41 ? cp - 0xFF41 : cp - 0xFF21));
  } else if (cp == 0xFF0A) {
    cc.type = CharClass::kValue;
    cc.value = '*';
  } else if (cp == 0x3000 || cp == 0xA0 || cp == 0xFF0D || cp == 0xFF08 || cp == 0xFF09) {
    cc.type = CharClass::kSeparator;
  } else if (int d = ChineseDigit(cp); d >= 0) {
    cc.type = CharClass::kValue;
    cc.value = static_cast<char>('0' + d);
    cc.script = 1;
  }
  return cc;
}

std::string MaskValue(PiiKind kind, std::string_view value, const ScanOptions& options) {
  if (kind == PiiKind::kEmail) {
    size_t at = value.find('@');
    if (at == std::string_view::npos) return std::string(value);
    return std::string(value.substr(0, 1)) + "***" + std::string(value.substr(at));
  }
  if (kind == PiiKind::kName) {
    if (value.size() < 3) return std::string(value);
    return std::string(value.substr(0, 3)) + std::string((value.size() - 3) / 3, '*');
  }
  auto keep = Keep(kind, value, options);
  std::string out(value);
  for (size_t i = 0; i < out.size(); ++i)
    if (Hidden(i, out.size(), keep)) out[i] = '*';
  return out;
}

std::string MaskSpan(PiiKind kind, std::string_view span, const ScanOptions& options) {
  if (kind == PiiKind::kEmail) {
    size_t at = span.find('@');
    if (at == std::string_view::npos || at == 0) return std::string(span);
    return std::string(span.substr(0, 1)) + std::string(at - 1, '*') + std::string(span.substr(at));
  }
  // Values in order, to know the kind's kept head and tail.
  std::string value;
  for (size_t p = 0; p < span.size();) {
    CharClass cc = Classify(span, p);
    if (cc.type == CharClass::kValue) value += cc.value;
    p += cc.len;
  }
  auto keep = Keep(kind, value, options);
  std::string out;
  size_t index = 0;
  for (size_t p = 0; p < span.size();) {
    CharClass cc = Classify(span, p);
    if (cc.type == CharClass::kValue && Hidden(index++, value.size(), keep))
      out += '*';
    else
      out.append(span.substr(p, cc.len));
    p += cc.len;
  }
  return out;
}

std::optional<std::pair<size_t, size_t>> NameBefore(std::string_view text, size_t end) {
  size_t p = end;
  int gaps = 0;
  // Step back over separators (all separators here are 1 or 3 bytes).
  while (p > 0 && gaps <= 3) {
    uint8_t len = 0;
    size_t start = p - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && p - start < 4)
      --start;
    uint32_t cp = DecodeAt(text, start, len);
    if (!NameGap(cp)) break;
    p = start;
    ++gaps;
  }
  if (gaps > 3) return std::nullopt;
  size_t run_end = p;
  int chars = 0;
  while (p >= 3 && chars <= 4) {
    uint8_t len = 0;
    uint32_t cp = DecodeAt(text, p - 3, len);
    if (len != 3 || !IsCjk(cp)) break;
    p -= 3;
    ++chars;
  }
  if (chars > 4) return std::nullopt;  // prose, not a name cell
  std::string_view run = text.substr(p, run_end - p);
  if (!LooksLikeName(run)) return std::nullopt;
  return std::make_pair(p, run.size());
}

std::optional<std::pair<size_t, size_t>> NameAfter(std::string_view text, size_t begin) {
  size_t p = begin;
  int gaps = 0;
  while (p < text.size() && gaps <= 3) {
    uint8_t len = 0;
    uint32_t cp = DecodeAt(text, p, len);
    if (!NameGap(cp)) break;
    p += len;
    ++gaps;
  }
  if (gaps > 3) return std::nullopt;
  size_t run_begin = p;
  int chars = 0;
  while (p + 3 <= text.size() && chars <= 4) {
    uint8_t len = 0;
    uint32_t cp = DecodeAt(text, p, len);
    if (len != 3 || !IsCjk(cp)) break;
    p += 3;
    ++chars;
  }
  if (chars > 4) return std::nullopt;
  std::string_view run = text.substr(run_begin, p - run_begin);
  if (!LooksLikeName(run)) return std::nullopt;
  return std::make_pair(run_begin, run.size());
}

}  // namespace gongkai::core::pii_detail
