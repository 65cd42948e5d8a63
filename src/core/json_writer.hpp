// A minimal JSON object writer for audit snapshots (the core links no JSON library).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai::core {

// Appends `text` to `out` as a JSON string literal (quotes included, UTF-8 passed through,
// control characters escaped).
void AppendJsonString(std::string& out, std::string_view text);

class JsonObjectWriter {
 public:
  JsonObjectWriter& Add(std::string_view key, std::string_view value);
  JsonObjectWriter& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  JsonObjectWriter& Add(std::string_view key, const std::string& value) {
    return Add(key, std::string_view(value));
  }
  JsonObjectWriter& Add(std::string_view key, int64_t value);
  JsonObjectWriter& Add(std::string_view key, int value) { return Add(key, int64_t{value}); }
  JsonObjectWriter& Add(std::string_view key, bool value);
  // Adds null when empty.
  JsonObjectWriter& Add(std::string_view key, const std::optional<int64_t>& value);
  JsonObjectWriter& Add(std::string_view key, const std::optional<std::string>& value);
  // Adds `json` verbatim (it must already be valid JSON).
  JsonObjectWriter& AddRaw(std::string_view key, std::string_view json);
  std::string Finish() const { return body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_ = "{";
};

}  // namespace gongkai::core
