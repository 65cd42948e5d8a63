// Calendar: which days are working days under the State Council's holiday notices
// (国务院办公厅关于X年部分节假日安排的通知), and counting working days for legal deadlines.
//
// A day is a working day iff it is Monday-Friday and not a statutory off day, or it is an
// adjusted working day (调休上班). "n working days after D" does not count D (DESIGN §5).
//
// The calendar knows only the notices it is given (no I/O here: the store or a JSON
// importer builds HolidayYear values). An answer is *exact* when the notices it depends on
// are loaded. Otherwise the calendar still answers — the best it can from the notices it
// has, else by the weekend rule — but marks the answer *provisional* and names the missing
// notice years, so that callers can show it as such and recompute once the year is loaded.
// Nothing is ever silently guessed.
//
// Which notices a date depends on: the notice of its own year, and for dates from
// December 28 on also the next year's notice, because New Year arrangements sit in the
// next notice (2018-12-29, a Saturday, was a working day per the 2019 notice; 2018-12-31
// was off). This assumes no notice reaches further back than December 28 of the previous
// year, which holds for every notice since 2008.
//
// A Calendar is a value: copyable, and safe to read from many threads at once; AddYear
// must not race with readers. Lookups are a table index (no allocation) on the exact path.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"

namespace gongkai::core {

// The contents of one State Council notice, as in data/holidays-cn.json.
struct HolidayYear {
  int year = 0;                        // the notice year (2019's notice covers 2018-12-29..31)
  std::vector<std::string> notices;    // source URLs
  std::vector<Date> off_days;          // statutory holidays, including weekends inside them
  std::vector<Date> makeup_work_days;  // 调休上班: weekend days that are working days
};

// OK iff `year` is consistent: year within 1901..2999; every listed date within
// (year-1)-12-01 .. year-12-31; no date both an off day and a makeup working day; every
// makeup working day a Saturday or Sunday. Fails with kInvalidArgument naming the first
// offending date (field "off_days" or "makeup_work_days").
Status ValidateHolidayYear(const HolidayYear& year);

// A statutory holiday estimated from the 全国年节及纪念日放假办法 for a year whose notice is
// not loaded (the notice turns holidays into off-day periods with 调休, which cannot be
// estimated). Dates so estimated are off days, still provisional.
struct EstimatedHoliday {
  Date date;
  std::string name;  // 元旦, 除夕, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节
};

// Supplies the estimate for one year. Core declares it; the implementation (ICU's Chinese
// calendar for the lunar holidays) lives outside core (app/holiday_estimate).
class HolidayEstimator {
 public:
  virtual ~HolidayEstimator() = default;
  virtual std::vector<EstimatedHoliday> Estimate(int year) const = 0;
};

// How a day is classified, and why (for due dates that explain themselves).
enum class DayKind : uint8_t {
  kWeekday,        // Monday-Friday, no notice entry: working
  kWeekend,        // Saturday/Sunday, no notice entry: not working
  kOffDay,         // listed as an off day (放假): not working
  kMakeupWorkDay,  // listed as an adjusted working day (调休上班): working
};
const char* DayKindName(DayKind kind);  // "weekday", "weekend", "off_day", "makeup_work_day"

// A date with the provenance of the answer that produced it.
struct CalendarDay {
  Date date;
  bool provisional = false;        // true iff some notice the answer depends on is missing
  std::vector<int> missing_years;  // those notice years, ascending, no duplicates
};

// The classification of one date.
struct DayInfo {
  Date date;
  DayKind kind = DayKind::kWeekday;
  bool working = false;
  bool provisional = false;
  std::vector<int> missing_years;  // ascending; empty iff !provisional
};

class Calendar {
 public:
  // Requires each year to pass ValidateHolidayYear (see AddYear).
  explicit Calendar(std::vector<HolidayYear> years = {});

  // Loads a notice year, replacing one already loaded with the same `year`. Requires
  // ValidateHolidayYear(year).ok() — callers importing data validate first; invalid data
  // is loaded as given (an off day listed also as makeup counts as makeup). Where two
  // loaded notices list the same date, the later notice year wins. Invalidates pointers
  // returned by Year(). O(days covered by the loaded years).
  void AddYear(HolidayYear year);

  bool HasYear(int year) const { return years_.contains(year); }
  // The loaded notice years, ascending.
  std::vector<int> years() const;
  // The loaded notice for `year`, or nullptr.
  const HolidayYear* Year(int year) const;

  // Adds estimated statutory holidays. They apply only to dates whose own notice year is
  // not loaded; such a date is then an off day, still provisional.
  void AddEstimatedHolidays(const std::vector<EstimatedHoliday>& holidays);
  // The estimates applied to dates in [from, to], ascending (those of loaded years are
  // not applied and not listed).
  std::vector<EstimatedHoliday> EstimatedBetween(Date from, Date to) const;

  // Classifies `d`. Exact iff the notice of d's year is loaded and, for d on or after
  // December 28, the next year's notice too; otherwise provisional, naming the missing
  // year(s), and answered from the loaded notices where they list d, else by the weekend
  // rule.
  DayInfo Classify(Date d) const;

  // Whether `d` is a working day; `*provisional` (if given) says whether that is exact.
  bool IsWorkingDay(Date d, bool* provisional = nullptr) const;

  // The date n working days after `start`; `start` itself is not counted, so n = 0 gives
  // `start` (exact), and n = 1 the first working day after it. Requires n >= 0 (asserted;
  // a negative n is treated as 0). Provisional iff any day in (start, result] is; the
  // missing years are those of all such days.
  CalendarDay AddWorkingDays(Date start, int n) const;

  // Working days in (from, to]: the number n with AddWorkingDays(from, n) == to when `to`
  // is a working day. Negative (minus the count in (to, from]) when to < from; 0 when
  // equal. Provisional iff any day counted over is.
  struct Count {
    int days = 0;
    bool provisional = false;
    std::vector<int> missing_years;  // ascending, no duplicates
  };
  Count WorkingDaysBetween(Date from, Date to) const;

 private:
  // Per-day flags in table_: bits 0-1 DayKind, bit 2 working, bit 3 provisional.
  static constexpr uint8_t kWorking = 1 << 2;
  static constexpr uint8_t kProvisional = 1 << 3;

  uint8_t Flags(Date d) const;
  void Rebuild();
  // The notice years `d` depends on that are not loaded (appended to `out`, unsorted).
  void AppendMissingYears(Date d, std::vector<int>& out) const;

  std::map<int, HolidayYear> years_;
  std::map<int32_t, std::string> estimated_;  // day number → holiday name
  int32_t table_begin_ = 0;                   // day number of table_[0]
  std::vector<uint8_t> table_;  // every day of (first year - 1)-12-01 .. last year-12-31
};

}  // namespace gongkai::core
