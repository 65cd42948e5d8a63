#include "core/calendar_service.hpp"

#include "core/json_writer.hpp"
#include "core/request_service.hpp"

namespace gongkai::core {

namespace {
std::shared_ptr<const HolidayEstimator>& DefaultEstimator() {
  static std::shared_ptr<const HolidayEstimator> estimator;
  return estimator;
}
}  // namespace

void SetDefaultHolidayEstimator(std::shared_ptr<const HolidayEstimator> estimator) {
  DefaultEstimator() = std::move(estimator);
}

void ApplyHolidayEstimates(Calendar& calendar, const HolidayEstimator& estimator, int first,
                           int last) {
  for (int y = first; y <= last; ++y) {
    if (!calendar.HasYear(y)) calendar.AddEstimatedHolidays(estimator.Estimate(y));
  }
}

Result<Calendar> LoadCalendar(Repositories& repos) {
  GONGKAI_ASSIGN_OR_RETURN(auto years, repos.calendar().ListYears());
  Calendar calendar(std::move(years));
  if (const auto& estimator = DefaultEstimator()) {
    std::vector<int> loaded = calendar.years();
    int last = (loaded.empty() ? 2026 : loaded.back()) + 10;
    ApplyHolidayEstimates(calendar, *estimator, 2008, last);
  }
  return calendar;
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
