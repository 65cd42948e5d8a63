// The search port of the public side: the full-text search the portal runs over published
// items, declared here so that the portal's pages depend on core, not on the search module.
// The implementation is search::CachedSearch (search/cached_search.hpp): SQLite FTS5 or a
// PostgreSQL tsvector index (search/search_index.hpp) behind an in-memory result cache
// (search/result_cache.hpp).
//
// Contract: only published items are found (withdrawn ones are filtered out); a result may
// be shared with other requests (it is immutable) and belongs to the data generation it was
// asked at (web/page_cache.hpp), so a publication is seen once the generation moves on.
// Failures are kUnavailable (database) or kDataLoss (a stored row that cannot be read).
// Thread-safe: one PublicSearch serves every request thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/item.hpp"
#include "core/status.hpp"

namespace gongkai::core {

// Counts are exact up to kSearchCountCap; beyond it `count_capped` is set and the page says
// "10,000+". Relevance ranks the newest kSearchRankCandidates matches (ranked_bounded says
// when there were more); newest-first order is exact.
inline constexpr int64_t kSearchCountCap = 10000;
inline constexpr int kSearchRankCandidates = 1000;

struct SearchRequest {
  std::string q;            // as typed
  std::vector<Id> org_ids;  // empty: every body (else a body's subtree)
  int year = 0;             // 0: every year (else published in that year)
  std::string category;     // "": every column (else this catalog path or below it)
  std::string validity;     // "": any (else a core::ValidityCode: valid, expired, …)
  bool newest = false;      // newest first instead of relevance
  int offset = 0;
  int limit = 20;
};

struct SearchHit {
  Item item;               // without body
  std::string title_html;  // escaped, words in <mark>
  std::string snippet_html;
};

struct SearchResult {
  // The query has nothing to search for (only exclusions or punctuation): no hits, though
  // the exact 索引号/文号 lookup may still have found something.
  bool nothing_to_search = false;
  std::vector<Item> exact;  // 索引号 or 文号 equal to the query
  std::vector<SearchHit> hits;
  int64_t count = 0;
  bool count_capped = false;
  bool ranked_bounded = false;
  // Set while the index is being built in the background (search/index_build.hpp): how far
  // the build got, in percent; the hits may then be incomplete.
  std::optional<int> index_build_percent;
};

class PublicSearch {
 public:
  virtual ~PublicSearch() = default;

  // The result of `request` at data generation `generation` (a cached one when the same
  // request was answered at that generation).
  virtual Result<std::shared_ptr<const SearchResult>> Search(const SearchRequest& request,
                                                             uint64_t generation) = 0;
  // Indexes the items published since the last call (a write: on the primary); returns
  // how many, so that the caller can start a new data generation when it is not zero.
  virtual Result<int64_t> IndexNewlyPublished() = 0;
};

}  // namespace gongkai::core
