#include "web/counter_batch.hpp"

#include <spdlog/spdlog.h>

namespace gongkai::web {

CounterBatch::CounterBatch(StorePool& pool, std::chrono::milliseconds interval)
    : pool_(pool), interval_(interval), thread_([this] { Run(); }) {}

CounterBatch::~CounterBatch() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  core::Status s = Flush();
  if (!s.ok()) spdlog::warn("counters not written at shutdown: {}", s.ToString());
}

void CounterBatch::Add(store::SiteCounter counter, const std::string& day, const std::string& key,
                       int64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& deltas = counter == store::SiteCounter::kPageVisits ? visits_ : misses_;
  auto k = std::make_pair(day, key);
  auto it = deltas.find(k);
  if (it != deltas.end()) {
    it->second += n;
  } else if (deltas.size() < kMaxPending) {
    deltas.emplace(std::move(k), n);
  }
}

core::Status CounterBatch::Flush() {
  store::CounterDeltas visits, misses;
  {
    std::lock_guard<std::mutex> lock(mu_);
    visits.swap(visits_);
    misses.swap(misses_);
  }
  if (visits.empty() && misses.empty()) return core::Status::Ok();
  core::Status s = pool_.With([&](store::SociStore& st) {
    core::Status v = store::AddCounters(st, store::SiteCounter::kPageVisits, visits);
    if (!v.ok()) return v;
    visits.clear();
    return store::AddCounters(st, store::SiteCounter::kSearchMisses, misses);
  });
  if (!s.ok()) {
    // Put back what was not written, so a passing database hiccup loses nothing.
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [k, n] : visits) visits_[k] += n;
    for (auto& [k, n] : misses) misses_[k] += n;
  }
  return s;
}

void CounterBatch::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    core::Status s = Flush();
    if (!s.ok()) spdlog::warn("counters: {}", s.ToString());
    lock.lock();
  }
}

}  // namespace gongkai::web
