#include "web/route_label.hpp"

#include <algorithm>

namespace gongkai::web {
namespace {

// The portal (web/portal.cpp, web/public_forms.cpp), operations, and the back office
// (admin/*_screen.cpp). Literals come before variables that could match them.
constexpr std::string_view kTemplates[] = {
    // Portal and operations.
    "/",
    "/healthz",
    "/readyz",
    "/metrics",
    "/search",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-{n}.xml",
    "/static/{file}",
    "/item/{id}",
    "/item/{id}/attachment/{n}",
    "/org/{code}",
    "/org/{code}/rss.xml",
    "/org/{code}/report/{year}",
    "/org/{code}/report/{year}/{view}",
    "/apply",
    "/status",
    "/status/letter",
    "/consult",
    "/complaint",
    "/api/openapi.json",
    // Back office.
    "/admin",
    "/admin/login",
    "/admin/logout",
    "/admin/logout-all",
    "/admin/password",
    "/admin/static/{file}",
    "/admin/items",
    "/admin/items/new",
    "/admin/items/{id}",
    "/admin/items/{id}/edit",
    "/admin/items/{id}/submit",
    "/admin/items/{id}/review",
    "/admin/items/{id}/publish",
    "/admin/items/{id}/withdraw",
    "/admin/items/{id}/channel",
    "/admin/items/{id}/validity",
    "/admin/items/{id}/interpretation",
    "/admin/items/{id}/attachments",
    "/admin/items/{id}/attachments/{id}",
    "/admin/items/{id}/attachments/{id}/remove",
    "/admin/requests",
    "/admin/requests/new",
    "/admin/requests/{id}",
    "/admin/requests/{id}/events",
    "/admin/requests/{id}/fee",
    "/admin/requests/{id}/settle",
    "/admin/requests/{id}/letter",
    "/admin/requests/{id}/letters/{kind}",
    "/admin/requests/{id}/letters/issued/{n}",
    "/admin/consultations",
    "/admin/consultations/new",
    "/admin/complaints",
    "/admin/complaints/new",
    "/admin/complaints/{id}/reply",
    "/admin/cases",
    "/admin/cases/new",
    "/admin/cases/{id}/result",
    "/admin/bodies",
    "/admin/bodies/{code}",
    "/admin/bodies/{code}/year/{year}",
    "/admin/bodies/{code}/year/{year}/facts",
    "/admin/bodies/{code}/year/{year}/stats",
    "/admin/bodies/{code}/year/{year}/meetings",
    "/admin/bodies/{code}/year/{year}/meetings/{id}/delete",
    "/admin/users",
    "/admin/users/new",
    "/admin/users/{username}",
    "/admin/users/{username}/grant",
    "/admin/users/{username}/revoke",
    "/admin/users/{username}/disable",
    "/admin/users/{username}/enable",
    "/admin/users/{username}/reset",
    "/admin/audit/{entity}/{id}",
    "/admin/audit/{entity}/{id}/{year}",
    "/admin/reports",
    "/admin/reports/narrative",
    "/admin/reports/publish",
    "/admin/compare",
    "/admin/compare/csv",
};
constexpr size_t kMaxSegments = 8;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool SegmentMatches(std::string_view pattern, std::string_view segment) {
  size_t open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == segment;
  size_t close = pattern.find('}', open);
  std::string_view prefix = pattern.substr(0, open);
  std::string_view suffix = pattern.substr(close + 1);
  std::string_view var = pattern.substr(open + 1, close - open - 1);
  if (segment.size() <= prefix.size() + suffix.size()) return false;
  if (segment.substr(0, prefix.size()) != prefix) return false;
  if (segment.substr(segment.size() - suffix.size()) != suffix) return false;
  std::string_view middle =
      segment.substr(prefix.size(), segment.size() - prefix.size() - suffix.size());
  if (var == "id" || var == "year" || var == "n") return AllDigits(middle);
  return true;
}

// Splits "/a/b" into {"a","b"} in place; false when there are more than kMaxSegments
// segments or an empty one ("//", a trailing "/").
bool Split(std::string_view path, std::string_view (&out)[kMaxSegments], size_t& count) {
  count = 0;
  if (path.empty() || path.front() != '/') return false;
  if (path == "/") return true;
  size_t i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j == i || count == kMaxSegments) return false;
    out[count++] = path.substr(i, j - i);
    i = j + 1;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& RouteTemplates() {
  static const std::vector<std::string> kAll(std::begin(kTemplates), std::end(kTemplates));
  return kAll;
}

std::string RouteLabel(std::string_view path) {
  std::string_view parts[kMaxSegments];
  size_t count = 0;
  if (!Split(path, parts, count)) return std::string(kUnmatchedRoute);
  for (std::string_view tmpl : kTemplates) {
    std::string_view t[kMaxSegments];
    size_t n = 0;
    if (!Split(tmpl, t, n) || n != count) continue;
    bool match = true;
    for (size_t k = 0; k < n && match; ++k) match = SegmentMatches(t[k], parts[k]);
    if (match) return std::string(tmpl);
  }
  return std::string(kUnmatchedRoute);
}

}  // namespace gongkai::web
