#include "check/label_match.hpp"

#include <algorithm>
#include <array>

#include "check/util.hpp"
#include "text/normalize.hpp"

namespace gongkai::check {
namespace {

int ChineseDigit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  size_t p = kDigits.find(c);
  if (p != std::u32string_view::npos) return static_cast<int>(p);
  if (c == U'两') return 2;
  return -1;
}

// Parses a Chinese numeral (一 … 九十九) from the code points at `cps[i..]`; returns the
// value and advances i, or -1.
int ParseChineseNumeral(const std::u32string& cps, size_t& i) {
  size_t start = i;
  int value = 0;
  int current = -1;
  bool any = false;
  while (i < cps.size()) {
    char32_t c = cps[i];
    if (c == U'十') {
      value += (current < 0 ? 1 : current) * 10;
      current = -1;
      any = true;
    } else if (int d = ChineseDigit(c); d >= 0) {
      if (current >= 0) break;
      current = d;
      any = true;
    } else {
      break;
    }
    ++i;
    if (i - start > 3) break;
  }
  if (!any) {
    i = start;
    return -1;
  }
  return value + (current < 0 ? 0 : current);
}

int ParseDigits(const std::u32string& cps, size_t& i) {
  size_t start = i;
  int v = 0;
  while (i < cps.size() && cps[i] >= U'0' && cps[i] <= U'9' && i - start < 3) {
    v = v * 10 + static_cast<int>(cps[i] - U'0');
    ++i;
  }
  if (i == start) return -1;
  return v;
}

bool IsEnumDelimiter(char32_t c) {
  return c == U',' || c == U'.' || c == U'、' || c == U'，' || c == U'．' || c == U'·' || c == U':';
}

bool IsOpen(char32_t c) { return c == U'(' || c == U'（' || c == U'[' || c == U'【'; }
bool IsClose(char32_t c) { return c == U')' || c == U'）' || c == U']' || c == U'】'; }

// Strips a leading enumerator from cps[i..]; sets `out` ("A3", "P3", "N3").
void ParseEnumerator(const std::u32string& cps, size_t& i, std::string& out) {
  size_t start = i;
  if (i < cps.size() && IsOpen(cps[i])) {
    ++i;
    int n = ParseChineseNumeral(cps, i);
    char kind = 'P';
    if (n < 0) {
      n = ParseDigits(cps, i);
      kind = 'N';
    }
    if (n >= 0 && i < cps.size() && IsClose(cps[i])) {
      ++i;
      out = kind + std::to_string(n);
      return;
    }
    i = start;
    return;
  }
  int n = ParseChineseNumeral(cps, i);
  if (n >= 0) {
    if (i < cps.size() && IsEnumDelimiter(cps[i])) {
      ++i;
      out = "A" + std::to_string(n);
      return;
    }
    i = start;
    return;
  }
  n = ParseDigits(cps, i);
  if (n >= 0) {
    if (i < cps.size() && (IsEnumDelimiter(cps[i]) || IsClose(cps[i]))) {
      ++i;
      out = "N" + std::to_string(n);
      return;
    }
    i = start;
  }
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return !IsPunctuationOrSpace(c) && c != U'“' && c != U'”' && c != U'《' && c != U'》';
}

}  // namespace

LabelKey MakeLabelKey(std::string_view label) {
  LabelKey key;
  std::u32string cps;
  {
    std::u32string raw = ToCodePoints(label);
    for (char32_t c : raw) {
      if (c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0) continue;
      if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
      if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + U'0';
      cps.push_back(c);
    }
  }
  size_t i = 0;
  ParseEnumerator(cps, i, key.enumerator);
  if (cps.compare(i, 2, U"其中") == 0) {
    key.qizhong = true;
    i += 2;
    while (i < cps.size() &&
           (cps[i] == U':' || cps[i] == U'：' || cps[i] == U',' || cps[i] == U'，'))
      ++i;
    if (key.enumerator.empty()) ParseEnumerator(cps, i, key.enumerator);
  }
  int depth = 0;
  std::u32string core;
  for (; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (IsOpen(c)) {
      ++depth;
      continue;
    }
    if (IsClose(c)) {
      if (depth > 0) --depth;
      continue;
    }
    if (!IsWordChar(c)) continue;
    AppendUtf8(key.full, c);
    if (depth == 0) {
      AppendUtf8(key.core, c);
      core.push_back(c);
    }
  }
  key.core_chars = static_cast<int>(core.size());
  for (size_t k = 0; k + 1 < core.size(); ++k) {
    key.bigrams.push_back((static_cast<unsigned long long>(core[k]) << 32) | core[k + 1]);
  }
  std::sort(key.bigrams.begin(), key.bigrams.end());
  return key;
}

std::string StripEnumerator(std::string_view label) {
  const std::u32string cps = ToCodePoints(label);
  size_t i = 0;
  std::string enumerator;
  ParseEnumerator(cps, i, enumerator);
  if (cps.compare(i, 2, U"其中") == 0) {
    i += 2;
    while (i < cps.size() && (cps[i] == U':' || cps[i] == U'：')) ++i;
  }
  std::string out;
  for (; i < cps.size(); ++i) AppendUtf8(out, cps[i]);
  return std::string(Trim(out));
}

