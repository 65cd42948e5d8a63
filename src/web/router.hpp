// The route table: one type for the three front ends — the public portal (web/portal),
// the back office (admin/back_office) and the JSON API (api/json_api). A route is one line:
// method, path template, the core::Action it is authorized by, OpenAPI metadata (the API's
// routes), the handler, its body limit and the pool that answers it. The same table drives
// dispatch, the 405 answer's Allow header, the body limit decided before a body is read,
// the OpenAPI document and the metrics label, so none of them can drift from the others.
//
// Path templates are "/"-separated segments, each a literal or a variable: {id}, {year},
// {n} and {version} match digits only, any other {name} matches any non-empty segment; a
// segment may wrap a variable in a literal prefix and suffix ("sitemap-{n}.xml"). The first
// route whose template and method match wins, so literals come before variables that could
// match them ("/admin/items/new" before "/admin/items/{id}").
//
// Thread-safety: a Router is immutable after construction; Find and Label may be called
// from any number of threads at once.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/authorization.hpp"

namespace gongkai::web {

// The metrics label of every path no route matches (bounded series: issue 16).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// The variables of a matched template: {"id": "42"}.
using PathParams = std::map<std::string, std::string>;

// Where a route is answered (DESIGN §6): kWorker on the bounded worker pool (anything that
// touches the database or renders), kIo may be answered on the I/O threads from memory
// (the page cache, the stylesheet) when the front end's cached hook holds the answer; on a
// miss it still goes to the worker pool.
enum class RoutePool { kWorker, kIo };

// No authorization: public pages anyone may read (the portal, the sign-in page).
inline constexpr std::optional<core::Action> kPublic = std::nullopt;

// One route. The API's lines give every field ({"GET", "/api/v1/items/{id}",
// Action::kRead, "getItem", "读取一条信息", "", "", "Item", 200, GetItem}); the other front
// ends leave out the OpenAPI fields ({"GET", "/item/{id}", kPublic, {…handler…}, 0, kIo}).
template <typename Fn>
struct Route {
  // With the OpenAPI fields (the API).
  Route(std::string_view method, std::string_view path, std::optional<core::Action> action,
        std::string_view operation_id, std::string_view summary, std::string_view query,
        std::string_view request_schema, std::string_view response_schema, int success_status,
        Fn fn, size_t body_limit = 0, RoutePool pool = RoutePool::kWorker)
      : method(method),
        path(path),
        action(action),
        operation_id(operation_id),
        summary(summary),
        query(query),
        request_schema(request_schema),
        response_schema(response_schema),
        success_status(success_status),
        fn(std::move(fn)),
        body_limit(body_limit),
        pool(pool) {}
  // Without them (the portal, the back office).
  Route(std::string_view method, std::string_view path, std::optional<core::Action> action, Fn fn,
        size_t body_limit = 0, RoutePool pool = RoutePool::kWorker)
      : method(method),
        path(path),
        action(action),
        fn(std::move(fn)),
        body_limit(body_limit),
        pool(pool) {}

  // "GET", "POST", several separated by commas ("GET,POST"), or "*" for any (the handler
  // answers 405 itself). HEAD is served as GET by the server: callers pass "GET" for it.
  std::string_view method;
  std::string_view path;               // template: "/api/v1/items/{id}"
  std::optional<core::Action> action;  // checked against the record's body; kPublic: none
  // OpenAPI metadata (the API only; empty elsewhere).
  std::string_view operation_id;
  std::string_view summary;          // Chinese
  std::string_view query;            // query parameters, comma-separated ("" for none)
  std::string_view request_schema;   // components/schemas name ("" for no body)
  std::string_view response_schema;  // components/schemas name
  int success_status = 200;
  Fn fn;  // the handler; its type is the front end's
  // The largest body this route reads, decided from the header (0: the server's default).
  size_t body_limit = 0;
  RoutePool pool = RoutePool::kWorker;
};

// True when `templ` matches `path` (see the file comment); fills `params` when given.
bool MatchPathTemplate(std::string_view templ, std::string_view path, PathParams* params);
// True when `method` is one of the comma-separated `methods` (any for "*").
bool MethodListed(std::string_view methods, std::string_view method);

template <typename Fn>
class Router {
 public:
  using RouteType = Route<Fn>;

  // The result of Find: the route and its variables, or no route; then `path_known` tells
  // whether some route has the path under other methods (405 rather than 404) and `allow`
  // lists those methods for the Allow header ("GET, POST").
  struct Match {
    const RouteType* route = nullptr;
    PathParams params;
    bool path_known = false;
    std::string allow;
  };

  Router() = default;
  explicit Router(std::vector<RouteType> routes) : routes_(std::move(routes)) {}

  // The first route matching `method` and `path` (path without the query string).
  Match Find(std::string_view method, std::string_view path) const {
    Match m;
    for (const RouteType& r : routes_) {
      // Variables are collected only for the route that wins (no allocation on the way).
      if (!MatchPathTemplate(r.path, path, nullptr)) continue;
      if (MethodListed(r.method, method)) {
        m.route = &r;
        MatchPathTemplate(r.path, path, &m.params);
        m.allow.clear();
        return m;
      }
      m.path_known = true;
      for (std::string_view rest = r.method; !rest.empty();) {
        size_t comma = rest.find(',');
        std::string_view one = rest.substr(0, comma);
        if (m.allow.find(one) == std::string::npos) {
          if (!m.allow.empty()) m.allow += ", ";
          m.allow += one;
        }
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    return m;
  }

  // The template of the first route whose path matches (any method), or kUnmatchedRoute:
  // the metrics label.
  std::string Label(std::string_view path) const {
    for (const RouteType& r : routes_) {
      if (MatchPathTemplate(r.path, path, nullptr)) return std::string(r.path);
    }
    return std::string(kUnmatchedRoute);
  }

  const std::vector<RouteType>& routes() const { return routes_; }

 private:
  std::vector<RouteType> routes_;
};

}  // namespace gongkai::web
