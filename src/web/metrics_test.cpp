// web::Metrics: the exposition format, the histogram and the handler wrapper.
#include "web/metrics.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace gongkai::web {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, CountsAndCumulativeBuckets) {
  Metrics m;
  m.RecordRequest("/item/{id}", "GET", 200, 0.003);
  m.RecordRequest("/item/{id}", "GET", 200, 0.2);
  m.RecordRequest("/item/{id}", "GET", 404, 20);
  std::string text = m.Render();
  EXPECT_TRUE(Has(text, "# TYPE gongkai_http_requests_total counter"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="/item/{id}",method="GET",status="200"} 2)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="/item/{id}",method="GET",status="404"} 1)"));
  EXPECT_TRUE(Has(text, "# TYPE gongkai_http_request_duration_seconds histogram"));
  EXPECT_TRUE(Has(
      text, R"(gongkai_http_request_duration_seconds_bucket{route="/item/{id}",le="0.005"} 1)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_request_duration_seconds_bucket{route="/item/{id}",le="0.25"} 2)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_request_duration_seconds_bucket{route="/item/{id}",le="10"} 2)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_request_duration_seconds_bucket{route="/item/{id}",le="+Inf"} 3)"));
  EXPECT_TRUE(Has(text, R"(gongkai_http_request_duration_seconds_count{route="/item/{id}"} 3)"));
  EXPECT_TRUE(Has(text, "gongkai_page_cache_hits_total 0"));
}

TEST(MetricsTest, EscapesLabelValues) {
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(MetricsTest, InstrumentHandlerRecordsUnderTheLabelAndRethrows) {
  Metrics m;
  Handler h = InstrumentHandler(
      m,
      [](const HttpRequest& r) -> HttpResponse {
        if (r.path == "/boom") throw std::runtime_error("boom");
        HttpResponse resp;
        resp.status = 201;
        return resp;
      },
      [](const HttpRequest& r) { return r.path == "/boom" ? "/boom" : "/thing/{id}"; });
  HttpRequest req;
  req.method = "POST";
  req.path = "/thing/42";
  EXPECT_EQ(h(req).status, 201);
  req.path = "/boom";
  EXPECT_THROW(h(req), std::runtime_error);
  std::string text = m.Render();
  EXPECT_TRUE(Has(
      text, R"(gongkai_http_requests_total{route="/thing/{id}",method="POST",status="201"} 1)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="/boom",method="POST",status="500"} 1)"));
  EXPECT_EQ(text.find("/thing/42"), std::string::npos);
}

// A front end that matched a route names it on the response: the label function (a second
// walk of the route table) is not called; without one it is.
TEST(MetricsTest, TheResponsesOwnRouteLabelSparesTheLookup) {
  Metrics m;
  int lookups = 0;
  Handler h = InstrumentHandler(
      m,
      [](const HttpRequest& r) {
        HttpResponse resp;
        if (r.path == "/item/7") resp.route_label = "/item/{id}";
        return resp;
      },
      [&lookups](const HttpRequest&) {
        ++lookups;
        return std::string("unmatched");
      });
  HttpRequest req;
  req.method = "GET";
  req.path = "/item/7";
  h(req);
  EXPECT_EQ(lookups, 0);
  req.path = "/nowhere";
  h(req);
  EXPECT_EQ(lookups, 1);
  std::string text = m.Render();
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="/item/{id}",method="GET",status="200"} 1)"));
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="unmatched",method="GET",status="200"} 1)"));
}

TEST(MetricsTest, ThreadSafe) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) {
        m.RecordRequest("/", "GET", 200, 0.001);
        m.RecordCacheHit();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::string text = m.Render();
  EXPECT_TRUE(
      Has(text, R"(gongkai_http_requests_total{route="/",method="GET",status="200"} 4000)"));
  EXPECT_TRUE(Has(text, "gongkai_page_cache_hits_total 4000"));
}

}  // namespace
}  // namespace gongkai::web
