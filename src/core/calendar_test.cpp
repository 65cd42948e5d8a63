#include "core/calendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gongkai::core {
namespace {

Date D(const char* iso) {
  Result<Date> d = Date::Parse(iso);
  EXPECT_TRUE(d.ok()) << iso;
  return d.ok() ? *d : Date();
}

struct RawYear {
  int year;
  std::vector<const char*> notices;
  std::vector<const char*> off_days;
  std::vector<const char*> makeup_work_days;
};

// The State Council notices 2017-2026, literally as in shared/reference/holidays-cn.json,
// except that the reference's 2020 makeup list also carries 2020-02-03: an ordinary Monday
// (the notice of 2020-01-27 extended the Spring Festival to 02-02, "2月3日起正常上班"), not
// an adjusted working day; ValidateHolidayYear rejects it (see RejectsReferenceQuirk).
const std::vector<RawYear>& Notices() {
  static const std::vector<RawYear> kNotices = {
      {2017,
       {"http://www.gov.cn/zhengce/zhengceku/2016-12/01/content_5141603.htm"},
       {"2017-01-01", "2017-01-02", "2017-01-27", "2017-01-28", "2017-01-29", "2017-01-30",
        "2017-01-31", "2017-02-01", "2017-02-02", "2017-04-02", "2017-04-03", "2017-04-04",
        "2017-05-01", "2017-05-28", "2017-05-29", "2017-05-30", "2017-10-01", "2017-10-02",
        "2017-10-03", "2017-10-04", "2017-10-05", "2017-10-06", "2017-10-07", "2017-10-08"},
       {"2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"}},
      {2018,
       {"http://www.gov.cn/zhengce/zhengceku/2017-11/30/content_5243579.htm"},
       {"2018-01-01", "2018-02-15", "2018-02-16", "2018-02-17", "2018-02-18", "2018-02-19",
        "2018-02-20", "2018-02-21", "2018-04-05", "2018-04-06", "2018-04-07", "2018-04-29",
        "2018-04-30", "2018-05-01", "2018-06-18", "2018-09-24", "2018-10-01", "2018-10-02",
        "2018-10-03", "2018-10-04", "2018-10-05", "2018-10-06", "2018-10-07"},
       {"2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30"}},
      {2019,
       {"http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm",
        "http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm"},
       {"2018-12-30", "2018-12-31", "2019-01-01", "2019-02-04", "2019-02-05", "2019-02-06",
        "2019-02-07", "2019-02-08", "2019-02-09", "2019-02-10", "2019-04-05", "2019-05-01",
        "2019-05-02", "2019-05-03", "2019-05-04", "2019-06-07", "2019-09-13", "2019-10-01",
        "2019-10-02", "2019-10-03", "2019-10-04", "2019-10-05", "2019-10-06", "2019-10-07"},
       {"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29",
        "2019-10-12"}},
      {2020,
       {"http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm",
        "http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm"},
       {"2020-01-01", "2020-01-24", "2020-01-25", "2020-01-26", "2020-01-27", "2020-01-28",
        "2020-01-29", "2020-01-30", "2020-01-31", "2020-02-01", "2020-02-02", "2020-04-04",
        "2020-04-05", "2020-04-06", "2020-05-01", "2020-05-02", "2020-05-03", "2020-05-04",
        "2020-05-05", "2020-06-25", "2020-06-26", "2020-06-27", "2020-10-01", "2020-10-02",
        "2020-10-03", "2020-10-04", "2020-10-05", "2020-10-06", "2020-10-07", "2020-10-08"},
       {"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"}},
      {2021,
       {"http://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm"},
       {"2021-01-01", "2021-01-02", "2021-01-03", "2021-02-11", "2021-02-12", "2021-02-13",
        "2021-02-14", "2021-02-15", "2021-02-16", "2021-02-17", "2021-04-03", "2021-04-04",
        "2021-04-05", "2021-05-01", "2021-05-02", "2021-05-03", "2021-05-04", "2021-05-05",
        "2021-06-12", "2021-06-13", "2021-06-14", "2021-09-19", "2021-09-20", "2021-09-21",
        "2021-10-01", "2021-10-02", "2021-10-03", "2021-10-04", "2021-10-05", "2021-10-06",
        "2021-10-07"},
       {"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26",
        "2021-10-09"}},
      {2022,
       {"http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm"},
       {"2022-01-01", "2022-01-02", "2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02",
        "2022-02-03", "2022-02-04", "2022-02-05", "2022-02-06", "2022-04-03", "2022-04-04",
        "2022-04-05", "2022-04-30", "2022-05-01", "2022-05-02", "2022-05-03", "2022-05-04",
        "2022-06-03", "2022-06-04", "2022-06-05", "2022-09-10", "2022-09-11", "2022-09-12",
        "2022-10-01", "2022-10-02", "2022-10-03", "2022-10-04", "2022-10-05", "2022-10-06",
        "2022-10-07"},
       {"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08",
        "2022-10-09"}},
      {2023,
       {"http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm"},
       {"2022-12-31", "2023-01-01", "2023-01-02", "2023-01-21", "2023-01-22", "2023-01-23",
        "2023-01-24", "2023-01-25", "2023-01-26", "2023-01-27", "2023-04-05", "2023-04-29",
        "2023-04-30", "2023-05-01", "2023-05-02", "2023-05-03", "2023-06-22", "2023-06-23",
        "2023-06-24", "2023-09-29", "2023-09-30", "2023-10-01", "2023-10-02", "2023-10-03",
        "2023-10-04", "2023-10-05", "2023-10-06"},
       {"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
        "2023-10-08"}},
      {2024,
       {"https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm"},
       {"2024-01-01", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14",
        "2024-02-15", "2024-02-16", "2024-02-17", "2024-04-04", "2024-04-05", "2024-04-06",
        "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05", "2024-06-10",
        "2024-09-15", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03",
        "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"},
       {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
        "2024-09-29", "2024-10-12"}},
      {2025,
       {"https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm"},
       {"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
        "2025-02-02", "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06",
        "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31",
        "2025-06-01", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
        "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"},
       {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}},
      {2026,
       {"https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"},
       {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
        "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
        "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
        "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
        "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
        "2026-10-05", "2026-10-06", "2026-10-07"},
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}},
  };
  return kNotices;
}

