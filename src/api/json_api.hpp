// The JSON API: /api/v1/... (see docs/api.md) and its OpenAPI 3 document at
// /api/openapi.json, both from one route table (api/route.hpp).
//
// Requests authenticate with `Authorization: Bearer <token>` only — never cookies — so the
// API needs no CSRF protection. A token acts as its user: every route names a
// core::Action, checked with core::Authorize against the record's body. Each request is
// one transaction. Errors are JSON: {"error":{"code","message","field"}}.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_options.hpp"
#include "core/status.hpp"
#include "web/http.hpp"
#include "web/rate_limit.hpp"
#include "web/store_pool.hpp"

namespace gongkai::api {

class JsonApi {
 public:
  // Without options.clock the system clock is used (as in the portal and the back office).
  static core::Result<std::unique_ptr<JsonApi>> Create(web::StorePool& pool, ApiOptions options);

  // True for the paths this API answers (everything under /api/).
  static bool Owns(std::string_view path);

  // Limits before bodies (web::ServerOptions::admit): a request under /api/ with a body is
  // refused from its header alone (401 JSON) unless it carries a valid, unexpired token;
  // a read-only token is refused (403) for every POST. nullopt admits it.
  std::optional<web::HttpResponse> Admit(const web::HttpRequest& head);

  // Answers a request whose path Owns() (others get a JSON 404). Thread-safe.
  web::HttpResponse Handle(const web::HttpRequest& request);

  // The route template of `request` ("/api/v1/items/{id}"), for metrics; web::kUnmatchedRoute
  // for paths no route matches.
  std::string RouteLabel(const web::HttpRequest& request) const;

  const std::string& openapi_json() const { return openapi_; }

 private:
  JsonApi(web::StorePool& pool, ApiOptions options);
  web::StorePool& pool_;
  ApiOptions options_;
  web::RateLimiter limiter_;
  std::string openapi_;
};

// {"error":{"code":…,"message":…,"field":…}} with `status` (field omitted when empty). A
// failed core::Status is mapped by web::MapError (web/error_map.hpp), the one map every
// front end uses: 422 with the field named for invalid input, in a query or a body alike.
web::HttpResponse JsonError(int status, std::string_view code, std::string_view message,
                            std::string_view field = {});

// The OpenAPI 3.0 document of the route table.
std::string OpenApiDocument();

}  // namespace gongkai::api
