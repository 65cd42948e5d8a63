#include "core/account_service.hpp"

#include "core/authorization.hpp"
#include "core/json_writer.hpp"
#include "core/record_json.hpp"

namespace gongkai::core {

std::string ApiTokenAuditJson(const ApiToken& token) {
  JsonObjectWriter w;
  w.Add("id", int64_t{token.id})
      .Add("user_id", int64_t{token.user_id})
      .Add("username", token.username)
      .Add("name", token.name)
      .Add("created_at", token.created_at)
      .Add("revoked_at", token.revoked_at)
      .Add("expires_at", token.expires_at)
      .Add("read_only", token.read_only);
  return w.Finish();
}

Result<RoleGrant> GrantRole(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                            std::string_view target, Role role, Id org_id) {
  GONGKAI_RETURN_IF_ERROR(repos.orgs().Get(org_id).status());
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kUserManage, org_id));
  GONGKAI_RETURN_IF_ERROR(CheckNotOwnAccount(actor, target));
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(target));
  if (!user) return NotFound("用户不存在: " + std::string(target), "user");
  RoleGrant g{0, user->id, org_id, role, ctx.at, std::nullopt};
  GONGKAI_ASSIGN_OR_RETURN(g.id, repos.users().InsertGrant(g));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "role.grant", "role_grant",
                                       std::to_string(g.id), "", ToAuditJson(g)));
  return g;
}

Result<RoleGrant> RevokeRole(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                             std::string_view target, Id grant_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(target));
  if (!user) return NotFound("用户不存在: " + std::string(target), "user");
  GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
  const RoleGrant* found = nullptr;
  for (const auto& g : grants) {
    if (g.id == grant_id && !g.revoked_at) found = &g;
  }
  if (!found) return NotFound("授权不存在或已撤销", "grant");
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kUserManage, found->org_id));
  GONGKAI_RETURN_IF_ERROR(CheckNotOwnAccount(actor, target));
  GONGKAI_RETURN_IF_ERROR(repos.users().RevokeGrant(grant_id, ctx.at));
  RoleGrant after = *found;
  after.revoked_at = ctx.at;
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "role.revoke", "role_grant",
                                       std::to_string(grant_id), ToAuditJson(*found),
                                       ToAuditJson(after)));
  GONGKAI_RETURN_IF_ERROR(RevokeUserTokens(repos, ctx, user->id, "role.revoke").status());
  return after;
}

Result<int> RevokeUserTokens(Repositories& repos, const ChangeContext& ctx, Id user_id,
                             std::string_view reason) {
  GONGKAI_ASSIGN_OR_RETURN(auto tokens, repos.api_tokens().List());
  int n = 0;
  for (const auto& t : tokens) {
    if (t.user_id != user_id || t.revoked_at) continue;
    GONGKAI_RETURN_IF_ERROR(repos.api_tokens().Revoke(t.id, ctx.at));
    ApiToken after = t;
    after.revoked_at = ctx.at;
    std::string after_json = ApiTokenAuditJson(after);
    after_json.pop_back();
    after_json += ",\"reason\":";
    AppendJsonString(after_json, reason);
    after_json += "}";
    GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "api_token.revoke", "api_token",
                                         std::to_string(t.id), ApiTokenAuditJson(t), after_json));
    ++n;
  }
  return n;
}

}  // namespace gongkai::core
