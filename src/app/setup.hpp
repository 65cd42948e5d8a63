// Preparing a database for use: the bundled calendar.
#pragma once

#include "core/audit.hpp"
#include "core/calendar_service.hpp"
#include "core/store.hpp"

namespace gongkai::app {

// Stores the notice years of the bundled calendar (data/holidays-cn.json) that the
// database does not hold yet; years already present (perhaps imported newer by hand) are
// kept. One transaction.
core::Result<core::ImportReport> ImportBundledCalendar(core::Store& store,
                                                       const core::ChangeContext& ctx);

}  // namespace gongkai::app
