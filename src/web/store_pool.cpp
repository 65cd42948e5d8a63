#include "web/store_pool.hpp"

#include <spdlog/spdlog.h>

#include "search/search_index.hpp"

namespace gongkai::web {

core::Result<std::unique_ptr<StorePool>> StorePool::Open(const std::string& url, int size) {
  auto pool = std::unique_ptr<StorePool>(new StorePool());
  for (int i = 0; i < (size < 1 ? 1 : size); ++i) {
    GONGKAI_ASSIGN_OR_RETURN(auto s,
                             store::SociStore::Open(url, store::SchemaPolicy::kRequireCurrent));
    search::InstallPublishHook(*s);  // publishing indexes in the same transaction
    pool->free_.push_back(s.get());
    pool->all_.push_back(std::move(s));
  }
  return pool;
}

core::Result<std::unique_ptr<StorePool>> StorePool::Open(const std::string& url, int size,
                                                         const store::SqliteMemory& memory) {
  GONGKAI_ASSIGN_OR_RETURN(auto pool, Open(url, size));
  for (auto& s : pool->all_) {
    if (!store::ApplySqliteMemory(*s, memory)) {
      spdlog::warn("SQLite: cannot set cache_size / mmap_size; defaults kept");
    }
  }
  return pool;
}

store::SociStore* StorePool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return !free_.empty(); });
  store::SociStore* s = free_.back();
  free_.pop_back();
  lock.unlock();
  // A connection the database dropped (restart, failover) is reopened here, so the server
  // recovers by itself; when that fails the work fails with kUnavailable (503).
  (void)s->ReconnectIfBroken();
  return s;
}

void StorePool::ReleaseStore(store::SociStore* s) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(s);
  }
  cv_.notify_one();
}

}  // namespace gongkai::web
