#include "app/setup.hpp"

#include "app/holiday_file.hpp"

namespace gongkai::app {

core::Result<core::ImportReport> ImportBundledCalendar(core::Store& store,
                                                       const core::ChangeContext& ctx) {
  GONGKAI_ASSIGN_OR_RETURN(auto bundled, LoadBundledHolidays());
  core::ImportReport report;
  GONGKAI_RETURN_IF_ERROR(store.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar stored, core::LoadCalendar(repos));
    std::vector<core::HolidayYear> missing;
    for (auto& y : bundled) {
      if (!stored.HasYear(y.year)) missing.push_back(y);
    }
    GONGKAI_ASSIGN_OR_RETURN(report, core::ImportHolidayYears(repos, ctx, missing));
    return core::Status::Ok();
  }));
  return report;
}

}  // namespace gongkai::app
