#include "check/util.hpp"

namespace gongkai::check {

std::string_view Trim(std::string_view s) {
  auto is_space_at_front = [&](size_t* len) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      *len = 1;
      return true;
    }
    if (s.substr(0, 2) == "\xC2\xA0") {
      *len = 2;
      return true;
    }
    if (s.substr(0, 3) == "\xE3\x80\x80") {
      *len = 3;
      return true;
    }
    return false;
  };
  auto is_space_at_back = [&](size_t* len) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      *len = 1;
      return true;
    }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      *len = 2;
      return true;
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      *len = 3;
      return true;
    }
    return false;
  };
  size_t n = 0;
  while (is_space_at_front(&n)) s.remove_prefix(n);
  while (is_space_at_back(&n)) s.remove_suffix(n);
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == s.size()) break;
    start = end + 1;
  }
  return lines;
}

char32_t DecodeAt(std::string_view s, size_t pos, size_t* length) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  unsigned char c0 = b(0);
  *length = 1;
  if (c0 < 0x80) return c0;
  size_t n = 0;
  char32_t cp = 0;
  if ((c0 & 0xE0) == 0xC0) {
    n = 2;
    cp = c0 & 0x1F;
  } else if ((c0 & 0xF0) == 0xE0) {
    n = 3;
    cp = c0 & 0x0F;
  } else if ((c0 & 0xF8) == 0xF0) {
    n = 4;
    cp = c0 & 0x07;
  } else {
    return 0xFFFD;
  }
  if (pos + n > s.size()) return 0xFFFD;
  for (size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  *length = n;
  return cp;
}

std::u32string ToCodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    out.push_back(DecodeAt(s, pos, &len));
    pos += len;
  }
  return out;
}

bool IsPunctuationOrSpace(char32_t c) {
  if (c < 0x80) {
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  return c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xB7 || c == 0xFE63;
}

}  // namespace gongkai::check
