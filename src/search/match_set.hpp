// Internal to search/: the items one phrase matches, as a set of FTS rowids (= item ids),
// and the newest items of an AND of such sets without some others — the same answer FTS5
// gives for `"a" AND "b" NOT "c"`, computed in memory (phrase_cache.hpp keeps the sets).
//
// Why: a search of two common words made FTS5 walk both doclists (and the positions of
// multi-token phrases) up to 10,001 matches for the exact count, ~60 % of a search's CPU
// at 1,000,000 items (bench/README.md, "Search CPU at 1,000,000 items, phrase sets"). A
// portal's queries are combinations of few distinct words, so each word's set is read once
// per index change and every query combining it is a few bitmap operations.
//
// Pure computation (no I/O); every function is deterministic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gongkai::search {

// A set of ids >= 0: a bitmap when dense (more than one id per 64 of the range, which then
// costs less than 8 bytes an id), else the ids ascending.
class MatchSet {
 public:
  MatchSet() = default;
  // From ids in ascending order, each at most once.
  static MatchSet FromAscending(std::vector<int64_t> ids);

  bool Contains(int64_t id) const;
  int64_t size() const { return size_; }
  bool dense() const { return dense_; }
  // The memory the set holds (for the cache's budget).
  size_t Bytes() const { return bits_.capacity() * 8 + ids_.capacity() * 8; }

  // Dense: 64 ids a word, bit b of word w is id 64·w + b; words past the end are zero.
  uint64_t Word(size_t w) const { return w < bits_.size() ? bits_[w] : 0; }
  size_t words() const { return bits_.size(); }
  // Sparse: the ids, ascending.
  const std::vector<int64_t>& ids() const { return ids_; }

 private:
  std::vector<uint64_t> bits_;
  std::vector<int64_t> ids_;
  int64_t size_ = 0;
  bool dense_ = false;
};

// The newest (highest) ids in every set of `must` (non-empty) and in none of `exclude`,
// leaving out `withdrawn` (ascending): at most `first` of them (`ids`, newest first), and
// how many there are, at most `need` (`count`). `first` <= `need`.
struct NewestIds {
  std::vector<int64_t> ids;
  int64_t count = 0;
};
NewestIds NewestOf(const std::vector<const MatchSet*>& must,
                   const std::vector<const MatchSet*>& exclude,
                   const std::vector<int64_t>& withdrawn, size_t first, size_t need);

}  // namespace gongkai::search
