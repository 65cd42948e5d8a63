// The token stream the search index stores and queries are matched against (DESIGN.md §1
// search/): text is normalised (NormalizeForMatch: traditional → simplified, full → half
// width, punctuation folded, case folded), then
//   - each run of Han characters gives its overlapping bigrams plus one single-character
//     token for the run's last character ("信息公开" → 信息 息公 公开 开), so every word of
//     two or more characters is a phrase of bigrams, one-character words are found by a
//     prefix match, and phrases cannot match across punctuation;
//   - each run of other letters and digits gives one token ("PDF2021" → pdf2021).
// White space between two Han characters does not break a run (people type "统 计");
// everything else separates tokens. Tokens contain only letters and digits, so they pass
// through SQLite's unicode61 tokenizer and PostgreSQL's tsvector unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// At most this many tokens of a document are indexed (PostgreSQL positions stop at 16383;
// both backends cap at the same point so they return the same hits).
inline constexpr size_t kMaxDocumentTokens = 16000;

// True for a Han ideograph (CJK Unified Ideographs, extensions A–G, compatibility).
bool IsHan(char32_t c);

// Tokens of `text` (any UTF-8; normalised here). Never fails.
std::vector<std::string> Tokenize(std::string_view text);
// The first `max_tokens` tokens of `text` (as Tokenize) appended to `out`, separated by
// single spaces — the text FTS5 indexes — without a string per token (an index build
// tokenizes every published item). Returns how many it appended.
size_t AppendTokenText(std::string_view text, size_t max_tokens, std::string& out);

// A Han or word run of normalised text, for query building and highlighting.
struct Run {
  bool han = false;
  std::u32string text;
};
// The runs of `text` after normalisation (see the rules above). Text made only of ASCII,
// white space, common Han characters and Chinese punctuation (nearly every item) takes a
// one-pass fast path; any other character sends the whole text through RunsSlow. Both give
// the same runs.
std::vector<Run> Runs(std::string_view text);
// Runs without the fast path: each white-space-separated chunk through
// text::NormalizeForMatch. The reference the fast path is tested against.
std::vector<Run> RunsSlow(std::string_view text);

std::string ToUtf8(std::u32string_view text);
std::u32string ToUtf32(std::string_view utf8);  // ill-formed bytes become U+FFFD

}  // namespace gongkai::search