HolidayYear Build(const RawYear& raw) {
  HolidayYear y;
  y.year = raw.year;
  for (const char* n : raw.notices) y.notices.emplace_back(n);
  for (const char* d : raw.off_days) y.off_days.push_back(D(d));
  for (const char* d : raw.makeup_work_days) y.makeup_work_days.push_back(D(d));
  return y;
}

HolidayYear NoticeYear(int year) {
  for (const RawYear& raw : Notices()) {
    if (raw.year == year) return Build(raw);
  }
  ADD_FAILURE() << "no fixture for " << year;
  return {};
}

Calendar CalendarOf(int first, int last) {
  std::vector<HolidayYear> years;
  for (int y = first; y <= last; ++y) years.push_back(NoticeYear(y));
  return Calendar(std::move(years));
}

TEST(CalendarTest, FixtureDataIsValid) {
  for (const RawYear& raw : Notices()) {
    Status s = ValidateHolidayYear(Build(raw));
    EXPECT_TRUE(s.ok()) << raw.year << ": " << s.ToString();
  }
}

struct DayCase {
  const char* date;
  bool working;
  DayKind kind;
  const char* why;
};

TEST(CalendarTest, ClassifiesHolidaysAndAdjustedWorkingDays) {
  const Calendar cal = CalendarOf(2017, 2026);
  const std::vector<DayCase> cases = {
      // Year end: the 2019 notice reaches back into 2018.
      {"2018-12-28", true, DayKind::kWeekday, "Friday"},
      {"2018-12-29", true, DayKind::kMakeupWorkDay, "Saturday worked for New Year 2019"},
      {"2018-12-30", false, DayKind::kOffDay, "New Year 2019"},
      {"2018-12-31", false, DayKind::kOffDay, "Monday off for New Year 2019"},
      {"2019-01-01", false, DayKind::kOffDay, "New Year's Day"},
      {"2019-01-02", true, DayKind::kWeekday, "back to work"},
      {"2022-12-31", false, DayKind::kOffDay, "listed in the 2023 notice"},
      {"2023-01-02", false, DayKind::kOffDay, "Monday in lieu"},
      // 2020: Spring Festival extended to 02-02 by the notice of 2020-01-27.
      {"2020-01-19", true, DayKind::kMakeupWorkDay, "Sunday worked"},
      {"2020-01-23", true, DayKind::kWeekday, "eve of the eve"},
      {"2020-01-24", false, DayKind::kOffDay, "除夕"},
      {"2020-01-31", false, DayKind::kOffDay, "extension"},
      {"2020-02-01", false, DayKind::kOffDay, "Saturday no longer worked"},
      {"2020-02-02", false, DayKind::kOffDay, "last day of the extension"},
      {"2020-02-03", true, DayKind::kWeekday, "ordinary Monday"},
      // Spring Festival 2024 with two working Sundays.
      {"2024-02-04", true, DayKind::kMakeupWorkDay, "Sunday worked"},
      {"2024-02-09", true, DayKind::kWeekday, "除夕 2024 was a working Friday"},
      {"2024-02-10", false, DayKind::kOffDay, "春节"},
      {"2024-02-16", false, DayKind::kOffDay, "Friday off"},
      {"2024-02-17", false, DayKind::kOffDay, "Saturday off"},
      {"2024-02-18", true, DayKind::kMakeupWorkDay, "Sunday worked"},
      // National Day 2024.
      {"2024-09-28", false, DayKind::kWeekend, "plain Saturday"},
      {"2024-09-29", true, DayKind::kMakeupWorkDay, "Sunday worked"},
      {"2024-10-01", false, DayKind::kOffDay, "国庆"},
      {"2024-10-07", false, DayKind::kOffDay, "Monday off"},
      {"2024-10-08", true, DayKind::kWeekday, "back to work"},
      {"2024-10-12", true, DayKind::kMakeupWorkDay, "Saturday worked"},
      {"2024-10-13", false, DayKind::kWeekend, "plain Sunday"},
      // Mid-Autumn + National Day 2021: three adjusted days.
      {"2021-09-18", true, DayKind::kMakeupWorkDay, "Saturday worked"},
      {"2021-09-20", false, DayKind::kOffDay, "Monday off"},
      {"2021-09-26", true, DayKind::kMakeupWorkDay, "Sunday worked"},
      {"2021-10-09", true, DayKind::kMakeupWorkDay, "Saturday worked"},
      {"2026-01-04", true, DayKind::kMakeupWorkDay, "Sunday worked"},
  };
  for (const DayCase& c : cases) {
    const DayInfo info = cal.Classify(D(c.date));
    EXPECT_EQ(info.working, c.working) << c.date << " (" << c.why << ")";
    EXPECT_EQ(info.kind, c.kind) << c.date << " (" << c.why << ") got " << DayKindName(info.kind);
    EXPECT_FALSE(info.provisional) << c.date;
    EXPECT_TRUE(info.missing_years.empty()) << c.date;
    bool provisional = true;
    EXPECT_EQ(cal.IsWorkingDay(D(c.date), &provisional), c.working) << c.date;
    EXPECT_FALSE(provisional) << c.date;
  }
}

