// The bulk path of `item import`: for files of at least kBulkImportRows rows, items are
// stored without the per-item publish hook (which indexes each item with its own
// statements as it is stored) under a large SQLite page cache, and the whole import is
// indexed once before the transaction commits — tokenised on worker threads, with FTS5
// automerge off and one merge at the end (search::SearchIndex::IndexPendingInTransaction).
// The import stays one transaction: items, audit events and index entries commit together
// or not at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "app/item_io.hpp"
#include "cli/progress.hpp"
#include "store/soci_store.hpp"

namespace gongkai::cli {

// Below this many rows the per-item path is as fast and the index stays merged as usual.
inline constexpr size_t kBulkImportRows = 2000;

class BulkImport {
 public:
  explicit BulkImport(store::SociStore& store) : store_(store) {}
  ~BulkImport();  // restores the publish hook and the page cache
  BulkImport(const BulkImport&) = delete;
  BulkImport& operator=(const BulkImport&) = delete;

  // Sets options.parsed and options.before_commit so that ImportItems takes the bulk path
  // when the file has enough rows.
  void Attach(app::ImportOptions& options);
  bool active() const { return active_; }

 private:
  void Begin(size_t rows);
  core::Status IndexImported();
  store::SociStore& store_;
  bool active_ = false;
  std::optional<long long> cache_size_;  // the page cache to restore (SQLite)
  std::unique_ptr<Progress> progress_;
};

}  // namespace gongkai::cli
