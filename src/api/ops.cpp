#include "api/ops.hpp"

#include <exception>

#include "core/json_writer.hpp"
#include "search/index_build.hpp"
#include "store/migrations.hpp"
#include "store/soci_store.hpp"

namespace gongkai::api {

web::HttpResponse ServeMetrics(const web::Metrics& metrics) {
  web::HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics.Render();
  r.Set("Cache-Control", "no-store");
  return r;
}

bool MetricsAllowed(const web::HttpRequest& request, const MetricsAccess& access) {
  if (access.allow.Contains(request.remote_address)) return true;
  if (access.token.empty()) return false;
  auto it = request.headers.find("authorization");
  if (it == request.headers.end()) return false;
  const std::string expected = "Bearer " + access.token;
  const std::string& given = it->second;
  // Compared in constant time over the expected length.
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

web::HttpResponse ServeMetrics(const web::Metrics& metrics, const web::HttpRequest& request,
                               const MetricsAccess& access) {
  if (MetricsAllowed(request, access)) return ServeMetrics(metrics);
  web::HttpResponse r;
  r.status = 403;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "/metrics 仅对监控地址或持有令牌的请求开放\n";
  r.Set("Cache-Control", "no-store");
  return r;
}

web::HttpResponse ServeReadyz(web::StorePool& pool) {
  std::string reason;
  int version = 0;
  try {
    auto ready = pool.With([](store::SociStore& store) { return store::CheckReady(store); });
    if (ready.ok()) {
      version = *ready;
    } else {
      reason = ready.status().message();
    }
  } catch (const std::exception&) {
    reason = "数据库无法连接";
  }
  web::HttpResponse r;
  r.content_type = "application/json; charset=utf-8";
  r.Set("Cache-Control", "no-store");
  core::JsonObjectWriter w;
  if (reason.empty()) {
    w.Add("status", "ready").Add("schema_version", version);
    // Ready while the full-text index builds in the background (the portal answers; search
    // says it is incomplete): the progress is reported, not waited for.
    if (auto building = search::ProcessIndexBuild().Percent()) {
      w.Add("search_index_build_percent", *building);
    }
  } else {
    r.status = 503;
    w.Add("status", "not_ready").Add("reason", reason);
  }
  r.body = w.Finish();
  return r;
}

}  // namespace gongkai::api
