// Password change and "logout everywhere" (sign-in and logout are in back_office.cpp,
// which owns the cookies).
#include <algorithm>

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
    // A stolen session must not guess the password past the sign-in lockout: the form
    // shares the sign-in throttle (per account and per address) and audits each failure.
    std::string user_key = ThrottleKey("user", ctx.user.username);
    std::string addr_key = ThrottleKey("addr", ctx.req.remote_address);
    int64_t wait = 0;
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(int64_t a, LockedFor(repos, user_key, ctx.now));
      GONGKAI_ASSIGN_OR_RETURN(int64_t b, LockedFor(repos, addr_key, ctx.now));
      wait = std::max(a, b);
      return core::Status::Ok();
    });
    if (wait > 0) {
      form.Error("current",
                 "密码错误次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试。");
      web::View v = form.ToView();
      v.Set("forced", web::View::Bool(ctx.user.must_change_password));
      web::HttpResponse r = o.Page(&ctx, "password", v, "修改密码", 429);
      r.Set("Retry-After", std::to_string(wait));
      return r;
    }
    // The form keeps no password on re-render: only the messages.
    if (!app::VerifyPassword(current, ctx.user.password_hash)) {
      form.Error("current", "当前密码不正确。");
      ThrottlePolicy per_user{o.options.max_failures, o.options.lockout};
      ThrottlePolicy per_address{o.options.max_failures * 4, o.options.lockout};
      o.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_RETURN_IF_ERROR(RecordFailure(repos, user_key, ctx.now, per_user));
        GONGKAI_RETURN_IF_ERROR(RecordFailure(repos, addr_key, ctx.now, per_address));
        return core::RecordChange(repos.audit(), ctx.Change(), "user.password_failed", "user",
                                  std::to_string(ctx.user.id), "", "");
      });
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
        GONGKAI_RETURN_IF_ERROR(repos.sessions().ClearFailures(user_key));
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
