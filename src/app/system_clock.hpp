// The real clock: UTC timestamps, and civil dates in Asia/Shanghai.
#pragma once

#include "core/clock.hpp"

namespace gongkai::app {

// China Standard Time is UTC+8 all year (no daylight saving since 1991), so the civil
// date is the UTC instant shifted by eight hours; no tz database is needed.
class SystemClock : public core::Clock {
 public:
  std::string NowUtc() const override;
  core::Date Today() const override;
};

}  // namespace gongkai::app
