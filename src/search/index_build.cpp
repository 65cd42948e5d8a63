#include "search/index_build.hpp"

#include <algorithm>

#include "search/search_index.hpp"

namespace gongkai::search {

void IndexBuildProgress::Start(int64_t total) {
  done_.store(0);
  total_.store(total);
  running_.store(true, std::memory_order_release);
}

void IndexBuildProgress::Advance(int64_t done, int64_t total) {
  total_.store(total);
  done_.store(done);
}

void IndexBuildProgress::Finish() { running_.store(false, std::memory_order_release); }

std::optional<int> IndexBuildProgress::Percent() const {
  if (!running()) return std::nullopt;
  int64_t total = total_.load(), done = done_.load();
  if (total <= 0) return 0;
  // Never 100 while running: the last batch may still be committing.
  return static_cast<int>(std::min<int64_t>(99, done * 100 / total));
}

IndexBuildProgress& ProcessIndexBuild() {
  static IndexBuildProgress progress;
  return progress;
}

BackgroundIndexBuild::BackgroundIndexBuild(std::unique_ptr<store::SociStore> store, Options options)
    : store_(std::move(store)) {
  IndexBuildProgress& progress = ProcessIndexBuild();
  // Running from now on, before the thread gets a core: a search that comes first already
  // says that the index is incomplete.
  progress.Start(0);
  thread_ = std::thread([this, options = std::move(options), &progress] {
    SearchIndex index(*store_);
    index.SetBulkLoad(kBulkItems, options.batch_items);
    index.SetBatchPause(options.batch_pause);
    index.SetProgress([&](int64_t done, int64_t total) {
      progress.Advance(done, total);
      if (options.on_batch && done > 0) options.on_batch(done, total);
    });
    core::Result<int64_t> n = index.SyncInBatches(&stop_);
    progress.Finish();
    if (options.on_done) options.on_done(n);
  });
}

void BackgroundIndexBuild::Join() {
  if (thread_.joinable()) thread_.join();
}

BackgroundIndexBuild::~BackgroundIndexBuild() {
  stop_.store(true);
  Join();
}

}  // namespace gongkai::search
