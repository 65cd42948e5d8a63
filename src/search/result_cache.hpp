// Search results kept in memory (repeat queries dominate a portal's search traffic), so a
// popular query costs one full-text search per data change, not one per visitor.
//
// Key: the query as SearchIndex::Search reads it — spaces trimmed at both ends and runs of
// spaces collapsed (the exact 索引号/文号 lookup trims the same way, and ParseQuery splits
// words on them, so two queries with the same key get the same result) — plus every filter
// (bodies, year, column, validity), the order and the page (offset, limit).
// Entries belong to a data generation (the page cache's: web/page_cache.hpp); asking with a
// newer generation empties the cache, and an older one (a reader that raced a publication)
// neither reads nor fills it. Bounded by entry count and by an estimate of their bytes; the
// least recently used entry goes first. max_entries = 0 turns the cache off.
//
// Thread-safety: every member may be called from any thread (one mutex, held for map and
// list operations only). Entries are immutable and shared: a hit costs a lookup and a
// reference count, never a copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "search/search_index.hpp"

namespace gongkai::search {

class ResultCache {
 public:
  ResultCache(size_t max_entries, size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The result stored for `request` at `generation`, or null.
  std::shared_ptr<const SearchResult> Get(const SearchRequest& request, uint64_t generation);
  // Stores `result` for `request` (unless it was computed at an older generation than the
  // cache holds, or is larger than a quarter of max_bytes) and returns it, shared.
  std::shared_ptr<const SearchResult> Put(const SearchRequest& request, uint64_t generation,
                                          SearchResult result);

  // The cache key of `request` (see above).
  static std::string Key(const SearchRequest& request);
  // An estimate of the memory `result` holds.
  static size_t ApproxBytes(const SearchResult& result);

  size_t entries() const;
  size_t bytes() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const SearchResult> result;
    size_t bytes = 0;
  };
  void Reset(uint64_t generation);  // with mu_ held
  const size_t max_entries_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace gongkai::search
