// Internals of the personal-data scanner (core/pii_scan.hpp): how a character is read,
// how a value is masked, where a name sits. Not for use outside pii_scan*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/pii_scan.hpp"

namespace gongkai::core::pii_detail {

// What the character at a byte position is to the scanner.
struct CharClass {
  enum Type : uint8_t { kOther, kValue, kSeparator };
  Type type = kOther;
  uint8_t len = 1;       // bytes of the character (1 for invalid UTF-8)
  char value = 0;        // kValue: '0'-'9', '*' (a mask), 'A'-'Z'
  uint8_t script = 0;    // 0: ASCII/full-width, 1: Chinese numerals (〇一二…, 壹贰…)
  bool newline = false;  // kSeparator: a line break
};

// Reads the character at `pos` (< text.size()). Digits in ASCII, full-width and Chinese
// numerals, ASCII and full-width letters (upper-cased) and '*'/'＊' are values; spaces,
// tabs, line breaks, U+3000, NBSP, hyphens and round brackets (ASCII and full-width) are
// separators; anything else, invalid UTF-8 included, is other.
CharClass Classify(std::string_view text, size_t pos);

// The standard masked form of a normalised value (ASCII digits/letters; for kName and
// kEmail the text itself).
std::string MaskValue(PiiKind kind, std::string_view value, const ScanOptions& options);

// `span` (a finding's characters as written) with the characters the mask hides replaced
// by '*', separators and kept characters unchanged.
std::string MaskSpan(PiiKind kind, std::string_view span, const ScanOptions& options);

// The (offset, length) of a Chinese name ending right before `end` / starting right at
// `begin` (after at most three separator characters on the same line), or nullopt.
std::optional<std::pair<size_t, size_t>> NameBefore(std::string_view text, size_t end);
std::optional<std::pair<size_t, size_t>> NameAfter(std::string_view text, size_t begin);

}  // namespace gongkai::core::pii_detail
