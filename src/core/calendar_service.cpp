#include "core/calendar_service.hpp"

#include "core/json_writer.hpp"
#include "core/request_service.hpp"

namespace gongkai::core {

Result<Calendar> LoadCalendar(Repositories& repos) {
  GONGKAI_ASSIGN_OR_RETURN(auto years, repos.calendar().ListYears());
  return Calendar(std::move(years));
}

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
  // Replays every open request's events over the new calendar (request_clock), so pauses,
  // corrections and extensions are honoured; counts the due dates that changed.
  GONGKAI_ASSIGN_OR_RETURN(report.due_dates_recomputed, RecomputeOpenDueDates(repos));
  return report;
}

}  // namespace gongkai::core
