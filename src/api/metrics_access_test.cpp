// Issue 16, finding 2: /metrics is served only to configured addresses or a bearer token;
// everyone else gets 403 and no series.
#include <gtest/gtest.h>

#include "api/ops.hpp"

namespace gongkai::api {
namespace {

web::HttpRequest From(const std::string& address, const std::string& authorization = "") {
  web::HttpRequest r;
  r.method = "GET";
  r.path = r.target = "/metrics";
  r.remote_address = address;
  if (!authorization.empty()) r.headers["authorization"] = authorization;
  return r;
}

TEST(MetricsAccessTest, OnlyConfiguredAddressesOrTheToken) {
  web::Metrics metrics;
  metrics.RecordRequest("/admin/login", "POST", 200, 0.01);  // a sign-in outcome
  MetricsAccess access;
  access.allow = *app::AddressRanges::Parse("127.0.0.1/32 10.0.9.0/24", "metrics_allow");
  access.token = "monitoring-token-0123456789";
  EXPECT_EQ(ServeMetrics(metrics, From("127.0.0.1"), access).status, 200);
  web::HttpResponse inside = ServeMetrics(metrics, From("10.0.9.77"), access);
  EXPECT_EQ(inside.status, 200);
  EXPECT_NE(inside.body.find("/admin/login"), std::string::npos);
  web::HttpResponse outside = ServeMetrics(metrics, From("203.0.113.9"), access);
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.body.find("/admin/login"), std::string::npos) << "no series leak";
  EXPECT_EQ(ServeMetrics(metrics, From("203.0.113.9", "Bearer monitoring-token-0123456789"), access)
                .status,
            200);
  for (const char* wrong :
       {"Bearer monitoring-token-012345678", "Bearer monitoring-token-01234567890",
        "Basic monitoring-token-0123456789", "Bearer "}) {
    EXPECT_EQ(ServeMetrics(metrics, From("203.0.113.9", wrong), access).status, 403) << wrong;
  }
  MetricsAccess no_token;  // nothing configured: nobody
  EXPECT_EQ(ServeMetrics(metrics, From("127.0.0.1", "Bearer "), no_token).status, 403);
}

}  // namespace
}  // namespace gongkai::api
