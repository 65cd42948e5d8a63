// The read port of the public side: what the portal (and anything else public) reads of
// published items — lists, one item, catalog counts, the sitemap — declared here so that
// the portal depends on core, not on SQL. The SQL implementation is
// search::PublishedReads (search/published_reads.hpp), over one store connection; the
// full-text search itself is search::SearchIndex's own interface.
//
// Contract: only published items are ever returned (withdrawn ones are not: their pages
// disappear); reads run outside Store::Transact in autocommit mode, one snapshot per call,
// so public pages never take SQLite's write lock. Failures are kUnavailable (database) or
// kDataLoss (a stored row that cannot be read back). An implementation is bound to one
// connection and is not thread-safe; use one per thread (the portal makes one per pooled
// connection and request).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item.hpp"
#include "core/status.hpp"

namespace gongkai::core {

// A page of published items and how many there are in all.
struct PublishedPage {
  std::vector<Item> items;  // without body or channels
  int64_t total = 0;
};

class PublicReads {
 public:
  virtual ~PublicReads() = default;

  // Published items, newest first (published_on, then id), of `org_ids` (empty: every
  // body) in category `category` or below it ("": every category), from `offset`.
  virtual Result<PublishedPage> ListPublished(const std::vector<Id>& org_ids,
                                              const std::string& category, int offset,
                                              int limit) = 0;
  // A published item with its body and channels; nullopt when unknown or not published.
  virtual Result<std::optional<Item>> GetPublished(Id id) = 0;
  // (category path, count) of a body's published items, by category.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CategoryCounts(Id org_id) = 0;
  // (id, published_on ISO) of published items by id: page `page` (0-based) of `per_page`.
  virtual Result<std::vector<std::pair<Id, std::string>>> SitemapPage(int page, int per_page) = 0;
  // How many items are published.
  virtual Result<int64_t> CountPublished() = 0;
};

}  // namespace gongkai::core
