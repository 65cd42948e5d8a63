// Loading holiday notices into the store and keeping due dates honest.
#pragma once

#include <vector>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// The calendar as stored.
Result<Calendar> LoadCalendar(Repositories& repos);

struct ImportReport {
  std::vector<int> years;        // notice years stored
  int due_dates_recomputed = 0;  // open requests whose due date changed
};

// Validates and stores notice years (replacing the same years), then recomputes the due
// date of every open request by replaying its events (RecomputeOpenDueDates), so that
// loading a year makes provisional dates exact. One audit event per year.
// kInvalidArgument for invalid data.
Result<ImportReport> ImportHolidayYears(Repositories& repos, const ChangeContext& ctx,
                                        const std::vector<HolidayYear>& years);

}  // namespace gongkai::core
