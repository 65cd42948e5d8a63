// The server with its worker pool (DESIGN §6, issue 19): cached answers on the I/O thread
// whatever the pool is doing, 503 + Retry-After for a full queue, 429 past a client's cap on
// concurrent searches, and a graceful shutdown that lets handlers in flight finish. Handlers
// are held on a Gate, never by sleeping.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "web/server.hpp"
#include "web/test_client.hpp"
#include "web/test_gate.hpp"

namespace gongkai::web {
namespace {

using test_client::Connection;
using test_client::Exchange;
using testing::Gate;

std::string Request(const std::string& path, const std::string& client = "") {
  std::string r = "GET " + path + " HTTP/1.1\r\nHost: t\r\n";
  if (!client.empty()) r += "X-Forwarded-For: " + client + "\r\n";
  return r + "\r\n";
}

// A server on a free port whose handler holds /slow and /search on `gate`; `cached` answers
// /cached on the I/O thread.
class Running {
 public:
  Running(ServerOptions options, Gate& gate) {
    options.port = 0;
    options.handle_signals = false;
    options.access_log = false;
    options.cached = [](const HttpRequest& r) -> std::optional<HttpResponse> {
      if (r.path != "/cached") return std::nullopt;
      HttpResponse response;
      response.body = "cached";
      return response;
    };
    options.per_client = [](const HttpRequest& r) { return r.path == "/search"; };
    auto ready = std::make_shared<std::promise<unsigned short>>();
    options.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    server_ = std::make_unique<Server>(
        options,
        [&gate](const HttpRequest& r) {
          if (r.path == "/slow" || r.path == "/search") gate.Enter();
          HttpResponse response;
          response.body = "handled " + r.path;
          return response;
        },
        [](int status) {
          HttpResponse r;
          r.body = "<p>error " + std::to_string(status) + "</p>";
          return r;
        });
    thread_ = std::thread([this] { status_ = server_->Run(); });
    port_ = ready->get_future().get();
  }
  ~Running() { static_cast<void>(Stop()); }