double LabelSimilarity(const LabelKey& ref, const LabelKey& in) {
  if (!ref.enumerator.empty() && !in.enumerator.empty() && ref.enumerator != in.enumerator) {
    return 0;
  }
  if (!ref.enumerator.empty() && in.enumerator.empty() && in.core_chars < 4) return 0;
  if (in.core.empty() || ref.core.empty()) return 0;
  if (ref.full == in.full || ref.core == in.core) return 1.0;
  const int shorter = std::min(ref.core_chars, in.core_chars);
  const int longer = std::max(ref.core_chars, in.core_chars);
  if (shorter >= 4 && (ref.core.find(in.core) != std::string::npos ||
                       in.core.find(ref.core) != std::string::npos)) {
    return 0.85;
  }
  if (ref.bigrams.empty() || in.bigrams.empty()) return 0;
  // Dice cannot exceed 2*shorter/(shorter+longer); skip hopeless pairs quickly.
  if (2.0 * shorter / (shorter + longer) < LabelMatcher::kMinScore) return 0;
  size_t a = 0, b = 0, common = 0;
  while (a < ref.bigrams.size() && b < in.bigrams.size()) {
    if (ref.bigrams[a] == in.bigrams[b]) {
      ++common;
      ++a;
      ++b;
    } else if (ref.bigrams[a] < in.bigrams[b]) {
      ++a;
    } else {
      ++b;
    }
  }
  const double dice = 2.0 * static_cast<double>(common) /
                      static_cast<double>(ref.bigrams.size() + in.bigrams.size());
  return dice * 0.95;  // never as good as an exact match
}

LabelMatcher::LabelMatcher(const core::FormatDef& format) : format_(&format) {
  int order = 0;
  for (const core::TableDef& table : format.tables) {
    for (const core::RowDef& row : table.rows) {
      if (row.label.empty()) continue;  // table 四's unlabeled data row
      const int index = static_cast<int>(targets_.size());
      targets_.push_back({&table, &row, order++});
      std::vector<LabelKey> keys;
      for (std::string_view l : {row.label, row.label_seed, row.label_variant}) {
        if (l.empty()) continue;
        keys.push_back(MakeLabelKey(text::FoldPunctuation(l)));
        exact_.emplace(keys.back().full, index);
        exact_.emplace(keys.back().core, index);
      }
      keys_.push_back(std::move(keys));
    }
  }
}

const LabelTarget* LabelMatcher::Match(const LabelKey& label, int cursor, double* score) const {
  if (label.core.empty()) return nullptr;
  // Exact matches first.
  const LabelTarget* best = nullptr;
  double best_score = 0;
  auto better = [&](const LabelTarget* t, double s) {
    if (best == nullptr || s > best_score + 1e-9) return true;
    if (s < best_score - 1e-9) return false;
    // Equal scores: the nearest row at or after the cursor wins, then the nearest before.
    const bool t_ahead = t->order >= cursor;
    const bool b_ahead = best->order >= cursor;
    if (t_ahead != b_ahead) return t_ahead;
    return t_ahead ? t->order < best->order : t->order > best->order;
  };
  for (const std::string* k : {&label.full, &label.core}) {
    auto [lo, hi] = exact_.equal_range(*k);
    for (auto it = lo; it != hi; ++it) {
      const int index = it->second;
      double s = 0;
      for (const LabelKey& ref : keys_[index]) s = std::max(s, LabelSimilarity(ref, label));
      if (s >= 1.0 && better(&targets_[index], s)) {
        best = &targets_[index];
        best_score = s;
      }
    }
  }
  if (best == nullptr) {
    for (size_t index = 0; index < targets_.size(); ++index) {
      double s = 0;
      for (const LabelKey& ref : keys_[index]) s = std::max(s, LabelSimilarity(ref, label));
      if (s >= kMinScore && better(&targets_[index], s)) {
        best = &targets_[index];
        best_score = s;
      }
    }
  }
  if (score != nullptr) *score = best_score;
  return best;
}

int LabelMatcher::CountExact(const std::vector<LabelKey>& labels) const {
  std::vector<bool> seen(targets_.size(), false);
  int count = 0;
  for (const LabelKey& label : labels) {
    for (const std::string* k : {&label.full, &label.core}) {
      auto [lo, hi] = exact_.equal_range(*k);
      for (auto it = lo; it != hi; ++it) {
        const int index = it->second;
        if (seen[index]) continue;
        double s = 0;
        for (const LabelKey& ref : keys_[index]) s = std::max(s, LabelSimilarity(ref, label));
        if (s >= 1.0) {
          seen[index] = true;
          ++count;
        }
      }
    }
  }
  return count;
}

const LabelMatcher& GetLabelMatcher(core::ReportFormat format) {
  static const LabelMatcher* const k2021 =
      new LabelMatcher(core::GetReportFormat(core::ReportFormat::kFormat2021));
  static const LabelMatcher* const k2019 =
      new LabelMatcher(core::GetReportFormat(core::ReportFormat::kTrial2019));
  static const LabelMatcher* const kLegacy =
      new LabelMatcher(core::GetReportFormat(core::ReportFormat::kLegacy2008));
  switch (format) {
    case core::ReportFormat::kFormat2021:
      return *k2021;
    case core::ReportFormat::kTrial2019:
      return *k2019;
    case core::ReportFormat::kLegacy2008:
      return *kLegacy;
  }
  return *k2021;
}

}  // namespace gongkai::check
