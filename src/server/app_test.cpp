// The composition root end to end: one App built from a config answers the portal, the
// back office, the API and operations on one port, labels every request by its route
// template, and decides body admission from the header.
#include "server/app.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/router.hpp"
#include "web/test_client.hpp"

namespace gongkai::server {
namespace {

class AppTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto store = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }

  app::ServerConfig Config() const {
    app::ServerConfig c;
    c.db = db_->url();
    c.listen = "127.0.0.1:0";
    c.listen_address = {"127.0.0.1", 0};
    c.threads = 1;
    c.workers = 1;
    c.access_log = false;
    return c;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  core::FixedClock clock_{"2026-03-02T02:00:00Z", core::Date::FromYmd(2026, 3, 2)};
};

TEST_P(AppTest, OneEntryPointForTheThreeFrontEndsAndOperations) {
  auto ready = std::make_shared<std::promise<unsigned short>>();
  BuildOptions build;
  build.data_dir = GONGKAI_SOURCE_DIR;
  build.clock = &clock_;
  build.handle_signals = false;
  build.on_listening = [ready](unsigned short p) { ready->set_value(p); };
  auto app = App::Build(Config(), build);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  App& server = **app;
  EXPECT_EQ(&server.clock(), &clock_) << "the injected clock, not a clock of its own";
  std::thread run([&server] { EXPECT_TRUE(server.Run().ok()); });
  unsigned short port = ready->get_future().get();
  auto get = [port](const std::string& target) {
    return web::test_client::Exchange(
               port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .reply();
  };
  EXPECT_EQ(get("/").status, 200);
  EXPECT_EQ(get("/admin").status, 303) << "the back office asks to sign in";
  EXPECT_EQ(get("/admin/login").status, 200);
  EXPECT_EQ(get("/api/openapi.json").status, 200);
  EXPECT_EQ(get("/api/v1/items").status, 401) << "the API wants a token";
  EXPECT_EQ(get("/no/such/page").status, 404);
  EXPECT_EQ(get("/readyz").status, 200);
  // Limits before bodies: an upload without a session is refused from its header.
  auto upload = web::test_client::Exchange(port,
                                           "POST /admin/items/1/attachments HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Type: multipart/form-data; boundary=b\r\n"
                                           "Content-Length: 10\r\nConnection: close\r\n\r\n")
                    .reply();
  EXPECT_EQ(upload.status, 403);

  auto metrics = get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  for (const char* label :
       {"route=\"/\"", "route=\"/admin\"", "route=\"/admin/login\"", "route=\"/api/openapi.json\"",
        "route=\"/api/v1/items\"", "route=\"unmatched\"", "route=\"/readyz\""}) {
    EXPECT_NE(metrics.body.find(label), std::string::npos) << label;
  }
  EXPECT_EQ(metrics.body.find("/no/such/page"), std::string::npos);
  server.Stop();
  run.join();
}

TEST_P(AppTest, LabelsComeFromTheRouteTableOfTheFrontEndThatOwnsThePath) {
  BuildOptions build;
  build.data_dir = GONGKAI_SOURCE_DIR;
  build.handle_signals = false;
  auto app = App::Build(Config(), build);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  auto label = [&](const std::string& path) {
    web::HttpRequest r;
    r.method = "GET";
    r.path = path;
    return (*app)->Label(r);
  };
  EXPECT_EQ(label("/item/42"), "/item/{id}");
  EXPECT_EQ(label("/admin/items/7/publish"), "/admin/items/{id}/publish");
  EXPECT_EQ(label("/admin/users/zhang.san/grant"), "/admin/users/{username}/grant");
  EXPECT_EQ(label("/api/v1/items/7"), "/api/v1/items/{id}");
  EXPECT_EQ(label("/metrics"), "/metrics");
  for (const char* unknown : {"/admin/items/7/zzz", "/admin/%E4%B8%AD", "/api/v1/a/b/c/d",
                              "/api/v1/items/abc", "/item/abc"}) {
    EXPECT_EQ(label(unknown), web::kUnmatchedRoute) << unknown;
  }
}

TEST_P(AppTest, ABadSecretFileFailsTheBuildNamingItsKey) {
  app::ServerConfig c = Config();
  c.metrics_token_file = "/nonexistent/metrics.token";
  BuildOptions build;
  build.data_dir = GONGKAI_SOURCE_DIR;
  auto app = App::Build(c, build);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().field(), "metrics_token_file");
}

INSTANTIATE_TEST_SUITE_P(Backends, AppTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::server
