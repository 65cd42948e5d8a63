#include "search/cached_search.hpp"

#include <optional>

#include "search/search_index.hpp"

namespace gongkai::search {

core::Result<std::shared_ptr<const core::SearchResult>> CachedSearch::Search(
    const core::SearchRequest& request, uint64_t generation) {
  if (auto hit = cache_.Get(request, generation)) return hit;
  std::optional<core::Result<SearchResult>> found;
  reads_([&](store::SociStore& st) { found.emplace(SearchIndex(st).Search(request)); });
  if (!found->ok()) return found->status();
  return cache_.Put(request, generation, std::move(*found).value());
}

core::Result<int64_t> CachedSearch::IndexNewlyPublished() {
  std::optional<core::Result<int64_t>> indexed;
  primary_([&](store::SociStore& st) { indexed.emplace(SearchIndex(st).Sync()); });
  return std::move(*indexed);
}

}  // namespace gongkai::search
