// Password change and "logout everywhere" (sign-in and logout are in back_office.cpp,
// which owns the cookies).
#include "admin/office.hpp"
#include "admin/sessions.hpp"
#include "app/password.hpp"
#include "core/org_service.hpp"

namespace gongkai::admin {

web::HttpResponse PasswordScreen(Office& o, Ctx& ctx) {
  FormState form;
  if (ctx.post()) {
    std::string current = ctx.Field("current");
    std::string next = ctx.Field("new_password");
    // The form keeps no password on re-render: only the messages.
    if (!app::VerifyPassword(current, ctx.user.password_hash)) {
      form.Error("current", "当前密码不正确。");
    }
    core::Status strength = core::ValidatePasswordStrength(next);
    if (!strength.ok()) form.Error("new_password", strength.message());
    if (next != ctx.Field("confirm")) form.Error("confirm", "两次输入的新密码不一致。");
    if (form.ok() && next == current) form.Error("new_password", "新密码不能与当前密码相同。");
    if (form.ok()) {
      auto hash = app::HashPassword(next);
      if (!hash.ok()) throw HttpError{500, "服务器内部错误。"};
      std::string token;
      o.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_RETURN_IF_ERROR(
            core::SetPassword(repos, ctx.Change(), ctx.user.username, *hash, false));
        // Every session (perhaps an intruder's) ends with the old password; this one
        // continues under a new token.
        GONGKAI_RETURN_IF_ERROR(repos.sessions().DeleteForUser(ctx.user.id).status());
        GONGKAI_ASSIGN_OR_RETURN(token, StartSession(repos, ctx.user.id, ctx.now, o.Policy()));
        return core::Status::Ok();
      });
      web::HttpResponse r = Redirect("/admin?changed=1");
      r.Set("Set-Cookie", o.SessionCookie(token));
      return r;
    }
  }
  web::View v = form.ToView();
  v.Set("forced", web::View::Bool(ctx.user.must_change_password));
  return o.Page(&ctx, "password", v, "修改密码", form.ok() ? 200 : 422);
}

web::HttpResponse LogoutAll(Office& o, Ctx& ctx) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的按钮。"};
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(repos.sessions().DeleteForUser(ctx.user.id).status());
    return core::RecordChange(repos.audit(), ctx.Change(), "user.logout_all", "user",
                              std::to_string(ctx.user.id), "", "");
  });
  web::HttpResponse r = Redirect("/admin/login");
  r.Set("Set-Cookie", o.SessionCookie(""));
  return r;
}

}  // namespace gongkai::admin
