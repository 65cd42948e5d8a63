// Date: a civil date (no time zone, no time of day), as the law counts days.
// gongkai's dates are civil dates in Asia/Shanghai; conversion from instants happens at
// the edges (the injected Clock), never here.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::core {

class Date {
 public:
  Date() = default;  // 1970-01-01
  static Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Requires a valid calendar date.
  static Date FromYmd(int year, unsigned month, unsigned day);
  // Parses "YYYY-MM-DD" strictly (two-digit month and day, a real calendar date,
  // years 1900-2999). Fails with kInvalidArgument naming `field`.
  static Result<Date> Parse(std::string_view text, std::string_view field = "date");

  int year() const;
  unsigned month() const;
  unsigned day() const;
  // 0 = Sunday ... 6 = Saturday.
  unsigned weekday() const;
  bool IsWeekend() const { return weekday() == 0 || weekday() == 6; }
  int32_t days_since_epoch() const { return days_; }

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  Date Next() const { return AddDays(1); }
  std::string ToIso() const;

  friend auto operator<=>(Date, Date) = default;
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  explicit Date(int32_t days) : days_(days) {}
  std::chrono::year_month_day Ymd() const;
  int32_t days_ = 0;
};

}  // namespace gongkai::core
