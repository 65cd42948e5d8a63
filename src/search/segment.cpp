#include "search/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

namespace gongkai::search {
namespace {

// One word-break iterator per thread: creating one loads the dictionary (slow), using one
// is not thread-safe.
icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

}  // namespace

std::vector<std::u32string> SegmentHanRun(std::u32string_view run) {
  std::u32string whole(run);
  if (run.size() < 3) return {whole};
  icu::BreakIterator* breaker = WordBreaker();
  if (!breaker) return {whole};
  icu::UnicodeString text = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(run.data()), static_cast<int32_t>(run.size()));
  breaker->setText(text);
  // Boundaries in UTF-16 units → code points (Han characters beyond the BMP take two).
  std::vector<std::u32string> words;
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    icu::UnicodeString piece = text.tempSubStringBetween(start, end);
    std::u32string word(static_cast<size_t>(piece.countChar32()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    piece.toUTF32(reinterpret_cast<UChar32*>(word.data()), static_cast<int32_t>(word.size()),
                  status);
    if (U_FAILURE(status)) return {whole};
    words.push_back(std::move(word));
  }
  // Join runs of single characters, then attach a lone single character to a neighbour.
  std::vector<std::u32string> joined;
  for (auto& w : words) {
    if (w.size() == 1 && !joined.empty() && joined.back().size() == 1) {
      joined.back() += w;
    } else {
      joined.push_back(std::move(w));
    }
  }
  std::vector<std::u32string> out;
  for (size_t k = 0; k < joined.size(); ++k) {
    if (joined[k].size() != 1 || joined.size() == 1) {
      out.push_back(std::move(joined[k]));
    } else if (!out.empty()) {
      out.back() += joined[k];
    } else {
      joined[k + 1] = joined[k] + joined[k + 1];
    }
  }
  return out.empty() ? std::vector<std::u32string>{whole} : out;
}

}  // namespace gongkai::search
