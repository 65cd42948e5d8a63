// The frame the yearly case lists share (咨询 and 举报投诉, cases_screen_*.cpp): the rows,
// the counts by channel, the total and the body/year chooser, so the two screens differ
// only in their rows and forms.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "admin/office.hpp"

namespace gongkai::admin {

// The list page's view: `rows`, (channel label, count) pairs `by_channel`, `total`, the
// bodies the user may read with `scope`'s selected, and whether the user may record here.
web::View CaseListView(const Ctx& ctx, const OrgYear& scope, web::View rows,
                       const std::vector<std::pair<std::string, int64_t>>& by_channel,
                       int64_t total, bool can_record);

}  // namespace gongkai::admin