struct AddCase {
  const char* start;
  int n;
  const char* want;
  const char* why;
};

TEST(CalendarTest, AddsWorkingDaysAcrossHolidays) {
  const Calendar cal = CalendarOf(2017, 2026);
  const std::vector<AddCase> cases = {
      {"2024-09-27", 20, "2024-10-30", "the issue's acceptance check, across National Day"},
      {"2024-09-27", 1, "2024-09-29", "next working day is a Sunday"},
      {"2024-09-30", 1, "2024-10-08", "skips the seven-day holiday"},
      {"2024-10-01", 0, "2024-10-01", "n = 0 is the start, even on a holiday"},
      {"2024-10-05", 1, "2024-10-08", "start inside the holiday"},
      {"2024-02-09", 1, "2024-02-18", "Spring Festival 2024, back on a Sunday"},
      {"2024-02-02", 20, "2024-03-06", "20 working days across Spring Festival 2024"},
      {"2020-01-17", 1, "2020-01-19", "Sunday worked before Spring Festival 2020"},
      {"2020-01-23", 1, "2020-02-03", "the extended 2020 holiday, 02-01 not worked"},
      {"2020-01-20", 20, "2020-02-25", "20 working days across the 2020 extension"},
      {"2018-12-28", 1, "2018-12-29", "Saturday worked at year end"},
      {"2018-12-29", 1, "2019-01-02", "New Year 2019"},
      {"2018-12-14", 20, "2019-01-14", "a December request running into January"},
      {"2021-09-17", 1, "2021-09-18", "Saturday worked, Mid-Autumn 2021"},
      {"2021-09-30", 1, "2021-10-08", "National Day 2021"},
      {"2023-06-02", 0, "2023-06-02", "n = 0"},
      {"2023-06-02", 5, "2023-06-09", "an ordinary week"},
  };
  for (const AddCase& c : cases) {
    const CalendarDay got = cal.AddWorkingDays(D(c.start), c.n);
    EXPECT_EQ(got.date.ToIso(), c.want) << c.start << " + " << c.n << " (" << c.why << ")";
    EXPECT_FALSE(got.provisional) << c.start << " + " << c.n;
    EXPECT_TRUE(got.missing_years.empty());
  }
}

