// API tokens over the in-memory store: the secret is never stored or audited, revoked and
// disabled users' tokens do not authenticate, and use is recorded at minute resolution.
#include "api/tokens.hpp"

#include <gtest/gtest.h>

#include "core/fake_store.hpp"
#include "core/org_service.hpp"

namespace gongkai::api {
namespace {

class TokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Status s = store_.Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_RETURN_IF_ERROR(r.orgs().Insert(root).status());
      core::User u;
      u.username = "oa-bot";
      u.display_name = "OA";
      u.password_hash = "unused";
      return core::CreateUser(r, ctx_, u, core::Role::kEditor, "").status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  core::FakeStore store_;
  core::ChangeContext ctx_{"cli:root", "2024-06-03T02:00:00Z"};
};

TEST_F(TokensTest, SecretIsShownOnceAndStoredHashed) {
  CreatedToken created;
  ASSERT_TRUE(store_
                  .Transact([&](core::Repositories& r) -> core::Status {
                    GONGKAI_ASSIGN_OR_RETURN(created, CreateApiToken(r, ctx_, "oa-bot", "OA 系统"));
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(created.secret.rfind("gk_", 0), 0u);
  EXPECT_EQ(created.secret.size(), 46u);
  EXPECT_NE(NewTokenSecret(), created.secret);
  core::Status s = store_.Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto tokens, r.api_tokens().List());
    EXPECT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].token_hash, HashTokenSecret(created.secret));
    EXPECT_EQ(tokens[0].token_hash.size(), 64u);
    EXPECT_EQ(tokens[0].username, "oa-bot");
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.audit().ListFor("api_token", "1"));
    EXPECT_EQ(events.size(), 1u);
    for (const auto& e : events) {
      EXPECT_EQ(e.action, "api_token.create");
      EXPECT_EQ(e.after_json.find(created.secret), std::string::npos);
      EXPECT_EQ(e.after_json.find(tokens[0].token_hash), std::string::npos);
    }
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(TokensTest, AuthenticatesUntilRevokedOrDisabled) {
  CreatedToken created;
  auto run = [&](const std::function<core::Status(core::Repositories&)>& work) {
    return store_.Transact(work);
  };
  ASSERT_TRUE(run([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(created, CreateApiToken(r, ctx_, "oa-bot", "OA"));
                return core::Status::Ok();
              }).ok());
  auto auth = [&](const std::string& secret, const std::string& now) {
    core::Result<Principal> out = core::Internal("unset");
    EXPECT_TRUE(run([&](core::Repositories& r) {
                  out = Authenticate(r, secret, now);
                  return core::Status::Ok();
                }).ok());
    return out;
  };
  auto who = auth(created.secret, "2024-06-03T02:05:10Z");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->user.username, "oa-bot");
  EXPECT_EQ(who->grants.size(), 1u);
  EXPECT_EQ(auth(created.secret + "x", "2024-06-03T02:05:10Z").status().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(auth("", "2024-06-03T02:05:10Z").status().code(), core::ErrorCode::kNotFound);

  auto last_used = [&] {
    std::optional<std::string> at;
    EXPECT_TRUE(run([&](core::Repositories& r) -> core::Status {
                  GONGKAI_ASSIGN_OR_RETURN(auto t, r.api_tokens().Get(created.token.id));
                  at = t.last_used_at;
                  return core::Status::Ok();
                }).ok());
    return at;
  };
  EXPECT_EQ(last_used(), "2024-06-03T02:05:10Z");
  ASSERT_TRUE(auth(created.secret, "2024-06-03T02:05:50Z").ok());
  EXPECT_EQ(last_used(), "2024-06-03T02:05:10Z");  // same minute: not rewritten
  ASSERT_TRUE(auth(created.secret, "2024-06-03T02:06:01Z").ok());
  EXPECT_EQ(last_used(), "2024-06-03T02:06:01Z");

  ASSERT_TRUE(run([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(auto u, r.users().FindByUsername("oa-bot"));
                u->disabled = true;
                return r.users().Update(*u);
              }).ok());
  EXPECT_FALSE(auth(created.secret, "2024-06-03T02:07:00Z").ok());
  ASSERT_TRUE(run([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(auto u, r.users().FindByUsername("oa-bot"));
                u->disabled = false;
                return r.users().Update(*u);
              }).ok());
  ASSERT_TRUE(auth(created.secret, "2024-06-03T02:08:00Z").ok());

  ASSERT_TRUE(run([&](core::Repositories& r) {
                return RevokeApiToken(r, ctx_, created.token.id).status();
              }).ok());
  EXPECT_EQ(auth(created.secret, "2024-06-03T02:09:00Z").status().code(),
            core::ErrorCode::kNotFound);
  core::Status again = run(
      [&](core::Repositories& r) { return RevokeApiToken(r, ctx_, created.token.id).status(); });
  EXPECT_EQ(again.code(), core::ErrorCode::kNotFound);
}

TEST_F(TokensTest, RefusesUnknownUsersAndBadNames) {
  core::Status s = store_.Transact(
      [&](core::Repositories& r) { return CreateApiToken(r, ctx_, "nobody", "x").status(); });
  EXPECT_EQ(s.code(), core::ErrorCode::kNotFound);
  s = store_.Transact(
      [&](core::Repositories& r) { return CreateApiToken(r, ctx_, "oa-bot", "").status(); });
  EXPECT_EQ(s.code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "name");
}

}  // namespace
}  // namespace gongkai::api
