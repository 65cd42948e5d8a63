// The demo city's office records (demo/demo_data.hpp): its sign-in accounts and its
// published annual reports.
#pragma once

#include <string>

#include "core/audit.hpp"
#include "core/calendar.hpp"
#include "core/store.hpp"

namespace gongkai::demo {

// One account per role on the city government (demo-admin, demo-editor, demo-reviewer,
// demo-handler) and an editor of 教育局 (demo-jyj-editor), all with `password_hash` and
// no forced change (docs/admin.md). Editors and the reviewer are distinct people, so the
// four-eyes rules hold for the demo's own work.
core::Status CreateDemoUsers(core::Repositories& repos, const core::ChangeContext& ctx,
                             const std::string& password_hash);

// Publishes the city-wide annual report of every year in [first_year, today's year - 1]
// whose statutory deadline (core::ReportDeadline) has passed by `today`, as version 1 on a
// day before the deadline; the second-to-last of them is restated as version 2 with a
// correction note (section 五 rewritten). Later years stay live previews. Returns how many
// versions it published.
core::Result<int> PublishPastReports(core::Repositories& repos, const core::Calendar& calendar,
                                     int first_year, core::Date today);

}  // namespace gongkai::demo
