// Issue 16, finding 2: /metrics must not grow with the paths clients invent. A real server
// instrumented with the portal's route labels (as `gongkai serve` is) answers 1,000 distinct
// unknown paths, and the exposition keeps the same series and (counter digits aside) the same size.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "web/metrics.hpp"
#include "web/portal.hpp"
#include "web/server.hpp"
#include "web/test_client.hpp"

namespace gongkai::web {
namespace {

size_t CountSeries(const std::string& text) {
  size_t n = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string::npos) end = text.size();
    if (end > i && text[i] != '#') ++n;
    i = end + 1;
  }
  return n;
}

// A random-looking lower-case word from `n` (distinct for distinct n).
std::string Word(int n) {
  std::string w;
  unsigned x = static_cast<unsigned>(n) * 2654435761u + 12345u;
  for (int i = 0; i < 10; ++i, x /= 26) w += static_cast<char>('a' + x % 26);
  return w + std::to_string(n);
}

TEST(MetricsBoundTest, AThousandDistinctUnknownPathsDoNotGrowMetrics) {
  Metrics metrics;
  Handler inner = [&metrics](const HttpRequest& r) {
    HttpResponse out;
    if (r.path == "/metrics") {
      out.content_type = "text/plain";
      out.body = metrics.Render();
      return out;
    }
    out.status = 404;
    out.body = "not found";
    return out;
  };
  ServerOptions so;
  so.port = 0;
  so.threads = 1;
  so.handle_signals = false;
  so.access_log = false;
  auto ready = std::make_shared<std::promise<unsigned short>>();
  so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
  Server server(
      so,
      InstrumentHandler(metrics, inner, [](const HttpRequest& r) { return Portal::Label(r.path); }),
      [](int status) {
        HttpResponse r;
        r.status = status;
        return r;
      });
  std::thread thread([&server] { ASSERT_TRUE(server.Run().ok()); });
  unsigned short port = ready->get_future().get();

  // 100 pipelined GETs per connection, each path never seen before, in the shapes the
  // attack used (/item/<letters>) and others (back office, unknown roots, deep paths).
  auto send_unknown = [port](int from, int to) {
    for (int batch = from; batch < to; batch += 100) {
      std::string raw;
      for (int i = batch; i < batch + 100 && i < to; ++i) {
        std::string w = Word(i);
        const std::string paths[] = {"/item/" + w, "/admin/" + w, "/" + w, "/org/QX/" + w + "/x",
                                     "/api/v1/" + w};
        raw += "GET " + paths[i % 5] + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
      }
      test_client::Conversation c = test_client::Exchange(port, raw, 100);
      ASSERT_EQ(c.replies.size(), 100u);
    }
  };
  auto metrics_text = [port] {
    return test_client::Exchange(port,
                                 "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .first()
        .body;
  };
  send_unknown(0, 1000);  // every label and status the test will see, once
  metrics_text();         // and /metrics itself
  std::string before = metrics_text();
  send_unknown(1000, 2000);
  std::string after = metrics_text();
  EXPECT_EQ(CountSeries(after), CountSeries(before));
  // The same series; only counts and sums change (a few digits each).
  EXPECT_LT(after.size(), before.size() + 200) << after;
  EXPECT_NE(after.find("route=\"unmatched\""), std::string::npos);
  EXPECT_EQ(after.find(Word(1500)), std::string::npos) << "no raw path becomes a label";
  server.Stop();
  thread.join();
}

}  // namespace
}  // namespace gongkai::web
