// The route table of the JSON API: one entry per operation, read by the router (dispatch),
// the authorization check (each route's Action) and the OpenAPI generator, so the three
// cannot drift apart.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_options.hpp"
#include "api/tokens.hpp"
#include "core/authorization.hpp"
#include "core/org_tree.hpp"
#include "web/http.hpp"
#include "web/router.hpp"

namespace gongkai::api {

namespace json = boost::json;

struct JsonReply {
  int status = 200;
  json::value body;
};

// What a route's function gets: the request, its path parameters and JSON body, who acts,
// the transaction's repositories and the org tree. Require() checks the route's own Action
// on a record's body.
struct RouteCall {
  const web::HttpRequest& http;
  std::map<std::string, std::string> params;
  const json::object& body;  // empty for GET
  const Principal& who;
  core::Repositories& repos;
  const core::OrgTree& tree;
  const ApiOptions& options;
  core::Action action;

  core::Status Require(core::Id org_id) const {
    return core::Authorize(who.grants, tree, action, org_id);
  }
  // The bodies on which the route's Action is allowed.
  std::vector<core::Id> Allowed() const { return core::AuthorizedOrgs(who.grants, tree, action); }
  core::ChangeContext Change() const {
    return {"api:" + who.user.username, options.clock->NowUtc()};
  }
  core::Date Today() const { return options.clock->Today(); }
};

using RouteFn = core::Result<JsonReply> (*)(RouteCall& call);

// One operation of the API: web::Route with the OpenAPI fields filled in and an action
// always set (positional lines: method, path, action, operation id, summary, query
// parameters, request schema, response schema, success status, function).
using Route = web::Route<RouteFn>;
using Router = web::Router<RouteFn>;

// Each group of routes, in its own file.
void AddOrgRoutes(std::vector<Route>& routes);      // misc_routes.cpp (orgs, audit)
void AddItemRoutes(std::vector<Route>& routes);     // items_routes.cpp
void AddRequestRoutes(std::vector<Route>& routes);  // requests_routes.cpp
void AddCaseRoutes(std::vector<Route>& routes);     // cases_routes.cpp
void AddReportRoutes(std::vector<Route>& routes);   // report_routes.cpp
void AddBodyRoutes(std::vector<Route>& routes);     // body_routes.cpp

// Every route of the API (built once).
const std::vector<Route>& Routes();

// The table of Routes() (built once), for dispatch and metrics labels.
const Router& ApiRouter();

// The route for `method` and `path`, filling `params`; nullptr when none. `path_known`
// tells whether some route has that path under another method (405 rather than 404).
const Route* MatchRoute(std::string_view method, std::string_view path,
                        std::map<std::string, std::string>& params, bool& path_known);

}  // namespace gongkai::api
