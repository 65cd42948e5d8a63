// Small string helpers shared by the check module's parsers. All work on UTF-8 bytes and
// never fail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"

namespace gongkai::check {

// Drops ASCII white space and U+00A0 / U+3000 at both ends.
std::string_view Trim(std::string_view s);

// Splits at '\n' (a trailing '\r' is dropped from each line). Line i of the result is
// line i+1 of the input.
std::vector<std::string_view> SplitLines(std::string_view s);

// The UTF-8 code point starting at s[pos] and its length in bytes (1 for a stray byte,
// which is returned as U+FFFD).
char32_t DecodeAt(std::string_view s, size_t pos, size_t* length);

// The code points of `s` (stray bytes as U+FFFD).
std::u32string ToCodePoints(std::string_view s);

// Appends the UTF-8 encoding of `c` (the one encoder, core/utf8.hpp).
using core::AppendUtf8;

// True for the characters FoldPunctuation leaves as ASCII punctuation and for CJK
// punctuation that survives it (e.g. "。" "《" are folded; "“" too).
bool IsPunctuationOrSpace(char32_t c);

}  // namespace gongkai::check
