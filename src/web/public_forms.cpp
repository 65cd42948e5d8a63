#include "web/public_forms.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <vector>

#include "app/system_clock.hpp"
#include "core/case_service.hpp"
#include "core/request_clock.hpp"
#include "core/request_letter.hpp"
#include "core/request_letters.hpp"
#include "core/request_service.hpp"
#include "text/encoding.hpp"
#include "text/normalize.hpp"
#include "web/blank_forms.hpp"
#include "web/form.hpp"
#include "web/letter_layout.hpp"
#include "web/public_form_fields.hpp"
#include "web/status_view.hpp"

namespace gongkai::web {
namespace {

constexpr const char* kCsrfCookie = "gk_csrf";
constexpr int64_t kTokenMaxAge = 4 * 3600;  // a form may stay open this long
constexpr const char* kHoneypot = "website";
constexpr const char* kDeliveryForms[] = {"纸质", "电子邮件", "光盘", "当面领取"};

struct Submission {
  FormFields fields;
  std::map<std::string, std::string> errors;  // field → message
  std::string general_error;                  // shown above the form
  std::string token;  // the token to show; empty: one issued for the visitor
};

}  // namespace

struct PublicForms::Impl {
  PageContext ctx;
  FormsOptions opt;
  RateLimiter submit_limiter;
  RateLimiter lookup_limiter;
  BlankForms blank_forms;
  app::SystemClock system_clock;

  Impl(PageContext c, FormsOptions o)
      : ctx(std::move(c)),
        opt(std::move(o)),
        submit_limiter(opt.burst, opt.interval),
        lookup_limiter(opt.burst * 2, opt.interval / 2) {}

  const core::Clock& Clock() const { return opt.clock ? *opt.clock : system_clock; }

  // The visitor's CSRF binding: the csrf cookie, or a fresh one to set.
  struct Visitor {
    std::string id;
    bool fresh = false;
  };
  Visitor VisitorOf(const HttpRequest& req) {
    std::string id = CookieValue(req, kCsrfCookie);
    bool ok = id.size() == 32;
    for (char c : id) {
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    }
    if (ok) return {id, false};
    return {CsrfTokens::RandomId(), true};
  }

  HttpResponse Finish(HttpResponse r, const Visitor& v) {
    r.Set("Cache-Control", "no-store");
    if (v.fresh) {
      CookieOptions c;
      c.secure = opt.secure_cookies;
      c.max_age_seconds = 7 * 86400;
      r.Set("Set-Cookie", SetCookieHeader(kCsrfCookie, v.id, c));
    }
    return r;
  }

  std::string TokenFor(const std::string& purpose, const Visitor& visitor, const Submission& s) {
    return s.token.empty() ? opt.csrf.Issue(purpose, visitor.id, UnixSeconds()) : s.token;
  }

  // A form with nothing typed yet: the stored rendering for this body tree (BlankForms) with
  // the visitor's token, or rendered now and stored. `org` is the body the link chose
  // (?org=); a page for a code that is no body is rendered for this visitor only.
  HttpResponse Blank(const std::string& purpose, const std::string& org, const Visitor& visitor,
                     const std::function<HttpResponse(const Visitor&, const Submission&)>& form) {
    auto tree = ctx.tree();
    std::string token = opt.csrf.Issue(purpose, visitor.id, UnixSeconds());
    const bool keep = org.empty() || tree->FindByCode(org) != nullptr;
    const std::string key = purpose + '\n' + org;
    if (keep) {
      if (auto page = blank_forms.Find(key, tree, token)) return Finish(std::move(*page), visitor);
    }
    Submission s;
    s.fields.emplace("org", org);
    s.token = blank_forms.marker();
    HttpResponse page = form(Visitor{visitor.id, false}, s);  // stored without the cookie
    if (keep) blank_forms.Store(key, tree, page);
    return Finish(blank_forms.WithToken(std::move(page), token), visitor);
  }

  View OrgOptions(const std::string& selected) {
    auto tree = ctx.tree();
    View list = View::List();
    for (const core::Org* root : tree->Roots()) {
      for (const core::Org* o : tree->Subtree(root->id)) {
        View v;
        v.Set("code", o->code);
        v.Set("name", o->name);
        v.Set("selected", View::Bool(o->code == selected));
        list.Push(v);
      }
    }
    return list;
  }

