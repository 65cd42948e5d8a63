// Reading the small flat JSON objects gongkai writes with JsonObjectWriter (request event
// details): one object whose values are strings, integers, booleans or null. The core links
// no JSON library; this covers exactly what it writes and refuses anything else.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::core {

// A parsed flat object: each value as text (strings unescaped; numbers and booleans as
// written; null as an absent key).
class FlatJson {
 public:
  // Parses `json` ("" is the empty object). Fails with kInvalidArgument for anything that
  // is not one object of scalar values (nested objects and arrays are refused).
  static Result<FlatJson> Parse(std::string_view json);

  bool Has(std::string_view key) const { return values_.contains(std::string(key)); }
  // The value, or `fallback` when absent.
  std::string Get(std::string_view key, std::string_view fallback = "") const;
  // The value as an integer; nullopt when absent or not an integer.
  std::optional<int64_t> GetInt(std::string_view key) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace gongkai::core
