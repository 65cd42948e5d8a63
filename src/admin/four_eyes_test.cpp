// Issue 16 on the back office: nobody changes roles of their own account (the screen shows
// core's refusal), the password-change form shares the sign-in lockout and audits each
// failure, every view of an applicant's personal data is audited and listed on the
// request's audit page, and an account's audit page lists role, password and token changes.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class FourEyesScreenTest : public BackOfficeTest {
 protected:
  static core::Status Db(const std::function<core::Status(core::Repositories&)>& work) {
    return envs_[GetParam()]->pool->With([&](store::SociStore& st) { return st.Transact(work); });
  }
  static core::User User(const std::string& username) {
    core::User out;
    core::Status s = Db([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto u, r.users().FindByUsername(username));
      if (u) out = *u;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
  static size_t CountAudit(const std::string& entity, const std::string& id,
                           const std::string& action) {
    size_t n = 0;
    core::Status s = Db([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto events, r.audit().ListFor(entity, id));
      for (const auto& e : events) n += e.action == action;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }
};

TEST_P(FourEyesScreenTest, AnAdminCannotGrantOrRevokeRolesOfItsOwnAccount) {
  for (const char* who : {"admin", "adminb"}) {
    auto admin = As(who);
    std::string page = std::string("/admin/users/") + who;
    Reply shown = admin->Get(page);
    ASSERT_EQ(shown.status, 200);
    EXPECT_NE(shown.body.find("四眼原则"), std::string::npos);
    Reply grant = admin->Post(
        page + "/grant",
        {{"org", who == std::string("admin") ? "QX" : "QXB"}, {"role", "reviewer"}}, page);
    EXPECT_EQ(grant.status, 403) << who;
    EXPECT_NE(grant.body.find("管理员"), std::string::npos) << grant.body;
    core::Id user_id = User(who).id;
    std::vector<core::RoleGrant> grants;
    core::Status s = Db([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(grants, r.users().ListGrants(user_id));
      return core::Status::Ok();
    });
    for (const auto& g : grants) {
      EXPECT_NE(g.role, core::Role::kReviewer) << who << " granted itself 审查员";
      if (g.role == core::Role::kAdmin) {
        Reply revoke = admin->Post(page + "/revoke", {{"grant", std::to_string(g.id)}}, page);
        EXPECT_EQ(revoke.status, 403);
      }
    }
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST_P(FourEyesScreenTest, WrongCurrentPasswordsShareTheSignInLockoutAndAreAudited) {
  auto b = As("guesser");
  core::User u = User("guesser");
  size_t before = CountAudit("user", std::to_string(u.id), "user.password_failed");
  int attempts = 0;
  Reply r;
  do {
    r = b->Post("/admin/password",
                {{"current", "guess-" + std::to_string(attempts)},
                 {"new_password", "another-long-password"},
                 {"confirm", "another-long-password"}},
                "/admin/password");
    ++attempts;
  } while (r.status != 429 && attempts < 10);
  EXPECT_EQ(attempts, 6) << "the sixth guess is refused";
  EXPECT_NE(r.body.find("分钟后再试"), std::string::npos);
  EXPECT_EQ(CountAudit("user", std::to_string(u.id), "user.password_failed") - before, 5u);
  // The right password does not help now, and the sign-in is locked too.
  Reply right = b->Post("/admin/password",
                        {{"current", kPassword},
                         {"new_password", "another-long-password"},
                         {"confirm", "another-long-password"}},
                        "/admin/password");
  EXPECT_EQ(right.status, 429);
  EXPECT_EQ(Browser(port_).Login("guesser", kPassword).status, 429);
  Advance(std::chrono::minutes(16));
}

TEST_P(FourEyesScreenTest, OpeningAnApplicantsPersonalDataIsAuditedAndListed) {
  auto handler = As("handler");
  Reply created = handler->Post("/admin/requests/new",
                                {{"org", "QXA"},
                                 {"channel", "online"},
                                 {"applicant_type", "natural_person"},
                                 {"name", "赵六"},
                                 {"id_document", "430000199001010011"},
                                 {"contact", "13800000011"},
                                 {"submitted_on", Today()},
                                 {"description", "学校名单"},
                                 {"doc_no", ""},
                                 {"delivery_form", "电子邮件"}},
                                "/admin/requests/new");
  ASSERT_EQ(created.status, 200) << created.body;
  size_t at = created.body.find("/admin/requests/");
  ASSERT_NE(at, std::string::npos);
  std::string id = created.body.substr(at + 16, created.body.find('"', at) - at - 16);
  EXPECT_EQ(CountAudit("request", id, "request.personal_data"), 0u);
  Reply shown = handler->Get("/admin/requests/" + id);
  ASSERT_NE(shown.body.find("赵六"), std::string::npos);
  EXPECT_EQ(CountAudit("request", id, "request.personal_data"), 1u);
  // An editor sees no personal data and leaves no such event.
  As("editor")->Get("/admin/requests/" + id);
  EXPECT_EQ(CountAudit("request", id, "request.personal_data"), 1u);
  Reply trail = As("admin")->Get("/admin/audit/request/" + id);
  ASSERT_EQ(trail.status, 200);
  EXPECT_NE(trail.body.find("request.personal_data"), std::string::npos);
  EXPECT_NE(trail.body.find("user:handler"), std::string::npos);
  EXPECT_EQ(trail.body.find("赵六"), std::string::npos) << "the trail never holds the data";
}

TEST_P(FourEyesScreenTest, AnAccountsAuditPageListsRolePasswordAndTokenChanges) {
  auto admin = As("admin");
  ASSERT_EQ(admin
                ->Post("/admin/users/new",
                       {{"username", "tokenuser"},
                        {"display_name", "令牌用户"},
                        {"password", "long-enough-pass"},
                        {"org", "QXA"},
                        {"role", "editor"}},
                       "/admin/users/new")
                .status,
            303);
  core::User u = User("tokenuser");
  core::Id token_id = 0;
  core::Status s = Db([&](core::Repositories& r) -> core::Status {
    core::ApiToken t;
    t.user_id = u.id;
    t.name = "OA";
    t.token_hash = std::string(64, 'a');
    t.created_at = "2024-01-01T00:00:00Z";
    GONGKAI_ASSIGN_OR_RETURN(token_id, r.api_tokens().Insert(t));
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(admin
                ->Post("/admin/users/tokenuser/grant", {{"org", "QXB"}, {"role", "auditor"}},
                       "/admin/users/tokenuser")
                .status,
            303);
  EXPECT_EQ(admin
                ->Post("/admin/users/tokenuser/reset", {{"new_password", "temporary-pass-9"}},
                       "/admin/users/tokenuser")
                .status,
            303);
  // The reset revoked the user's API token.
  s = Db([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto t, r.api_tokens().Get(token_id));
    EXPECT_TRUE(t.revoked_at.has_value()) << "a password reset revokes the user's tokens";
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  Reply trail = admin->Get("/admin/audit/user/" + std::to_string(u.id));
  ASSERT_EQ(trail.status, 200) << trail.body;
  for (const char* action : {"user.create", "role.grant", "user.passwd", "api_token.revoke"}) {
    EXPECT_NE(trail.body.find(action), std::string::npos) << action;
  }
  EXPECT_EQ(As("editor")->Get("/admin/audit/user/" + std::to_string(u.id)).status, 403);
  EXPECT_EQ(admin->Get("/admin/audit/user/99999999").status, 404);
}

GONGKAI_ADMIN_BACKENDS(FourEyesScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
