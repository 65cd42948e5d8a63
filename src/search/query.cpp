#include "search/query.hpp"

#include "search/segment.hpp"
#include "search/tokenize.hpp"

namespace gongkai::search {
namespace {

// The phrase of one word, token for token as Tokenize() writes the same text: a Han run
// gives its bigrams and, when another run follows it in the word, its run-final single
// token (the document has it there too: "验证12345" → 验证 证 12345). A one-character Han run
// at the end of the word is a prefix (in the document it may start a longer run).
std::vector<Phrase> WordPhrases(std::string_view word) {
  Phrase phrase;
  std::vector<Run> runs = Runs(word);
  for (size_t r = 0; r < runs.size(); ++r) {
    const Run& run = runs[r];
    bool last = r + 1 == runs.size();
    if (!phrase.text.empty()) phrase.text += " ";
    phrase.text += ToUtf8(run.text);
    if (!run.han) {
      phrase.tokens.push_back(ToUtf8(run.text));
      continue;
    }
    for (size_t k = 0; k + 1 < run.text.size(); ++k) {
      phrase.tokens.push_back(ToUtf8(run.text.substr(k, 2)));
    }
    if (!last || run.text.size() == 1) {
      phrase.tokens.push_back(ToUtf8(run.text.substr(run.text.size() - 1)));
    }
    phrase.last_is_prefix = last && run.text.size() == 1;
  }
  if (phrase.tokens.empty()) return {};
  return {std::move(phrase)};
}

// An unquoted word typed without spaces: when ICU splits one of its Han runs into several
// words, each run and each such word becomes a phrase of its own (all must occur, in any
// order and place), as if the user had typed the spaces. Otherwise the word's one phrase.
std::vector<Phrase> SegmentedPhrases(std::string_view word) {
  std::vector<Run> runs = Runs(word);
  std::vector<std::vector<std::u32string>> pieces;
  bool split = false;
  for (const Run& run : runs) {
    pieces.push_back(run.han ? SegmentHanRun(run.text) : std::vector<std::u32string>{run.text});
    split = split || pieces.back().size() > 1;
  }
  if (!split) return WordPhrases(word);
  std::vector<Phrase> out;
  for (const auto& run_pieces : pieces) {
    for (const auto& piece : run_pieces) {
      for (Phrase& p : WordPhrases(ToUtf8(piece))) out.push_back(std::move(p));
    }
  }
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
    bool quoted = i < s.size() && IsQuote(s[i]);
    if (quoted) {
      ++i;
      while (i < s.size() && !IsQuote(s[i])) word.push_back(s[i++]);
      if (i < s.size()) ++i;
    } else {
      while (i < s.size() && !IsBlank(s[i])) word.push_back(s[i++]);
    }
    ++words;
    // Quoted text and exclusions stay phrases: "-森林防火" must not exclude every item that
    // mentions 森林 and 防火 apart.
    std::string utf8 = ToUtf8(word);
    for (Phrase& p : quoted || negate ? WordPhrases(utf8) : SegmentedPhrases(utf8)) {
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
