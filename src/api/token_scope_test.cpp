// Issue 16, findings 3 and 9 on the API: the token is checked from the header before any
// body byte is read; tokens may expire and be read-only; an admin's password reset or role
// revocation revokes the user's tokens. Both backends.
#include "api/api_test_support.hpp"
#include "core/account_service.hpp"
#include "web/test_client.hpp"

namespace gongkai::api::test {
namespace {

class TokenScopeTest : public ApiFixture {
 protected:
  // A token for `user` with `scope`, created at `at`.
  std::string ScopedToken(const std::string& user, const TokenScope& scope,
                          const std::string& at = "2024-06-01T00:00:00Z") {
    std::string secret;
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(CreatedToken t,
                               CreateApiToken(r, {"test", at}, user, "范围", scope));
      secret = t.secret;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return secret;
  }
};

TEST_P(TokenScopeTest, AnUploadWithoutAValidTokenIsRefusedAfterTheHeader) {
  for (const std::string& auth :
       {std::string(), std::string("Authorization: Bearer gk_forged\r\n")}) {
    web::test_client::Connection conn(port_);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(conn.Send("POST /api/v1/items HTTP/1.1\r\nHost: x\r\n" + auth +
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(19 * 1024 * 1024) + "\r\n\r\n"));
    web::test_client::Conversation c = conn.Read(0, std::chrono::seconds(3));
    EXPECT_FALSE(c.timed_out) << "the server waited for the body";
    ASSERT_EQ(c.replies.size(), 1u) << c.raw.substr(0, 300);
    EXPECT_EQ(c.first().status, 401);
    EXPECT_TRUE(c.closed);
  }
}

TEST_P(TokenScopeTest, ReadOnlyTokensOnlyRead) {
  TokenScope scope;
  scope.read_only = true;
  tokens_["editor-ro"] = ScopedToken("editor", scope);
  EXPECT_EQ(Get("/api/v1/orgs", "editor-ro").status, 200);
  Reply post =
      Post("/api/v1/items", "editor-ro",
           R"({"org":"QX-A","title":"只读","formed_on":"2024-05-30","category":"通知公告"})");
  EXPECT_EQ(post.status, 403) << post.body;
  EXPECT_EQ(post.ErrorCode(), "permission_denied");
  // The same user's full token still writes.
  EXPECT_GT(CreateDraft("editor", "QX-A", "可写"), 0);
}

TEST_P(TokenScopeTest, ExpiredTokensAreUnknownTokens) {
  TokenScope soon;
  soon.expires_at = "2024-06-02T00:00:00Z";  // the server's clock says 2024-06-03
  tokens_["editor-old"] = ScopedToken("editor", soon);
  EXPECT_EQ(Get("/api/v1/orgs", "editor-old").status, 401);
  TokenScope later;
  later.expires_at = "2024-07-01T00:00:00Z";
  tokens_["editor-new"] = ScopedToken("editor", later);
  EXPECT_EQ(Get("/api/v1/orgs", "editor-new").status, 200);
  core::Status s = store_->Transact([&](core::Repositories& r) {
    TokenScope past;
    past.expires_at = "2024-01-01T00:00:00Z";
    return CreateApiToken(r, {"test", "2024-06-03T02:00:00Z"}, "editor", "过期", past).status();
  });
  EXPECT_EQ(s.code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "expires");
}

TEST_P(TokenScopeTest, AnAdminsResetOrRoleRevocationRevokesTheUsersTokens) {
  AddUserWithToken("boss", core::Role::kAdmin, "QX");
  AddUserWithToken("resetme", core::Role::kEditor, "QX-A");
  ASSERT_EQ(Get("/api/v1/orgs", "editor").status, 200);
  ASSERT_EQ(Get("/api/v1/orgs", "resetme").status, 200);
  core::ChangeContext ctx{"user:boss", "2024-06-03T02:30:00Z"};
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto editor, r.users().FindByUsername("editor"));
    GONGKAI_ASSIGN_OR_RETURN(auto grants, r.users().ListGrants(editor->id));
    GONGKAI_RETURN_IF_ERROR(core::RevokeRole(r, ctx, "boss", "editor", grants.at(0).id).status());
    return core::SetPassword(r, ctx, "resetme", "new-hash", /*must_change=*/true);
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Get("/api/v1/orgs", "editor").status, 401) << "role revoked: token revoked";
  EXPECT_EQ(Get("/api/v1/orgs", "resetme").status, 401) << "password reset: token revoked";
  EXPECT_EQ(Get("/api/v1/orgs", "boss").status, 200);
  s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto events,
                             r.audit().ListFor("api_token", std::to_string(token_ids_["editor"])));
    EXPECT_EQ(events.back().action, "api_token.revoke");
    EXPECT_NE(events.back().after_json.find("role.revoke"), std::string::npos);
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, TokenScopeTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
