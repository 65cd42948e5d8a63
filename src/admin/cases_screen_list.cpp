#include "admin/cases_screen_list.hpp"

namespace gongkai::admin {

web::View CaseListView(const Ctx& ctx, const OrgYear& scope, web::View rows,
                       const std::vector<std::pair<std::string, int64_t>>& by_channel,
                       int64_t total, bool can_record) {
  web::View counts = web::View::List();
  for (const auto& [label, n] : by_channel) {
    web::View c;
    c.Set("label", label);
    c.Set("n", std::to_string(n));
    counts.Push(c);
  }
  web::View v;
  v.Set("rows", rows);
  v.Set("channel_counts", counts);
  v.Set("total_count", std::to_string(total));
  v.Set("org_options", OrgOptions(ctx, ctx.Orgs(core::Action::kRead), scope.org->code));
  v.Set("org_name", scope.org->name);
  v.Set("sel_year", std::to_string(scope.year));
  v.Set("can_record", web::View::Bool(can_record));
  return v;
}

}  // namespace gongkai::admin
