// Issue 16, finding 8: X-Forwarded-For is honoured only from configured proxies (a CIDR
// list); from anyone else — loopback included — the socket's address stands.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "web/server.hpp"
#include "web/test_client.hpp"

namespace gongkai::web {
namespace {

// The client address the handler sees for a request from 127.0.0.1 claiming
// X-Forwarded-For: 198.51.100.7, with `proxies` trusted.
std::string SeenAddress(const std::string& proxies) {
  ServerOptions so;
  so.port = 0;
  so.threads = 1;
  so.handle_signals = false;
  so.access_log = false;
  so.trusted_proxies = *app::AddressRanges::Parse(proxies, "trusted_proxies");
  auto ready = std::make_shared<std::promise<unsigned short>>();
  so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
  Server server(
      so,
      [](const HttpRequest& r) {
        HttpResponse out;
        out.content_type = "text/plain";
        out.body = r.remote_address;
        return out;
      },
      [](int status) {
        HttpResponse r;
        r.status = status;
        return r;
      });
  std::thread thread([&server] { ASSERT_TRUE(server.Run().ok()); });
  unsigned short port = ready->get_future().get();
  std::string seen =
      test_client::Exchange(port,
                            "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.1, "
                            "198.51.100.7\r\nConnection: close\r\n\r\n")
          .first()
          .body;
  server.Stop();
  thread.join();
  return seen;
}

TEST(TrustedProxyTest, ForwardedForOnlyFromConfiguredRanges) {
  EXPECT_EQ(SeenAddress(""), "127.0.0.1") << "nobody is trusted by default";
  EXPECT_EQ(SeenAddress("10.0.0.0/8"), "127.0.0.1") << "loopback is not a configured proxy";
  EXPECT_EQ(SeenAddress("10.0.0.5/32, 127.0.0.0/8"), "198.51.100.7")
      << "a configured proxy's last hop names the client";
}

}  // namespace
}  // namespace gongkai::web
