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

std::vector<Run> RunsSlow(std::string_view text) {
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

// Punctuation outside ASCII whose normalised form (text::NormalizeForMatch) is known to be
// punctuation again, i.e. a run separator: the full-width forms U+FF01..FF5E that are not
// letters or digits, and the marks FoldPunctuation maps. None changes under NFC or case
// folding.
bool IsSimpleSeparator(char32_t c) {
  // Letters and digits of U+FF01..FF5E are tested first.
  return (c >= 0xFF01 && c <= 0xFF5E) || c == 0x00B7 || text::IsFoldedPunctuation(c);
}

enum class Scan { kDone, kStopped, kSlow };

// The fast path of Runs and AppendTokenText, for text made only of characters whose
// normalised form is known without the normalisation chain (nearly every published item):
// ASCII, white space, Han characters of the BMP blocks that no traditional→simplified rule
// changes, full-width letters, digits and punctuation, and common Chinese punctuation —
// none of which NFC, width folding, OpenCC or case folding turns into anything but
// themselves, their ASCII form or another separator. It gives exactly the runs RunsSlow
// gives (tokenize_test compares them); at the first other character it returns kSlow and
// the caller starts again on the slow path. Calls sink.Add(han, c) for each character of a
// run and sink.End() where a run ends; stops with kStopped when either returns false.
template <typename Sink>
Scan ScanSimple(std::string_view text, Sink& sink) {
  size_t pos = 0;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    char32_t c = b;
    if (b < 0x80) {
      ++pos;
    } else {
      const core::Utf8Char u = core::DecodeUtf8(text, pos);
      if (!u.valid) return Scan::kSlow;
      c = u.code_point;
      pos += u.length;
    }
    bool ok = true;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      ok = sink.Add(false, c);
    } else if (c >= 'A' && c <= 'Z') {
      ok = sink.Add(false, c - 'A' + 'a');
    } else if (text::IsWhiteSpace(c)) {
      // White space ends a word run; a Han run goes on ("统 计").
      if (sink.InWord()) ok = sink.End();
    } else if (c < 0x20 || c == 0x7F) {
      // Control characters are removed (NormalizeInput): the text on both sides joins.
    } else if (c < 0x80) {
      ok = sink.End();  // ASCII punctuation
    } else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      if (text::SimplificationMayChange(c)) return Scan::kSlow;
      ok = sink.Add(true, c);
    } else if (c >= 0xFF10 && c <= 0xFF19) {
      ok = sink.Add(false, c - 0xFF10 + '0');
    } else if (c >= 0xFF21 && c <= 0xFF3A) {
      ok = sink.Add(false, c - 0xFF21 + 'a');
    } else if (c >= 0xFF41 && c <= 0xFF5A) {
      ok = sink.Add(false, c - 0xFF41 + 'a');
    } else if (IsSimpleSeparator(c)) {
      if (text::SimplificationMayChange(c)) return Scan::kSlow;
      ok = sink.End();
    } else {
      return Scan::kSlow;
    }
    if (!ok) return Scan::kStopped;
  }
  return sink.End() ? Scan::kDone : Scan::kStopped;
}

// Collects the runs ScanSimple reports.
class RunCollector {
 public:
  bool Add(bool han, char32_t c) {
    if (have_ && current_.han != han) End();
    current_.han = han;
    have_ = true;
    current_.text.push_back(c);
    return true;
  }
  bool End() {
    if (have_) runs_.push_back(std::move(current_));
    current_ = Run();
    have_ = false;
    return true;
  }
  bool InWord() const { return have_ && !current_.han; }
  std::vector<Run>& runs() { return runs_; }

 private:
  std::vector<Run> runs_;
  Run current_;
  bool have_ = false;
};

}  // namespace

std::vector<Run> Runs(std::string_view text) {
  RunCollector collector;
  if (ScanSimple(text, collector) == Scan::kDone) return std::move(collector.runs());
  return RunsSlow(text);
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

namespace {

// Writes the tokens of the runs ScanSimple reports straight into the FTS5 token text, with
// no run or token strings: a Han run's bigrams as its characters come, its last character
// at its end; a word run as one token.
class TokenTextWriter {
 public:
  TokenTextWriter(std::string& out, size_t max_tokens) : out_(out), max_(max_tokens) {}
  bool Add(bool han, char32_t c) {
    if (have_ && han_ != han && !End()) return false;
    if (han) {
      if (have_ && !Token(prev_, c)) return false;
      prev_ = c;
    } else if (!have_) {
      if (!Start()) return false;
      core::AppendUtf8(out_, c);
    } else {
      core::AppendUtf8(out_, c);
    }
    han_ = han;
    have_ = true;
    return true;
  }
  bool End() {
    const bool ok = !(have_ && han_) || Token(prev_, 0);
    have_ = false;
    return ok;
  }
  bool InWord() const { return have_ && !han_; }
  size_t count() const { return n_; }

 private:
  // Starts a token (a space before all but the first); false once the cap is reached.
  bool Start() {
    if (n_ == max_) return false;
    if (!out_.empty()) out_.push_back(' ');
    ++n_;
    return true;
  }
  // The token of `a` and, unless 0, `b`.
  bool Token(char32_t a, char32_t b) {
    if (!Start()) return false;
    core::AppendUtf8(out_, a);
    if (b) core::AppendUtf8(out_, b);
    return true;
  }
  std::string& out_;
  size_t max_;
  size_t n_ = 0;
  bool have_ = false, han_ = false;
  char32_t prev_ = 0;
};

}  // namespace

size_t AppendTokenText(std::string_view text, size_t max_tokens, std::string& out) {
  const size_t start = out.size();
  {
    TokenTextWriter writer(out, max_tokens);
    if (ScanSimple(text, writer) != Scan::kSlow) return writer.count();
  }
  out.resize(start);  // a character the fast path does not know: start again
  size_t n = 0;
  EachToken(RunsSlow(text), [&](const Run& run, size_t from, size_t length) {
    if (n == max_tokens) return false;
    if (!out.empty()) out.push_back(' ');
    for (size_t k = from; k < from + length; ++k) core::AppendUtf8(out, run.text[k]);
    ++n;
    return true;
  });
  return n;
}

}  // namespace gongkai::search
