#include "text/chinese_holidays.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace gongkai::text {
namespace {

// The Gregorian date of lunar month/day of the Chinese year that starts in Gregorian `year`.
std::optional<core::Date> LunarToGregorian(int year, int month, int day) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> chinese(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale("zh_CN@calendar=chinese"), status));
  if (U_FAILURE(status)) return std::nullopt;
  chinese->clear();
  // ICU's extended year of the Chinese calendar: Gregorian year + 2637 for the lunar year
  // that begins in that Gregorian year.
  chinese->set(UCAL_EXTENDED_YEAR, year + 2637);
  chinese->set(UCAL_MONTH, month - 1);
  chinese->set(UCAL_IS_LEAP_MONTH, 0);
  chinese->set(UCAL_DATE, day);
  UDate when = chinese->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::GregorianCalendar gregorian(icu::TimeZone::getGMT()->clone(), status);
  if (U_FAILURE(status)) return std::nullopt;
  gregorian.setTime(when, status);
  int y = gregorian.get(UCAL_YEAR, status);
  int m = gregorian.get(UCAL_MONTH, status) + 1;
  int d = gregorian.get(UCAL_DATE, status);
  if (U_FAILURE(status)) return std::nullopt;
  return core::Date::FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// 清明 (the sun at 15° ecliptic longitude), 2000–2099: floor(Y·0.2422 + 4.81) − floor(Y/4)
// with Y the last two digits (the standard 寿星 formula; no exception in this century).
core::Date Qingming(int year) {
  int y = year % 100;
  int day = static_cast<int>(std::floor(y * 0.2422 + 4.81)) - y / 4;
  return core::Date::FromYmd(year, 4, static_cast<unsigned>(day));
}

class ChineseHolidayEstimator final : public core::HolidayEstimator {
 public:
  std::vector<core::EstimatedHoliday> Estimate(int year) const override {
    return EstimateStatutoryHolidays(year);
  }
};

}  // namespace

std::vector<core::EstimatedHoliday> EstimateStatutoryHolidays(int year) {
  std::vector<core::EstimatedHoliday> out;
  if (year < 2000 || year > 2099) return out;
  auto fixed = [&](unsigned m, unsigned d, const char* name) {
    out.push_back({core::Date::FromYmd(year, m, d), name});
  };
  auto lunar = [&](int m, int d, const char* name, int offset = 0) {
    if (auto date = LunarToGregorian(year, m, d)) out.push_back({date->AddDays(offset), name});
  };
  const bool rule2008 = year <= 2013;  // 国务院令第513号
  const bool rule2025 = year >= 2025;  // 国务院令第795号
  fixed(1, 1, "元旦");
  if (rule2008 || rule2025) lunar(1, 1, "除夕", -1);
  lunar(1, 1, "春节");
  lunar(1, 2, "春节");
  if (!rule2008) lunar(1, 3, "春节");
  out.push_back({Qingming(year), "清明节"});
  fixed(5, 1, "劳动节");
  if (rule2025) fixed(5, 2, "劳动节");
  lunar(5, 5, "端午节");
  lunar(8, 15, "中秋节");
  fixed(10, 1, "国庆节");
  fixed(10, 2, "国庆节");
  fixed(10, 3, "国庆节");
  std::sort(out.begin(), out.end(),
            [](const core::EstimatedHoliday& a, const core::EstimatedHoliday& b) {
              return a.date < b.date;
            });
  return out;
}

std::shared_ptr<const core::HolidayEstimator> MakeChineseHolidayEstimator() {
  return std::make_shared<ChineseHolidayEstimator>();
}

}  // namespace gongkai::text