TEST(CalendarTest, ResultInUnloadedYearIsProvisionalThenExact) {
  Calendar cal = CalendarOf(2017, 2024);  // the 2025 notice is not loaded yet
  const Date start = D("2024-12-20");

  // By the weekend rule 2025-01-01 (a Wednesday) would be a working day.
  const CalendarDay before = cal.AddWorkingDays(start, 10);
  EXPECT_EQ(before.date.ToIso(), "2025-01-03");
  EXPECT_TRUE(before.provisional);
  EXPECT_EQ(before.missing_years, std::vector<int>{2025});
  const Calendar::Count count_before = cal.WorkingDaysBetween(start, before.date);
  EXPECT_EQ(count_before.days, 10);
  EXPECT_TRUE(count_before.provisional);
  EXPECT_EQ(count_before.missing_years, std::vector<int>{2025});

  cal.AddYear(NoticeYear(2025));
  const CalendarDay after = cal.AddWorkingDays(start, 10);
  EXPECT_EQ(after.date.ToIso(), "2025-01-06");  // New Year's Day is off
  EXPECT_FALSE(after.provisional);
  EXPECT_TRUE(after.missing_years.empty());
  EXPECT_FALSE(cal.WorkingDaysBetween(start, after.date).provisional);
}

TEST(CalendarTest, YearEndDependsOnTheNextNotice) {
  const Calendar cal = CalendarOf(2017, 2018);  // no 2019 notice
  // Before December 28 the 2018 notice alone decides.
  EXPECT_FALSE(cal.Classify(D("2018-12-27")).provisional);
  // 2018-12-29 looks like a weekend day without the 2019 notice: provisional, naming 2019.
  const DayInfo sat = cal.Classify(D("2018-12-29"));
  EXPECT_FALSE(sat.working);
  EXPECT_TRUE(sat.provisional);
  EXPECT_EQ(sat.missing_years, std::vector<int>{2019});
  const DayInfo mon = cal.Classify(D("2018-12-31"));
  EXPECT_TRUE(mon.working);
  EXPECT_TRUE(mon.provisional);
  EXPECT_EQ(mon.missing_years, std::vector<int>{2019});

  Calendar full = cal;
  full.AddYear(NoticeYear(2019));
  const DayInfo sat_exact = full.Classify(D("2018-12-29"));
  EXPECT_TRUE(sat_exact.working);
  EXPECT_FALSE(sat_exact.provisional);
  EXPECT_FALSE(full.IsWorkingDay(D("2018-12-31")));
}

