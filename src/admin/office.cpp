#include "admin/office.hpp"

#include <spdlog/spdlog.h>

#include <ctime>

#include "web/error_map.hpp"

namespace gongkai::admin {

constexpr const char* kCsrfPurpose = "admin";

core::ChangeContext Ctx::Change() const { return {Actor(), IsoUtc(now)}; }

core::Date Ctx::Today() const { return ShanghaiDate(now); }

core::Date ShanghaiDate(TimePoint t) {
  // China Standard Time is UTC+8 all year (as app::SystemClock has it).
  std::time_t s = std::chrono::system_clock::to_time_t(t + std::chrono::hours(8));
  std::tm tm{};
  gmtime_r(&s, &tm);
  return core::Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

core::Status Ctx::Can(core::Action action, core::Id org_id) const {
  return core::Authorize(grants, *tree, action, org_id);
}

void Ctx::Require(core::Action action, core::Id org_id) const {
  core::Status s = Can(action, org_id);
  if (!s.ok()) throw HttpError{403, s.message()};
}

std::vector<core::Id> Ctx::Orgs(core::Action action) const {
  return core::AuthorizedOrgs(grants, *tree, action);
}

std::string Ctx::OrgName(core::Id id) const {
  const core::Org* o = tree->Find(id);
  return o ? o->name : "";
}

void FormState::Error(const core::Status& status, const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    if (f == status.field()) {
      errors_[f] = status.message();
      return;
    }
  }
  errors_[""] = status.message();
}

web::View FormState::ToView() const {
  web::View values, errs;
  for (const auto& [k, v] : fields_) values.Set(k, v);
  for (const auto& [k, v] : errors_) {
    if (!k.empty()) errs.Set(k, v);
  }
  web::View out;
  out.Set("v", values);
  out.Set("err", errs);
  out.Set("has_errors", web::View::Bool(!errors_.empty()));
  auto general = errors_.find("");
  if (general != errors_.end()) out.Set("general", general->second);
  return out;
}

TimePoint Office::Now() const {
  if (!options.clock) return std::chrono::system_clock::now();
  return ParseIsoUtc(options.clock->NowUtc()).value_or(std::chrono::system_clock::now());
}

core::Status Office::TryTransact(const std::function<core::Status(core::Repositories&)>& work) {
  return pool.With([&](store::SociStore& st) { return st.Transact(work); });
}

void Office::Transact(const std::function<core::Status(core::Repositories&)>& work) {
  core::Status s = TryTransact(work);
  if (!s.ok()) Fail(s);
}

void Fail(const core::Status& s) {
  web::ErrorReply reply = web::MapError(s);
  if (!reply.log_message.empty()) spdlog::error("admin: {}", reply.log_message);
  throw HttpError{reply.status, web::PageMessage(reply)};
}

std::string Office::SessionCookie(const std::string& token) const {
  web::CookieOptions c;
  c.path = "/admin";
  c.max_age_seconds = token.empty() ? 0 : -1;
  c.secure = options.secure_cookies;
  return web::SetCookieHeader("gk_session", token, c);
}

std::string Office::CsrfToken(const std::string& binding) const {
  return options.csrf.Issue(kCsrfPurpose, binding, web::UnixSeconds(Now()));
}

bool Office::CsrfValid(const std::string& token, const std::string& binding) const {
  return options.csrf.Verify(token, kCsrfPurpose, binding, web::UnixSeconds(Now()),
                             options.absolute_timeout.count());
}

web::HttpResponse Office::Page(const Ctx* ctx, const std::string& name, web::View view,
                               const std::string& title, int status) {
  if (ctx) view.Set("csrf", CsrfToken(ctx->session_hash));
  auto content = templates.Render(name, view);
  if (!content.ok()) {
    spdlog::error("admin: {}", content.status().ToString());
    throw HttpError{500, "服务器内部错误。"};
  }
  web::View layout;
  layout.Set("page_title", title);
  layout.Set("css", css_path);
  layout.Set("content", *content);
  if (ctx) {
    web::View user;
    user.Set("name", ctx->user.display_name.empty() ? ctx->user.username : ctx->user.display_name);
    user.Set("csrf", CsrfToken(ctx->session_hash));
    user.Set("full_nav", web::View::Bool(!ctx->user.must_change_password));
    // Only what the user's grants open: a link that answers 403 is not offered.
    bool read = !ctx->Orgs(core::Action::kRead).empty();
    user.Set("nav_read", web::View::Bool(read));
    user.Set("nav_users", web::View::Bool(!ctx->Orgs(core::Action::kUserManage).empty()));
    layout.Set("signed_in", user);
  }
  auto page = templates.Render("layout", layout);
  if (!page.ok()) throw HttpError{500, "服务器内部错误。"};
  web::HttpResponse r;
  r.status = status;
  r.body = std::move(*page);
  return r;
}

web::HttpResponse Office::ErrorPage(const Ctx* ctx, int status, const std::string& message) {
  web::View v;
  v.Set("status", std::to_string(status));
  v.Set("message", message.empty() ? web::ReasonPhrase(status) : message);
  try {
    return Page(ctx, "error", v, "出错了", status);
  } catch (const HttpError&) {
    web::HttpResponse r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = web::ReasonPhrase(status);
    return r;
  }
}

web::HttpResponse Redirect(const std::string& location) {
  web::HttpResponse r;
  r.status = 303;
  r.Set("Location", location);
  return r;
}

std::string IsoUtc(TimePoint t) {
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<TimePoint> ParseIsoUtc(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  std::tm tm{};
  int y, mo, d, h, mi, s;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, s)) {
    return std::nullopt;
  }
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

core::Id PathId(const std::string& segment) {
  if (segment.empty() || segment.size() > 15) throw HttpError{404, "页面不存在。"};
  core::Id v = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') throw HttpError{404, "页面不存在。"};
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<core::Date> FormDate(const Ctx& ctx, FormState& form, const std::string& field,
                                   bool required) {
  std::string text = ctx.Field(field);
  if (text.empty()) {
    if (required) form.Error(field, "请填写日期。");
    return std::nullopt;
  }
  auto d = core::Date::Parse(text);
  if (!d.ok()) {
    form.Error(field, "日期格式应为 YYYY-MM-DD。");
    return std::nullopt;
  }
  return *d;
}

web::View Options(const std::vector<std::pair<std::string, std::string>>& values,
                  const std::string& selected) {
  web::View list = web::View::List();
  for (const auto& [value, label] : values) {
    web::View o;
    o.Set("value", value);
    o.Set("label", label);
    o.Set("selected", web::View::Bool(value == selected));
    list.Push(o);
  }
  return list;
}

web::View OrgOptions(const Ctx& ctx, const std::vector<core::Id>& ids,
                     const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> values;
  for (core::Id id : ids) {
    const core::Org* o = ctx.tree->Find(id);
    if (o) values.emplace_back(o->code, o->name + " [" + o->code + "]");
  }
  return Options(values, selected);
}

}  // namespace gongkai::admin
