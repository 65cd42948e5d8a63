// Internal to the back office: the shared state (BackOffice::Impl), the per-request context
// of a signed-in user and the helpers every screen uses.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "admin/back_office.hpp"
#include "admin/sessions.hpp"
#include "core/authorization.hpp"
#include "core/org_tree.hpp"
#include "core/store.hpp"
#include "web/form.hpp"
#include "web/multipart.hpp"
#include "web/templates.hpp"

namespace gongkai::admin {

using TimePoint = std::chrono::system_clock::time_point;

// Thrown inside handlers to answer with an error page (message shown to the user).
struct HttpError {
  int status;
  std::string message;
};

// The signed-in user of one request. Built per request by the router (back_office.cpp)
// after the session is resumed; lives on the stack of that request, so screens may keep
// references into it for the request's duration and nothing beyond.
struct Ctx {
  const web::HttpRequest& req;
  core::User user;
  std::vector<core::RoleGrant> grants;
  std::shared_ptr<const core::OrgTree> tree;
  std::string session_hash;  // binds CSRF tokens
  web::FormFields form;      // POST fields (CSRF already checked)
  // The files of a multipart/form-data POST (its text parts are in `form`).
  std::vector<web::MultipartFile> files;
  TimePoint now;

  bool post() const { return req.method == "POST"; }
  std::string Field(std::string_view name) const { return web::FormValue(form, name); }
  std::string Actor() const { return "user:" + user.username; }
  core::ChangeContext Change() const;
  core::Date Today() const;
  // OK iff the user's grants allow `action` on `org_id`.
  core::Status Can(core::Action action, core::Id org_id) const;
  // Throws HttpError 403 unless Can(action, org_id).
  void Require(core::Action action, core::Id org_id) const;
  // The bodies where `action` is allowed (ids ascending).
  std::vector<core::Id> Orgs(core::Action action) const;
  std::string OrgName(core::Id id) const;
};

// A form's entered values and its errors by field, for re-rendering.
class FormState {
 public:
  FormState() = default;
  explicit FormState(const web::FormFields& fields) : fields_(fields) {}
  void Error(const std::string& field, const std::string& message) { errors_[field] = message; }
  // Puts a service error next to its field, or at the top when it names none of `fields`.
  void Error(const core::Status& status, const std::vector<std::string>& fields);
  bool ok() const { return errors_.empty(); }
  // {"v": {field: value}, "err": {field: message}, "has_errors": bool, "general": text}.
  web::View ToView() const;
  // The message for `field` ("" for the form as a whole), empty when none.
  std::string ErrorFor(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? std::string() : it->second;
  }

 private:
  web::FormFields fields_;
  std::map<std::string, std::string> errors_;
};

struct BackOffice::Impl {
  web::StorePool& pool;
  BackOfficeOptions options;
  web::Templates templates;
  std::string css;
  std::string css_path;    // /admin/static/admin.<hash>.css
  std::string dummy_hash;  // verified against for unknown users (same cost as a real one)

  Impl(web::StorePool& p, BackOfficeOptions o, web::Templates t)
      : pool(p), options(std::move(o)), templates(std::move(t)) {}

  TimePoint Now() const;
  // Runs `work` in one transaction on a pooled connection; an error status becomes
  // HttpError (404 for kNotFound, 403 for kPermissionDenied, else 500 and logged).
  void Transact(const std::function<core::Status(core::Repositories&)>& work);
  // Like Transact but returns the status of `work` for the caller to show (validation).
  core::Status TryTransact(const std::function<core::Status(core::Repositories&)>& work);

  SessionPolicy Policy() const { return {options.idle_timeout, options.absolute_timeout}; }
  // Set-Cookie for the session token ("" deletes the cookie).
  std::string SessionCookie(const std::string& token) const;

  std::string CsrfToken(const std::string& binding) const;
  bool CsrfValid(const std::string& token, const std::string& binding) const;

