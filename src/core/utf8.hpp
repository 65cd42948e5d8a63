// UTF-8 decoding and encoding of single code points: the one copy every module uses (core,
// text, check, search). Pure functions, no allocation beyond the output string, safe to call
// from any thread. Inline because tokenizers call them once per character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gongkai::core {

// One decoded code point.
struct Utf8Char {
  char32_t code_point;  // U+FFFD when !valid
  std::size_t length;   // bytes consumed: the sequence, or its maximal ill-formed subpart
  bool valid;
};

// Decodes the code point starting at s[pos] (requires pos < s.size()) following the
// well-formed byte sequences of Unicode Table 3-7.
// Ill-formed input yields U+FFFD and the length of the maximal ill-formed subpart, so a
// caller that advances by `length` replaces each bad sequence the way the Unicode
// standard recommends (one U+FFFD per subpart) and never splits a good character.
inline Utf8Char DecodeUtf8(std::string_view s, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {0xFFFD, 1, false};
  }
  std::size_t i = 1;
  for (; i <= need; ++i) {
    if (pos + i >= s.size()) return {0xFFFD, i, false};
    const unsigned char b = byte(pos + i);
    const unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) return {0xFFFD, i, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, need + 1, true};
}

// Appends the UTF-8 encoding of `cp` (requires a scalar value) to `out`.
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The UTF-8 encoding of `text` (every element a scalar value).
inline std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

// The code points of `s`, or false when `s` is not well-formed UTF-8 (Unicode Table 3-7:
// overlong forms, surrogates, values above U+10FFFF and truncated sequences are rejected).
inline bool DecodeUtf8Strict(std::string_view s, std::u32string& out) {
  for (std::size_t pos = 0; pos < s.size();) {
    const Utf8Char c = DecodeUtf8(s, pos);
    if (!c.valid) return false;
    out.push_back(c.code_point);
    pos += c.length;
  }
  return true;
}

}  // namespace gongkai::core