  // The common parts of a form page: token, bodies, field values and errors.
  View FormView(const std::string& purpose, const Visitor& visitor, const Submission& s,
                const FieldSpec* specs, size_t n_specs) {
    View v;
    v.Set("token", TokenFor(purpose, visitor, s));
    v.Set("honeypot", kHoneypot);
    v.Set("closed", View::Bool(!opt.key.has_value()));
    std::string org = FormValue(s.fields, "org");
    v.Set("orgs", OrgOptions(org));
    View fields = View::List();
    for (size_t i = 0; i < n_specs; ++i) {
      const FieldSpec& f = specs[i];
      View fv;
      fv.Set("name", f.name);
      fv.Set("label", f.label);
      fv.Set("value", FormValue(s.fields, f.name));
      fv.Set("max", std::to_string(f.max_chars));
      fv.Set("required", View::Bool(f.min_chars > 0));
      fv.Set("long", View::Bool(f.max_chars > 200));
      auto e = s.errors.find(f.name);
      if (e != s.errors.end()) fv.Set("field_error", e->second);
      fields.Push(fv);
    }
    v.Set("fields", fields);
    auto org_error = s.errors.find("org");
    if (org_error != s.errors.end()) v.Set("org_error", org_error->second);
    if (!s.general_error.empty()) v.Set("general_error", s.general_error);
    v.Set("has_errors", View::Bool(!s.errors.empty()));
    return v;
  }

  // Checks and normalises the text fields of `specs` in place; records errors.
  void CheckFields(Submission& s, const FieldSpec* specs, size_t n_specs) {
    CheckTextFields(s.fields, s.errors, std::span<const FieldSpec>(specs, n_specs));
    auto tree = ctx.tree();
    if (!tree->FindByCode(FormValue(s.fields, "org"))) s.errors["org"] = "请选择受理机关";
  }

  // Rate limit, content type, CSRF and honeypot: the checks before any field is read.
  // Returns an answer when the submission stops here.
  std::optional<HttpResponse> Guard(const HttpRequest& req, const std::string& purpose,
                                    RateLimiter& limiter, std::optional<FormFields>& fields,
                                    const std::function<HttpResponse(Submission)>& reshow) {
    std::string client = req.remote_address.empty() ? "-" : req.remote_address;
    if (!limiter.Allow(client)) {
      HttpResponse r = Message(429, "提交过于频繁", "您提交得太频繁了，请稍后再试。");
      r.Set("Retry-After", std::to_string(limiter.RetryAfterSeconds(client)));
      return r;
    }
    if (!IsFormPost(req)) {
      return Message(415, "提交格式有误", "请通过本站页面上的表单提交。");
    }
    fields = ParseForm(req.body);
    if (!fields) return Message(400, "提交内容有误", "提交的内容无法识别，请返回重新填写。");
    if (!opt.csrf.Verify(FormValue(*fields, "token"), purpose, CookieValue(req, kCsrfCookie),
                         UnixSeconds(), kTokenMaxAge)) {
      Submission s;
      s.fields = *fields;
      s.general_error = "页面已过期或来源无法确认，请核对内容后重新提交。";
      HttpResponse r = reshow(std::move(s));
      r.status = 403;
      return r;
    }
    if (!FormValue(*fields, kHoneypot).empty()) {
      return Message(400, "提交内容有误", "提交的内容无法识别，请返回重新填写。");
    }
    return std::nullopt;
  }

  HttpResponse Message(int status, const std::string& title, const std::string& message) {
    View v;
    v.Set("title", title);
    v.Set("message", message);
    HttpResponse r = ctx.render("form_message", title, v, status);
    r.Set("Cache-Control", "no-store");
    return r;
  }

  // ----- 网络申请 -----

