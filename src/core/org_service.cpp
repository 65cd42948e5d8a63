#include "core/org_service.hpp"

#include "core/account_service.hpp"
#include "core/org_tree.hpp"
#include "core/record_json.hpp"

namespace gongkai::core {

Result<Org> ResolveOrg(Repositories& repos, std::string_view code) {
  if (!code.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(auto found, repos.orgs().FindByCode(code));
    if (!found) return NotFound("机构代码不存在: " + std::string(code), "org");
    return *found;
  }
  GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
  OrgTree tree(std::move(all));
  auto roots = tree.Roots();
  if (roots.empty()) return NotFound("尚无任何机构：请先用 gongkai org add 创建根机构", "org");
  return *roots.front();
}

Result<Org> CreateOrg(Repositories& repos, const ChangeContext& ctx, Org org,
                      std::string_view parent_code) {
  GONGKAI_RETURN_IF_ERROR(ValidateOrg(org));
  if (parent_code.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    OrgTree tree(std::move(all));
    if (!tree.Roots().empty()) {
      return FailedPrecondition("已有根机构 " + tree.Roots().front()->code +
                                "：新机构须用 --parent 指定上级");
    }
    org.parent_id.reset();
  } else {
    GONGKAI_ASSIGN_OR_RETURN(auto parent, repos.orgs().FindByCode(parent_code));
    if (!parent) return NotFound("上级机构代码不存在: " + std::string(parent_code), "parent");
    org.parent_id = parent->id;
  }
  GONGKAI_ASSIGN_OR_RETURN(org.id, repos.orgs().Insert(org));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "org.create", "org",
                                       std::to_string(org.id), "", ToAuditJson(org)));
  return org;
}

Result<User> CreateUser(Repositories& repos, const ChangeContext& ctx, User user, Role role,
                        std::string_view org_code) {
  GONGKAI_RETURN_IF_ERROR(ValidateUsername(user.username));
  if (user.display_name.empty()) user.display_name = user.username;
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, org_code));
  user.created_at = ctx.at;
  GONGKAI_ASSIGN_OR_RETURN(user.id, repos.users().Insert(user));
  RoleGrant grant{0, user.id, org.id, role, ctx.at, std::nullopt};
  GONGKAI_ASSIGN_OR_RETURN(grant.id, repos.users().InsertGrant(grant));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "user.create", "user",
                                       std::to_string(user.id), "", ToAuditJson(user)));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "role.grant", "role_grant",
                                       std::to_string(grant.id), "", ToAuditJson(grant)));
  return user;
}

Status SetPassword(Repositories& repos, const ChangeContext& ctx, std::string_view username,
                   std::string password_hash, bool must_change) {
  GONGKAI_ASSIGN_OR_RETURN(auto found, repos.users().FindByUsername(username));
  if (!found) return NotFound("用户不存在: " + std::string(username), "username");
  User before = *found;
  found->password_hash = std::move(password_hash);
  found->must_change_password = must_change;
  GONGKAI_RETURN_IF_ERROR(repos.users().Update(*found));
  // The hash itself stays out of the trail; the event records that it changed.
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "user.passwd", "user",
                                       std::to_string(found->id), ToAuditJson(before),
                                       ToAuditJson(*found)));
  // An admin's reset (the user must change it) ends what the old password opened: the
  // user's API tokens (sessions are the caller's, which knows whose session is current).
  if (!must_change) return Status::Ok();
  return RevokeUserTokens(repos, ctx, found->id, "user.passwd").status();
}

}  // namespace gongkai::core
