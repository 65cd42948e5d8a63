// Loading holiday notices into the store and keeping due dates honest.
#pragma once

#include <memory>
#include <vector>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// The calendar as stored, with the statutory holidays of the default estimator (if one is
// set) for every year from 2008 to the last loaded year + 10 that has no loaded notice.
Result<Calendar> LoadCalendar(Repositories& repos);

// The estimator LoadCalendar uses (nullptr: none, dates beyond the notices follow the
// weekend rule). Set once at start-up by the composition root (app::InstallHolidayEstimator),
// before any thread reads it.
void SetDefaultHolidayEstimator(std::shared_ptr<const HolidayEstimator> estimator);
// Adds `estimator`'s holidays for the years [first, last] that `calendar` has not loaded.
void ApplyHolidayEstimates(Calendar& calendar, const HolidayEstimator& estimator, int first,
                           int last);

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
