// The SQL implementation of the public read port (core/read_port.hpp) on one store
// connection: the published-item queries of search::SearchIndex, which share its joins
// (withdrawn items filtered by items.state) and run in autocommit mode. Not thread-safe:
// one per connection, like the SociStore it reads (the portal makes one per request).
#pragma once

#include "core/read_port.hpp"
#include "search/search_index.hpp"
#include "store/soci_store.hpp"

namespace gongkai::search {

class PublishedReads final : public core::PublicReads {
 public:
  explicit PublishedReads(store::SociStore& store) : index_(store) {}

  core::Result<core::PublishedPage> ListPublished(const std::vector<core::Id>& org_ids,
                                                  const std::string& category, int offset,
                                                  int limit) override {
    return index_.ListPublished(org_ids, category, offset, limit);
  }
  core::Result<std::optional<core::Item>> GetPublished(core::Id id) override {
    return index_.GetPublished(id);
  }
  core::Result<std::vector<std::pair<std::string, int64_t>>> CategoryCounts(
      core::Id org_id) override {
    return index_.CategoryCounts(org_id);
  }
  core::Result<std::vector<std::pair<core::Id, std::string>>> SitemapPage(int page,
                                                                          int per_page) override {
    return index_.SitemapPage(page, per_page);
  }
  core::Result<int64_t> CountPublished() override { return index_.CountPublished(); }

 private:
  SearchIndex index_;
};

}  // namespace gongkai::search
