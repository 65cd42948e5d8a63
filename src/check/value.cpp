#include "check/value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "check/util.hpp"

namespace gongkai::check {
namespace {

bool ConsumePrefix(std::string_view& s, std::string_view p) {
  if (s.substr(0, p.size()) != p) return false;
  s.remove_prefix(p.size());
  return true;
}

bool ConsumeSuffix(std::string_view& s, std::string_view p) {
  if (s.size() < p.size() || s.substr(s.size() - p.size()) != p) return false;
  s.remove_suffix(p.size());
  return true;
}

constexpr std::string_view kUnits[] = {"人次", "万元", "件", "条", "次", "个", "人", "篇", "元",
                                       "期",   "起",   "名", "家", "项", "%",  "％", "份", "场"};

}  // namespace

bool IsUnitCell(std::string_view text) {
  text = Trim(text);
  for (std::string_view u :
       {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "家", "期", "起"}) {
    if (text == u) return true;
  }
  return false;
}

CellValue ParseCellValue(std::string_view text) {
  CellValue v;
  std::string_view s = Trim(text);
  if (s.empty()) {
    v.state = CellState::kEmpty;
    return v;
  }
  // Fast path: plain digits, the commonest cell.
  if (s.size() <= 15) {
    bool digits = true;
    double n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      n = n * 10 + (c - '0');
    }
    if (digits) {
      v.state = CellState::kNumber;
      v.number = n;
      return v;
    }
  }
  if (s.size() <= 6) {
    for (std::string_view na : {"/", "-", "—", "——", "－", "无", "／", "—-", "--", "\\"}) {
      if (s == na) {
        v.state = CellState::kNotApplicable;
        return v;
      }
    }
  }
  // Fast reject: no digit at all (half- or full-width) is a label, a unit or a note.
  bool any_digit = false;
  for (size_t i = 0; i < s.size() && !any_digit; ++i) {
    any_digit =
        (s[i] >= '0' && s[i] <= '9') || (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC' &&
                                         static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
                                         static_cast<unsigned char>(s[i + 2]) <= 0x99);
  }
  if (!any_digit) return v;
  bool approx = false;
  approx |= ConsumePrefix(s, "约");
  approx |= ConsumePrefix(s, "近");
  approx |= ConsumeSuffix(s, "左右");
  s = Trim(s);
  for (std::string_view u : kUnits) {
    if (ConsumeSuffix(s, u)) break;
  }
  s = Trim(s);
  approx |= ConsumeSuffix(s, "余");
  approx |= ConsumeSuffix(s, "多");
  s = Trim(s);
  if (s.empty()) return v;  // a unit alone: text

  std::string digits;
  bool negative = false;
  bool seen_digit = false;
  bool seen_point = false;
  size_t pos = 0;
  if (ConsumePrefix(s, "-") || ConsumePrefix(s, "−") || ConsumePrefix(s, "－"))
    negative = true;
  else if (ConsumePrefix(s, "+") || ConsumePrefix(s, "＋"))
    negative = false;
  while (pos < s.size()) {
    size_t len = 1;
    char32_t c = DecodeAt(s, pos, &len);
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + '0';
    if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
      seen_digit = true;
    } else if ((c == '.' || c == 0xFF0E) && seen_digit && !seen_point) {
      digits += '.';
      seen_point = true;
    } else if ((c == ',' || c == 0xFF0C || c == 0x2009 || c == ' ' || c == 0x202F) && seen_digit &&
               !seen_point) {
      // A thousands separator must be followed by exactly three digits.
      size_t count = 0;
      size_t p = pos + len;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        ++count;
        ++p;
      }
      if (count != 3) return v;
    } else {
      return v;
    }
    pos += len;
  }
  if (!seen_digit || digits.back() == '.' || digits.size() > 18) return v;
  v.state = CellState::kNumber;
  v.number = std::strtod(digits.c_str(), nullptr);
  if (negative) v.number = -v.number;
  v.is_integer = !seen_point;
  v.approximate = approx;
  return v;
}

std::string FormatNumber(double value) {
  char buf[64];
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", std::round(value));
    if (std::string_view(buf) == "-0") return "0";
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.4f", value);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace gongkai::check
