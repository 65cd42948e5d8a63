// libFuzzer target for the search box: the query parser (search/query.hpp) with its FTS5
// and tsquery translations, the tokenizer (search/tokenize.hpp) and the highlighted
// snippet (search/snippet.hpp). The input's first line is the query, the rest a document.
// Besides never crashing it checks the properties the SQL relies on: every token is
// non-empty, valid UTF-8 and free of ASCII punctuation, white space and control bytes (so
// nothing typed in the box can break out of an FTS5 phrase or a tsquery lexeme), the FTS5
// expression quotes exactly its phrases, and a snippet is escaped HTML whose only markup is
// <mark>. Build and run with scripts/fuzz-short.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "search/query.hpp"
#include "search/snippet.hpp"
#include "search/tokenize.hpp"

namespace {

using namespace gongkai::search;

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "search_query_fuzz: %s: [%.*s]\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n;
  }
  return true;
}

void CheckToken(std::string_view token) {
  if (token.empty()) Fail("empty token", token);
  if (!ValidUtf8(token)) Fail("token is not valid UTF-8", token);
  for (char c : token) {
    unsigned char u = static_cast<unsigned char>(c);
    bool ascii_alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (u < 0x80 && !ascii_alnum) Fail("token holds an ASCII non-alphanumeric byte", token);
  }
}

void CheckSnippet(const std::string& html) {
  if (!ValidUtf8(html)) Fail("snippet is not valid UTF-8", html);
  for (size_t p = 0; p < html.size(); ++p) {
    std::string_view rest = std::string_view(html).substr(p);
    if (rest.starts_with("<mark>")) {
      p += 5;
    } else if (rest.starts_with("</mark>")) {
      p += 6;
    } else if (html[p] == '<' || html[p] == '>' || html[p] == '"' || html[p] == '\'') {
      Fail("unescaped markup in snippet", html);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 16)) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  const std::string_view text = input.substr(0, nl);
  const std::string_view document =
      nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

  Query q = ParseQuery(text);
  size_t phrases = 0;
  for (const auto* list : {&q.must, &q.exclude}) {
    for (const Phrase& p : *list) {
      if (p.tokens.empty()) Fail("phrase without tokens", p.text);
      for (const std::string& t : p.tokens) CheckToken(t);
      ++phrases;
      (void)CountOccurrences(document, p);
    }
  }
  if (!q.empty()) {
    std::string fts = ToFts5(q);
    size_t quotes = 0;
    for (char c : fts) quotes += c == '"';
    if (quotes != 2 * phrases) Fail("FTS5 expression quotes", fts);
    std::string ts = ToTsquery(q);
    if (!ValidUtf8(fts) || !ValidUtf8(ts)) Fail("query text is not valid UTF-8", ts);
  }
  for (const std::string& t : Tokenize(input)) CheckToken(t);
  for (const Run& run : Runs(text)) {
    if (run.text.empty()) Fail("empty run", text);
  }
  CheckSnippet(Highlight(document, q, 120));
  // Round trip: well-formed UTF-8 survives ToUtf32/ToUtf8 unchanged.
  if (ValidUtf8(input) && ToUtf8(ToUtf32(input)) != input) Fail("UTF-8 round trip", input);
  return 0;
}
