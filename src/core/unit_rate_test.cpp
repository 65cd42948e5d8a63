// 考核's on-time rate: rounded half up in integers, and nothing to rate without closures.
#include <gtest/gtest.h>

#include "core/unit_comparison.hpp"

namespace gongkai::core {
namespace {

UnitFigures Closed(int64_t on_time, int64_t closed) {
  UnitFigures f;
  f.closed_on_time = on_time;
  f.requests_closed = closed;
  return f;
}

TEST(UnitRateTest, RoundsHalfUpPerMille) {
  EXPECT_EQ(Closed(2, 3).on_time_rate_per_mille(), 667);  // 66.67 % → 66.7 %, not 66.6 %
  EXPECT_EQ(Closed(1, 3).on_time_rate_per_mille(), 333);
  EXPECT_EQ(Closed(1, 8).on_time_rate_per_mille(), 125);
  EXPECT_EQ(Closed(1, 16).on_time_rate_per_mille(), 63);  // 62.5 ‰ rounds up
  EXPECT_EQ(Closed(7, 7).on_time_rate_per_mille(), 1000);
  EXPECT_EQ(Closed(0, 5).on_time_rate_per_mille(), 0);
}

TEST(UnitRateTest, NothingToRateWithoutClosedRequests) {
  EXPECT_FALSE(Closed(0, 0).on_time_rate_per_mille().has_value());
}

}  // namespace
}  // namespace gongkai::core
