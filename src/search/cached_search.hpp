// The search port (core/search_port.hpp) over the full-text index (search_index.hpp) and
// the result cache (result_cache.hpp): a cache hit costs a lookup and never a connection;
// a miss runs SearchIndex::Search on a read connection and keeps the result.
//
// The connections come from the caller (the portal lends pooled ones: web/store_pool.hpp),
// so this module knows nothing of pools. Thread-safe when the connection sources are:
// every request thread may share one CachedSearch.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>

#include "core/search_port.hpp"
#include "search/result_cache.hpp"
#include "store/soci_store.hpp"

namespace gongkai::search {

class CachedSearch final : public core::PublicSearch {
 public:
  // Runs its argument with a connection of its own (released afterwards).
  using OnConnection = std::function<void(const std::function<void(store::SociStore&)>&)>;

  // Keeps at most `max_entries` results of about `max_bytes` in all (0 entries: no cache);
  // searches on `reads` (a replica or the primary) and indexes on `primary`.
  CachedSearch(size_t max_entries, size_t max_bytes, OnConnection reads, OnConnection primary)
      : cache_(max_entries, max_bytes), reads_(std::move(reads)), primary_(std::move(primary)) {}

  // The cached result of `request` at `generation`, or SearchIndex::Search on a connection
  // of `reads` (kept when it succeeds; a failure is returned and not cached). While the
  // index is being built in the background (search/index_build.hpp) nothing is cached and
  // the result carries the build's progress.
  core::Result<std::shared_ptr<const core::SearchResult>> Search(const core::SearchRequest& request,
                                                                 uint64_t generation) override;
  // SearchIndex::Sync on a connection of `primary`; 0 without touching the database while
  // a background build runs (it indexes them).
  core::Result<int64_t> IndexNewlyPublished() override;

  // The cache, for its counters (entries, hits, misses).
  const ResultCache& cache() const { return cache_; }

 private:
  ResultCache cache_;
  OnConnection reads_;
  OnConnection primary_;
};

}  // namespace gongkai::search
