// Tables mapping enums to their stored code and Chinese label, so each enum's vocabulary
// is written once.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::core {

template <typename E>
struct EnumEntry {
  E value;
  const char* code;   // stored form, ASCII
  const char* label;  // Simplified Chinese, as shown to people
};

template <typename E, size_t N>
const EnumEntry<E>& EnumLookup(const EnumEntry<E> (&table)[N], E value) {
  for (const auto& e : table) {
    if (e.value == value) return e;
  }
  return table[0];  // unreachable for a complete table
}

// Accepts the code or the label; fails with kInvalidArgument naming `field` and listing
// the accepted codes.
template <typename E, size_t N>
Result<E> EnumParse(const EnumEntry<E> (&table)[N], std::string_view text, const char* field) {
  std::string accepted;
  for (const auto& e : table) {
    if (text == e.code || text == e.label) return e.value;
    if (!accepted.empty()) accepted += ", ";
    accepted += e.code;
  }
  return InvalidArgument(std::string(field) + " 无效: '" + std::string(text.substr(0, 40)) +
                             "'（可选: " + accepted + "）",
                         field);
}

}  // namespace gongkai::core
