#include "search/tokenize.hpp"

#include <unicode/uchar.h>

#include "core/utf8.hpp"
#include "text/normalize.hpp"

namespace gongkai::search {

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

std::u32string ToUtf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c >> 5) == 6) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c >> 4) == 14) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c >> 3) == 30) {
      cp = c & 0x07;
      len = 4;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    bool ok = i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms (C0 80 for NUL), UTF-16 surrogates and values past U+10FFFF are
    // ill-formed too: passed through, they would come out of ToUtf8 as invalid UTF-8.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (ok && (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) ok = false;
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) { return core::ToUtf8(text); }

namespace {

bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !IsHan(c) && u_isalnum(static_cast<UChar32>(c));
}

}  // namespace

std::vector<Run> Runs(std::string_view text) {
  // Normalise chunk by chunk so that white space still separates words (NormalizeForMatch
  // removes it), then join chunks whose touching characters are both Han.
  std::u32string all = ToUtf32(text);
  std::vector<Run> runs;
  Run current;
  bool have = false;
  auto flush = [&] {
    if (have && !current.text.empty()) runs.push_back(std::move(current));
    current = Run();
    have = false;
  };
  size_t i = 0;
  bool pending_space = false;
  while (i < all.size()) {
    if (IsSpace(all[i])) {
      pending_space = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < all.size() && !IsSpace(all[j])) ++j;
    std::u32string chunk =
        ToUtf32(text::NormalizeForMatch(ToUtf8(std::u32string_view(all).substr(i, j - i))));
    for (size_t k = 0; k < chunk.size(); ++k) {
      char32_t c = chunk[k];
      if (IsHan(c)) {
        if (have && !current.han) flush();
        current.han = true;
        have = true;
        current.text.push_back(c);
      } else if (IsWordChar(c)) {
        if (have && current.han) flush();
        if (have && !current.han && pending_space && k == 0) flush();
        current.han = false;
        have = true;
        current.text.push_back(c);
      } else {
        flush();
      }
      pending_space = false;
    }
    pending_space = false;
    i = j;
    // A space before the next chunk ends a word run; Han runs decide at the next chunk.
    if (i < all.size() && have && !current.han) flush();
  }
  flush();
  return runs;
}

namespace {

// Calls `emit(run, from, length)` for each token of `runs` in order until it returns false:
// a word run is one token; a Han run gives its bigrams, then its last character.
template <typename Emit>
void EachToken(const std::vector<Run>& runs, Emit&& emit) {
  for (const Run& run : runs) {
    if (!run.han) {
      if (!emit(run, 0, run.text.size())) return;
      continue;
    }
    for (size_t k = 0; k + 1 < run.text.size(); ++k) {
      if (!emit(run, k, 2)) return;
    }
    if (!emit(run, run.text.size() - 1, 1)) return;
  }
}

}  // namespace

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  EachToken(Runs(text), [&](const Run& run, size_t from, size_t length) {
    tokens.push_back(ToUtf8(std::u32string_view(run.text).substr(from, length)));
    return true;
  });
  return tokens;
}

size_t AppendTokenText(std::string_view text, size_t max_tokens, std::string& out) {
  size_t n = 0;
  EachToken(Runs(text), [&](const Run& run, size_t from, size_t length) {
    if (n == max_tokens) return false;
    if (!out.empty()) out.push_back(' ');
    for (size_t k = from; k < from + length; ++k) core::AppendUtf8(out, run.text[k]);
    ++n;
    return true;
  });
  return n;
}

}  // namespace gongkai::search