  // Renders `name` inside the layout (navigation for `ctx`'s user when given). No view key
  // may be the name of a template in templates/admin/ ("user", "error", …): web::Templates
  // passes every other template as a partial under its own name, and a key that collides
  // with one is always truthy.
  web::HttpResponse Page(const Ctx* ctx, const std::string& name, web::View view,
                         const std::string& title, int status = 200);
  web::HttpResponse ErrorPage(const Ctx* ctx, int status, const std::string& message);
};

using Office = BackOffice::Impl;

// Throws the HttpError for a failed status, as web::MapError maps it (the one map for every
// front end): 422 for refused input (the field named), 404, 403, 409 for a conflicting
// record or a refusing state, 503/500 (logged; the message is not shown).
[[noreturn]] void Fail(const core::Status& status);
web::HttpResponse Redirect(const std::string& location);
std::string IsoUtc(TimePoint t);
// The civil date of `t` in Asia/Shanghai (UTC+8 all year).
core::Date ShanghaiDate(TimePoint t);
// "2026-11-27T18:32:07Z" → time point; nullopt for anything else.
std::optional<TimePoint> ParseIsoUtc(std::string_view text);
// A decimal id in a path segment, or throws HttpError 404.
core::Id PathId(const std::string& segment);
// An ISO date from a form field; records an error under `field` when it does not parse.
std::optional<core::Date> FormDate(const Ctx& ctx, FormState& form, const std::string& field,
                                   bool required);
// A <select> option list: [{"value", "label", "selected"}].
web::View Options(const std::vector<std::pair<std::string, std::string>>& values,
                  const std::string& selected);
// The bodies of `ids` as options "名称 [CODE]" by id.
web::View OrgOptions(const Ctx& ctx, const std::vector<core::Id>& ids, const std::string& selected);

// Screens (one file each); `parts` are the path segments after "admin".
web::HttpResponse Dashboard(Office& office, Ctx& ctx);
web::HttpResponse PasswordScreen(Office& office, Ctx& ctx);
web::HttpResponse LogoutAll(Office& office, Ctx& ctx);
web::HttpResponse ItemsScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
web::HttpResponse RequestsScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
// GET /admin/requests: the queue across the user's bodies and years (requests_queue_screen.cpp).
web::HttpResponse RequestsQueue(Office& office, Ctx& ctx);
web::HttpResponse UsersScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
web::HttpResponse AuditScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
// Annual reports (report_screen.cpp) and the per-unit comparison (report_compare_screen.cpp).
struct ReportScope {
  const core::Org* org = nullptr;
  int year = 0;
  bool subtree = false;  // the default scope: the root rolls up its tree, as the portal shows
};
// The body (?org=, or the form's `org` on POST; default the first the user may read) and the
// year (?year=, or the form's; default last year) of a report screen. Throws HttpError 404
// for an unknown body, 403 without kRead on it, 400 for a bad year.
ReportScope ReadReportScope(const Ctx& ctx);
web::HttpResponse ReportsScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
web::HttpResponse CompareScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
// The related cases (cases_screen*.cpp): 咨询, 举报投诉, 行政复议和行政诉讼.
web::HttpResponse ConsultationsScreen(Office& office, Ctx& ctx,
                                      const std::vector<std::string>& parts);
web::HttpResponse ComplaintsScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);
web::HttpResponse CasesScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);

// The body and year of a yearly list: ?org= (default the first body where the user may
// `action`) and ?year= (default this year). Throws HttpError 403 (no such body for the
// user), 404 (unknown code) or 400 (bad year).
struct OrgYear {
  const core::Org* org = nullptr;
  int year = 0;
};
OrgYear ListOrgYear(const Ctx& ctx, core::Action action);

// 机构数据 (body_screen.cpp, body_year_screen.cpp): contact, reading points, yearly figures.
web::HttpResponse BodiesScreen(Office& office, Ctx& ctx, const std::vector<std::string>& parts);

}  // namespace gongkai::admin
