#include "search/query.hpp"

#include "search/tokenize.hpp"

namespace gongkai::search {
namespace {

// The phrases of one word: normally one; a one-character Han run inside a longer word
// (e.g. "第3号令") cannot be a prefix in the middle of a phrase, so the word is split there
// into phrases that must all occur.
std::vector<Phrase> WordPhrases(std::string_view word) {
  std::vector<Phrase> out;
  Phrase current;
  for (const Run& run : Runs(word)) {
    if (!current.text.empty()) current.text += " ";
    current.text += ToUtf8(run.text);
    if (!run.han) {
      current.tokens.push_back(ToUtf8(run.text));
      continue;
    }
    if (run.text.size() == 1) {
      current.tokens.push_back(ToUtf8(run.text));
      current.last_is_prefix = true;
      out.push_back(std::move(current));
      current = Phrase();
      continue;
    }
    for (size_t k = 0; k + 1 < run.text.size(); ++k) {
      current.tokens.push_back(ToUtf8(run.text.substr(k, 2)));
    }
  }
  if (!current.tokens.empty()) out.push_back(std::move(current));
  return out;
}

bool IsQuote(char32_t c) { return c == U'"' || c == U'\u201C' || c == U'\u201D'; }
bool IsBlank(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\n'; }

}  // namespace

Query ParseQuery(std::string_view text) {
  if (text.size() > 200) text = text.substr(0, 200);
  std::u32string s = ToUtf32(text);
  Query q;
  size_t i = 0;
  int words = 0;
  while (i < s.size() && words < 16) {
    while (i < s.size() && IsBlank(s[i])) ++i;
    if (i >= s.size()) break;
    bool negate = false;
    if (s[i] == U'-' || s[i] == U'\uFF0D') {
      negate = true;
      ++i;
    }
    std::u32string word;
    if (i < s.size() && IsQuote(s[i])) {
      ++i;
      while (i < s.size() && !IsQuote(s[i])) word.push_back(s[i++]);
      if (i < s.size()) ++i;
    } else {
      while (i < s.size() && !IsBlank(s[i])) word.push_back(s[i++]);
    }
    ++words;
    for (Phrase& p : WordPhrases(ToUtf8(word))) {
      (negate ? q.exclude : q.must).push_back(std::move(p));
    }
  }
  return q;
}

namespace {

std::string FtsPhrase(const Phrase& p) {
  std::string out = "\"";
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    if (k) out += ' ';
    out += p.tokens[k];
  }
  out += '"';
  if (p.last_is_prefix) out += '*';
  return out;
}

std::string TsPhrase(const Phrase& p) {
  std::string out = p.tokens.size() > 1 ? "(" : "";
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    if (k) out += " <-> ";
    out += "'" + p.tokens[k] + "'";
  }
  if (p.last_is_prefix) out += ":*";
  if (p.tokens.size() > 1) out += ")";
  return out;
}

}  // namespace

std::string ToFts5(const Query& query) {
  std::string out;
  for (const Phrase& p : query.must) {
    if (!out.empty()) out += " AND ";
    out += FtsPhrase(p);
  }
  for (const Phrase& p : query.exclude) out += " NOT " + FtsPhrase(p);
  return out;
}

std::string ToTsquery(const Query& query) {
  std::string out;
  for (const Phrase& p : query.must) {
    if (!out.empty()) out += " & ";
    out += TsPhrase(p);
  }
  for (const Phrase& p : query.exclude) out += " & !" + TsPhrase(p);
  return out;
}

}  // namespace gongkai::search
