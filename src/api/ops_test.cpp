// /metrics and /readyz over a real server.
#include <soci/soci.h>

#include <regex>
#include <sstream>

#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

class OpsTest : public ApiFixture {};

// Checks the text exposition format line by line; returns the sample lines.
std::map<std::string, std::string> ParseExposition(const std::string& text) {
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})?) (-?[0-9.eE+-]+|\+Inf|NaN)$)");
  static const std::regex kComment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  std::map<std::string, std::string> samples;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, kSample)) {
      samples[m[1]] = m[5];
    } else {
      EXPECT_TRUE(std::regex_match(line, kComment)) << "not exposition format: " << line;
    }
  }
  return samples;
}

TEST_P(OpsTest, MetricsCountRequestsByRouteTemplate) {
  ASSERT_EQ(Get("/api/v1/orgs", "editor").status, 200);
  ASSERT_EQ(Get("/api/v1/items/12345", "editor").status, 404);
  ASSERT_EQ(Get("/api/v1/items/67890", "editor").status, 404);
  ASSERT_EQ(Get("/api/v1/orgs", "").status, 401);
  metrics_.RecordCacheHit();
  metrics_.RecordCacheMiss();
  metrics_.RecordCacheMiss();
  Reply r = Get("/metrics", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
  auto samples = ParseExposition(r.body);
  EXPECT_EQ(
      samples[R"(gongkai_http_requests_total{route="/api/v1/orgs",method="GET",status="200"})"],
      "1");
  EXPECT_EQ(
      samples[R"(gongkai_http_requests_total{route="/api/v1/orgs",method="GET",status="401"})"],
      "1");
  // Raw ids never become labels: both lookups count under the template.
  EXPECT_EQ(
      samples
          [R"(gongkai_http_requests_total{route="/api/v1/items/{id}",method="GET",status="404"})"],
      "2");
  EXPECT_EQ(r.body.find("12345"), std::string::npos);
  EXPECT_EQ(samples[R"(gongkai_http_request_duration_seconds_count{route="/api/v1/orgs"})"], "2");
  EXPECT_EQ(
      samples[R"(gongkai_http_request_duration_seconds_bucket{route="/api/v1/orgs",le="+Inf"})"],
      "2");
  EXPECT_EQ(samples["gongkai_page_cache_hits_total"], "1");
  EXPECT_EQ(samples["gongkai_page_cache_misses_total"], "2");
  EXPECT_EQ(samples["gongkai_db_pool_connections"], "2");
  EXPECT_EQ(samples["gongkai_db_pool_in_use"], "0");
}

TEST_P(OpsTest, ReadyWhenTheSchemaIsCurrent) {
  Reply ready = Get("/readyz", "");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find("\"ready\""), std::string::npos);
  // A migration missing from the database: not ready.
  store_->session() << "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM "
                       "schema_migrations)";
  Reply stale = Get("/readyz", "");
  EXPECT_EQ(stale.status, 503) << stale.body;
  EXPECT_NE(stale.body.find("not_ready"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, OpsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
