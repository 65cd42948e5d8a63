// Rendered public pages kept in memory, so a popular item or catalog page is rendered once
// per data change rather than once per visitor. Entries belong to a data generation (the
// audit chain's last id plus search-index syncs: every publish, withdrawal or edit moves
// it); a new generation empties the cache. Bounded by total body bytes: the oldest entries
// go first.
//
// An entry is immutable and shared: a hit costs a map lookup and a reference count, never a
// copy of the page. It holds the complete 200 response already serialised (WireResponse,
// written by the server as is for GET and HEAD) and, for revalidation, its header fields
// without the body.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "web/http.hpp"

namespace gongkai::web {

class PageCache {
 public:
  struct Entry {
    std::shared_ptr<const WireResponse> wire;  // status line, headers and body of the 200
    HttpResponse fields;                       // the same response without its body
    std::string etag;                          // its ETag field, "" when none
    std::string count_miss;  // a search without hits: its query, counted at every answer
    // The period the page is valid for within its generation (a search page's interval of
    // search_sync_seconds), 0 for pages valid for the whole generation. A page of a new
    // period replaces its predecessor under the same key instead of piling up beside it.
    int64_t period = 0;
  };

  explicit PageCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The page stored under `key` for `generation` and `period`, or null (a miss; counted
  // unless !count_miss). A newer generation empties the cache; an older one (a reader that
  // raced a publication) always misses and leaves the cache as it is.
  std::shared_ptr<const Entry> Get(const std::string& key, uint64_t generation,
                                   bool count_miss = true, int64_t period = 0);
  // An entry for `response` (security headers added, serialised), stored under `key` when it
  // is a 200 rendered at the current or a newer generation and fits; null for any other
  // status (those are answered as they are).
  // `count_miss` and `period` are kept in the entry (see Entry); an entry of an earlier
  // period under `key` is replaced.
  std::shared_ptr<const Entry> Put(const std::string& key, uint64_t generation,
                                   HttpResponse response, std::string count_miss = {},
                                   int64_t period = 0);

  uint64_t hits() const;
  uint64_t misses() const;
  size_t bytes() const;

 private:
  void Reset(uint64_t generation);  // with mu_ held
  const size_t max_bytes_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> pages_;
  std::deque<std::string> order_;  // insertion order, for eviction
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

// The answer to `request` from a cached entry: its shared wire bytes, or 304 Not Modified
// with the entry's header fields when If-None-Match names its ETag (or is "*").
HttpResponse Revalidate(const HttpRequest& request, const PageCache::Entry& entry);

}  // namespace gongkai::web
