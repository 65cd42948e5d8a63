// Search queries as people type them, and their translation to SQLite FTS5 and PostgreSQL
// tsquery over the token stream of tokenize.hpp.
//
// Syntax: words separated by white space must all occur (AND); "a quoted phrase" (ASCII or
// Chinese quotes) must occur as written; -word or -"phrase" must not occur. An unquoted word
// typed without spaces is first split into words (segment.hpp, ICU word break: 元旦值班 →
// 元旦 值班), which must all occur, as if typed with spaces (issue 21). Each word is
// normalised and becomes a phrase of its tokens: a Han run of two or more characters its
// bigrams, a one-character Han run a prefix token (which matches the bigrams starting with
// it and the run-final single token, so single characters are found wherever they occur).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// One phrase: tokens that must be adjacent, the last possibly a prefix.
struct Phrase {
  std::vector<std::string> tokens;
  bool last_is_prefix = false;
  std::string text;  // the normalised word, for highlighting
  friend bool operator==(const Phrase&, const Phrase&) = default;
};

struct Query {
  std::vector<Phrase> must;
  std::vector<Phrase> exclude;
  bool empty() const { return must.empty(); }  // nothing to search for (exclusions alone)
};

// Parses `text` (at most 200 bytes are read; at most 16 words). Words that normalise to
// no tokens (punctuation) are dropped. Never fails.
Query ParseQuery(std::string_view text);

// The FTS5 MATCH expression: "t1 t2" AND "t3"* NOT "t4". Requires !query.empty().
std::string ToFts5(const Query& query);
// The tsquery text: 't1' <-> 't2' & 't3':* & !'t4'. Requires !query.empty().
std::string ToTsquery(const Query& query);

}  // namespace gongkai::search
