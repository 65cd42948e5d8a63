#include "api/route.hpp"

namespace gongkai::api {

namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool MatchPath(std::string_view templ, std::string_view path,
               std::map<std::string, std::string>& params) {
  auto want = Segments(templ);
  auto got = Segments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      found[std::string(w.substr(1, w.size() - 2))] = std::string(got[i]);
    } else if (w != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

const std::vector<Route>& Routes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> all;
    AddOrgRoutes(all);
    AddItemRoutes(all);
    AddRequestRoutes(all);
    AddCaseRoutes(all);
    AddReportRoutes(all);
    AddBodyRoutes(all);
    return all;
  }();
  return routes;
}

const Route* MatchRoute(std::string_view method, std::string_view path,
                        std::map<std::string, std::string>& params, bool& path_known) {
  path_known = false;
  for (const Route& r : Routes()) {
    std::map<std::string, std::string> p;
    if (!MatchPath(r.path, path, p)) continue;
    path_known = true;
    if (r.method == method) {
      params = std::move(p);
      return &r;
    }
  }
  return nullptr;
}

}  // namespace gongkai::api
