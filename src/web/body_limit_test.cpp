// ServerOptions::body_limit_for: a larger body limit for some targets (uploads), the
// default for every other, for bodies with Content-Length and chunked ones alike.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <thread>

#include "web/server.hpp"
#include "web/test_client.hpp"

namespace gongkai::web {
namespace {

class BodyLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions so;
    so.port = 0;
    so.threads = 1;
    so.handle_signals = false;
    so.access_log = false;
    so.body_limit = 1024;
    so.body_limit_for = [](std::string_view target) -> size_t {
      return target == "/upload" ? 4096 : 0;
    };
    auto ready = std::make_shared<std::promise<unsigned short>>();
    so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    server_ = new Server(
        so,
        [](const HttpRequest& r) {
          HttpResponse out;
          out.content_type = "text/plain";
          out.body = std::to_string(r.body.size());
          return out;
        },
        [](int status) {
          HttpResponse r;
          r.status = status;
          return r;
        });
    thread_ = new std::thread([] { ASSERT_TRUE(server_->Run().ok()); });
    port_ = ready->get_future().get();
  }

  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete server_;
  }

  static int Post(const std::string& target, size_t bytes, std::string* body = nullptr) {
    std::string raw = "POST " + target +
                      " HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(bytes) +
                      "\r\nConnection: close\r\n\r\n" + std::string(bytes, 'a');
    auto c = test_client::Exchange(port_, raw);
    if (body && c.status() == 200) *body = c.first().body;
    return c.status();
  }

  static int PostChunked(const std::string& target, size_t chunks, size_t chunk_size) {
    std::string raw = "POST " + target +
                      " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: "
                      "close\r\n\r\n";
    char size_hex[16];
    std::snprintf(size_hex, sizeof size_hex, "%zx", chunk_size);
    for (size_t i = 0; i < chunks; ++i) {
      raw += std::string(size_hex) + "\r\n" + std::string(chunk_size, 'b') + "\r\n";
    }
    raw += "0\r\n\r\n";
    return test_client::Exchange(port_, raw).status();
  }

  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline unsigned short port_ = 0;
};

TEST_F(BodyLimitTest, TheUploadTargetGetsItsLargerLimit) {
  std::string body;
  EXPECT_EQ(Post("/upload", 3000, &body), 200);
  EXPECT_EQ(body, "3000");
  EXPECT_EQ(Post("/upload", 5000), 413);
  EXPECT_EQ(PostChunked("/upload", 3, 1000), 200);
  EXPECT_EQ(PostChunked("/upload", 5, 1000), 413);
}

TEST_F(BodyLimitTest, EveryOtherTargetKeepsTheDefault) {
  EXPECT_EQ(Post("/other", 1000), 200);
  EXPECT_EQ(Post("/other", 2000), 413);
  EXPECT_EQ(Post("/upload/more", 2000), 413);
  EXPECT_EQ(PostChunked("/other", 3, 500), 413);
  EXPECT_EQ(PostChunked("/other", 2, 500), 200);
}

}  // namespace
}  // namespace gongkai::web
