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

// Thread-safe: Add and Flush may be called from any thread (the portal's workers and I/O
// threads count at once); the writer thread is the only one that waits on the database.
class CounterBatch {
 public:
  // Starts the writer thread; `pool` (the primary: counts are writes) must outlive it.
  CounterBatch(StorePool& pool, std::chrono::milliseconds interval);
  // Stops the writer and flushes what is pending, once.
  ~CounterBatch();
  CounterBatch(const CounterBatch&) = delete;
  CounterBatch& operator=(const CounterBatch&) = delete;

  // Adds `n` to (`day`, `key`). Keys beyond kMaxPending distinct ones per interval are
  // dropped (a flood of random search strings must not grow memory).
  void Add(store::SiteCounter counter, const std::string& day, const std::string& key,
           int64_t n = 1);
  // Writes what is pending now. On failure the counts are kept for the next attempt.
  core::Status Flush();

  // Distinct (day, key) pairs kept between two writes, per counter.
  static constexpr size_t kMaxPending = 20000;

 private:
  // The writer thread: waits `interval_` (or until stopping), then Flush.
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
