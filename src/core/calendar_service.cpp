#include "core/calendar_service.hpp"

#include <set>

#include "core/json_writer.hpp"

namespace gongkai::core {

Result<Calendar> LoadCalendar(Repositories& repos) {
  GONGKAI_ASSIGN_OR_RETURN(auto years, repos.calendar().ListYears());
  return Calendar(std::move(years));
}

int StatutoryAnswerDays(Date received) { return received < Date::FromYmd(2019, 5, 15) ? 15 : 20; }

Result<ImportReport> ImportHolidayYears(Repositories& repos, const ChangeContext& ctx,
                                        const std::vector<HolidayYear>& years) {
  ImportReport report;
  for (const HolidayYear& y : years) {
    GONGKAI_RETURN_IF_ERROR(ValidateHolidayYear(y));
    GONGKAI_RETURN_IF_ERROR(repos.calendar().PutYear(y));
    GONGKAI_RETURN_IF_ERROR(RecordChange(
        repos.audit(), ctx, "calendar.import", "holiday_year", std::to_string(y.year), "",
        JsonObjectWriter()
            .Add("year", y.year)
            .Add("off_days", static_cast<int64_t>(y.off_days.size()))
            .Add("makeup_work_days", static_cast<int64_t>(y.makeup_work_days.size()))
            .Finish()));
    report.years.push_back(y.year);
  }
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));

  // A provisional due date lies in a year whose notice was missing; requests received
  // that year or the one before can have one.
  std::set<int> request_years;
  for (int y : report.years) {
    request_years.insert(y - 1);
    request_years.insert(y);
  }
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  for (const Org& org : orgs) {
    for (int year : request_years) {
      GONGKAI_ASSIGN_OR_RETURN(auto requests, repos.requests().ListByOrgYear(org.id, year));
      for (Request& r : requests) {
        if (!r.due_provisional || IsClosed(r.state)) continue;
        CalendarDay due =
            calendar.AddWorkingDays(r.received_on, StatutoryAnswerDays(r.received_on));
        r.due_on = due.date;
        r.due_provisional = due.provisional;
        GONGKAI_RETURN_IF_ERROR(repos.requests().Update(r));
        ++report.due_dates_recomputed;
      }
    }
  }
  return report;
}

}  // namespace gongkai::core
