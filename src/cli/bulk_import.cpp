#include "cli/bulk_import.hpp"

#include "search/search_index.hpp"

namespace gongkai::cli {

BulkImport::~BulkImport() {
  if (!active_) return;
  search::InstallPublishHook(store_);
  if (cache_size_) store_.SwapSqliteCacheSize(*cache_size_);
}

void BulkImport::Attach(app::ImportOptions& options) {
  options.parsed = [this](size_t rows) { Begin(rows); };
  options.before_commit = [this] { return active_ ? IndexImported() : core::Status::Ok(); };
}

void BulkImport::Begin(size_t rows) {
  if (rows < kBulkImportRows) return;
  active_ = true;
  store_.SetPublishHook(nullptr);
  // 256 MB instead of 2 MB: a large import's transaction otherwise spills and re-reads its
  // own pages through the WAL.
  cache_size_ = store_.SwapSqliteCacheSize(-262144);
}

core::Status BulkImport::IndexImported() {
  search::SearchIndex index(store_);
  progress_ = std::make_unique<Progress>("索引", 0);
  index.SetProgress([this](int64_t done, int64_t total) {
    progress_->SetTotal(total);
    progress_->Update(done);
  });
  auto indexed = index.IndexPendingInTransaction();
  progress_->Finish();
  return indexed.status();
}

}  // namespace gongkai::cli
