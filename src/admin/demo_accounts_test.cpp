// The demo accounts of `gongkai demo` (docs/admin.md) sign in with the documented password,
// land on the dashboard (no forced change) and hold the documented roles.
#include <fstream>
#include <sstream>

#include "admin/admin_test_support.hpp"
#include "app/setup.hpp"
#include "core/clock.hpp"
#include "demo/demo_data.hpp"

namespace gongkai::admin::testing {
namespace {

// The demo password as docs/admin.md states it ("**`…`**"), so the test fails when the
// documentation and the demo data disagree.
std::string DocumentedDemoPassword() {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/docs/admin.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  size_t section = doc.find("## Demo accounts");
  if (section == std::string::npos) return "";
  size_t start = doc.find("**`", section);
  if (start == std::string::npos) return "";
  start += 3;
  size_t end = doc.find("`**", start);
  return end == std::string::npos ? "" : doc.substr(start, end - start);
}

// The demo as of the server's today (`today`), as `make demo` does it.
void GenerateDemoCity(store::SociStore& st, core::Date today) {
  core::FixedClock clock(today.ToIso() + "T02:00:00Z", today);
  ASSERT_TRUE(app::ImportBundledCalendar(st, {"test", clock.NowUtc()}).ok());
  // One year at a small scale keeps the load short; the accounts do not depend on it.
  demo::DemoOptions options;
  options.today = clock.Today();
  options.first_year = today.year();
  options.scale_percent = 5;
  options.publish_reports = false;
  auto summary = demo::GenerateDemo(st, clock, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
}

class DemoAccountsTest : public BackOfficeTest {
 protected:
  void SetUp() override {
    if (!demo_) {
      demo_ = std::make_unique<Env>();
      demo_->db = std::make_unique<gongkai::testing::TestDatabase>("sqlite");
      const core::Date today = *core::Date::Parse(Today());
      Start(*demo_, [today](store::SociStore& st) { GenerateDemoCity(st, today); });
    }
    ASSERT_TRUE(demo_->ready);
    port_ = demo_->port;
  }
  static void TearDownTestSuite() {
    if (demo_ && demo_->server) demo_->server->Stop();
    if (demo_ && demo_->thread) demo_->thread->join();
    demo_.reset();
  }
  static inline std::unique_ptr<Env> demo_;
};

TEST_F(DemoAccountsTest, EveryDocumentedAccountSignsInWithTheDocumentedPassword) {
  std::string password = DocumentedDemoPassword();
  ASSERT_FALSE(password.empty()) << "docs/admin.md names no demo password";
  for (const char* username :
       {"demo-admin", "demo-editor", "demo-reviewer", "demo-handler", "demo-jyj-editor"}) {
    Browser b(port_);
    Reply login = b.Login(username, password);
    ASSERT_EQ(login.status, 303) << username << ": " << login.body;
    EXPECT_EQ(login.location, "/admin") << username << " must not be forced to change it";
    Reply home = b.Get("/admin");
    EXPECT_EQ(home.status, 200) << username;
    EXPECT_NE(home.body.find("工作台"), std::string::npos) << username;
  }
  Browser wrong(port_);
  EXPECT_EQ(wrong.Login("demo-admin", password + "x").status, 200);
}

TEST_F(DemoAccountsTest, AccountsHoldTheDocumentedRoles) {
  // The admin manages users of the whole city.
  auto admin = std::make_unique<Browser>(port_);
  ASSERT_EQ(admin->Login("demo-admin", DocumentedDemoPassword()).status, 303);
  Reply users = admin->Get("/admin/users");
  EXPECT_EQ(users.status, 200);
  EXPECT_NE(users.body.find(">demo-jyj-editor<"), std::string::npos);
  // The 教育局 editor writes items for 教育局 (and its subtree), not for the city.
  Browser jyj(port_);
  ASSERT_EQ(jyj.Login("demo-jyj-editor", DocumentedDemoPassword()).status, 303);
  Reply form = jyj.Get("/admin/items/new");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"QXS-JYJ\""), std::string::npos);
  EXPECT_EQ(form.body.find("value=\"QXS\""), std::string::npos);
  EXPECT_EQ(jyj.Get("/admin/users").status, 403);
  // The handler may register requests; the reviewer may not.
  Browser handler(port_);
  ASSERT_EQ(handler.Login("demo-handler", DocumentedDemoPassword()).status, 303);
  EXPECT_EQ(handler.Get("/admin/requests/new").status, 200);
  Browser reviewer(port_);
  ASSERT_EQ(reviewer.Login("demo-reviewer", DocumentedDemoPassword()).status, 303);
  EXPECT_EQ(reviewer.Get("/admin/requests/new").status, 403);
}

TEST_F(DemoAccountsTest, TheDemoOfficeHasWorkOnItsDeskToday) {
  // The handler's dashboard: requests due within days, one overdue.
  Browser handler(port_);
  ASSERT_EQ(handler.Login("demo-handler", DocumentedDemoPassword()).status, 303);
  Reply home = handler.Get("/admin");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("class=\"due-soon\""), std::string::npos) << home.body;
  EXPECT_NE(home.body.find("class=\"overdue\""), std::string::npos) << home.body;
  EXPECT_EQ(home.body.find("没有即将到期的申请"), std::string::npos);
  // The reviewer's queue: submissions awaiting 保密审查, the proposed guides among them.
  Browser reviewer(port_);
  ASSERT_EQ(reviewer.Login("demo-reviewer", DocumentedDemoPassword()).status, 303);
  Reply queue = reviewer.Get("/admin");
  EXPECT_EQ(queue.body.find("没有待审查的信息"), std::string::npos);
  EXPECT_NE(queue.body.find("政府信息公开指南"), std::string::npos) << queue.body;
}

}  // namespace
}  // namespace gongkai::admin::testing