  unsigned short port() const { return port_; }
  core::Status Stop() {
    if (thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
    return status_;
  }
  // Stops in the background; returns once the listener no longer accepts.
  void BeginStop() {
    server_->Stop();
    for (int i = 0; i < 10000; ++i) {
      Connection probe(port_);
      if (!probe.ok() || probe.Read(0, std::chrono::milliseconds(200)).closed) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  core::Status Join() {
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  core::Status status_;
};

ServerOptions PoolOptions(int workers, size_t queue_limit, size_t per_client = 0) {
  ServerOptions o;
  o.threads = 1;  // one I/O thread: a handler running on it would hold everything up
  o.workers = workers;
  o.queue_limit = queue_limit;
  o.per_client_limit = per_client;
  o.worker_nice = 0;
  return o;
}

TEST(IsolationTest, ASaturatedPoolDoesNotDelayCachedPages) {
  Gate gate;
  Running server(PoolOptions(1, 1), gate);
  Connection busy(server.port());
  ASSERT_TRUE(busy.Send(Request("/slow")));
  ASSERT_TRUE(gate.WaitEntered(1));  // the only worker is held
  for (int i = 0; i < 20; ++i) {
    auto c = Exchange(server.port(), Request("/cached"));
    ASSERT_EQ(c.status(), 200);
    EXPECT_EQ(c.first().body, "cached");
  }
  EXPECT_EQ(gate.entered(), 1);
  gate.Open();
  auto slow = busy.Read(1, std::chrono::seconds(10));
  EXPECT_EQ(slow.status(), 200);
  EXPECT_EQ(slow.first().body, "handled /slow");
}

TEST(IsolationTest, AFullQueueAnswers503WithRetryAfter) {
  Gate gate;
  ServerOptions o = PoolOptions(1, 0);
  o.retry_after = 3;
  Running server(o, gate);
  Connection busy(server.port());
  ASSERT_TRUE(busy.Send(Request("/slow")));
  ASSERT_TRUE(gate.WaitEntered(1));
  auto refused = Exchange(server.port(), Request("/other"));
  ASSERT_EQ(refused.status(), 503);
  EXPECT_EQ(refused.first().Header("Retry-After"), "3");
  EXPECT_EQ(refused.first().Header("Cache-Control"), "no-store");
  EXPECT_NE(refused.first().Header("Content-Security-Policy"), "");
  EXPECT_EQ(refused.first().body, "<p>error 503</p>");
  // HEAD gets the same refusal without a body; the cached page is still served.
  Connection head_conn(server.port());
  ASSERT_TRUE(head_conn.Send("HEAD /other HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = head_conn.Read(1, std::chrono::seconds(5), /*head_request=*/true);
  EXPECT_EQ(head.status(), 503);
  EXPECT_EQ(head.first().body, "");
  EXPECT_EQ(Exchange(server.port(), Request("/cached")).status(), 200);
  gate.Open();
  EXPECT_EQ(busy.Read(1, std::chrono::seconds(10)).status(), 200);
  // Room again: the next request is handled.
  EXPECT_EQ(Exchange(server.port(), Request("/other")).status(), 200);
}

TEST(IsolationTest, APerClientCapOnSearchesAnswers429) {
  Gate gate;
  ServerOptions o = PoolOptions(2, 8, 1);
  auto proxies = app::AddressRanges::Parse("127.0.0.1/32", "trusted_proxies");
  ASSERT_TRUE(proxies.ok());
  o.trusted_proxies = *proxies;  // X-Forwarded-For names the client
  Running server(o, gate);
  Connection first(server.port());
  ASSERT_TRUE(first.Send(Request("/search?q=a", "10.0.0.1")));
  ASSERT_TRUE(gate.WaitEntered(1));
  auto again = Exchange(server.port(), Request("/search?q=b", "10.0.0.1"));
  ASSERT_EQ(again.status(), 429);
  EXPECT_EQ(again.first().Header("Retry-After"), "1");
  EXPECT_EQ(again.first().body, "<p>error 429</p>");
  // Another client searches; the first client's other pages are not capped.
  Connection other(server.port());
  ASSERT_TRUE(other.Send(Request("/search?q=c", "10.0.0.2")));
  ASSERT_TRUE(gate.WaitEntered(2));
  Connection page(server.port());
  ASSERT_TRUE(page.Send(Request("/item/1", "10.0.0.1")));
  gate.Open();
  EXPECT_EQ(first.Read(1, std::chrono::seconds(10)).status(), 200);
  EXPECT_EQ(other.Read(1, std::chrono::seconds(10)).status(), 200);
  EXPECT_EQ(page.Read(1, std::chrono::seconds(10)).status(), 200);
  // Answered: the count was released before the answer was sent, so asking again at once
  // on the same connection is admitted.
  ASSERT_TRUE(first.Send(Request("/search?q=d", "10.0.0.1")));
  auto next = first.Read(1, std::chrono::seconds(10));
  EXPECT_EQ(next.status(), 200);
  EXPECT_EQ(next.first().body, "handled /search");
}

TEST(IsolationTest, ShutdownLetsHandlersInFlightFinish) {
  Gate gate;
  Running server(PoolOptions(2, 4), gate);
  Connection a(server.port()), b(server.port());
  ASSERT_TRUE(a.Send(Request("/slow")));
  ASSERT_TRUE(b.Send(Request("/slow")));
  ASSERT_TRUE(gate.WaitEntered(2));
  server.BeginStop();  // no longer accepting; two handlers still held
  gate.Open();
  auto ra = a.Read(1, std::chrono::seconds(10));
  auto rb = b.Read(1, std::chrono::seconds(10));
  EXPECT_EQ(ra.status(), 200);
  EXPECT_EQ(ra.first().body, "handled /slow");
  EXPECT_EQ(rb.status(), 200);
  EXPECT_TRUE(server.Join().ok());
}

TEST(IsolationTest, WithoutWorkersHandlersRunInline) {
  Gate gate;
  gate.Open();
  ServerOptions o;
  o.threads = 1;
  Running server(o, gate);
  EXPECT_EQ(Exchange(server.port(), Request("/slow")).first().body, "handled /slow");
  EXPECT_EQ(Exchange(server.port(), Request("/cached")).first().body, "handled /cached");
}

}  // namespace
}  // namespace gongkai::web
