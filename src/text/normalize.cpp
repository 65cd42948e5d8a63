#include "text/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstdlib>
#include <memory>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "text/encoding.hpp"

namespace gongkai::text {
namespace {

using core::DecodeUtf8;

// Calls f(code_point, bytes) for each code point of `s`; ill-formed sequences come as
// U+FFFD with their original bytes.
template <typename F>
void ForEachCodePoint(std::string_view s, F&& f) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const core::Utf8Char c = DecodeUtf8(s, pos);
    f(c.code_point, s.substr(pos, c.length));
    pos += c.length;
  }
}

// Loaded once (C++ guarantees thread-safe initialisation of function-local statics);
// OpenCC's converters are safe to share between threads once built.
struct Simplifier {
  opencc::Config config;  // owns the dictionaries the converter uses
  opencc::ConverterPtr converter;
  // Every code point that occurs in a key of the conversion dictionaries. Text with none
  // of them cannot match a key, so OpenCC would return it unchanged: ToSimplified skips
  // the dictionary walk (most of an import's or index build's CPU time) for such text,
  // which is nearly all text written in simplified Chinese.
  std::vector<bool> key_chars;
  std::string error;

  bool MayConvert(std::string_view utf8) const {
    bool found = false;
    ForEachCodePoint(utf8, [&](char32_t c, std::string_view) {
      if (c < key_chars.size() && key_chars[c]) found = true;
    });
    return found;
  }
};

// Fills key_chars so that a text without any of them cannot match a dictionary entry that
// changes it (entries mapping a key to itself, like 乾隆, are identities). One code point
// of each changing key is enough, since a text without it cannot contain the key: a
// character that changes on its own (臺) where the key has one, else one that differs
// from the value (覆 of 回覆 → 回复, not the common 回), else all of them.
void CollectKeyChars(Simplifier& s) {
  s.key_chars.assign(0x110000, false);
  auto code_points = [](std::string_view text) {
    std::vector<char32_t> out;
    ForEachCodePoint(text, [&](char32_t c, std::string_view) { out.push_back(c); });
    return out;
  };
  auto mark = [&](char32_t c) {
    if (c < s.key_chars.size()) s.key_chars[c] = true;
  };
  std::vector<std::pair<std::vector<char32_t>, std::vector<char32_t>>> phrases;
  for (const opencc::ConversionPtr& conversion :
       s.converter->GetConversionChain()->GetConversions()) {
    opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
    for (const auto& entry : *lexicon) {
      const std::string key = entry->Key();
      const std::string value = entry->GetDefault();
      if (value == key) continue;
      std::vector<char32_t> chars = code_points(key);
      if (chars.size() == 1) {
        mark(chars[0]);
      } else {
        phrases.emplace_back(std::move(chars), code_points(value));
      }
    }
  }
  for (const auto& [key, value] : phrases) {
    bool covered = false;
    for (char32_t c : key) covered = covered || (c < s.key_chars.size() && s.key_chars[c]);
    if (covered) continue;
    bool marked = false;
    for (size_t i = 0; i < key.size() && i < value.size() && key.size() == value.size(); ++i) {
      if (key[i] != value[i]) {
        mark(key[i]);
        marked = true;
        break;
      }
    }
    if (!marked) {
      for (char32_t c : key) mark(c);
    }
  }
}

const Simplifier& GetSimplifier() {
  static const Simplifier* const kSimplifier = [] {
    auto* s = new Simplifier;
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("GONGKAI_OPENCC_DIR"); env != nullptr && *env != '\0') {
      dirs.emplace_back(env);
    }
    dirs.emplace_back("/usr/share/opencc");
    dirs.emplace_back("/usr/local/share/opencc");
    std::string tried;
    for (const std::string& dir : dirs) {
      const std::string path = dir + "/t2s.json";
      try {
        s->converter = s->config.NewFromFile(path);
        CollectKeyChars(*s);
        return s;
      } catch (const opencc::Exception& e) {
        tried += (tried.empty() ? "" : "; ") + path + ": " + e.what();
      } catch (const std::exception& e) {
        tried += (tried.empty() ? "" : "; ") + path + ": " + e.what();
      }
    }
    s->error = "繁简转换配置 t2s.json 无法加载（请安装 opencc 数据包 libopencc-data）: " + tried;
    return s;
  }();
  return *kSimplifier;
}

