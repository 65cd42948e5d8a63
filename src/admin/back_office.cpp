#include "admin/back_office.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "admin/column_watch.hpp"
#include "admin/office.hpp"
#include "admin/sessions.hpp"
#include "app/password.hpp"
#include "core/audit.hpp"

namespace gongkai::admin {
namespace {

constexpr const char* kSessionCookie = "gk_session";
constexpr const char* kLoginCookie = "gk_login";  // binds the sign-in form's CSRF token

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

web::CookieOptions Cookie(const Office& o, int max_age) {
  web::CookieOptions c;
  c.path = "/admin";
  c.max_age_seconds = max_age;
  c.secure = o.options.secure_cookies;
  return c;
}

// The sign-in page, with a fresh login-binding cookie when the browser has none.
web::HttpResponse LoginPage(Office& o, const web::HttpRequest& req, const std::string& username,
                            const std::string& error, int status = 200) {
  std::string binding = web::CookieValue(req, kLoginCookie);
  bool fresh = binding.size() < 16;
  if (fresh) binding = web::CsrfTokens::RandomId();
  web::View v;
  v.Set("csrf", o.CsrfToken("login:" + binding));
  v.Set("username", username);
  if (!error.empty()) v.Set("alert", error);
  web::HttpResponse r = o.Page(nullptr, "login", v, "登录", status);
  if (fresh) r.Set("Set-Cookie", web::SetCookieHeader(kLoginCookie, binding, Cookie(o, -1)));
  return r;
}

web::HttpResponse Login(Office& o, const web::HttpRequest& req) {
  if (req.method != "POST") return LoginPage(o, req, "", "");
  auto form = web::IsFormPost(req) ? web::ParseForm(req.body) : std::nullopt;
  std::string binding = web::CookieValue(req, kLoginCookie);
  if (!form || binding.empty() || !o.CsrfValid(web::FormValue(*form, "csrf"), "login:" + binding)) {
    throw HttpError{403, "表单已失效，请刷新页面后重新提交。"};
  }
  std::string username = web::FormValue(*form, "username");
  std::string password = web::FormValue(*form, "password");
  TimePoint now = o.Now();
  std::string user_key = ThrottleKey("user", username);
  std::string addr_key = ThrottleKey("addr", req.remote_address);
  int64_t wait = 0;
  std::optional<core::User> user;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(int64_t a, LockedFor(repos, user_key, now));
    GONGKAI_ASSIGN_OR_RETURN(int64_t b, LockedFor(repos, addr_key, now));
    wait = std::max(a, b);
    GONGKAI_ASSIGN_OR_RETURN(user, repos.users().FindByUsername(username));
    return core::Status::Ok();
  });
  if (wait > 0) {
    web::HttpResponse r = LoginPage(
        o, req, username,
        "登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试。", 429);
    r.Set("Retry-After", std::to_string(wait));
    return r;
  }
  // Unknown and disabled accounts cost the same hash as real ones (no user enumeration).
  bool good = user && !user->disabled ? app::VerifyPassword(password, user->password_hash)
                                      : (app::VerifyPassword(password, o.dummy_hash), false);
  core::ChangeContext ctx{user ? "user:" + user->username : "anonymous", IsoUtc(now)};
  if (!good) {
    ThrottlePolicy per_user{o.options.max_failures, o.options.lockout};
    // One office behind NAT shares an address: it locks only at four times the count.
    ThrottlePolicy per_address{o.options.max_failures * 4, o.options.lockout};
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_RETURN_IF_ERROR(RecordFailure(repos, user_key, now, per_user));
      GONGKAI_RETURN_IF_ERROR(RecordFailure(repos, addr_key, now, per_address));
      if (!user) return core::Status::Ok();
      return core::RecordChange(repos.audit(), ctx, "user.login_failed", "user",
                                std::to_string(user->id), "", "");
    });
    return LoginPage(o, req, username, "用户名或密码错误。");
  }
  std::string token;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(repos.sessions().ClearFailures(user_key));
    GONGKAI_ASSIGN_OR_RETURN(token, StartSession(repos, user->id, now, o.Policy()));
    return core::RecordChange(repos.audit(), ctx, "user.login", "user", std::to_string(user->id),
                              "", "");
  });
  web::HttpResponse r = Redirect(user->must_change_password ? "/admin/password" : "/admin");
  r.headers.emplace_back("Set-Cookie", o.SessionCookie(token));
  r.headers.emplace_back("Set-Cookie", web::SetCookieHeader(kLoginCookie, "", Cookie(o, 0)));
  return r;
}

web::HttpResponse Logout(Office& o, Ctx& ctx) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的“退出”按钮。"};
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(repos.sessions().Delete(ctx.session_hash));
    return core::RecordChange(repos.audit(), ctx.Change(), "user.logout", "user",
                              std::to_string(ctx.user.id), "", "");
  });
  web::HttpResponse r = Redirect("/admin/login");
  r.Set("Set-Cookie", o.SessionCookie(""));
  return r;
}

// Resumes the session of the request's cookie and loads its user; nullopt when there is
// none (or it expired, or the user was disabled).
std::optional<Ctx> Resume(Office& o, const web::HttpRequest& req) {
  std::string token = web::CookieValue(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  TimePoint now = o.Now();
  std::optional<Ctx> ctx;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto session, ResumeSession(repos, token, now, o.Policy()));
    if (!session) return core::Status::Ok();
    GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(session->username));
    if (!user || user->disabled) return repos.sessions().Delete(session->token_hash);
    GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    ctx.emplace(Ctx{req,
                    *user,
                    std::move(grants),
                    std::make_shared<const core::OrgTree>(std::move(orgs)),
                    session->token_hash,
                    {},
                    {},
                    now});
    return core::Status::Ok();
  });
  return ctx;
}

