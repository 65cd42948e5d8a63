#include "core/calendar.hpp"

#include <algorithm>
#include <cassert>
#include <optional>
#include <set>
#include <utility>

namespace gongkai::core {
namespace {

bool IsYearEnd(Date d) { return d.month() == 12 && d.day() >= 28; }

// Collects missing years; a forward walk yields them in non-decreasing order, so the
// back() check keeps the vector short, and Finish() handles any other order.
void AddMissing(std::vector<int>& out, int year) {
  if (out.empty() || out.back() != year) out.push_back(year);
}
void Finish(std::vector<int>& years) {
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
}

}  // namespace

const char* DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWeekday:
      return "weekday";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kOffDay:
      return "off_day";
    case DayKind::kMakeupWorkDay:
      return "makeup_work_day";
  }
  return "unknown";
}

Status ValidateHolidayYear(const HolidayYear& year) {
  const std::string name = std::to_string(year.year) + " 年节假日安排";
  if (year.year < 1901 || year.year > 2999) {
    return InvalidArgument(name + "：年份超出范围（1901-2999）", "year");
  }
  const Date first = Date::FromYmd(year.year - 1, 12, 1);
  const Date last = Date::FromYmd(year.year, 12, 31);
  const std::string range = first.ToIso() + " 至 " + last.ToIso();
  std::set<Date> off;
  for (Date d : year.off_days) {
    if (d < first || d > last) {
      return InvalidArgument(name + "：放假日 " + d.ToIso() + " 不在 " + range + " 之内",
                             "off_days");
    }
    off.insert(d);
  }
  for (Date d : year.makeup_work_days) {
    if (d < first || d > last) {
      return InvalidArgument(name + "：调休上班日 " + d.ToIso() + " 不在 " + range + " 之内",
                             "makeup_work_days");
    }
    if (off.contains(d)) {
      return InvalidArgument(name + "：" + d.ToIso() + " 既是放假日又是调休上班日",
                             "makeup_work_days");
    }
    if (!d.IsWeekend()) {
      return InvalidArgument(name + "：调休上班日 " + d.ToIso() + " 不是周六或周日",
                             "makeup_work_days");
    }
  }
  return Status::Ok();
}

Calendar::Calendar(std::vector<HolidayYear> years) {
  for (HolidayYear& y : years) {
    const int key = y.year;
    years_.insert_or_assign(key, std::move(y));
  }
  Rebuild();
}

void Calendar::AddYear(HolidayYear year) {
  const int key = year.year;
  years_.insert_or_assign(key, std::move(year));
  Rebuild();
}

std::vector<int> Calendar::years() const {
  std::vector<int> out;
  out.reserve(years_.size());
  for (const auto& [y, _] : years_) out.push_back(y);
  return out;
}