TEST(CalendarTest, NamesEveryMissingYear) {
  const Calendar cal = CalendarOf(2019, 2019);
  struct Case {
    const char* date;
    std::vector<int> missing;
  };
  const std::vector<Case> cases = {
      {"2019-06-03", {}},     {"2019-12-27", {}},           {"2019-12-30", {2020}},
      {"2018-12-29", {2018}},  // answered from the 2019 notice, but 2018's is missing
      {"2018-06-01", {2018}}, {"2017-12-30", {2017, 2018}}, {"2030-12-31", {2030, 2031}},
      {"1990-05-01", {1990}},
  };
  for (const Case& c : cases) {
    const DayInfo info = cal.Classify(D(c.date));
    EXPECT_EQ(info.provisional, !c.missing.empty()) << c.date;
    EXPECT_EQ(info.missing_years, c.missing) << c.date;
  }
  // The loaded 2019 notice is still used for the 2018 dates it lists.
  const DayInfo listed = cal.Classify(D("2018-12-29"));
  EXPECT_TRUE(listed.working);
  EXPECT_EQ(listed.kind, DayKind::kMakeupWorkDay);

  const CalendarDay walk = cal.AddWorkingDays(D("2017-12-20"), 30);
  EXPECT_TRUE(walk.provisional);
  EXPECT_EQ(walk.missing_years, (std::vector<int>{2017, 2018}));
}

TEST(CalendarTest, EmptyCalendarAppliesTheWeekendRuleProvisionally) {
  const Calendar cal;
  EXPECT_TRUE(cal.years().empty());
  const DayInfo info = cal.Classify(D("2024-10-01"));
  EXPECT_TRUE(info.working);  // a Tuesday, by the weekend rule
  EXPECT_TRUE(info.provisional);
  EXPECT_EQ(info.missing_years, std::vector<int>{2024});
  bool provisional = false;
  EXPECT_FALSE(cal.IsWorkingDay(D("2024-10-05"), &provisional));
  EXPECT_TRUE(provisional);
  const CalendarDay r = cal.AddWorkingDays(D("2024-09-27"), 20);
  EXPECT_EQ(r.date.ToIso(), "2024-10-25");
  EXPECT_TRUE(r.provisional);
  // n = 0 depends on no day at all.
  EXPECT_FALSE(cal.AddWorkingDays(D("2024-09-27"), 0).provisional);
}

TEST(CalendarTest, AddYearReplacesAYear) {
  Calendar cal = CalendarOf(2023, 2025);
  EXPECT_EQ(cal.years(), (std::vector<int>{2023, 2024, 2025}));
  EXPECT_TRUE(cal.HasYear(2024));
  EXPECT_FALSE(cal.HasYear(2026));
  ASSERT_NE(cal.Year(2024), nullptr);
  EXPECT_EQ(cal.Year(2024)->off_days.size(), NoticeYear(2024).off_days.size());
  EXPECT_EQ(cal.Year(2026), nullptr);
  EXPECT_FALSE(cal.IsWorkingDay(D("2024-10-01")));

  HolidayYear bare;
  bare.year = 2024;
  cal.AddYear(bare);
  EXPECT_EQ(cal.years(), (std::vector<int>{2023, 2024, 2025}));
  EXPECT_TRUE(cal.Year(2024)->off_days.empty());
  EXPECT_TRUE(cal.IsWorkingDay(D("2024-10-01")));
  EXPECT_FALSE(cal.IsWorkingDay(D("2024-09-29")));  // no longer a makeup Sunday
}

TEST(CalendarTest, WorkingDaysBetweenCountsHalfOpenInterval) {
  const Calendar cal = CalendarOf(2017, 2026);
  struct Case {
    const char* from;
    const char* to;
    int days;
  };
  const std::vector<Case> cases = {
      {"2024-09-27", "2024-10-30", 20},
      {"2024-10-30", "2024-09-27", -20},
      {"2024-10-30", "2024-10-30", 0},
      {"2024-09-30", "2024-10-07", 0},  // the whole National Day holiday
      {"2024-09-30", "2024-10-08", 1},
      {"2020-01-23", "2020-02-02", 0},  // the extended 2020 Spring Festival
      {"2018-12-28", "2019-01-02", 2},  // 12-29 (worked Saturday) and 01-02
      {"2024-01-01", "2024-12-31", 251},
  };
  for (const Case& c : cases) {
    const Calendar::Count got = cal.WorkingDaysBetween(D(c.from), D(c.to));
    EXPECT_EQ(got.days, c.days) << c.from << " .. " << c.to;
    EXPECT_FALSE(got.provisional);
  }
}