web::HttpResponse Route(Office& o, const web::HttpRequest& req) {
  std::vector<std::string> parts = web::SplitPath(req.path);
  parts.erase(parts.begin());  // "admin"
  if (!parts.empty() && parts[0] == "static") {
    if (parts.size() != 2 || "/admin/static/" + parts[1] != o.css_path) {
      throw HttpError{404, "页面不存在。"};
    }
    web::HttpResponse r;
    r.content_type = "text/css; charset=utf-8";
    r.body = o.css;
    r.Set("Cache-Control", "public, max-age=31536000, immutable");
    return r;
  }
  if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
    throw HttpError{405, "不支持的请求方法。"};
  }
  if (!parts.empty() && parts[0] == "login" && parts.size() == 1) return Login(o, req);

  std::optional<Ctx> ctx = Resume(o, req);
  if (!ctx) {
    if (req.method == "POST") throw HttpError{403, "登录已失效，请重新登录。"};
    return Redirect("/admin/login");
  }
  if (req.method == "POST") {
    auto form = web::IsFormPost(req) ? web::ParseForm(req.body) : std::nullopt;
    // File uploads: the text parts are the form (CSRF token included), the files aside.
    std::vector<web::MultipartFile> files;
    if (std::string boundary = web::MultipartBoundary(req); !boundary.empty()) {
      auto parsed = web::ParseMultipart(req.body, boundary);
      if (parsed.ok()) {
        form = std::move(parsed->fields);
        files = std::move(parsed->files);
      }
    }
    if (!form || !o.CsrfValid(web::FormValue(*form, "csrf"), ctx->session_hash)) {
      throw HttpError{403, "表单已失效，请刷新页面后重新提交。"};
    }
    ctx->form = std::move(*form);
    ctx->files = std::move(files);
  }
  std::string first = parts.empty() ? "" : parts[0];
  if (first == "logout" && parts.size() == 1) return Logout(o, *ctx);
  // Ending every session stays possible with a reset password (the layout offers it).
  if (first == "logout-all" && parts.size() == 1) return LogoutAll(o, *ctx);
  if (first == "password" && parts.size() == 1) return PasswordScreen(o, *ctx);
  // A reset password must be replaced before anything else.
  if (ctx->user.must_change_password) return Redirect("/admin/password");
  if (first.empty()) return Dashboard(o, *ctx);
  if (first == "items") return ItemsScreen(o, *ctx, parts);
  if (first == "requests") return RequestsScreen(o, *ctx, parts);
  if (first == "consultations") return ConsultationsScreen(o, *ctx, parts);
  if (first == "complaints") return ComplaintsScreen(o, *ctx, parts);
  if (first == "cases") return CasesScreen(o, *ctx, parts);
  if (first == "bodies") return BodiesScreen(o, *ctx, parts);
  if (first == "users") return UsersScreen(o, *ctx, parts);
  if (first == "audit") return AuditScreen(o, *ctx, parts);
  if (first == "reports") return ReportsScreen(o, *ctx, parts);
  if (first == "compare") return CompareScreen(o, *ctx, parts);
  if (first == "columns") return ColumnsScreen(o, *ctx, parts);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace

BackOffice::BackOffice(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BackOffice::~BackOffice() = default;

core::Result<std::unique_ptr<BackOffice>> BackOffice::Create(web::StorePool& pool,
                                                             BackOfficeOptions options) {
  GONGKAI_ASSIGN_OR_RETURN(auto templates,
                           web::Templates::Load(options.data_dir + "/templates/admin"));
  auto impl = std::make_unique<Impl>(pool, std::move(options), std::move(templates));
  impl->css = ReadFile(impl->options.data_dir + "/static/admin.css");
  if (impl->css.empty()) return core::NotFound("缺少 static/admin.css", "static");
  impl->css_path = "/admin/static/admin." + web::HashHex(impl->css).substr(0, 12) + ".css";
  GONGKAI_ASSIGN_OR_RETURN(impl->dummy_hash, app::HashPassword(web::CsrfTokens::RandomId()));
  return std::unique_ptr<BackOffice>(new BackOffice(std::move(impl)));
}

bool BackOffice::Owns(const std::string& path) {
  return path == "/admin" || path.rfind("/admin/", 0) == 0;
}

std::optional<web::HttpResponse> BackOffice::Admit(const web::HttpRequest& head) {
  if (!Owns(head.path) || head.path == "/admin/login") return std::nullopt;
  try {
    if (Resume(*impl_, head)) return std::nullopt;
    web::HttpResponse r = impl_->ErrorPage(nullptr, 403, "登录已失效，请重新登录。");
    r.Set("Cache-Control", "no-store");
    return r;
  } catch (const HttpError& e) {
    return impl_->ErrorPage(nullptr, e.status, e.message);
  } catch (const std::exception& e) {
    spdlog::error("admin: {}", e.what());
    return impl_->ErrorPage(nullptr, 500, "服务器内部错误。");
  }
}

web::HttpResponse BackOffice::Handle(const web::HttpRequest& request) {
  web::HttpResponse r;
  try {
    if (!Owns(request.path)) throw HttpError{404, "页面不存在。"};
    r = Route(*impl_, request);
  } catch (const HttpError& e) {
    r = impl_->ErrorPage(nullptr, e.status, e.message);
  } catch (const std::exception& e) {
    spdlog::error("admin: {}", e.what());
    r = impl_->ErrorPage(nullptr, 500, "服务器内部错误。");
  }
  // Back-office pages carry records that must not linger in shared caches.
  if (r.Get("Cache-Control").empty()) r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace gongkai::admin
