#include "search/snippet.hpp"

#include <algorithm>
#include <vector>

#include "search/tokenize.hpp"
#include "text/html_escape.hpp"

namespace gongkai::search {
namespace {

char32_t Fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
  if (c >= 'A' && c <= 'Z') c += 32;
  return c;
}

std::u32string FoldAll(std::u32string_view s) {
  std::u32string out(s);
  for (auto& c : out) c = Fold(c);
  return out;
}

std::vector<std::u32string> Needles(const Phrase& p) {
  std::vector<std::u32string> out;
  for (const Run& run : Runs(p.text)) out.push_back(FoldAll(run.text));
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) { return text::HtmlEscape(text); }

int CountOccurrences(std::string_view text, const Phrase& phrase) {
  Query query;
  query.must.push_back(phrase);
  return Matcher(query).Count(text, 0);
}

std::string Highlight(std::string_view text, const Query& query, size_t max_chars) {
  return Matcher(query).Highlight(text, max_chars);
}

Matcher::Matcher(const Query& query) {
  for (const Phrase& p : query.must) {
    needles_.push_back(Needles(p));
    std::vector<std::string> plain;
    for (const auto& needle : needles_.back()) {
      if (std::any_of(needle.begin(), needle.end(),
                      [](char32_t c) { return c >= 0x21 && c <= 0x7E; })) {
        plain.clear();
        break;
      }
      if (!needle.empty()) plain.push_back(ToUtf8(needle));
    }
    plain_.push_back(std::move(plain));
  }
}

int Matcher::Count(std::string_view text, size_t phrase) const {
  if (phrase >= needles_.size()) return 0;
  int n = 0;
  if (!plain_[phrase].empty()) {
    // UTF-8 is self-synchronising: a byte match of a whole needle is a character match, and
    // folding cannot turn any other character into one of the needle's.
    for (const auto& needle : plain_[phrase]) {
      for (size_t pos = text.find(needle); pos != std::string_view::npos;
           pos = text.find(needle, pos + needle.size())) {
        ++n;
      }
    }
    return n;
  }
  std::u32string hay = FoldAll(ToUtf32(text));
  for (const auto& needle : needles_[phrase]) {
    if (needle.empty()) continue;
    for (size_t pos = hay.find(needle); pos != std::u32string::npos;
         pos = hay.find(needle, pos + needle.size())) {
      ++n;
    }
  }
  return n;
}

std::string Matcher::Highlight(std::string_view text, size_t max_chars) const {
  std::u32string raw = ToUtf32(text);
  // Drop Markdown marks and collapse line breaks.
  std::u32string clean;
  for (char32_t c : raw) {
    if (c == '#' || c == '*' || c == '`' || c == '>' || c == '_') continue;
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
    clean.push_back(c);
  }
  std::u32string folded = FoldAll(clean);
  std::vector<char> marked(clean.size(), 0);
  size_t first = std::u32string::npos;
  for (const auto& needles : needles_) {
    for (const auto& needle : needles) {
      if (needle.empty()) continue;
      for (size_t pos = folded.find(needle); pos != std::u32string::npos;
           pos = folded.find(needle, pos + needle.size())) {
        std::fill(marked.begin() + pos, marked.begin() + pos + needle.size(), 1);
        first = std::min(first, pos);
      }
    }
  }
  size_t start = 0;
  if (first != std::u32string::npos && first > 20) start = first - 20;
  size_t end = std::min(clean.size(), start + max_chars);
  if (end - start < max_chars && end == clean.size()) {
    start = end > max_chars ? end - max_chars : 0;
  }
  std::string out;
  if (start > 0) out += "…";
  bool in_mark = false;
  for (size_t k = start; k < end; ++k) {
    if (marked[k] && !in_mark) {
      out += "<mark>";
      in_mark = true;
    } else if (!marked[k] && in_mark) {
      out += "</mark>";
      in_mark = false;
    }
    out += HtmlEscape(ToUtf8(std::u32string_view(&clean[k], 1)));
  }
  if (in_mark) out += "</mark>";
  if (end < clean.size()) out += "…";
  return out;
}

}  // namespace gongkai::search
