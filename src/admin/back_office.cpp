#include "admin/back_office.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "admin/column_watch.hpp"
#include "admin/office.hpp"
#include "admin/sessions.hpp"
#include "app/password.hpp"
#include "core/audit.hpp"
#include "web/router.hpp"

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

// The static stylesheet (hashed name, cached for a year).
web::HttpResponse Stylesheet(Office& o, const web::HttpRequest& req) {
  if (req.path != o.css_path) throw HttpError{404, "页面不存在。"};
  web::HttpResponse r;
  r.content_type = "text/css; charset=utf-8";
  r.body = o.css;
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

using Parts = std::vector<std::string>;
using ScreenFn = web::HttpResponse (*)(Office&, Ctx&, const Parts&);

// A screen that needs no path segments.
template <web::HttpResponse (*F)(Office&, Ctx&)>
web::HttpResponse Whole(Office& o, Ctx& ctx, const Parts&) {
  return F(o, ctx);
}

// Who may reach a route: kOpen without a session (sign-in, stylesheet), kSignedIn with any
// session (also one whose password must be changed first), kReady with a session whose
// password is current (every screen).
enum class Gate { kOpen, kSignedIn, kReady };

using OpenFn = web::HttpResponse (*)(Office&, const web::HttpRequest&);

struct AdminScreen {
  AdminScreen(ScreenFn screen, Gate gate = Gate::kReady) : screen(screen), gate(gate) {}
  AdminScreen(OpenFn open) : gate(Gate::kOpen), open(open) {}
  ScreenFn screen = nullptr;  // for kSignedIn and kReady
  Gate gate = Gate::kReady;
  OpenFn open = nullptr;  // for kOpen
};

using AdminRouter = web::Router<AdminScreen>;

// The body limit that stands for BackOfficeOptions::max_attachment_bytes plus room for the
// form (resolved by UploadBodyLimit).
constexpr size_t kAttachmentLimit = static_cast<size_t>(-1);

// The back office's routes, one a line. The action names the right the screen checks on the
// record's body (screens check it per record, against the body the record belongs to).
const AdminRouter& Routes() {
  using core::Action;
  constexpr auto kGetPost = "GET,POST";
  static const AdminRouter router({
      {kGetPost, "/admin/static/{file}", web::kPublic, {Stylesheet}},
      {kGetPost, "/admin/login", web::kPublic, {Login}},
      {kGetPost, "/admin/logout", web::kPublic, {Whole<Logout>, Gate::kSignedIn}},
      {kGetPost, "/admin/logout-all", web::kPublic, {Whole<LogoutAll>, Gate::kSignedIn}},
      {kGetPost, "/admin/password", web::kPublic, {Whole<PasswordScreen>, Gate::kSignedIn}},
      {kGetPost, "/admin", Action::kRead, {Whole<Dashboard>}},
      {kGetPost, "/admin/items", Action::kRead, {ItemsScreen}},
      {kGetPost, "/admin/items/new", Action::kItemEdit, {ItemsScreen}, kAttachmentLimit},
      {kGetPost, "/admin/items/{id}", Action::kRead, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/edit", Action::kItemEdit, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/submit", Action::kItemEdit, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/review", Action::kItemReview, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/publish", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/withdraw", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/correct", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/mask", Action::kItemReview, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/republish-masked", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/channel", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/validity", Action::kItemPublish, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/interpretation", Action::kItemEdit, {ItemsScreen}},
      {kGetPost,
       "/admin/items/{id}/attachments",
       Action::kItemEdit,
       {ItemsScreen},
       kAttachmentLimit},
      {kGetPost, "/admin/items/{id}/attachments/{aid}", Action::kRead, {ItemsScreen}},
      {kGetPost, "/admin/items/{id}/attachments/{aid}/remove", Action::kItemEdit, {ItemsScreen}},
      {kGetPost, "/admin/requests", Action::kRead, {RequestsScreen}},
      {kGetPost, "/admin/requests/new", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}", Action::kRead, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}/events", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}/fee", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}/settle", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}/letter", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost, "/admin/requests/{id}/letters/{kind}", Action::kRequestHandle, {RequestsScreen}},
      {kGetPost,
       "/admin/requests/{id}/letters/issued/{n}",
       Action::kRequestPersonalData,
       {RequestsScreen}},
      {kGetPost, "/admin/consultations", Action::kCaseRecord, {ConsultationsScreen}},
      {kGetPost, "/admin/consultations/new", Action::kCaseRecord, {ConsultationsScreen}},
      {kGetPost, "/admin/complaints", Action::kCaseRecord, {ComplaintsScreen}},
      {kGetPost, "/admin/complaints/new", Action::kCaseRecord, {ComplaintsScreen}},
      {kGetPost, "/admin/complaints/{id}/reply", Action::kCaseRecord, {ComplaintsScreen}},
      {kGetPost, "/admin/cases", Action::kCaseRecord, {CasesScreen}},
      {kGetPost, "/admin/cases/new", Action::kCaseRecord, {CasesScreen}},
      {kGetPost, "/admin/cases/{id}/result", Action::kCaseRecord, {CasesScreen}},
      {kGetPost, "/admin/bodies", Action::kRead, {BodiesScreen}},
      {kGetPost, "/admin/bodies/{code}", Action::kOrgDataEdit, {BodiesScreen}},
      {kGetPost, "/admin/bodies/{code}/year/{year}", Action::kOrgDataEdit, {BodiesScreen}},
      {kGetPost, "/admin/bodies/{code}/year/{year}/facts", Action::kOrgDataEdit, {BodiesScreen}},
      {kGetPost, "/admin/bodies/{code}/year/{year}/stats", Action::kOrgDataEdit, {BodiesScreen}},
      {kGetPost, "/admin/bodies/{code}/year/{year}/meetings", Action::kOrgDataEdit, {BodiesScreen}},
      {kGetPost,
       "/admin/bodies/{code}/year/{year}/meetings/{id}/delete",
       Action::kOrgDataEdit,
       {BodiesScreen}},
      {kGetPost, "/admin/users", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/new", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}/grant", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}/revoke", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}/disable", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}/enable", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/users/{username}/reset", Action::kUserManage, {UsersScreen}},
      {kGetPost, "/admin/audit/{entity}/{key}", Action::kAuditRead, {AuditScreen}},
      {kGetPost, "/admin/audit/{entity}/{key}/{part}", Action::kAuditRead, {AuditScreen}},
      {kGetPost, "/admin/reports", Action::kRead, {ReportsScreen}},
      {kGetPost, "/admin/reports/narrative", Action::kReportEdit, {ReportsScreen}},
      {kGetPost, "/admin/reports/publish", Action::kReportPublish, {ReportsScreen}},
      {kGetPost, "/admin/compare", Action::kRead, {CompareScreen}},
      {kGetPost, "/admin/compare/csv", Action::kRead, {CompareScreen}},
      {kGetPost, "/admin/columns", Action::kRead, {ColumnsScreen}},
      {kGetPost, "/admin/columns/csv", Action::kRead, {ColumnsScreen}},
  });
  return router;
}

web::HttpResponse Route(Office& o, const web::HttpRequest& req) {
  if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
    throw HttpError{405, "不支持的请求方法。"};
  }
  AdminRouter::Match match = Routes().Find(req.method, req.path);
  if (match.route && match.route->fn.gate == Gate::kOpen) return match.route->fn.open(o, req);

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
  if (!match.route) throw HttpError{404, "页面不存在。"};
  const AdminScreen& screen = match.route->fn;
  // A reset password must be replaced before anything else.
  if (screen.gate == Gate::kReady && ctx->user.must_change_password) {
    return Redirect("/admin/password");
  }
  Parts parts = web::SplitPath(req.path);
  parts.erase(parts.begin());  // "admin"
  return screen.screen(o, *ctx, parts);
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

size_t BackOffice::UploadBodyLimit(std::string_view target, int64_t max_attachment_bytes) {
  AdminRouter::Match match = Routes().Find("POST", target);
  if (!match.route || match.route->body_limit != kAttachmentLimit) return 0;
  return static_cast<size_t>(max_attachment_bytes) + 64 * 1024;
}

std::string BackOffice::Label(std::string_view path) { return Routes().Label(path); }

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
