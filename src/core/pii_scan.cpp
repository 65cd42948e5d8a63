// One forward pass: characters that can be part of a number (digits in any script, mask
// stars, letters) gather into chunks; chunks separated by at most three separator
// characters (spaces, line breaks, hyphens, brackets) form a sequence; windows of
// consecutive chunks are classified by length, check digits and grouping.
#include "core/pii_scan.hpp"

#include <algorithm>
#include <cstring>

#include "core/pii_scan_detail.hpp"

namespace gongkai::core {

const char* PiiKindCode(PiiKind kind) {
  switch (kind) {
    case PiiKind::kIdCard:
      return "id_card";
    case PiiKind::kMobile:
      return "mobile";
    case PiiKind::kLandline:
      return "landline";
    case PiiKind::kBankCard:
      return "bank_card";
    case PiiKind::kEmail:
      return "email";
    case PiiKind::kPassport:
      return "passport";
    case PiiKind::kName:
      return "name";
  }
  return "?";
}

const char* PiiKindLabel(PiiKind kind) {
  switch (kind) {
    case PiiKind::kIdCard:
      return "居民身份证号";
    case PiiKind::kMobile:
      return "手机号码";
    case PiiKind::kLandline:
      return "固定电话";
    case PiiKind::kBankCard:
      return "银行卡号";
    case PiiKind::kEmail:
      return "电子邮箱";
    case PiiKind::kPassport:
      return "护照/通行证号";
    case PiiKind::kName:
      return "姓名";
  }
  return "?";
}

char IdCardCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kChars[] = "10X98765432";
  if (first17.size() != 17) return '?';
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    char c = first17[i];
    if (c < '0' || c > '9') return '?';
    sum += (c - '0') * kWeights[i];
  }
  return kChars[sum % 11];
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    char c = digits[i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool CreditCodeValid(std::string_view code) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    size_t v = kAlphabet.find(code[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return code[17] == kAlphabet[check];
}

namespace {

using pii_detail::CharClass;
using pii_detail::Classify;

bool IsDigitChar(char v) { return v >= '0' && v <= '9'; }

// A character of a candidate number as read: its place in the text and its value
// ('0'-'9', '*' for a mask, 'A'-'Z' for a letter).
struct Ch {
  size_t off;
  uint8_t len;
  char v;
};

struct Chunk {
  size_t first, end;  // into the Ch buffer
  bool letters = false;
  bool trailing_x = false;  // 17 digits + X: an ID number, not a code
  bool nl_before = false;   // the gap before it held a line break
  int script = 0;
  size_t size() const { return end - first; }
};

bool ValidRegion(std::string_view d) {
  static constexpr int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                       35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                       53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91};
  if (d.size() < 2 || !IsDigitChar(d[0]) || !IsDigitChar(d[1])) return false;
  int p = (d[0] - '0') * 10 + (d[1] - '0');
  return std::find(std::begin(kProvinces), std::end(kProvinces), p) != std::end(kProvinces);
}

int Num(std::string_view d) {
  int n = 0;
  for (char c : d) n = n * 10 + (c - '0');
  return n;
}

bool ValidBirth(int y, int m, int d) {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigitChar);
}

bool ValidMobilePrefix(std::string_view d) {
  // Prefixes allocated by MIIT to the three operators, virtual operators (170/171/16x/
  // 19x) and data-only numbers (14x), as of 2024.
  static constexpr std::string_view kPrefixes[] = {
      "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "146",
      "147", "148", "149", "150", "151", "152", "153", "155", "156", "157", "158", "159",
      "162", "165", "166", "167", "170", "171", "172", "173", "174", "175", "176", "177",
      "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "190",
      "191", "192", "193", "195", "196", "197", "198", "199"};
  if (d.size() < 3) return false;
  return std::find(std::begin(kPrefixes), std::end(kPrefixes), d.substr(0, 3)) !=
         std::end(kPrefixes);
}

// Length of the area code at the start of `d` (0 when none): 010, 02x, 0[3-9]xx.
size_t AreaCodeLength(std::string_view d) {
  if (d.size() < 3 || d[0] != '0') return 0;
  if (d[1] == '1' && d[2] == '0') return 3;
  if (d[1] == '2') return 3;
  if (d[1] >= '3' && d[1] <= '9' && d.size() >= 4) return 4;
  return 0;
}

struct Classified {
  PiiKind kind;
  bool masked = false;
  int confidence = 0;
};

class Scanner {
 public:
  Scanner(std::string_view text, std::string_view field, const ScanOptions& options)
      : text_(text), field_(field), options_(options) {
    chars_.reserve(64);
    chunks_.reserve(16);
    for (const auto& p : options.public_phones) {
      std::string digits;
      for (char c : p)
        if (IsDigitChar(c)) digits += c;
      if (digits.size() >= 7) public_digits_.push_back(std::move(digits));
    }
  }

  std::vector<PiiFinding> Run() {
    FindEmails();
    size_t i = 0;
    int seps = 0;
    bool nl = false;
    while (i < text_.size()) {
      CharClass cc = Classify(text_, i);
      if (cc.type == CharClass::kValue) {
        bool in_email = InEmail(i);
        if (in_email) {
          Flush();
        } else {
          if (!chunks_.empty() && chunks_.back().end == chars_.size() && seps == 0 &&
              chunks_.back().script == cc.script) {
            chunks_.back().end++;  // continues the current chunk
          } else {
            if (!chunks_.empty() && (seps == 0 || chunks_.back().script != cc.script)) Flush();
            Chunk c;
            c.first = c.end = chars_.size();
            c.end++;
            c.script = cc.script;
            c.nl_before = nl;
            chunks_.push_back(c);
          }
          chars_.push_back({i, cc.len, cc.value});
          if (cc.value >= 'A' && cc.value <= 'Z') chunks_.back().letters = true;
        }
        seps = 0;
        nl = false;
      } else if (cc.type == CharClass::kSeparator && !chunks_.empty()) {
        if (++seps > 3) {
          Flush();
          seps = 0;
        }
        nl = nl || cc.newline;
      } else if (!chunks_.empty()) {
        Flush();
        seps = 0;
        nl = false;
      }
      i += cc.len;
    }
    Flush();
    std::sort(out_.begin(), out_.end(),
              [](const PiiFinding& a, const PiiFinding& b) { return a.offset < b.offset; });
    if (options_.names) AddNames();
    return std::move(out_);
  }

 private:
  // ---- e-mail addresses: found first, so their digits are not read as phone numbers.
  static bool LocalChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigitChar(c) || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-' || c == '*';
  }
  static bool DomainChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigitChar(c) || c == '.' ||
           c == '-';
  }
  void FindEmails() {
    const char* base = text_.data();
    size_t from = 0;
    while (from < text_.size()) {
      const void* hit = std::memchr(base + from, '@', text_.size() - from);
      if (!hit) break;
      size_t at = static_cast<const char*>(hit) - base;
      from = at + 1;
      size_t b = at;
      while (b > 0 && LocalChar(text_[b - 1])) --b;
      size_t e = at + 1;
      while (e < text_.size() && DomainChar(text_[e])) ++e;
      while (e > at + 1 && (text_[e - 1] == '.' || text_[e - 1] == '-')) --e;
      while (b < at && text_[b] == '.') ++b;
      std::string_view domain = text_.substr(at + 1, e - at - 1);
      size_t dot = domain.rfind('.');
      if (b == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) continue;
      std::string_view tld = domain.substr(dot + 1);
      if (!std::all_of(tld.begin(), tld.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }))
        continue;
      emails_.emplace_back(b, e);
      // An office's own mailbox on a government domain is published on purpose.
      std::string lower(domain);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower.ends_with("gov.cn")) continue;
      std::string value(text_.substr(b, e - b));
      bool masked = text_.substr(b, at - b).find('*') != std::string_view::npos;
      Emit(PiiKind::kEmail, b, e - b, value, masked, 95);
      from = e;
    }
  }
  bool InEmail(size_t pos) {
    while (email_cursor_ < emails_.size() && emails_[email_cursor_].second <= pos) ++email_cursor_;
    return email_cursor_ < emails_.size() && emails_[email_cursor_].first <= pos;
  }

  // ---- numbers
  void Flush() {
    if (!chunks_.empty()) ProcessSequence();
    chunks_.clear();
    chars_.clear();
  }

  std::string ChunkValue(const Chunk& c) const {
    std::string s;
    for (size_t k = c.first; k < c.end; ++k) s += chars_[k].v;
    return s;
  }

  void ProcessSequence() {
    // A letter chunk ends in X only when it is 17 digits + X (an ID number).
    for (auto& c : chunks_) {
      if (!c.letters) continue;
      std::string v = ChunkValue(c);
      std::string_view head = std::string_view(v).substr(0, v.size() - 1);
      if (v.back() == 'X' && !head.empty() && std::all_of(head.begin(), head.end(), [](char c) {
            return IsDigitChar(c) || c == '*';
          })) {
        c.letters = false;
        c.trailing_x = true;
      }
    }
    size_t i = 0;
    while (i < chunks_.size()) {
      if (chunks_[i].letters) {
        LetterChunk(chunks_[i]);
        ++i;
        continue;
      }
      size_t best_end = 0;
      Classified best{};
      std::string digits;
      std::vector<size_t> lens;
      for (size_t j = i; j < chunks_.size() && !chunks_[j].letters; ++j) {
        digits += ChunkValue(chunks_[j]);
        lens.push_back(chunks_[j].size());
        if (digits.size() > 19 + 2) break;
        auto got = ClassifyDigits(digits, lens, i);
        if (got) {
          best = *got;
          best_end = j + 1;
        }
        if (chunks_[j].trailing_x) break;
      }
      if (best_end == 0) {
        ++i;
        continue;
      }
      const Ch& first = chars_[chunks_[i].first];
      const Ch& last = chars_[chunks_[best_end - 1].end - 1];
      std::string value;
      for (size_t k = i; k < best_end; ++k) value += ChunkValue(chunks_[k]);
      size_t begin = first.off, end = last.off + last.len;
      if (!PublicLabelBefore(begin, best.kind, value))
        Emit(best.kind, begin, end - begin, value, best.masked, best.confidence);
      i = best_end;
    }
  }

  bool GroupedAs(const std::vector<size_t>& lens, size_t from, size_t first_chunk,
                 std::initializer_list<std::initializer_list<size_t>> patterns) const {
    std::vector<size_t> rest(lens.begin() + static_cast<long>(from), lens.end());
    if (rest.size() == 1) return true;
    for (auto p : patterns)
      if (std::equal(rest.begin(), rest.end(), p.begin(), p.end())) return true;
    // Two pieces split by a line break (a narrow table cell) at any position.
    return rest.size() == 2 && chunks_[first_chunk + from + 1].nl_before;
  }

  std::optional<Classified> ClassifyDigits(std::string_view d, const std::vector<size_t>& lens,
                                           size_t first_chunk) const {
    size_t masks = std::count(d.begin(), d.end(), '*');
    bool x = d.back() == 'X';
    size_t n = d.size();
    if (masks > 0) {
      if (n - masks - (x ? 1 : 0) < 4) return std::nullopt;
      if (d.find('*') < 2) return std::nullopt;  // the visible head identifies the kind
      if ((n == 18 || n == 15) && ValidRegion(d)) return Classified{PiiKind::kIdCard, true, 90};
      if (x) return std::nullopt;
      if (n == 11 && d[0] == '1' && GroupedAs(lens, 0, first_chunk, {{3, 4, 4}}))
        return Classified{PiiKind::kMobile, true, 85};
      if (n >= 16 && n <= 19 && GroupedAs(lens, 0, first_chunk, {{4, 4, 4, 4}}))
        return Classified{PiiKind::kBankCard, true, 70};
      return std::nullopt;
    }
    if (x) {
      if (n != 18) return std::nullopt;
    }
    if (n == 18 && ValidRegion(d) &&
        ValidBirth(Num(d.substr(6, 4)), Num(d.substr(10, 2)), Num(d.substr(12, 2))) &&
        IdCardCheckChar(d.substr(0, 17)) == d[17])
      return Classified{PiiKind::kIdCard, false, 99};
    if (x) return std::nullopt;
    if (n == 15 && ValidRegion(d) &&
        ValidBirth(1900 + Num(d.substr(6, 2)), Num(d.substr(8, 2)), Num(d.substr(10, 2))) &&
        GroupedAs(lens, 0, first_chunk, {{6, 6, 3}, {6, 9}}))
      return Classified{PiiKind::kIdCard, false, 80};
    if (n == 11 && d[0] == '1' && ValidMobilePrefix(d) &&
        GroupedAs(lens, 0, first_chunk, {{3, 4, 4}, {3, 8}, {7, 4}}))
      return Classified{PiiKind::kMobile, false, lens.size() == 1 ? 90 : 80};
    if (n == 13 && d.starts_with("86") && ValidMobilePrefix(d.substr(2)) && lens[0] == 2 &&
        GroupedAs(lens, 1, first_chunk, {{3, 4, 4}, {3, 8}}))
      return Classified{PiiKind::kMobile, false, 90};
    if (size_t area = AreaCodeLength(d); area > 0 && d.size() - area >= 7 && d.size() - area <= 8 &&
                                         d[area] >= '2' && d[area] <= '9') {
      if (lens.size() >= 2 && lens[0] == area && GroupedAs(lens, 1, first_chunk, {{4, 4}, {3, 4}}))
        return Classified{PiiKind::kLandline, false, 85};
      if (lens.size() == 1) return Classified{PiiKind::kLandline, false, 60};
    }
    if (n >= 16 && n <= 19 && LuhnValid(d) &&
        (d[0] == '3' || d[0] == '4' || d[0] == '5' || d[0] == '6' || d[0] == '9') &&
        GroupedAs(lens, 0, first_chunk,
                  {{4, 4, 4, 4},
                   {4, 4, 4, 4, 1},
                   {4, 4, 4, 4, 2},
                   {4, 4, 4, 4, 3},
                   {6, 10},
                   {6, 12},
                   {6, 13}}))
      return Classified{PiiKind::kBankCard, false, d.starts_with("62") ? 90 : 75};
    return std::nullopt;
  }

  void LetterChunk(const Chunk& c) {
    std::string v = ChunkValue(c);
    if (v.size() == 18 && CreditCodeValid(v)) return;  // 统一社会信用代码
    bool passport = false;
    if (v.size() == 9) {
      char p = v[0];
      std::string_view tail = std::string_view(v).substr(1);
      if ((p == 'E' || p == 'G' || p == 'C' || p == 'W') && AllDigits(tail)) passport = true;
      if ((p == 'E' || p == 'C') && tail[0] >= 'A' && tail[0] <= 'Z' && tail[0] != 'I' &&
          tail[0] != 'O' && AllDigits(tail.substr(1)))
        passport = true;
    }
    if (!passport) return;
    const Ch& first = chars_[c.first];
    const Ch& last = chars_[c.end - 1];
    size_t begin = first.off, end = last.off + last.len;
    int confidence = LabelBefore(begin, {"护照", "通行证", "证件"}) ? 95 : 70;
    Emit(PiiKind::kPassport, begin, end - begin, v, false, confidence);
  }

  bool LabelBefore(size_t begin, std::initializer_list<std::string_view> labels) const {
    size_t from = begin > 36 ? begin - 36 : 0;
    std::string_view before = text_.substr(from, begin - from);
    for (auto l : labels)
      if (before.find(l) != std::string_view::npos) return true;
    return false;
  }

  // True when `begin` directly follows one of `labels` (then only spaces, a colon or a
  // cell separator), as in "邮编：410000" — the label names this very number.
  bool LabelledAs(size_t begin, std::initializer_list<std::string_view> labels) const {
    std::string_view before = text_.substr(0, begin);
    for (;;) {
      if (before.ends_with(" ") || before.ends_with(":") || before.ends_with("|") ||
          before.ends_with("\t")) {
        before.remove_suffix(1);
      } else if (before.ends_with("：") || before.ends_with("\u3000") || before.ends_with("为")) {
        before.remove_suffix(3);
      } else {
        break;
      }
    }
    for (auto l : labels)
      if (before.ends_with(l)) return true;
    return false;
  }

  // Public identifiers labelled as such are never personal data; an office's own phone
  // numbers neither.
  bool PublicLabelBefore(size_t begin, PiiKind kind, std::string_view value) const {
    if (kind == PiiKind::kIdCard) {
      return CreditCodeValid(value) && LabelledAs(begin, {"信用代码", "纳税人识别号"});
    }
    if (LabelledAs(begin, {"信用代码", "索引号", "文号", "邮编", "邮政编码", "组织机构代码"}))
      return true;
    if (kind == PiiKind::kLandline || kind == PiiKind::kMobile) {
      for (const auto& p : public_digits_) {
        if (value == p || (value.size() > p.size() && value.ends_with(p)) ||
            (p.size() > value.size() && std::string_view(p).ends_with(value)))
          return true;
      }
    }
    return false;
  }

  void Emit(PiiKind kind, size_t offset, size_t length, std::string_view value, bool masked,
            int confidence) {
    PiiFinding f;
    f.kind = kind;
    f.field = std::string(field_);
    f.offset = offset;
    f.length = length;
    f.preview = pii_detail::MaskValue(kind, value, options_);
    f.masked = masked;
    f.confidence_pct = confidence;
    out_.push_back(std::move(f));
  }

  // ---- names: a 2-4 character run of Chinese beginning with a surname, right before or
  // right after an unmasked finding, separated only by spaces or a cell separator.
  void AddNames() {
    std::vector<PiiFinding> names;
    for (const auto& f : out_) {
      if (f.masked || f.kind == PiiKind::kName) continue;
      if (auto n = pii_detail::NameBefore(text_, f.offset)) names.push_back(NameFinding(*n));
      if (auto n = pii_detail::NameAfter(text_, f.offset + f.length))
        names.push_back(NameFinding(*n));
    }
    if (names.empty()) return;
    out_.insert(out_.end(), names.begin(), names.end());
    std::sort(out_.begin(), out_.end(),
              [](const PiiFinding& a, const PiiFinding& b) { return a.offset < b.offset; });
    out_.erase(std::unique(out_.begin(), out_.end()), out_.end());
  }
  PiiFinding NameFinding(std::pair<size_t, size_t> span) const {
    PiiFinding f;
    f.kind = PiiKind::kName;
    f.field = std::string(field_);
    f.offset = span.first;
    f.length = span.second;
    f.preview =
        pii_detail::MaskValue(PiiKind::kName, text_.substr(span.first, span.second), options_);
    f.confidence_pct = 70;
    return f;
  }

  std::string_view text_;
  std::string_view field_;
  const ScanOptions& options_;
  std::vector<std::string> public_digits_;
  std::vector<std::pair<size_t, size_t>> emails_;
  size_t email_cursor_ = 0;
  std::vector<Ch> chars_;
  std::vector<Chunk> chunks_;
  std::vector<PiiFinding> out_;
};

}  // namespace

std::vector<PiiFinding> ScanPersonalData(std::string_view text, std::string_view field,
                                         const ScanOptions& options) {
  return Scanner(text, field, options).Run();
}

int CountUnmasked(const std::vector<PiiFinding>& findings) {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(), [](const auto& f) {
    return !f.masked && f.kind != PiiKind::kName;
  }));
}

std::string MaskPersonalData(std::string_view text, const std::vector<PiiFinding>& findings,
                             const ScanOptions& options) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& f : findings) {
    if (f.masked || f.kind == PiiKind::kName || f.offset < at || f.offset + f.length > text.size())
      continue;
    out.append(text.substr(at, f.offset - at));
    out += pii_detail::MaskSpan(f.kind, text.substr(f.offset, f.length), options);
    at = f.offset + f.length;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace gongkai::core
