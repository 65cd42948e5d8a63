// The composition root end to end: one App built from a config answers the portal, the
// back office, the API and operations on one port, labels every request by its route
// template, and decides body admission from the header.
#include "server/app.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "search/index_build.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/http.hpp"
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

  // Builds an App from Config() with the test clock and serves it on a thread (stopped by
  // StopServer); returns the port it listens on.
  unsigned short StartServer() {
    auto ready = std::make_shared<std::promise<unsigned short>>();
    BuildOptions build;
    build.data_dir = GONGKAI_SOURCE_DIR;
    build.clock = &clock_;
    build.handle_signals = false;
    build.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    auto app = App::Build(Config(), build);
    if (!app.ok()) {
      ADD_FAILURE() << app.status().ToString();
      return 0;
    }
    app_ = std::move(app).value();
    run_ = std::thread([this] { EXPECT_TRUE(app_->Run().ok()); });
    return ready->get_future().get();
  }
  void StopServer() {
    app_->Stop();
    run_.join();
  }
  static web::test_client::Reply Get(unsigned short port, const std::string& target) {
    return web::test_client::Exchange(
               port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .reply();
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  core::FixedClock clock_{"2026-03-02T02:00:00Z", core::Date::FromYmd(2026, 3, 2)};
  std::unique_ptr<App> app_;
  std::thread run_;
};

TEST_P(AppTest, OneEntryPointForTheThreeFrontEndsAndOperations) {
  unsigned short port = StartServer();
  ASSERT_NE(port, 0);
  EXPECT_EQ(&app_->clock(), &clock_) << "the injected clock, not a clock of its own";
  auto get = [port](const std::string& target) { return Get(port, target); };
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
  StopServer();
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

// `gongkai serve` starts its index build in the background (cli/serve_command.cpp): the
// portal answers while it runs (here held after its first committed batch), search shows
// what the index has with a notice of the progress, readiness reports it, and once the
// build is done every item is found and the notice is gone.
TEST_P(AppTest, ThePortalAnswersWhileTheIndexBuildsAndSearchSaysSo) {
  const int kItems = 5;
  {
    auto st = store::SociStore::Open(db_->url(), store::SchemaPolicy::kRequireCurrent);
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    core::Status s = (*st)->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id org, r.orgs().Insert(root));
      for (int n = 1; n <= kItems; ++n) {
        core::Item item;
        item.org_id = org;
        item.title = "关于开展第" + std::to_string(n) + "批桥梁安全巡查的通知";
        item.summary = "桥梁安全巡查";
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2026, 1, n);
        item.published_on = core::Date::FromYmd(2026, 1, n + 1);
        item.index_no = "QX/2026-0000" + std::to_string(n);
        item.category = "法定主动公开内容/通知公告";
        item.state = core::ItemState::kPublished;
        item.body_md = "正文。";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_RETURN_IF_ERROR(r.items().Insert(item).status());
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  std::promise<void> paused, resume;
  std::shared_future<void> resumed = resume.get_future().share();
  search::BackgroundIndexBuild::Options options;
  options.batch_items = 2;
  options.on_batch = [&paused, resumed](int64_t done, int64_t) {
    if (done != 2) return;
    paused.set_value();
    resumed.wait();
  };
  auto build_store = store::SociStore::Open(db_->url(), store::SchemaPolicy::kRequireCurrent);
  ASSERT_TRUE(build_store.ok()) << build_store.status().ToString();
  search::BackgroundIndexBuild index_build(std::move(build_store).value(), std::move(options));
  // Lets the build go on however this test ends (its destructor waits for the thread).
  std::shared_ptr<void> release(nullptr, [&resume](void*) {
    try {
      resume.set_value();
    } catch (const std::future_error&) {
    }
  });
  ASSERT_EQ(paused.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready)
      << "the build's first batch";

  unsigned short port = StartServer();
  ASSERT_NE(port, 0);
  auto get = [port](const std::string& target) { return Get(port, target); };
  const std::string search = "/search?q=" + web::UrlEncode("桥梁安全巡查");
  const std::string notice = "全文检索索引正在重建（已完成 40%），结果可能不完整";
  EXPECT_EQ(get("/").status, 200);
  EXPECT_EQ(get("/healthz").status, 200);
  auto readyz = get("/readyz");
  EXPECT_EQ(readyz.status, 200);
  EXPECT_NE(readyz.body.find("\"search_index_build_percent\":40"), std::string::npos)
      << readyz.body;
  auto during = get(search);
  EXPECT_EQ(during.status, 200);
  EXPECT_NE(during.body.find(notice), std::string::npos);
  EXPECT_NE(during.body.find("找到 2 条结果"), std::string::npos) << "what the index has";

  release.reset();
  index_build.Join();
  auto after = get(search);
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body.find("全文检索索引正在重建"), std::string::npos);
  EXPECT_NE(after.body.find("找到 5 条结果"), std::string::npos);
  EXPECT_EQ(get("/readyz").body.find("search_index_build_percent"), std::string::npos);
  StopServer();
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
