// /api/v1/orgs: the bodies the token may read.
#include "api/fields.hpp"
#include "api/record_json.hpp"

namespace gongkai::api {

namespace {

core::Result<JsonReply> ListOrgs(RouteCall& call) {
  json::array out;
  for (core::Id id : call.Allowed()) {
    if (const core::Org* org = call.tree.Find(id)) out.push_back(OrgJson(*org, call.tree));
  }
  return JsonReply{200, json::object{{"orgs", std::move(out)}}};
}

}  // namespace

void AddOrgRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/orgs", core::Action::kRead, "listOrgs", "列出令牌可读的机构",
                    "", "", "OrgList", 200, ListOrgs});
}

}  // namespace gongkai::api
