#include "search/cached_search.hpp"

#include <optional>

#include "search/index_build.hpp"
#include "search/search_index.hpp"

namespace gongkai::search {

core::Result<std::shared_ptr<const core::SearchResult>> CachedSearch::Search(
    const core::SearchRequest& request, uint64_t generation) {
  // While the index is being built its results grow batch by batch under one generation:
  // they are answered uncached, saying how far the build got.
  const std::optional<int> building = ProcessIndexBuild().Percent();
  if (!building) {
    if (auto hit = cache_.Get(request, generation)) return hit;
  }
  std::optional<core::Result<SearchResult>> found;
  reads_([&](store::SociStore& st) {
    SearchIndex index(st);
    index.SetPhraseCache(&phrases_);
    found.emplace(index.Search(request));
  });
  if (!found->ok()) return found->status();
  if (building) {
    SearchResult partial = std::move(*found).value();
    partial.index_build_percent = building;
    return std::make_shared<const SearchResult>(std::move(partial));
  }
  return cache_.Put(request, generation, std::move(*found).value());
}

core::Result<int64_t> CachedSearch::IndexNewlyPublished() {
  // The background build indexes them (in short transactions, where a Sync would hold the
  // write lock for the whole backlog); the publish hook indexes this process's own.
  if (ProcessIndexBuild().running()) return 0;
  std::optional<core::Result<int64_t>> indexed;
  primary_([&](store::SociStore& st) { indexed.emplace(SearchIndex(st).Sync()); });
  return std::move(*indexed);
}

}  // namespace gongkai::search
