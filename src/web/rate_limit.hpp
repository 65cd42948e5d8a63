// Per-client rate limits for the public forms and the sign-in page: a token bucket per key
// (the client address), in memory. Several servers each keep their own buckets, so the
// effective limit behind a load balancer is per server — acceptable for abuse control.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gongkai::web {

// Thread-safe (one mutex): the server's threads share one limiter per form family.
class RateLimiter {
 public:
  // The monotonic clock: a wall-clock change never refills or empties buckets.
  using Clock = std::chrono::steady_clock;
  // `burst` requests at once, then one every `interval`. At most `max_keys` buckets are
  // kept; when full, buckets that have refilled completely are dropped first.
  RateLimiter(int burst, Clock::duration interval, size_t max_keys = 100000);

  // Takes a token from `key`'s bucket; false when it is empty (answer 429).
  bool Allow(const std::string& key, Clock::time_point now = Clock::now());
  // Seconds until `key` has a token again (for Retry-After), at least 1.
  int RetryAfterSeconds(const std::string& key, Clock::time_point now = Clock::now());

 private:
  // Tokens left (fractions accumulate between requests) and when they were last counted.
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  // Adds the tokens earned since b.updated, up to burst_.
  void Refill(Bucket& b, Clock::time_point now) const;
  // Makes room when max_keys_ buckets are kept: full buckets go first (they carry nothing).
  void Evict(Clock::time_point now);

  const int burst_;
  const Clock::duration interval_;
  const size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gongkai::web
