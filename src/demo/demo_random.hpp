// Building blocks of the demo generator (demo/demo_data.hpp): a deterministic PRNG with
// our own mappings, weighted choice, and the working days of the calendar up to the demo's
// today (nothing is ever dated after it).
//
// Determinism is the contract: the same seed and the same today give the same city, byte
// for byte, on every platform. So nothing here uses std::uniform_int_distribution and
// friends (their mappings are implementation-defined), only the engine's raw output.
// Not thread-safe: the generator is single-threaded and owns one Rng.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/date.hpp"

namespace gongkai::demo {

using core::Date;

// ---------------------------------------------------------------------------------------
// Randomness: mt19937_64 (its sequence is fixed by the standard) with our own mappings.

// The generator's only source of randomness; draws must happen in a fixed order.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n) for n > 0; the modulo bias (< n / 2^64) is irrelevant here.
  int64_t Below(int64_t n) {
    return n <= 1 ? 0 : static_cast<int64_t>(engine_() % static_cast<uint64_t>(n));
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  // Between for int-sized ranges.
  int Int(int lo, int hi) { return static_cast<int>(Between(lo, hi)); }
  // Uniform in [0, 1) from the top 53 bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // True with probability p (p <= 0 never, p >= 1 always).
  bool Chance(double p) { return Unit() < p; }
  // A uniformly chosen element of a non-empty array or container.
  template <typename T, size_t N>
  const T& Pick(const T (&values)[N]) {
    return values[Below(static_cast<int64_t>(N))];
  }
  template <typename V>
  const typename V::value_type& Pick(const V& values) {
    return values[static_cast<size_t>(Below(static_cast<int64_t>(values.size())))];
  }
  // `bytes` random bytes as 2 * bytes lowercase hex digits (throwaway keys, codes).
  std::string Hex(int bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    uint64_t word = 0;
    for (int i = 0; i < bytes; ++i) {
      if (i % 8 == 0) word = engine_();
      out += kDigits[(word >> 4) & 0xF];
      out += kDigits[word & 0xF];
      word >>= 8;
    }
    return out;
  }

 private:
  std::mt19937_64 engine_;
};

// Picks an index with probability proportional to its weight.
// Weights below 0 count as 0; at least one weight must be positive.
class WeightedPicker {
 public:
  explicit WeightedPicker(const std::vector<int64_t>& weights) {
    int64_t sum = 0;
    for (int64_t w : weights) cumulative_.push_back(sum += std::max<int64_t>(w, 0));
  }
  size_t Pick(Rng& rng) const {
    int64_t r = rng.Below(cumulative_.back());
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                               cumulative_.begin());
  }

 private:
  std::vector<int64_t> cumulative_;
};

// Decimal text of `n` (shorthand for the many generated labels).
inline std::string Str(int n) { return std::to_string(n); }

// "a|b|c" → {"a", "b", "c"}.
inline std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    out.emplace_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

// Compact JSON text of `object` (event details as the request clock stores them).
inline std::string JsonText(const boost::json::object& object) {
  return boost::json::serialize(object);
}

// The first and last day of a calendar year.
inline Date YearStart(int year) { return Date::FromYmd(year, 1, 1); }
inline Date YearEnd(int year) { return Date::FromYmd(year, 12, 31); }

// The working days of each year up to `last` (the demo's today), as the calendar classifies
// them (years the calendar lacks follow its provisional estimate).
// Caches each year's days on first use; the Calendar must outlive it.
class WorkingDays {
 public:
  WorkingDays(const core::Calendar& calendar, Date last) : calendar_(calendar), last_(last) {}

  Date last() const { return last_; }

  // The working days of `year` up to last(), ascending; valid while this object lives.
  const std::vector<Date>& Of(int year) {
    auto it = years_.find(year);
    if (it != years_.end()) return it->second;
    std::vector<Date> days;
    for (Date d = YearStart(year); d <= YearEnd(year) && d <= last_; d = d.Next()) {
      if (calendar_.IsWorkingDay(d)) days.push_back(d);
    }
    return years_.emplace(year, std::move(days)).first->second;
  }

  // A random working day in [from, min(to, last)] (both in the same year). When there is
  // none: the latest day of that range, or `last` when the range starts after it.
  Date Random(Rng& rng, Date from, Date to) {
    to = std::min(to, last_);
    if (from > to) return last_;
    const auto& days = Of(from.year());
    auto lo = std::lower_bound(days.begin(), days.end(), from);
    auto hi = std::upper_bound(days.begin(), days.end(), to);
    if (lo >= hi) return to;
    return *(lo + rng.Below(hi - lo));
  }
  Date RandomInYear(Rng& rng, int year) { return Random(rng, YearStart(year), YearEnd(year)); }
  Date RandomInMonths(Rng& rng, int year, unsigned from_month, unsigned to_month) {
    Date to = to_month == 12 ? YearEnd(year) : Date::FromYmd(year, to_month + 1, 1).AddDays(-1);
    return Random(rng, Date::FromYmd(year, from_month, 1), to);
  }
  // The first working day on or after `d` (it may lie after `last`).
  Date OnOrAfter(Date d) const {
    while (!calendar_.IsWorkingDay(d)) d = d.Next();
    return d;
  }
  // The working day `n` working days before `d` (n >= 0; 0: the last working day on or
  // before `d`).
  Date Back(Date d, int n) const {
    while (!calendar_.IsWorkingDay(d)) d = d.AddDays(-1);
    for (int k = 0; k < n; ++k) {
      d = d.AddDays(-1);
      while (!calendar_.IsWorkingDay(d)) d = d.AddDays(-1);
    }
    return d;
  }
  // The share of `year` (0..1) that lies on or before `last`, by calendar days.
  double ShareOf(int year) const {
    if (last_ >= YearEnd(year)) return 1.0;
    if (last_ < YearStart(year)) return 0.0;
    return static_cast<double>((last_ - YearStart(year)) + 1) /
           static_cast<double>((YearEnd(year) - YearStart(year)) + 1);
  }

 private:
  const core::Calendar& calendar_;
  Date last_;
  std::map<int, std::vector<Date>> years_;
};

}  // namespace gongkai::demo
