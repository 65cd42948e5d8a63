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
#include "search/phrase_cache.hpp"
#include "search/result_cache.hpp"
#include "store/soci_store.hpp"

namespace gongkai::search {

class CachedSearch final : public core::PublicSearch {
 public:
  // Runs its argument with a connection of its own (released afterwards).
  using OnConnection = std::function<void(const std::function<void(store::SociStore&)>&)>;

  // The phrase cache's default budget (phrase_cache.hpp): at 1,000,000 items a common
  // word's set is a 122 KB bitmap; the bench's 246 distinct phrases held 17 MB.
  static constexpr size_t kPhraseCacheBytes = size_t{32} << 20;

  // Keeps at most `max_entries` results of about `max_bytes` in all (0 entries: no cache)
  // and phrase sets of about `phrase_bytes` (0: none, every search walks the index);
  // searches on `reads` (a replica or the primary) and indexes on `primary`.
  CachedSearch(size_t max_entries, size_t max_bytes, OnConnection reads, OnConnection primary,
               size_t phrase_bytes = kPhraseCacheBytes)
      : cache_(max_entries, max_bytes),
        phrases_(phrase_bytes),
        reads_(std::move(reads)),
        primary_(std::move(primary)) {}

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
  // The phrase sets, for their counters.
  const PhraseCache& phrases() const { return phrases_; }

 private:
  ResultCache cache_;
  // Shared by the searches of every read connection: a replica serves the same index.
  PhraseCache phrases_;
  OnConnection reads_;
  OnConnection primary_;
};

}  // namespace gongkai::search
