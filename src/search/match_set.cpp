#include "search/match_set.hpp"

#include <algorithm>
#include <bit>

namespace gongkai::search {
namespace {

// Walks a sparse set's ids downwards one 64-id word at a time (the dense walk goes from
// the highest word down): the bits of word `w` that the set holds.
class DescendingMask {
 public:
  explicit DescendingMask(const std::vector<int64_t>& ids)
      : ids_(ids), next_(static_cast<std::ptrdiff_t>(ids.size()) - 1) {}
  uint64_t For(size_t w) {
    const auto low = static_cast<int64_t>(w) * 64;
    while (next_ >= 0 && ids_[next_] >= low + 64) --next_;  // above this word
    uint64_t mask = 0;
    while (next_ >= 0 && ids_[next_] >= low) mask |= uint64_t{1} << (ids_[next_--] - low);
    return mask;
  }

 private:
  const std::vector<int64_t>& ids_;
  std::ptrdiff_t next_;
};

// Tests ids given in descending order against a set: a bitmap probe, or for a sparse set a
// cursor that only moves down (a merge of the two lists instead of a search per id).
class DescendingProbe {
 public:
  explicit DescendingProbe(const MatchSet& set)
      : set_(set), next_(static_cast<std::ptrdiff_t>(set.ids().size()) - 1) {}
  bool Contains(int64_t id) {
    if (set_.dense()) return set_.Contains(id);
    const std::vector<int64_t>& ids = set_.ids();
    while (next_ >= 0 && ids[next_] > id) --next_;
    return next_ >= 0 && ids[next_] == id;
  }

 private:
  const MatchSet& set_;
  std::ptrdiff_t next_;
};

// One sparse set drives: its ids from the highest, each tested against the other sets.
NewestIds FromSparse(const MatchSet& driver, const std::vector<const MatchSet*>& must,
                     const std::vector<const MatchSet*>& exclude,
                     const std::vector<int64_t>& withdrawn, size_t first, size_t need) {
  NewestIds out;
  std::vector<DescendingProbe> required, excluded;
  for (const MatchSet* s : must) {
    if (s != &driver) required.emplace_back(*s);
  }
  for (const MatchSet* s : exclude) excluded.emplace_back(*s);
  const MatchSet gone = MatchSet::FromAscending(withdrawn);
  excluded.emplace_back(gone);
  const std::vector<int64_t>& ids = driver.ids();
  for (auto it = ids.rbegin(); it != ids.rend() && static_cast<size_t>(out.count) < need; ++it) {
    const int64_t id = *it;
    auto in = [id](DescendingProbe& p) { return p.Contains(id); };
    if (!std::all_of(required.begin(), required.end(), in)) continue;
    if (std::any_of(excluded.begin(), excluded.end(), in)) continue;
    if (out.ids.size() < first) out.ids.push_back(id);
    ++out.count;
  }
  return out;
}

// Every required set is a bitmap: AND them word by word from the highest word down.
NewestIds FromDense(const std::vector<const MatchSet*>& must,
                    const std::vector<const MatchSet*>& exclude,
                    const std::vector<int64_t>& withdrawn, size_t first, size_t need) {
  NewestIds out;
  size_t words = must.front()->words();
  for (const MatchSet* s : must) words = std::min(words, s->words());
  std::vector<DescendingMask> removed;  // sparse exclusions and the withdrawn ids
  removed.emplace_back(withdrawn);
  for (const MatchSet* s : exclude) {
    if (!s->dense()) removed.emplace_back(s->ids());
  }
  for (size_t w = words; w-- > 0 && static_cast<size_t>(out.count) < need;) {
    uint64_t word = ~uint64_t{0};
    for (const MatchSet* s : must) word &= s->Word(w);
    for (const MatchSet* s : exclude) {
      if (s->dense()) word &= ~s->Word(w);
    }
    for (DescendingMask& m : removed) word &= ~m.For(w);
    if (word == 0) continue;
    while (word != 0 && out.ids.size() < first) {
      const int bit = 63 - std::countl_zero(word);
      out.ids.push_back(static_cast<int64_t>(w) * 64 + bit);
      ++out.count;
      word &= ~(uint64_t{1} << bit);
    }
    out.count += std::popcount(word);
  }
  out.count = std::min<int64_t>(out.count, static_cast<int64_t>(need));
  return out;
}

}  // namespace

MatchSet MatchSet::FromAscending(std::vector<int64_t> ids) {
  MatchSet set;
  set.size_ = static_cast<int64_t>(ids.size());
  // Dense when a bitmap over [0, highest] costs less than the ids (8 bytes each).
  if (!ids.empty() && ids.front() >= 0 && ids.back() / 64 < set.size_) {
    set.dense_ = true;
    set.bits_.assign(static_cast<size_t>(ids.back() / 64 + 1), 0);
    for (int64_t id : ids) set.bits_[static_cast<size_t>(id / 64)] |= uint64_t{1} << (id % 64);
  } else {
    set.ids_ = std::move(ids);
    set.ids_.shrink_to_fit();
  }
  return set;
}

bool MatchSet::Contains(int64_t id) const {
  if (!dense_) return std::binary_search(ids_.begin(), ids_.end(), id);
  if (id < 0) return false;
  return (Word(static_cast<size_t>(id / 64)) >> (id % 64)) & 1;
}

NewestIds NewestOf(const std::vector<const MatchSet*>& must,
                   const std::vector<const MatchSet*>& exclude,
                   const std::vector<int64_t>& withdrawn, size_t first, size_t need) {
  first = std::min(first, need);
  const MatchSet* driver = nullptr;  // the smallest sparse required set
  for (const MatchSet* s : must) {
    if (!s->dense() && (driver == nullptr || s->size() < driver->size())) driver = s;
  }
  if (driver != nullptr) return FromSparse(*driver, must, exclude, withdrawn, first, need);
  return FromDense(must, exclude, withdrawn, first, need);
}

}  // namespace gongkai::search
