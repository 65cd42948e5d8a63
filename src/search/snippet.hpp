// Highlighted, escaped excerpts of search hits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/query.hpp"

namespace gongkai::search {

// `text` HTML-escaped (& < > " '), never fails.
std::string HtmlEscape(std::string_view text);

// An HTML fragment of at most about `max_chars` characters of `text` (Markdown heading and
// emphasis marks removed), starting a little before the first occurrence of a word of
// `query` (or at the start), with every occurrence wrapped in <mark>…</mark>. All text is
// HTML-escaped; "…" marks a cut. Matching ignores case and full/half width. Never fails.
std::string Highlight(std::string_view text, const Query& query, size_t max_chars);

// How many times the words of `query` occur in `text` (same matching as Highlight).
int CountOccurrences(std::string_view text, const Phrase& phrase);

// Highlight and CountOccurrences for many texts and one query: the query's words are
// normalised once (normalisation goes through OpenCC and costs more than the matching).
class Matcher {
 public:
  explicit Matcher(const Query& query);
  // CountOccurrences(text, query.must[phrase]); 0 for an unknown phrase.
  int Count(std::string_view text, size_t phrase) const;
  // Highlight(text, query, max_chars).
  std::string Highlight(std::string_view text, size_t max_chars) const;

 private:
  std::vector<std::vector<std::u32string>> needles_;  // folded runs, per must phrase
  // Per must phrase: its runs in UTF-8 when none holds a character that folding changes or
  // produces (U+0021–U+007E), so that counting can search the text's bytes as they are.
  std::vector<std::vector<std::string>> plain_;
};

}  // namespace gongkai::search
