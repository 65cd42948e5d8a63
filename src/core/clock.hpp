// The injected source of time. The core never reads the system clock itself.
#pragma once

#include <string>

#include "core/date.hpp"

namespace gongkai::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // Now, as UTC ISO 8601 with seconds ("2026-11-27T18:32:07Z").
  virtual std::string NowUtc() const = 0;
  // Today's civil date in Asia/Shanghai.
  virtual Date Today() const = 0;
};

// A clock that says what it is told; for tests and deterministic generation.
class FixedClock : public Clock {
 public:
  FixedClock(std::string now_utc, Date today) : now_(std::move(now_utc)), today_(today) {}
  std::string NowUtc() const override { return now_; }
  Date Today() const override { return today_; }
  void Set(std::string now_utc, Date today) {
    now_ = std::move(now_utc);
    today_ = today;
  }

 private:
  std::string now_;
  Date today_;
};

}  // namespace gongkai::core