TEST(CalendarTest, WorkingDaysBetweenInvertsAddWorkingDays) {
  // Loaded 2017..2025 so that walks past 2025-12-28 exercise provisional answers too.
  const Calendar cal = CalendarOf(2017, 2025);
  int checked = 0;
  for (Date d = D("2016-12-01"); d <= D("2026-02-01"); d = d.AddDays(3)) {
    for (int n : {0, 1, 2, 3, 5, 7, 10, 15, 20, 40, 60}) {
      const CalendarDay r = cal.AddWorkingDays(d, n);
      const Calendar::Count c = cal.WorkingDaysBetween(d, r.date);
      ASSERT_EQ(c.days, n) << d.ToIso() << " + " << n << " = " << r.date.ToIso();
      ASSERT_EQ(c.provisional, r.provisional) << d.ToIso() << " + " << n;
      ASSERT_EQ(c.missing_years, r.missing_years) << d.ToIso() << " + " << n;
      ASSERT_EQ(cal.WorkingDaysBetween(r.date, d).days, -n);
      if (n > 0) {
        ASSERT_TRUE(cal.IsWorkingDay(r.date)) << d.ToIso() << " + " << n;
        ASSERT_GT(r.date, d);
        // The day before the result leaves one working day still to go.
        ASSERT_EQ(cal.WorkingDaysBetween(d, r.date.AddDays(-1)).days, n - 1);
      } else {
        ASSERT_EQ(r.date, d);
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
}

struct InvalidCase {
  const char* name;
  HolidayYear year;
  const char* date_in_message;
  const char* field;
};

TEST(CalendarTest, ValidateHolidayYearNamesTheOffendingDate) {
  auto year = [](int y, std::vector<const char*> off, std::vector<const char*> makeup) {
    return Build(RawYear{y, {"http://example.invalid/notice"}, std::move(off), std::move(makeup)});
  };
  EXPECT_TRUE(ValidateHolidayYear(year(2019, {"2018-12-01", "2019-12-31"}, {"2018-12-29"})).ok());
  const std::vector<InvalidCase> cases = {
      {"off day too early", year(2019, {"2018-11-30"}, {}), "2018-11-30", "off_days"},
      {"off day in the next year", year(2019, {"2020-01-01"}, {}), "2020-01-01", "off_days"},
      {"makeup out of range", year(2019, {}, {"2017-12-30"}), "2017-12-30", "makeup_work_days"},
      {"both off and makeup", year(2024, {"2024-02-18"}, {"2024-02-18"}), "2024-02-18",
       "makeup_work_days"},
      {"makeup on a weekday", year(2024, {}, {"2024-09-30"}), "2024-09-30", "makeup_work_days"},
      {"year out of range", year(1900, {}, {}), "1900", "year"},
  };
  for (const InvalidCase& c : cases) {
    Status s = ValidateHolidayYear(c.year);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_NE(s.message().find(c.date_in_message), std::string::npos)
        << c.name << ": " << s.message();
    EXPECT_EQ(s.field(), c.field) << c.name;
  }
}

TEST(CalendarTest, RejectsReferenceQuirk) {
  // shared/reference/holidays-cn.json lists 2020-02-03 (a Monday) as 调休上班.
  HolidayYear y2020 = NoticeYear(2020);
  y2020.makeup_work_days.push_back(D("2020-02-03"));
  Status s = ValidateHolidayYear(y2020);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("2020-02-03"), std::string::npos) << s.message();
  // Loaded anyway, it would change no answer: a Monday is a working day either way.
  Calendar cal = CalendarOf(2019, 2021);
  const CalendarDay before = cal.AddWorkingDays(D("2020-01-23"), 10);
  cal.AddYear(y2020);
  EXPECT_EQ(cal.AddWorkingDays(D("2020-01-23"), 10).date, before.date);
}

}  // namespace
}  // namespace gongkai::core
