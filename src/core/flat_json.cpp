#include "core/flat_json.hpp"

#include <charconv>

#include "core/utf8.hpp"

namespace gongkai::core {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    SkipSpace();
    return i_ == s_.size();
  }

  bool Hex4(uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  std::optional<std::string> String() {
    if (!Eat('"')) return std::nullopt;
    std::string out;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return std::nullopt;
      char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(cp)) return std::nullopt;
          if (cp >= 0xD800 && cp < 0xDC00) {
            uint32_t low = 0;
            if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return std::nullopt;
            i_ += 2;
            if (!Hex4(low) || low < 0xDC00 || low > 0xDFFF) return std::nullopt;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // A scalar: returns {present, text}; present=false for null.
  std::optional<std::pair<bool, std::string>> Scalar() {
    SkipSpace();
    if (i_ >= s_.size()) return std::nullopt;
    if (s_[i_] == '"') {
      auto s = String();
      if (!s) return std::nullopt;
      return std::pair{true, *s};
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (s_.substr(i_, word.size()) == word) {
        i_ += word.size();
        return std::pair{word != "null", std::string(word)};
      }
    }
    size_t start = i_;
    while (i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+' || s_[i_] == '.' || s_[i_] == 'e' ||
                              s_[i_] == 'E' || (s_[i_] >= '0' && s_[i_] <= '9')))
      ++i_;
    if (i_ == start) return std::nullopt;
    return std::pair{true, std::string(s_.substr(start, i_ - start))};
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

Result<FlatJson> FlatJson::Parse(std::string_view json) {
  FlatJson out;
  Parser p(json);
  if (p.AtEnd()) return out;
  auto bad = [] { return InvalidArgument("事件详情不是有效的 JSON 对象", "data"); };
  if (!p.Eat('{')) return bad();
  if (p.Eat('}')) return p.AtEnd() ? Result<FlatJson>(out) : Result<FlatJson>(bad());
  while (true) {
    auto key = p.String();
    if (!key || !p.Eat(':')) return bad();
    auto value = p.Scalar();
    if (!value) return bad();
    if (value->first) out.values_[*key] = value->second;
    if (p.Eat(',')) continue;
    if (p.Eat('}')) break;
    return bad();
  }
  if (!p.AtEnd()) return bad();
  return out;
}

std::string FlatJson::Get(std::string_view key, std::string_view fallback) const {
  auto it = values_.find(std::string(key));
  return it == values_.end() ? std::string(fallback) : it->second;
}

std::optional<int64_t> FlatJson::GetInt(std::string_view key) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return std::nullopt;
  int64_t v = 0;
  const std::string& s = it->second;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace gongkai::core
