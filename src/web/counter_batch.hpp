// Counts that must not slow the page that causes them (page visits, searches that found
// nothing): added in memory under a mutex, written by a background thread every
// `interval` in one transaction, and once more on destruction (graceful shutdown).
// A crash loses at most one interval of counts — they are statistics, not records.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/site_counters.hpp"
#include "web/store_pool.hpp"

namespace gongkai::web {

class CounterBatch {
 public:
  CounterBatch(StorePool& pool, std::chrono::milliseconds interval);
  ~CounterBatch();
  CounterBatch(const CounterBatch&) = delete;
  CounterBatch& operator=(const CounterBatch&) = delete;

  // Adds `n` to (`day`, `key`). Keys beyond kMaxPending distinct ones per interval are
  // dropped (a flood of random search strings must not grow memory).
  void Add(store::SiteCounter counter, const std::string& day, const std::string& key,
           int64_t n = 1);
  // Writes what is pending now. On failure the counts are kept for the next attempt.
  core::Status Flush();

  static constexpr size_t kMaxPending = 20000;

 private:
  void Run();
  StorePool& pool_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  store::CounterDeltas visits_, misses_;
  std::thread thread_;
};

}  // namespace gongkai::web
