// Rendered public pages kept in memory, so a popular item or catalog page is rendered once
// per data change rather than once per visitor. Entries belong to a data generation (the
// audit chain's last id plus search-index syncs: every publish, withdrawal or edit moves
// it); a new generation empties the cache. Bounded by total body bytes: the oldest entries
// go first.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/http.hpp"

namespace gongkai::web {

class PageCache {
 public:
  explicit PageCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The page stored under `key` for `generation`, or nullopt (a miss).
  std::optional<HttpResponse> Get(const std::string& key, uint64_t generation);
  // Stores a 200 response (others are ignored) rendered at `generation`.
  void Put(const std::string& key, uint64_t generation, const HttpResponse& response);

  uint64_t hits() const;
  uint64_t misses() const;
  size_t bytes() const;

 private:
  void Reset(uint64_t generation);  // with mu_ held
  const size_t max_bytes_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, HttpResponse> pages_;
  std::deque<std::string> order_;  // insertion order, for eviction
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

// The response for a request carrying If-None-Match: 304 with no body when it matches the
// response's ETag, else the response unchanged.
HttpResponse Revalidate(const HttpRequest& request, HttpResponse response);

}  // namespace gongkai::web
