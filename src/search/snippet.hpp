// Highlighted, escaped excerpts of search hits.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace gongkai::search
