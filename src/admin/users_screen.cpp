// Users and roles: list, create a user with a role on a body, grant and revoke roles,
// disable, reset a password (the user must change it at next sign-in; the user's API tokens
// are revoked). Grants and revocations go through core (GrantRole, RevokeRole): nobody
// changes roles of their own account. An admin manages a
// user only when every unrevoked grant of that user lies in the admin's kUserManage
// subtree (a user without grants: admins of the root only), so a department's admin
// cannot take over an account of the city.
#include "admin/office.hpp"
#include "app/password.hpp"
#include "core/account_service.hpp"
#include "core/org_service.hpp"
#include "core/record_json.hpp"

namespace gongkai::admin {
namespace {

bool Manages(const Ctx& ctx, const std::vector<core::RoleGrant>& grants) {
  bool any = false;
  for (const auto& g : grants) {
    if (g.revoked_at) continue;
    any = true;
    if (!ctx.Can(core::Action::kUserManage, g.org_id).ok()) return false;
  }
  if (any) return true;
  for (const core::Org* root : ctx.tree->Roots()) {
    if (ctx.Can(core::Action::kUserManage, root->id).ok()) return true;
  }
  return false;
}

web::View RoleOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto r : {core::Role::kAdmin, core::Role::kEditor, core::Role::kReviewer,
                 core::Role::kCaseHandler, core::Role::kAuditor}) {
    v.emplace_back(core::RoleCode(r), core::RoleLabel(r));
  }
  return Options(v, selected);
}

struct Target {
  core::User user;
  std::vector<core::RoleGrant> grants;
};

Target LoadTarget(Office& o, Ctx& ctx, const std::string& username) {
  Target t;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(username));
    if (!user) return core::NotFound("用户不存在。");
    t.user = *user;
    GONGKAI_ASSIGN_OR_RETURN(t.grants, repos.users().ListGrants(user->id));
    return core::Status::Ok();
  });
  if (!Manages(ctx, t.grants)) throw HttpError{403, "无权管理该用户。"};
  return t;
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  if (ctx.Orgs(core::Action::kUserManage).empty()) throw HttpError{403, "无权管理用户。"};
  std::vector<std::pair<core::User, std::vector<core::RoleGrant>>> users;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.users().List());
    for (auto& u : all) {
      GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(u.id));
      users.emplace_back(std::move(u), std::move(grants));
    }
    return core::Status::Ok();
  });
  web::View rows = web::View::List();
  for (const auto& [u, grants] : users) {
    if (!Manages(ctx, grants)) continue;
    std::string roles;
    for (const auto& g : grants) {
      if (g.revoked_at) continue;
      roles += (roles.empty() ? "" : "；") + ctx.OrgName(g.org_id) + " " + core::RoleLabel(g.role);
    }
    web::View r;
    r.Set("username", u.username);
    r.Set("display_name", u.display_name);
    r.Set("roles", roles);
    r.Set("disabled", web::View::Bool(u.disabled));
    rows.Push(r);
  }
  web::View v;
  v.Set("users", rows);
  return o.Page(&ctx, "users", v, "用户与角色");
}

web::HttpResponse Create(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kUserManage);
  if (orgs.empty()) throw HttpError{403, "无权管理用户。"};
  FormState form(ctx.form);
  auto render = [&](int status) {
    web::View v = form.ToView();
    v.Set("orgs", OrgOptions(ctx, orgs, ctx.Field("org")));
    v.Set("roles", RoleOptions(ctx.Field("role")));
    return o.Page(&ctx, "user_new", v, "新建用户", status);
  };
  if (!ctx.post()) return render(200);
  core::User user;
  user.username = ctx.Field("username");
  user.display_name = ctx.Field("display_name");
  user.must_change_password = true;  // the initial password is known to the admin
  core::Status name = core::ValidateUsername(user.username);
  if (!name.ok()) form.Error("username", name.message());
  core::Status strength = core::ValidatePasswordStrength(ctx.Field("password"));
  if (!strength.ok()) form.Error("password", strength.message());
  auto role = core::ParseRole(ctx.Field("role"));
  if (!role.ok()) form.Error("role", "请选择角色。");
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择机构。");
  } else {
    ctx.Require(core::Action::kUserManage, org->id);
  }
  if (!form.ok()) return render(422);
  auto hash = app::HashPassword(ctx.Field("password"));
  if (!hash.ok()) Fail(hash.status());
  user.password_hash = *hash;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::CreateUser(repos, ctx.Change(), user, *role, org->code).status();
  });
  if (s.code() == core::ErrorCode::kAlreadyExists ||
      s.code() == core::ErrorCode::kInvalidArgument) {
    form.Error("username", s.message());
    return render(422);
  }
  if (!s.ok()) Fail(s);
  return Redirect("/admin/users/" + web::UrlEncode(user.username));
}