// Full-width symbols that FoldWidth maps to ASCII (those without a role as Chinese
// punctuation), indexed by code point - 0xFF00.
bool IsFoldableFullWidthSymbol(char32_t c) {
  switch (c - 0xFF00 + 0x20) {
    case '"':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '/':
    case '<':
    case '=':
    case '>':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

// The ASCII form of a punctuation mark for matching, or nullptr if `c` is not one.
const char* PunctuationFold(char32_t c) {
  switch (c) {
    case 0xFF08:
      return "(";  // （
    case 0xFF09:
      return ")";  // ）
    case 0x3010:
    case 0x3014:
    case 0x3016:
    case 0xFF3B:
      return "[";  // 【〔〖［
    case 0x3011:
    case 0x3015:
    case 0x3017:
    case 0xFF3D:
      return "]";  // 】〕〗］
    case 0xFF5B:
      return "{";
    case 0xFF5D:
      return "}";
    case 0x300A:
    case 0x3008:
      return "<";  // 《〈
    case 0x300B:
    case 0x3009:
      return ">";  // 》〉
    case 0xFF1A:
      return ":";
    case 0xFF1B:
      return ";";
    case 0xFF0C:
    case 0x3001:
      return ",";  // ，、
    case 0x3002:
    case 0xFF0E:
    case 0xFF61:
      return ".";  // 。．｡
    case 0xFF01:
      return "!";
    case 0xFF1F:
      return "?";
    case 0x201C:
    case 0x201D:
    case 0xFF02:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
      return "\"";  // “”＂「」『』
    case 0x2018:
    case 0x2019:
    case 0xFF07:
      return "'";  // ‘’＇
    case 0xFF0D:
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0xFE63:
    case 0x2212:
      return "-";
    case 0xFF5E:
    case 0x301C:
      return "~";  // ～〜
    case 0x2026:
      return "...";  // …
    case 0x30FB:
      return "\xC2\xB7";  // ・ → ·
    default:
      return nullptr;
  }
}

std::string TrimSpaces(std::string_view s) {
  std::size_t begin = 0, end = 0;  // [begin, end): from the first to past the last non-space
  bool seen = false;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const core::Utf8Char c = DecodeUtf8(s, pos);
    if (!IsWhiteSpace(c.code_point)) {
      if (!seen) begin = pos;
      seen = true;
      end = pos + c.length;
    }
    pos += c.length;
  }
  return seen ? std::string(s.substr(begin, end - begin)) : std::string();
}

// Step 2 of NormalizeInput. Requires valid UTF-8.
std::string RemoveControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const core::Utf8Char c = DecodeUtf8(s, i);
    const char32_t cp = c.code_point;
    if (cp == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;  // CRLF → one \n
    } else if (cp == '\t' || cp == '\n') {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF || cp == 0x200B) {
      // dropped
    } else {
      out.append(s.substr(i, c.length));
    }
    i += c.length;
  }
  return out;
}

core::Result<std::string> ToNfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return core::Internal(std::string("ICU NFC 规范化器无法加载: ") + u_errorName(status));
  }
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                     status);
  if (U_FAILURE(status)) {
    return core::Internal(std::string("Unicode NFC 规范化失败: ") + u_errorName(status));
  }
  return out;
}

std::string CaseFold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  icu::CaseMap::utf8Fold(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                         nullptr, status);
  return U_SUCCESS(status) ? out : std::string(s);
}

}  // namespace

std::string ToSimplified(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii || !IsValidUtf8(utf8)) return std::string(utf8);
  const Simplifier& s = GetSimplifier();
  if (!s.converter || !s.MayConvert(utf8)) return std::string(utf8);
  // Convert NUL-separated pieces separately: OpenCC's segmentation works on C strings.
  std::string out;
  out.reserve(utf8.size());
  std::size_t start = 0;
  while (true) {
    const std::size_t nul = utf8.find('\0', start);
    const std::string_view piece =
        utf8.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start);
    if (!piece.empty()) out += s.converter->Convert(std::string(piece));
    if (nul == std::string_view::npos) break;
    out.push_back('\0');
    start = nul + 1;
  }
  return out;
}

bool IsWhiteSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool IsFoldedPunctuation(char32_t c) { return c >= 0x80 && PunctuationFold(c) != nullptr; }

bool SimplificationMayChange(char32_t c) {
  const Simplifier& s = GetSimplifier();
  return s.converter && c < s.key_chars.size() && s.key_chars[c];
}

core::Status SimplifierStatus() {
  const Simplifier& s = GetSimplifier();
  if (s.converter) return core::Status::Ok();
  return core::Unavailable(s.error);
}

std::string FoldWidth(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](char32_t c, std::string_view bytes) {
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A) ||
        (c >= 0xFF01 && c <= 0xFF5E && IsFoldableFullWidthSymbol(c))) {
      out.push_back(static_cast<char>(c - 0xFF00 + 0x20));
    } else if (c == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(bytes);
    }
  });
  return out;
}

std::string FoldPunctuation(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](char32_t c, std::string_view bytes) {
    if (const char* folded = c >= 0x80 ? PunctuationFold(c) : nullptr) {
      out += folded;
    } else {
      out.append(bytes);
    }
  });
  return out;
}

std::string CollapseSpaces(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  ForEachCodePoint(utf8, [&](char32_t c, std::string_view bytes) {
    if (IsWhiteSpace(c)) {
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(bytes);
  });
  return out;
}

core::Result<std::string> NormalizeInput(std::string_view raw) {
  if (std::size_t bad = FindInvalidUtf8(raw); bad != std::string_view::npos) {
    return core::InvalidArgument("输入不是有效的 UTF-8 文本（第 " + std::to_string(bad + 1) +
                                 " 字节处）");
  }
  GONGKAI_ASSIGN_OR_RETURN(std::string nfc, ToNfc(RemoveControls(raw)));
  return TrimSpaces(ToSimplified(FoldWidth(nfc)));
}

std::string NormalizeForMatch(std::string_view utf8) {
  core::Result<std::string> normal = NormalizeInput(ToValidUtf8(utf8));
  // NormalizeInput can fail here only if ICU's data is missing; fall back to the input.
  std::string folded = CaseFold(FoldPunctuation(normal.ok() ? *normal : ToValidUtf8(utf8)));
  std::string out;
  out.reserve(folded.size());
  ForEachCodePoint(folded, [&](char32_t c, std::string_view bytes) {
    if (!IsWhiteSpace(c)) out.append(bytes);
  });
  return out;
}

}  // namespace gongkai::text
