#include "api/route.hpp"

namespace gongkai::api {

const Router& ApiRouter() {
  static const Router router = [] {
    std::vector<Route> all;
    AddOrgRoutes(all);
    AddItemRoutes(all);
    AddRequestRoutes(all);
    AddCaseRoutes(all);
    AddReportRoutes(all);
    AddBodyRoutes(all);
    return Router(std::move(all));
  }();
  return router;
}

const std::vector<Route>& Routes() { return ApiRouter().routes(); }

const Route* MatchRoute(std::string_view method, std::string_view path,
                        std::map<std::string, std::string>& params, bool& path_known) {
  Router::Match m = ApiRouter().Find(method, path);
  path_known = m.path_known || m.route != nullptr;
  if (m.route) params = std::move(m.params);
  return m.route;
}

}  // namespace gongkai::api