web::HttpResponse Show(Office& o, Ctx& ctx, const Target& t, FormState form, int status) {
  web::View v = form.ToView();
  v.Set("username", t.user.username);
  v.Set("display_name", t.user.display_name);
  v.Set("disabled", web::View::Bool(t.user.disabled));
  v.Set("must_change", web::View::Bool(t.user.must_change_password));
  v.Set("self", web::View::Bool(t.user.id == ctx.user.id));
  web::View grants = web::View::List();
  for (const auto& g : t.grants) {
    web::View r;
    r.Set("id", std::to_string(g.id));
    r.Set("org", ctx.OrgName(g.org_id));
    r.Set("role", core::RoleLabel(g.role));
    r.Set("granted_at", g.granted_at);
    r.Set("revoked_at", g.revoked_at.value_or(""));
    r.Set("active", web::View::Bool(!g.revoked_at));
    grants.Push(r);
  }
  v.Set("grants", grants);
  v.Set("orgs", OrgOptions(ctx, ctx.Orgs(core::Action::kUserManage), ctx.Field("org")));
  v.Set("roles", RoleOptions(ctx.Field("role")));
  v.Set("user_id", std::to_string(t.user.id));
  return o.Page(&ctx, "user", v, "用户 " + t.user.username, status);
}

web::HttpResponse UserAction(Office& o, Ctx& ctx, Target t, const std::string& action) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  FormState form(ctx.form);
  core::ChangeContext change = ctx.Change();
  std::string id = std::to_string(t.user.id);
  if (action == "grant") {
    auto role = core::ParseRole(ctx.Field("role"));
    const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
    if (!role.ok()) form.Error("role", "请选择角色。");
    if (!org) form.Error("org", "请选择机构。");
    if (!form.ok()) return Show(o, ctx, t, form, 422);
    // The four-eyes rule (never one's own account) and the audit live in core.
    o.Transact([&](core::Repositories& repos) -> core::Status {
      return core::GrantRole(repos, change, ctx.user.username, t.user.username, *role, org->id)
          .status();
    });
  } else if (action == "revoke") {
    core::Id grant_id = PathId(ctx.Field("grant"));
    const core::RoleGrant* g = nullptr;
    for (const auto& x : t.grants) {
      if (x.id == grant_id && !x.revoked_at) g = &x;
    }
    if (!g) throw HttpError{404, "授权不存在或已撤销。"};
    o.Transact([&](core::Repositories& repos) -> core::Status {
      return core::RevokeRole(repos, change, ctx.user.username, t.user.username, g->id).status();
    });
  } else if (action == "disable" || action == "enable") {
    if (t.user.id == ctx.user.id) throw HttpError{409, "不能停用自己的账号。"};
    core::User after = t.user;
    after.disabled = action == "disable";
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_RETURN_IF_ERROR(repos.users().Update(after));
      if (after.disabled) {
        GONGKAI_RETURN_IF_ERROR(repos.sessions().DeleteForUser(after.id).status());
      }
      return core::RecordChange(repos.audit(), change, "user." + action, "user", id,
                                core::ToAuditJson(t.user), core::ToAuditJson(after));
    });
  } else if (action == "reset") {
    core::Status strength = core::ValidatePasswordStrength(ctx.Field("new_password"));
    if (!strength.ok()) {
      form.Error("new_password", strength.message());
      return Show(o, ctx, t, form, 422);
    }
    auto hash = app::HashPassword(ctx.Field("new_password"));
    if (!hash.ok()) Fail(hash.status());
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_RETURN_IF_ERROR(core::SetPassword(repos, change, t.user.username, *hash, true));
      return repos.sessions().DeleteForUser(t.user.id).status();
    });
  } else {
    throw HttpError{404, "页面不存在。"};
  }
  return Redirect("/admin/users/" + web::UrlEncode(t.user.username));
}

}  // namespace

web::HttpResponse UsersScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return List(o, ctx);
  if (parts[1] == "new" && parts.size() == 2) return Create(o, ctx);
  Target t = LoadTarget(o, ctx, parts[1]);
  if (parts.size() == 2) return Show(o, ctx, t, FormState(), 200);
  if (parts.size() == 3) return UserAction(o, ctx, std::move(t), parts[2]);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