const HolidayYear* Calendar::Year(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

void Calendar::Rebuild() {
  table_.clear();
  if (years_.empty()) return;
  const int first_year = years_.begin()->first - 1;
  const int last_year = years_.rbegin()->first;
  const Date begin = Date::FromYmd(first_year, 12, 1);
  const Date end = Date::FromYmd(last_year, 12, 31);
  table_begin_ = begin.days_since_epoch();
  table_.resize(static_cast<size_t>(end - begin) + 1);

  auto index = [&](Date d) -> std::optional<size_t> {
    if (d < begin || d > end) return std::nullopt;
    return static_cast<size_t>(d - begin);
  };
  for (Date d = begin; d <= end; d = d.Next()) {
    table_[static_cast<size_t>(d - begin)] =
        static_cast<uint8_t>(d.IsWeekend() ? DayKind::kWeekend : DayKind::kWeekday);
  }
  // Ascending notice years: a later notice overrides an earlier one for the same date.
  for (const auto& [_, y] : years_) {
    for (Date d : y.off_days) {
      if (auto i = index(d)) table_[*i] = static_cast<uint8_t>(DayKind::kOffDay);
    }
    for (Date d : y.makeup_work_days) {
      if (auto i = index(d)) table_[*i] = static_cast<uint8_t>(DayKind::kMakeupWorkDay);
    }
  }
  for (uint8_t& f : table_) {
    const auto kind = static_cast<DayKind>(f);
    if (kind == DayKind::kWeekday || kind == DayKind::kMakeupWorkDay) f |= kWorking;
  }
  // Provisional: the day's own notice year, or for Dec 28-31 the next one, is missing.
  for (int y = first_year; y <= last_year; ++y) {
    const bool own = HasYear(y);
    const bool next = HasYear(y + 1);
    const Date jan1 = std::max(Date::FromYmd(y, 1, 1), begin);
    const Date dec28 = Date::FromYmd(y, 12, 28);
    const Date dec31 = Date::FromYmd(y, 12, 31);
    for (Date d = jan1; d <= dec31; d = d.Next()) {
      if (!own || (d >= dec28 && !next)) table_[static_cast<size_t>(d - begin)] |= kProvisional;
    }
  }
}

uint8_t Calendar::Flags(Date d) const {
  const int64_t i = int64_t{d.days_since_epoch()} - table_begin_;
  uint8_t f;
  if (i >= 0 && i < static_cast<int64_t>(table_.size())) {
    f = table_[static_cast<size_t>(i)];
  } else {
    // Outside the table no notice applies: every such date's own year is not loaded.
    f = d.IsWeekend() ? static_cast<uint8_t>(DayKind::kWeekend) | kProvisional
                      : static_cast<uint8_t>(DayKind::kWeekday) | kWorking | kProvisional;
  }
  if ((f & kProvisional) && !estimated_.empty() && !HasYear(d.year())) {
    const auto kind = static_cast<DayKind>(f & 0x3);
    if ((kind == DayKind::kWeekday || kind == DayKind::kWeekend) &&
        estimated_.contains(d.days_since_epoch())) {
      return static_cast<uint8_t>(DayKind::kOffDay) | kProvisional;
    }
  }
  return f;
}

void Calendar::AddEstimatedHolidays(const std::vector<EstimatedHoliday>& holidays) {
  for (const EstimatedHoliday& h : holidays) estimated_[h.date.days_since_epoch()] = h.name;
}

std::vector<EstimatedHoliday> Calendar::EstimatedBetween(Date from, Date to) const {
  std::vector<EstimatedHoliday> out;
  for (auto it = estimated_.lower_bound(from.days_since_epoch());
       it != estimated_.end() && it->first <= to.days_since_epoch(); ++it) {
    Date d = Date::FromDays(it->first);
    if (!HasYear(d.year())) out.push_back({d, it->second});
  }
  return out;
}

void Calendar::AppendMissingYears(Date d, std::vector<int>& out) const {
  const int y = d.year();
  if (!HasYear(y)) AddMissing(out, y);
  if (IsYearEnd(d) && !HasYear(y + 1)) AddMissing(out, y + 1);
}

DayInfo Calendar::Classify(Date d) const {
  const uint8_t f = Flags(d);
  DayInfo info;
  info.date = d;
  info.kind = static_cast<DayKind>(f & 0x3);
  info.working = (f & kWorking) != 0;
  info.provisional = (f & kProvisional) != 0;
  if (info.provisional) {
    AppendMissingYears(d, info.missing_years);
    Finish(info.missing_years);
  }
  return info;
}

bool Calendar::IsWorkingDay(Date d, bool* provisional) const {
  const uint8_t f = Flags(d);
  if (provisional != nullptr) *provisional = (f & kProvisional) != 0;
  return (f & kWorking) != 0;
}

CalendarDay Calendar::AddWorkingDays(Date start, int n) const {
  assert(n >= 0 && "AddWorkingDays requires n >= 0");
  CalendarDay out;
  Date d = start;
  for (int remaining = n; remaining > 0;) {
    d = d.Next();
    const uint8_t f = Flags(d);
    if (f & kProvisional) {
      out.provisional = true;
      AppendMissingYears(d, out.missing_years);
    }
    if (f & kWorking) --remaining;
  }
  out.date = d;
  Finish(out.missing_years);
  return out;
}

Calendar::Count Calendar::WorkingDaysBetween(Date from, Date to) const {
  Count out;
  const bool negative = to < from;
  const Date lo = negative ? to : from;
  const Date hi = negative ? from : to;
  for (Date d = lo.Next(); d <= hi; d = d.Next()) {
    const uint8_t f = Flags(d);
    if (f & kProvisional) {
      out.provisional = true;
      AppendMissingYears(d, out.missing_years);
    }
    if (f & kWorking) ++out.days;
  }
  if (negative) out.days = -out.days;
  Finish(out.missing_years);
  return out;
}

}  // namespace gongkai::core
