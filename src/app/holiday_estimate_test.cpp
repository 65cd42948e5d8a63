// The statutory-holiday estimate (text/chinese_holidays, installed by
// app::InstallHolidayEstimator) against the notices actually published: every holiday it
// gives for 2017–2026, under the rule in force that year, is an off day in the loaded notice.
#include <gtest/gtest.h>

#include <set>

#include "app/holiday_file.hpp"
#include "core/calendar_service.hpp"
#include "text/chinese_holidays.hpp"

namespace gongkai::app {
namespace {

std::vector<core::HolidayYear> Notices() {
  auto years = LoadHolidayFile(std::string(GONGKAI_SOURCE_DIR) + "/data/holidays-cn.json");
  EXPECT_TRUE(years.ok()) << years.status().ToString();
  return years.ok() ? *years : std::vector<core::HolidayYear>{};
}

TEST(HolidayEstimateTest, EveryEstimatedHolidayIsOffInTheLoadedNotices) {
  std::vector<core::HolidayYear> notices = Notices();
  ASSERT_FALSE(notices.empty());
  std::set<core::Date> off;
  for (const core::HolidayYear& y : notices) off.insert(y.off_days.begin(), y.off_days.end());
  int checked = 0;
  for (int year = 2017; year <= 2026; ++year) {
    std::vector<core::EstimatedHoliday> estimate = text::EstimateStatutoryHolidays(year);
    // 11 days under the 2013 rule, 13 from 2025 (除夕 and 5月2日 added).
    EXPECT_EQ(estimate.size(), year >= 2025 ? 13u : 11u) << year;
    for (const core::EstimatedHoliday& h : estimate) {
      EXPECT_TRUE(off.contains(h.date)) << year << " " << h.name << " " << h.date.ToIso();
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8 * 11 + 2 * 13);
}

TEST(HolidayEstimateTest, KnownLunarDates) {
  auto has = [](int year, const char* iso, const char* name) {
    for (const auto& h : text::EstimateStatutoryHolidays(year)) {
      if (h.date.ToIso() == iso) return h.name == name;
    }
    return false;
  };
  // 2028: 除夕 1-25, 春节 1-26..28. (2027's 春节 is 2-6 by the observatory, but the new moon
  // falls at 23:56 Beijing time and ICU 72 places it on 2-7: docs/requests.md notes this.)
  EXPECT_TRUE(has(2028, "2028-01-25", "除夕"));
  EXPECT_TRUE(has(2028, "2028-01-26", "春节"));
  EXPECT_TRUE(has(2028, "2028-01-28", "春节"));
  EXPECT_TRUE(has(2028, "2028-10-03", "中秋节"));
  EXPECT_TRUE(has(2027, "2027-04-05", "清明节"));
  EXPECT_TRUE(has(2027, "2027-06-09", "端午节"));
  EXPECT_TRUE(has(2027, "2027-09-15", "中秋节"));
  EXPECT_TRUE(has(2027, "2027-05-02", "劳动节"));
  EXPECT_FALSE(has(2024, "2024-02-09", "除夕"));  // not a statutory holiday under the 2013 rule
}

TEST(HolidayEstimateTest, NewYearBeyondTheLoadedNoticesIsSkippedAndNamed) {
  core::Calendar calendar(Notices());
  core::ApplyHolidayEstimates(calendar, *text::MakeChineseHolidayEstimator(), 2008, 2036);
  core::CalendarDay due = calendar.AddWorkingDays(core::Date::FromYmd(2026, 12, 10), 20);
  EXPECT_EQ(due.date.ToIso(), "2027-01-08");  // 2027-01-01 (元旦) is not a working day
  EXPECT_TRUE(due.provisional);
  auto estimated = calendar.EstimatedBetween(core::Date::FromYmd(2026, 12, 10), due.date);
  ASSERT_EQ(estimated.size(), 1u);
  EXPECT_EQ(estimated[0].name, "元旦");
  // Loaded years keep their notices: no estimate is applied to them.
  EXPECT_TRUE(
      calendar.EstimatedBetween(core::Date::FromYmd(2026, 1, 1), core::Date::FromYmd(2026, 12, 31))
          .empty());
}

}  // namespace
}  // namespace gongkai::app
