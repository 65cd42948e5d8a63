// Sign-in, sessions, throttling, password changes and CSRF on a real server.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class AuthTest : public BackOfficeTest {};

TEST_P(AuthTest, LoginHappyPathSetsAStrictHttpOnlyCookie) {
  Browser b(port_);
  Reply anon = b.Get("/admin");
  EXPECT_EQ(anon.status, 303);
  EXPECT_EQ(anon.location, "/admin/login");
  Reply r = b.Login("editor", kPassword);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/admin");
  bool found = false;
  for (const auto& c : r.cookies) {
    if (c.rfind("gk_session=", 0) != 0) continue;
    found = true;
    EXPECT_NE(c.find("HttpOnly"), std::string::npos);
    EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(c.find("Path=/admin"), std::string::npos);
  }
  EXPECT_TRUE(found);
  Reply home = b.Get("/admin");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("工作台"), std::string::npos);
  EXPECT_NE(home.body.find("退出"), std::string::npos);
}

TEST_P(AuthTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Browser b(port_);
  Reply wrong = b.Login("editor", "not-the-password");
  EXPECT_EQ(wrong.status, 200);
  EXPECT_NE(wrong.body.find("用户名或密码错误"), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"editor\""), std::string::npos);  // keeps the name
  EXPECT_EQ(wrong.body.find("not-the-password"), std::string::npos);
  Reply unknown = b.Login("nobody", "whatever-it-is");
  EXPECT_EQ(unknown.status, 200);
  EXPECT_NE(unknown.body.find("用户名或密码错误"), std::string::npos);
  EXPECT_EQ(b.Get("/admin").status, 303);
}

TEST_P(AuthTest, FiveFailuresLockTheAccountUntilTheLockoutEnds) {
  Browser b(port_);
  int attempts = 0;
  Reply r;
  do {
    r = b.Login("throttled", "wrong-password-" + std::to_string(attempts));
    ++attempts;
  } while (r.status != 429 && attempts < 10);
  EXPECT_EQ(attempts, 6) << "the sixth attempt is refused";
  Reply right = b.Login("throttled", kPassword);
  EXPECT_EQ(right.status, 429) << "even with the right password";
  EXPECT_NE(right.body.find("分钟后再试"), std::string::npos);
  Advance(std::chrono::minutes(16));
  EXPECT_EQ(b.Login("throttled", kPassword).status, 303);
}

TEST_P(AuthTest, IdleSessionsEnd) {
  auto b = As("sleepy");
  Advance(std::chrono::minutes(20));
  EXPECT_EQ(b->Get("/admin").status, 200);  // activity keeps it alive
  Advance(std::chrono::minutes(29));
  EXPECT_EQ(b->Get("/admin").status, 200);
  Advance(std::chrono::minutes(31));
  Reply r = b->Get("/admin");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/admin/login");
}

TEST_P(AuthTest, SessionsEndAfterTwelveHoursWhateverTheActivity) {
  auto b = As("roamer");
  for (int i = 0; i < 24; ++i) {
    Advance(std::chrono::minutes(29));
    ASSERT_EQ(b->Get("/admin").status, 200) << i;
  }
  Advance(std::chrono::minutes(29));  // 12 h 5 min after sign-in
  EXPECT_EQ(b->Get("/admin").status, 303);
}

TEST_P(AuthTest, LogoutEndsOneSessionLogoutAllEndsEvery) {
  auto one = As("reviewer");
  auto two = As("reviewer");
  auto three = As("reviewer");
  EXPECT_EQ(one->Post("/admin/logout", {}).status, 303);
  EXPECT_EQ(one->Get("/admin").status, 303);
  EXPECT_EQ(two->Get("/admin").status, 200);
  Reply all = two->Post("/admin/logout-all", {});
  EXPECT_EQ(all.status, 303);
  EXPECT_EQ(two->Get("/admin").status, 303);
  EXPECT_EQ(three->Get("/admin").status, 303);
}

TEST_P(AuthTest, ResetPasswordForcesAChangeBeforeAnythingElse) {
  auto admin = As("admin");
  Reply reset = admin->Post("/admin/users/handlerb/reset", {{"new_password", "temporary-pass-1"}},
                            "/admin/users/handlerb");
  ASSERT_EQ(reset.status, 303) << reset.body;
  Browser b(port_);
  Reply login = b.Login("handlerb", "temporary-pass-1");
  ASSERT_EQ(login.status, 303);
  EXPECT_EQ(login.location, "/admin/password");
  EXPECT_EQ(b.Get("/admin/requests").location, "/admin/password");
  Reply weak =
      b.Post("/admin/password",
             {{"current", "temporary-pass-1"}, {"new_password", "short"}, {"confirm", "short"}},
             "/admin/password");
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find("field-error"), std::string::npos);
  Reply ok = b.Post("/admin/password",
                    {{"current", "temporary-pass-1"},
                     {"new_password", "a-much-better-one"},
                     {"confirm", "a-much-better-one"}},
                    "/admin/password");
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(b.Get("/admin").status, 200);
  Browser again(port_);
  EXPECT_EQ(again.Login("handlerb", "a-much-better-one").status, 303);
}

TEST_P(AuthTest, LogoutAllWorksWhileAPasswordChangeIsPending) {
  auto admin = As("admin");
  ASSERT_EQ(admin
                ->Post("/admin/users/sleepy/reset", {{"new_password", "temporary-pass-2"}},
                       "/admin/users/sleepy")
                .status,
            303);
  Browser b(port_);
  ASSERT_EQ(b.Login("sleepy", "temporary-pass-2").location, "/admin/password");
  Reply all = b.Post("/admin/logout-all", {}, "/admin/password");
  EXPECT_EQ(all.status, 303);
  EXPECT_EQ(all.location, "/admin/login");
  EXPECT_EQ(b.Get("/admin/password").location, "/admin/login");
}

TEST_P(AuthTest, EveryStateChangingRouteRefusesAMissingOrForgedCsrfToken) {
  auto admin = As("admin");
  for (const char* path :
       {"/admin/logout", "/admin/logout-all", "/admin/password", "/admin/items/new",
        "/admin/items/1/edit", "/admin/items/1/submit", "/admin/items/1/review",
        "/admin/items/1/publish", "/admin/items/1/withdraw", "/admin/requests/new",
        "/admin/requests/1/events", "/admin/users/new", "/admin/users/editor/grant",
        "/admin/users/editor/revoke", "/admin/users/editor/disable", "/admin/users/editor/reset"}) {
    EXPECT_EQ(admin->PostRaw(path, "title=x").status, 403) << path;
    EXPECT_EQ(admin->PostRaw(path, "title=x&csrf=AAAAforged").status, 403) << path;
  }
  Browser anon(port_);
  EXPECT_EQ(anon.PostRaw("/admin/login", "username=editor&password=x").status, 403);
  EXPECT_EQ(admin->Get("/admin").status, 200) << "still signed in";
}

GONGKAI_ADMIN_BACKENDS(AuthTest);

}  // namespace
}  // namespace gongkai::admin::testing