  HttpResponse ApplyForm(const Visitor& visitor, const Submission& s, int status = 200) {
    View v = FormView("apply", visitor, s, kApplyFields, std::size(kApplyFields));
    std::string type = FormValue(s.fields, "applicant_type");
    View types = View::List();
    for (core::ApplicantType t : core::kAllApplicantTypes) {
      View tv;
      tv.Set("code", core::ApplicantTypeCode(t));
      tv.Set("label", core::ApplicantTypeLabel(t));
      tv.Set("selected", View::Bool(type == core::ApplicantTypeCode(t)));
      types.Push(tv);
    }
    v.Set("types", types);
    std::string delivery = FormValue(s.fields, "delivery");
    View deliveries = View::List();
    for (const char* d : kDeliveryForms) {
      View dv;
      dv.Set("label", d);
      dv.Set("selected", View::Bool(delivery == d));
      deliveries.Push(dv);
    }
    v.Set("deliveries", deliveries);
    for (const char* f : {"applicant_type", "delivery"}) {
      auto e = s.errors.find(f);
      if (e != s.errors.end()) v.Set(std::string(f) + "_error", e->second);
    }
    return Finish(ctx.render("apply", "网络申请政府信息公开", v, status), visitor);
  }

  HttpResponse Apply(const HttpRequest& req) {
    Visitor visitor = VisitorOf(req);
    if (req.method != "POST") {
      return Blank("apply", req.Param("org"), visitor,
                   [this](const Visitor& v, const Submission& s) { return ApplyForm(v, s); });
    }
    std::optional<FormFields> fields;
    auto reshow = [&](Submission s) { return ApplyForm(visitor, s); };
    if (auto stop = Guard(req, "apply", submit_limiter, fields, reshow)) {
      return Finish(std::move(*stop), visitor);
    }
    Submission s;
    s.fields = std::move(*fields);
    if (!opt.key) return ApplyForm(visitor, s, 503);
    CheckFields(s, kApplyFields, std::size(kApplyFields));
    auto type = core::ParseApplicantType(FormValue(s.fields, "applicant_type"));
    if (!type.ok()) s.errors["applicant_type"] = "请选择申请人类型";
    std::string delivery = FormValue(s.fields, "delivery");
    if (std::find(std::begin(kDeliveryForms), std::end(kDeliveryForms), delivery) ==
        std::end(kDeliveryForms)) {
      s.errors["delivery"] = "请选择获取信息的方式";
    }
    if (!s.errors.empty()) return ApplyForm(visitor, s, 400);

    app::ApplicantData applicant{FormValue(s.fields, "name"), FormValue(s.fields, "id_document"),
                                 FormValue(s.fields, "contact")};
    auto sealed = opt.key->Seal(applicant);
    if (!sealed.ok()) return Message(500, "提交失败", "系统暂时无法受理，请稍后再试。");
    app::LookupCode code = app::NewLookupCode();
    core::IntakeInput in;
    in.org_code = FormValue(s.fields, "org");
    in.channel = core::RequestChannel::kOnline;
    in.applicant_type = *type;
    in.submitted_on = Clock().Today();
    // The portal confirms receipt at once (the tracking number is the confirmation), so
    // the mutual confirmation of 第三十一条第（三）项 is the submission day.
    in.confirmed_on = in.submitted_on;
    in.description = FormValue(s.fields, "description");
    in.doc_no = FormValue(s.fields, "doc_no");
    in.delivery_form = delivery;
    in.applicant_sealed = *sealed;
    in.lookup_code_hash = code.hash;
    core::ChangeContext change{"portal", Clock().NowUtc()};
    core::IntakeResult result;
    core::Status st = ctx.pool.With([&](store::SociStore& store) {
      return store.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(
            result, core::IntakeRequest(repos, change, in.submitted_on, in, opt.clock_rules));
        return core::Status::Ok();
      });
    });
    if (!st.ok()) {
      if (st.code() == core::ErrorCode::kInvalidArgument && !st.field().empty()) {
        s.errors[st.field()] = st.message();
        if (s.errors.size() == 1 &&
            !std::any_of(std::begin(kApplyFields), std::end(kApplyFields),
                         [&](const FieldSpec& f) { return st.field() == f.name; })) {
          s.general_error = st.message();
        }
        return ApplyForm(visitor, s, 400);
      }
      spdlog::error("online request not stored: {}", st.ToString());
      return Finish(Message(500, "提交失败", "系统暂时无法受理，您的申请未保存，请稍后再试。"),
                    visitor);
    }
    const core::Request& r = result.view.request;
    View v;
    v.Set("org_name", result.view.org.name);
    v.Set("org_code", result.view.org.code);
    v.Set("tracking_no", r.tracking_no);
    v.Set("code", code.code);
    v.Set("received_on", r.received_on.ToIso());
    if (result.view.due.date) v.Set("due_on", result.view.due.date->ToIso());
    // A date beyond the published holiday notices is an estimate: say so, and why.
    if (result.view.due.provisional) v.Set("due_note", core::ProvisionalReason(result.view.due));
    View suggestions = View::List();
    for (const auto& sug : result.suggestions) {
      View sv;
      sv.Set("id", std::to_string(sug.item.id));
      sv.Set("title", sug.item.title);
      sv.Set("reason", sug.reason);
      suggestions.Push(sv);
    }
    v.Set("suggestions", suggestions);
    v.Set("has_suggestions", View::Bool(!result.suggestions.empty()));
    spdlog::info("online request {} received", r.tracking_no);
    return Finish(ctx.render("apply_done", "申请已提交", v, 200), visitor);
  }

  // ----- 申请查询 -----

  HttpResponse StatusForm(const Visitor& visitor, const Submission& s, int status = 200) {
    View v;
    v.Set("token", TokenFor("status", visitor, s));
    v.Set("orgs", OrgOptions(FormValue(s.fields, "org")));
    v.Set("tracking_no", FormValue(s.fields, "tracking_no"));
    if (!s.general_error.empty()) v.Set("general_error", s.general_error);
    return Finish(ctx.render("status", "申请办理查询", v, status), visitor);
  }

  HttpResponse Status(const HttpRequest& req) {
    Visitor visitor = VisitorOf(req);
    if (req.method != "POST") {
      return Blank("status", "", visitor,
                   [this](const Visitor& v, const Submission& s) { return StatusForm(v, s); });
    }
    std::optional<FormFields> fields;
    auto reshow = [&](Submission s) { return StatusForm(visitor, s); };
    if (auto stop = Guard(req, "status", lookup_limiter, fields, reshow)) {
      return Finish(std::move(*stop), visitor);
    }
    Submission s;
    s.fields = std::move(*fields);
    std::string org = FormValue(s.fields, "org");
    // Codes are read back over the phone and typed from paper: case, blanks and hyphens
    // do not matter (web/status_view).
    std::string tracking = NormalizeTrackingNo(text::FoldWidth(FormValue(s.fields, "tracking_no")));
    std::string code = NormalizeLookupCode(text::FoldWidth(FormValue(s.fields, "code")));
    const std::string not_found = "申请编号或查询码不正确，请核对后重试。";
    if (org.empty() || tracking.empty() || code.empty() || tracking.size() > 20 ||
        code.size() > 40) {
      s.general_error = "请选择受理机关并填写申请编号和查询码。";
      return StatusForm(visitor, s, 400);
    }
    std::optional<core::RequestView> found;
    std::vector<core::RequestLetter> letters;
    core::Status st = ctx.pool.With([&](store::SociStore& store) {
      return store.Transact([&](core::Repositories& repos) -> core::Status {
        auto r = core::FindRequest(repos, org, tracking);
        if (!r.ok()) return r.status();
        std::string hash = app::HashLookupCode(code);
        if (hash.size() != r->lookup_code_hash.size() ||
            sodium_memcmp(hash.data(), r->lookup_code_hash.data(), hash.size()) != 0) {
          return core::NotFound("lookup code");
        }
        GONGKAI_ASSIGN_OR_RETURN(found, core::LoadRequestView(repos, r->id, opt.clock_rules));
        GONGKAI_ASSIGN_OR_RETURN(letters, repos.requests().ListLetters(r->id));
        return core::Status::Ok();
      });
    });
    if (!st.ok()) {
      if (st.code() == core::ErrorCode::kNotFound ||
          st.code() == core::ErrorCode::kInvalidArgument) {
        s.general_error = not_found;
        return StatusForm(visitor, s, 404);
      }
      spdlog::error("status lookup failed: {}", st.ToString());
      return Finish(Message(500, "查询失败", "系统暂时无法查询，请稍后再试。"), visitor);
    }
    View v = StatusView(*found, letters);
    // Downloading a letter needs no second entry of the code: a token bound to this
    // visitor and this request (LetterDownload) stands for the lookup just made.
    v.Set("letter_token",
          opt.csrf.Issue(LetterPurpose(found->request.id), visitor.id, UnixSeconds()));
    return Finish(ctx.render("status_result", "申请办理情况", v, 200), visitor);
  }

  static std::string LetterPurpose(core::Id request_id) {
    return "letter:" + std::to_string(request_id);
  }

  // POST /status/letter: one letter issued for the request the visitor looked up, as a
  // printable page (format=html) or a text file download (format=txt).
  HttpResponse LetterDownload(const HttpRequest& req) {
    Visitor visitor = VisitorOf(req);
    if (req.method != "POST")
      return Finish(Message(405, "不支持的请求", "请从查询结果页下载。"), visitor);
    std::string client = req.remote_address.empty() ? "-" : req.remote_address;
    if (!lookup_limiter.Allow(client)) {
      HttpResponse r = Message(429, "提交过于频繁", "您提交得太频繁了，请稍后再试。");
      r.Set("Retry-After", std::to_string(lookup_limiter.RetryAfterSeconds(client)));
      return r;
    }
    std::optional<FormFields> fields = IsFormPost(req) ? ParseForm(req.body) : std::nullopt;
    if (!fields) return Message(400, "提交内容有误", "请从查询结果页下载。");
    const std::string request_text = FormValue(*fields, "request");
    const std::string letter_text = FormValue(*fields, "letter");
    auto id_of = [](const std::string& t) -> core::Id {
      if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string::npos) {
        return 0;
      }
      return std::stoll(t);
    };
    core::Id request_id = id_of(request_text), letter_id = id_of(letter_text);
    if (request_id == 0 || letter_id == 0 ||
        !opt.csrf.Verify(FormValue(*fields, "token"), LetterPurpose(request_id),
                         CookieValue(req, kCsrfCookie), UnixSeconds(), kTokenMaxAge)) {
      return Finish(Message(403, "页面已过期", "页面已过期，请重新查询后下载。"), visitor);
    }
    core::RequestLetter letter;
    std::string tracking_no;
    core::Status st = ctx.pool.With([&](store::SociStore& store) {
      return store.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(letter, core::FindIssuedLetter(repos, request_id, letter_id));
        GONGKAI_ASSIGN_OR_RETURN(auto r, repos.requests().Get(request_id));
        tracking_no = r.tracking_no;
        return core::Status::Ok();
      });
    });
    if (st.code() == core::ErrorCode::kNotFound) {
      return Finish(Message(404, "文书不存在", "没有找到该文书。"), visitor);
    }
    if (!st.ok()) {
      spdlog::error("letter download failed: {}", st.ToString());
      return Finish(Message(500, "下载失败", "系统暂时无法下载，请稍后再试。"), visitor);
    }
    if (FormValue(*fields, "format") == "txt") {
      HttpResponse r;
      r.status = 200;
      r.body = letter.body;
      r.content_type = "text/plain; charset=utf-8";
      r.Set("Content-Disposition", "attachment; filename=\"letter-" + tracking_no + "-" +
                                       std::to_string(letter.id) + ".txt\"");
      return Finish(std::move(r), visitor);
    }
    View v;
    v.Set("tracking_no", tracking_no);
    v.Set("letter", LetterLayout(letter.body));
    return Finish(ctx.render("status_letter", letter.title, v, 200), visitor);
  }

  // ----- 咨询 and 投诉 -----

  HttpResponse CaseForm(bool complaint, const Visitor& visitor, const Submission& s,
                        int status = 200) {
    const FieldSpec* specs = complaint ? kComplaintFields : kConsultFields;
    size_t n = complaint ? std::size(kComplaintFields) : std::size(kConsultFields);
    View v = FormView(complaint ? "complaint" : "consult", visitor, s, specs, n);
    v.Set("action", complaint ? "/complaint" : "/consult");
    v.Set("heading", complaint ? "政府信息公开投诉" : "政府信息公开咨询");
    v.Set("intro", complaint
                       ? "认为行政机关在政府信息公开工作中侵犯您的合法权益的，可以在此投诉、举报"
                         "（《条例》第五十一条）。我们将核实处理并答复。"
                       : "对政府信息公开工作有疑问，可以在此咨询。留下联系方式的，我们将答复您。");
    return Finish(ctx.render("case_form", complaint ? "投诉" : "咨询", v, status), visitor);
  }

  HttpResponse CaseSubmit(const HttpRequest& req, bool complaint) {
    Visitor visitor = VisitorOf(req);
    if (req.method != "POST") {
      return Blank(complaint ? "complaint" : "consult", req.Param("org"), visitor,
                   [this, complaint](const Visitor& v, const Submission& s) {
                     return CaseForm(complaint, v, s);
                   });
    }
    std::optional<FormFields> fields;
    auto reshow = [&](Submission s) { return CaseForm(complaint, visitor, s); };
    if (auto stop =
            Guard(req, complaint ? "complaint" : "consult", submit_limiter, fields, reshow)) {
      return Finish(std::move(*stop), visitor);
    }
    Submission s;
    s.fields = std::move(*fields);
    if (!opt.key) return CaseForm(complaint, visitor, s, 503);
    if (complaint) {
      CheckFields(s, kComplaintFields, std::size(kComplaintFields));
    } else {
      CheckFields(s, kConsultFields, std::size(kConsultFields));
    }
    if (!s.errors.empty()) return CaseForm(complaint, visitor, s, 400);
    std::string sealed;
    app::ApplicantData person{FormValue(s.fields, "name"), "", FormValue(s.fields, "contact")};
    if (!person.name.empty() || !person.contact.empty()) {
      auto r = opt.key->Seal(person);
      if (!r.ok())
        return Finish(Message(500, "提交失败", "系统暂时无法受理，请稍后再试。"), visitor);
      sealed = *r;
    }
    std::string org = FormValue(s.fields, "org");
    core::ChangeContext change{"portal", Clock().NowUtc()};
    core::Date today = Clock().Today();
    core::Id id = 0;
    core::Status st = ctx.pool.With([&](store::SociStore& store) {
      return store.Transact([&](core::Repositories& repos) -> core::Status {
        if (complaint) {
          core::Complaint c;
          c.channel = core::ComplaintChannel::kOther;
          c.received_on = today;
          c.subject = FormValue(s.fields, "subject");
          c.contact_sealed = sealed;
          GONGKAI_ASSIGN_OR_RETURN(c, core::AddComplaint(repos, change, today, org, c));
          id = c.id;
        } else {
          core::Consultation c;
          c.channel = core::ConsultChannel::kOnline;
          c.asked_on = today;
          c.topic = FormValue(s.fields, "question");
          c.answered = false;
          c.contact_sealed = sealed;
          GONGKAI_ASSIGN_OR_RETURN(c, core::AddConsultation(repos, change, today, org, c));
          id = c.id;
        }
        return core::Status::Ok();
      });
    });
    if (!st.ok()) {
      if (st.code() == core::ErrorCode::kInvalidArgument) {
        s.general_error = st.message();
        return CaseForm(complaint, visitor, s, 400);
      }
      spdlog::error("{} not stored: {}", complaint ? "complaint" : "consultation", st.ToString());
      return Finish(Message(500, "提交失败", "系统暂时无法受理，您的留言未保存，请稍后再试。"),
                    visitor);
    }
    std::string ref = (complaint ? "TS-" : "ZX-") + std::to_string(id);
    return Finish(
        Message(200, complaint ? "投诉已提交" : "咨询已提交",
                std::string("已收到您的") + (complaint ? "投诉" : "咨询") + "，编号 " + ref + "。" +
                    (sealed.empty() ? "" : "我们将通过您留下的联系方式答复。")),
        visitor);
  }
};

PublicForms::PublicForms(PageContext context, FormsOptions options)
    : impl_(std::make_unique<Impl>(std::move(context), std::move(options))) {}
PublicForms::~PublicForms() = default;

bool PublicForms::IsFormPath(const std::string& path) {
  return path == "/apply" || path == "/status" || path == "/status/letter" || path == "/consult" ||
         path == "/complaint";
}

std::optional<HttpResponse> PublicForms::Handle(const HttpRequest& request) {
  const std::string& p = request.path;
  if (!IsFormPath(p)) return std::nullopt;
  if (request.method != "GET" && request.method != "POST") {
    HttpResponse r = impl_->Message(405, "不支持的请求", "不支持该请求方法。");
    r.Set("Allow", "GET, HEAD, POST");
    return r;
  }
  if (p == "/apply") return impl_->Apply(request);
  if (p == "/status") return impl_->Status(request);
  if (p == "/status/letter") return impl_->LetterDownload(request);
  return impl_->CaseSubmit(request, p == "/complaint");
}

}  // namespace gongkai::web
