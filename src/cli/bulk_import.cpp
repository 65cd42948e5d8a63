#include "cli/bulk_import.hpp"

#include <soci/soci.h>

#include <exception>
#include <string>

#include "search/search_index.hpp"

namespace gongkai::cli {

BulkImport::~BulkImport() {
  if (!active_) return;
  search::InstallPublishHook(store_);
  if (store_.backend() != store::Backend::kSqlite) return;
  try {
    store_.session() << "PRAGMA cache_size = " + std::to_string(cache_size_);
  } catch (const std::exception&) {  // the connection is closed with the command anyway
  }
}

void BulkImport::Attach(app::ImportOptions& options) {
  options.parsed = [this](size_t rows) { Begin(rows); };
  options.before_commit = [this] { return active_ ? IndexImported() : core::Status::Ok(); };
}

void BulkImport::Begin(size_t rows) {
  if (rows < kBulkImportRows) return;
  active_ = true;
  store_.SetPublishHook(nullptr);
  if (store_.backend() != store::Backend::kSqlite) return;
  try {
    // 256 MB instead of 2 MB: a large import's transaction otherwise spills and re-reads
    // its own pages through the WAL.
    store_.session() << "PRAGMA cache_size", soci::into(cache_size_);
    store_.session() << "PRAGMA cache_size = -262144";
  } catch (const std::exception&) {  // only slower
  }
}

core::Status BulkImport::IndexImported() {
  search::SearchIndex index(store_.session(), store_.backend());
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
