// Operations endpoints: /metrics (Prometheus text format) and /readyz (the database is
// reachable and its schema is the one this binary expects; 503 otherwise). Neither shows
// records or personal data, but /metrics tells request and sign-in outcome counts, so it is
// served only to configured addresses or a bearer token (docs/api.md, docs/deploy).
#pragma once

#include <string>

#include "app/address_range.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/store_pool.hpp"

namespace gongkai::api {

web::HttpResponse ServeMetrics(const web::Metrics& metrics);

// Who may read /metrics: clients whose address (after trusted proxies) is in `allow`, or
// requests carrying `Authorization: Bearer <token>` when a token is set.
struct MetricsAccess {
  app::AddressRanges allow;
  std::string token;  // "" for none
};
bool MetricsAllowed(const web::HttpRequest& request, const MetricsAccess& access);
// ServeMetrics for an allowed request; 403 (plain text, no series) for anyone else.
web::HttpResponse ServeMetrics(const web::Metrics& metrics, const web::HttpRequest& request,
                               const MetricsAccess& access);

// 200 {"status":"ready","schema_version":N} or 503 {"status":"not_ready","reason":…}.
web::HttpResponse ServeReadyz(web::StorePool& pool);

}  // namespace gongkai::api
