// The full-text index built in the background: `gongkai serve` listens at once and brings
// the index up to date on a thread of its own (SearchIndex::SyncInBatches: short committed
// batches, resumable), so a migration or upgrade that empties the index is not an outage.
// Meanwhile the portal answers from what the index already holds and the search page says
// that the index is being rebuilt and how far it got (IndexBuildProgress).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/status.hpp"
#include "store/soci_store.hpp"

namespace gongkai::search {

// How far an index build has got. Written by the builder, read by request threads without
// a lock.
class IndexBuildProgress {
 public:
  // A build of `total` pending items starts (`total` may be 0: nothing to do).
  void Start(int64_t total);
  void Advance(int64_t done, int64_t total);
  void Finish();
  bool running() const { return running_.load(std::memory_order_acquire); }
  // Percent done while running (0‥99: 100 only once finished, when running() is false).
  std::optional<int> Percent() const;

 private:
  // The build's progress in items; `total_` is known after its first count.
  std::atomic<bool> running_{false};
  std::atomic<int64_t> done_{0};
  std::atomic<int64_t> total_{0};
};

// The build of this process: one index per database, one server per process. The server's
// search port reads it (search/cached_search.cpp).
IndexBuildProgress& ProcessIndexBuild();

// Runs SearchIndex::SyncInBatches on `store` (a connection of its own) on a background
// thread, reporting to ProcessIndexBuild(). Destroying it stops the build between two
// batches and waits for the thread (what is committed stays: the next start resumes).
class BackgroundIndexBuild {
 public:
  struct Options {
    int batch_items = 4000;  // items per committed batch
    // The wait after each batch that lets publications take SQLite's write lock
    // (SearchIndex::SetBatchPause).
    std::chrono::milliseconds batch_pause{100};
    // Called on the build thread with the outcome: items indexed, or the failure.
    std::function<void(const core::Result<int64_t>&)> on_done;
    // Called on the build thread after each committed batch (tests pause the build here).
    std::function<void(int64_t done, int64_t total)> on_batch;
  };
  // Starts at once; ProcessIndexBuild() says "running" before the constructor returns.
  BackgroundIndexBuild(std::unique_ptr<store::SociStore> store, Options options);
  ~BackgroundIndexBuild();
  BackgroundIndexBuild(const BackgroundIndexBuild&) = delete;
  BackgroundIndexBuild& operator=(const BackgroundIndexBuild&) = delete;

  // Waits until the build has finished or stopped.
  void Join();

 private:
  std::unique_ptr<store::SociStore> store_;  // the build's own connection
  // Set by the destructor: the build stops between two batches.
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace gongkai::search
