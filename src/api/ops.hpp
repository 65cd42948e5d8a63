// Operations endpoints: /metrics (Prometheus text format) and /readyz (the database is
// reachable and its schema is the one this binary expects; 503 otherwise). Neither shows
// records or personal data; /metrics should still be reachable from the monitoring
// network only (docs/api.md).
#pragma once

#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/store_pool.hpp"

namespace gongkai::api {

web::HttpResponse ServeMetrics(const web::Metrics& metrics);

// 200 {"status":"ready","schema_version":N} or 503 {"status":"not_ready","reason":…}.
web::HttpResponse ServeReadyz(web::StorePool& pool);

}  // namespace gongkai::api
