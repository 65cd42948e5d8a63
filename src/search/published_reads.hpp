// The SQL implementation of the public read port (core/read_port.hpp) on one store
// connection: the published-item queries the portal's pages run (withdrawn items filtered
// by items.state), in autocommit mode, on the connection's prepared statements
// (SociStore::statements(): each query is parsed once per connection, not per request).
// Not thread-safe: one per connection, like the SociStore it reads (the portal makes one
// per request). Database failures are returned as kUnavailable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item.hpp"
#include "core/read_port.hpp"
#include "store/soci_store.hpp"
#include "store/statement_cache.hpp"

namespace gongkai::search {

// The queries themselves, over any statement cache (SearchIndex runs them on a cache of its
// own session). Each throws on a database error or an unreadable stored value; the
// callers turn that into kUnavailable.
namespace published {

// Published items of `org_ids` (empty: all) in `category` or below it ("": any), newest
// first (published_on, then id), with the total. "Below" is a path prefix followed by '/':
// 'A' lists 'A' and 'A/B', never 'AB'.
core::PublishedPage List(store::StatementCache& sql, store::Backend backend,
                         const std::vector<core::Id>& org_ids, const std::string& category,
                         int offset, int limit);
// The page of a body's column: `categories` are the exact category paths to list (those at
// and below the column), `total` their item count (the portal knows both from the body's
// cached category counts). Each category is walked newest first on an index in that order
// (migration 0020 on PostgreSQL, 0015 on SQLite) and the walks are merged, so a page reads about
// offset + limit rows per category instead of sorting the column. At most kMaxColumnArms categories
// (one statement arm each).
inline constexpr size_t kMaxColumnArms = 64;
core::PublishedPage ListColumn(store::StatementCache& sql, core::Id org_id,
                               const std::vector<std::string>& categories, int64_t total,
                               int offset, int limit);
std::optional<core::Item> Get(store::StatementCache& sql, core::Id id);
std::vector<std::pair<std::string, int64_t>> CategoryCounts(store::StatementCache& sql,
                                                            core::Id org_id);
std::vector<std::pair<core::Id, std::string>> SitemapPage(store::StatementCache& sql, int page,
                                                          int per_page);
int64_t CountPublished(store::StatementCache& sql);

}  // namespace published

class PublishedReads final : public core::PublicReads {
 public:
  explicit PublishedReads(store::SociStore& store) : store_(store) {}

  core::Result<core::PublishedPage> ListPublished(const std::vector<core::Id>& org_ids,
                                                  const std::string& category, int offset,
                                                  int limit) override;
  core::Result<std::optional<core::Item>> GetPublished(core::Id id) override;
  core::Result<std::vector<std::pair<std::string, int64_t>>> CategoryCounts(
      core::Id org_id) override;
  core::Result<std::vector<std::pair<core::Id, std::string>>> SitemapPage(int page,
                                                                          int per_page) override;
  core::Result<int64_t> CountPublished() override;

  // The column page of body `org_id` for `category` (and below it), given the body's
  // category counts (CategoryCounts' result, as the portal caches it per data generation):
  // the list and the total as ListPublished({org_id}, category, …) answers them, without
  // counting again. A column of more than published::kMaxColumnArms categories is listed as
  // ListPublished does (counted and sorted).
  core::Result<core::PublishedPage> ListColumn(
      core::Id org_id, const std::string& category,
      const std::vector<std::pair<std::string, int64_t>>& counts, int offset, int limit);
  // Runs `reads` (calls on this object) on one snapshot of the database: inside one read
  // transaction on SQLite (a statement in autocommit mode takes and drops the file's read
  // locks by itself: four system calls or more each), directly on PostgreSQL (a BEGIN would
  // cost two round trips there). Returns `reads`' status, or kUnavailable when the
  // transaction cannot begin. Not re-entrant.
  core::Status InOneSnapshot(const std::function<core::Status()>& reads);
  // An item's attachments in display order, and the responses (解读, 回应) that interpret it
  // in date order (the item page's lists; no state check: callers read a published item):
  // store::ReadAttachments and store::ReadInterpretations on the kept statements.
  core::Result<std::vector<core::ItemAttachment>> Attachments(core::Id item_id);
  core::Result<std::vector<core::Response>> Interpretations(core::Id item_id);

 private:
  store::SociStore& store_;
};

}  // namespace gongkai::search
