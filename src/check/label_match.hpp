// Matching the row labels people publish against the reference labels of a format.
//
// Publishers vary the punctuation ("(一)" / "（一）", "1、" / "1．" / "1."), put spaces
// inside labels ("统 计 指 标"), append notes ("1、专职人员数 (不包括…)") and change a
// word now and then ("回应解决" for "回应解读"). A label is therefore split into its
// enumerator ("一、", "（一）", "1.", "其中：") and its words; words are compared exactly,
// then with the parenthetical notes removed, then by containment, then by character-bigram
// similarity, and the enumerators must agree.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/report_format.hpp"

namespace gongkai::check {

// A label broken into the parts that matching compares.
struct LabelKey {
  std::string enumerator;  // canonical: "A3" for 三、, "P3" for （三）, "N3" for 3. ; "" if none
  bool qizhong = false;    // starts with 其中
  std::string full;        // words incl. parenthetical notes, punctuation and spaces removed
  std::string core;        // `full` without parenthetical notes
  int core_chars = 0;      // code points in `core`
  std::vector<unsigned long long> bigrams;  // sorted code-point bigrams of `core`
};

// Builds the key of a (normalised) label. Never fails.
LabelKey MakeLabelKey(std::string_view label);

// `label` without its leading enumerator ("（二）", "1.", "一、") and "其中：".
std::string StripEnumerator(std::string_view label);

// Similarity in [0, 1] of two keys, 0 when they cannot denote the same row (different
// enumerators; a reference enumerator missing from a short input label). 1 is an exact
// match of the words.
double LabelSimilarity(const LabelKey& reference, const LabelKey& input);

// One row a label may denote.
struct LabelTarget {
  const core::TableDef* table = nullptr;
  const core::RowDef* row = nullptr;
  int order = 0;  // position of the row within the format, in published order
};

// All row labels of one format, ready for matching. Build once per format and share: the
// object is immutable after construction and thread-safe to use.
class LabelMatcher {
 public:
  explicit LabelMatcher(const core::FormatDef& format);

  // The best row for `label`, preferring rows at or after `cursor` (the order of the row
  // matched last), so that repeated labels such as "（一）维持具体行政行为数" (under both
  // 行政复议 and 行政诉讼) resolve by position. Returns nullptr when nothing scores at
  // least kMinScore. `score` receives the similarity when not null.
  const LabelTarget* Match(const LabelKey& label, int cursor, double* score = nullptr) const;

  // The number of distinct rows of this format that `labels` match exactly (score 1);
  // used to recognise the format.
  int CountExact(const std::vector<LabelKey>& labels) const;

  const core::FormatDef& format() const { return *format_; }
  const std::vector<LabelTarget>& targets() const { return targets_; }

  static constexpr double kMinScore = 0.72;

 private:
  const core::FormatDef* format_;
  std::vector<LabelTarget> targets_;
  std::vector<std::vector<LabelKey>> keys_;          // per target: label, seed label, variant
  std::unordered_multimap<std::string, int> exact_;  // full or core → target index
};

// The matcher of `format`, built on first use.
const LabelMatcher& GetLabelMatcher(core::ReportFormat format);

}  // namespace gongkai::check
