#include "web/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gongkai::web {

RateLimiter::RateLimiter(int burst, Clock::duration interval, size_t max_keys)
    : burst_(std::max(1, burst)), interval_(interval), max_keys_(std::max<size_t>(1, max_keys)) {}

void RateLimiter::Refill(Bucket& b, Clock::time_point now) const {
  if (now <= b.updated) return;
  double gained = std::chrono::duration<double>(now - b.updated).count() /
                  std::chrono::duration<double>(interval_).count();
  b.tokens = std::min<double>(burst_, b.tokens + gained);
  b.updated = now;
}

void RateLimiter::Evict(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
  // Still full: every client is mid-burst; forget the oldest half rather than grow.
  if (buckets_.size() >= max_keys_) {
    std::vector<std::pair<Clock::time_point, std::string>> by_age;
    for (auto& [key, b] : buckets_) by_age.emplace_back(b.updated, key);
    std::sort(by_age.begin(), by_age.end());
    for (size_t i = 0; i < by_age.size() / 2; ++i) buckets_.erase(by_age[i].second);
  }
}

bool RateLimiter::Allow(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Evict(now);
    it = buckets_.emplace(key, Bucket{static_cast<double>(burst_), now}).first;
  }
  Refill(it->second, now);
  if (it->second.tokens < 1.0) return false;
  it->second.tokens -= 1.0;
  return true;
}

int RateLimiter::RetryAfterSeconds(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 1;
  Refill(it->second, now);
  double missing = std::max(0.0, 1.0 - it->second.tokens);
  double seconds = missing * std::chrono::duration<double>(interval_).count();
  return std::max(1, static_cast<int>(std::ceil(seconds)));
}

}  // namespace gongkai::web
