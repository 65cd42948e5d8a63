// The match sets of search phrases (match_set.hpp) kept in memory for one SQLite database,
// shared by every connection of the process that searches it.
//
// A set belongs to one state of the full-text index, named by `generation` (the caller's:
// SqliteIndexGeneration, which changes with every write to the index). Asking with another
// generation empties the cache first, so a set is never used for an index it was not read
// from. Bounded by an estimate of the bytes held; the least recently used set goes first,
// and a set larger than a quarter of the budget is returned but not kept.
//
// Thread-safety: every member may be called from any thread. A set missing when several
// threads ask for it is read once: the others wait for it (or, should that read fail, read
// it themselves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/match_set.hpp"

namespace gongkai::search {

class PhraseCache {
 public:
  // Holds sets of about `max_bytes` in all; 0 turns the cache off (see enabled()).
  explicit PhraseCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }
  // Whether a search of `phrases` at `generation` should use the sets: true when each is
  // kept or was asked for before in this generation. Records the ask. A phrase searched
  // once after an index change is not worth a full read of its matches (a common word's
  // costs about ten of its searches): that search walks the index as before.
  bool Admit(const std::string& generation, const std::vector<std::string>& phrases);
  // The set of `phrase` at `generation`, from the cache or from `read` (which may throw:
  // the exception reaches the caller and nothing is kept).
  std::shared_ptr<const MatchSet> Get(const std::string& generation, const std::string& phrase,
                                      const std::function<MatchSet()>& read);

  size_t bytes() const;
  size_t entries() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  struct Entry {
    std::string phrase;
    std::shared_ptr<const MatchSet> set;
  };
  using Pending = std::shared_future<std::shared_ptr<const MatchSet>>;
  // Makes `generation` current (emptying the cache when it is another one); with mu_ held.
  void Adopt(const std::string& generation);
  // Keeps `set` as the newest entry and evicts down to the budget; with mu_ held.
  void Keep(const std::string& phrase, std::shared_ptr<const MatchSet> set);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::string generation_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, Pending> reading_;  // sets being read, by phrase
  std::unordered_set<std::string> asked_;             // phrases asked for, not kept
  static constexpr size_t kMaxAsked = 100000;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace gongkai::search
