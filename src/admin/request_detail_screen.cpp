// The request page (issue 21): the record, the history in Chinese with display names, the
// letters issued and to issue, and one short form per step the request's state allows —
// which steps is decided by core (core::AllowedActions tries each with the request rules),
// never guessed here. Each form carries only its fields, labelled in the regulation's words.
#include <map>

#include "admin/request_extras.hpp"
#include "core/flat_json.hpp"
#include "core/request_actions.hpp"
#include "core/request_fee.hpp"
#include "core/request_letter.hpp"
#include "core/request_letters.hpp"
#include "web/letter_layout.hpp"

namespace gongkai::admin {
namespace {

// One input of an action form.
struct FieldSpec {
  const char* name;
  const char* label;
  const char* type;  // date, text, number, textarea, select
  bool required = false;
};

// The fields of each action (RequestAction::Code()), in the order of the form.
const std::map<std::string, std::vector<FieldSpec>>& ActionFields() {
  static const std::map<std::string, std::vector<FieldSpec>> kFields = {
      {"correction_requested",
       {{"on", "告知补正的日期", "date", true},
        {"note", "需要补正的事项（写入补正告知书）", "textarea", true},
        {"correction_deadline", "补正期限（合理期限，写入补正告知书）", "date", true},
        {"correction_how", "补正方式（如：以书面形式向本机关）", "text"}}},
      {"corrected",
       {{"on", "收到补正申请的日期", "date", true},
        {"good_reason", "逾期补正的正当理由（补正期限届满后收到时填写）", "text"},
        {"note", "说明", "textarea"}}},
      {"consultation_start",
       {{"on", "书面征求意见的日期", "date", true},
        {"consult_with", "征求意见的对象", "select", true},
        {"note", "征求意见的事项", "textarea"}}},
      {"consultation_end",
       {{"on", "收到意见或期限届满的日期", "date", true}, {"note", "意见", "textarea"}}},
      {"extension",
       {{"on", "批准延期的日期", "date", true},
        {"extension_days", "延长的工作日数（最长不超过 20 个工作日）", "number", true},
        {"approver", "批准人（政府信息公开工作机构负责人）", "text", true},
        {"notified_on", "告知申请人的日期", "date", true},
        {"notified_how", "告知方式（书面、电话等）", "text", true},
        {"note", "延期理由", "textarea"}}},
      {"answer",
       {{"on", "答复日期", "date", true},
        {"outcome", "办理结果", "select", true},
        {"published_item", "已主动公开信息的索引号（予以公开且该信息已主动公开时）", "text"},
        {"basis", "无法提供的情形（本机关不掌握该信息时）", "select"},
        {"reasons", "不予公开的理由（部分公开、不予公开时必填，写入答复书）", "textarea"},
        {"legal_basis",
         "法律依据（部分公开、不予公开时必填，如：《中华人民共和国政府信息公开条例》第十五条）",
         "text"},
        {"note", "说明", "textarea"}}},
      // 信息处理费: the fee screen's own fields (request_fee_screen.cpp decides and records).
      {"fee_notice",
       {{"fee_basis", "计收方式", "select", true},
        {"fee_quantity", "数量（按件：本申请件数；按量：页数）", "number", true},
        {"fee_prior", "本月此前已申请件数（按件时）", "number"},
        {"fee_on", "收费通知日期", "date", true},
        {"fee_note", "说明", "textarea"}}},
      {"fee_settled",
       {{"settle_how", "缴费或免收", "select", true}, {"settle_on", "日期", "date", true}}},
      {"abandon_correction", {{"on", "结案日期", "date", true}, {"note", "说明", "textarea"}}},
      {"abandon_fee", {{"on", "结案日期", "date", true}, {"note", "说明", "textarea"}}},
      {"withdraw", {{"on", "申请人撤回的日期", "date", true}, {"note", "说明", "textarea"}}},
      {"note", {{"on", "日期", "date", true}, {"note", "备注", "textarea", true}}},
  };
  return kFields;
}

std::vector<std::string> AllFieldNames() {
  std::vector<std::string> out;
  for (const auto& [_, fields] : ActionFields()) {
    for (const FieldSpec& f : fields) out.push_back(f.name);
  }
  out.push_back("kind");
  return out;
}

// The outcomes an answer may give, labelled as table 三 of the 2021 format has them;
// （六）1/2 are 视为放弃 and have their own forms.
web::View OutcomeOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v = {{"", "（请选择）"}};
  for (const auto& c : core::OutcomeCodes()) {
    if (c == "r6_1" || c == "r6_2") continue;
    v.emplace_back(c, core::OutcomeLabel(c));
  }
  return Options(v, selected);
}

web::View SelectOptions(const std::string& field, const std::string& selected) {
  if (field == "outcome") return OutcomeOptions(selected);
  if (field == "fee_basis") {
    return Options({{"", "（请选择）"},
                    {core::FeeBasisCode(core::FeeBasis::kPerRequest),
                     core::FeeBasisLabel(core::FeeBasis::kPerRequest)},
                    {core::FeeBasisCode(core::FeeBasis::kPerVolume),
                     core::FeeBasisLabel(core::FeeBasis::kPerVolume)}},
                   selected);
  }
  if (field == "settle_how") {
    return Options({{"", "（请选择）"}, {"paid", "已缴费"}, {"waived", "免收"}}, selected);
  }
  if (field == "consult_with") {
    return Options({{"", "（请选择）"},
                    {"third_party", "第三方（第三十二条）"},
                    {"inter_agency", "其他机关（第三十四条）"}},
                   selected);
  }
  return Options({{"", "（不适用）"},
                  {"not_exist", "政府信息不存在（第三十六条第（四）项）"},
                  {"not_ours", "不属于本机关负责公开（第三十六条第（五）项）"}},
                 selected);
}

// Where an action's form posts: the fee steps have their own handlers (they also store
// the fee), every other step is an event.
const char* PostTarget(const std::string& code) {
  if (code == "fee_notice") return "fee";
  if (code == "fee_settled") return "settle";
  return "events";
}

// The action a POST was for: its "kind", or the fee step its handler's path names.
std::string SubmittedAction(const Ctx& ctx) {
  if (!ctx.post()) return "";
  if (!ctx.Field("kind").empty()) return ctx.Field("kind");
  if (ctx.req.path.ends_with("/fee")) return "fee_notice";
  if (ctx.req.path.ends_with("/settle")) return "fee_settled";
  return "";
}

// The date fields that start at today.
bool DefaultsToToday(std::string_view name) {
  return name == "on" || name == "fee_on" || name == "settle_on";
}

// The action forms, the one just refused open with its values and errors.
web::View ActionForms(const Ctx& ctx, const std::vector<core::RequestAction>& actions,
                      const FormState& form) {
  web::View list = web::View::List();
  const std::string submitted = SubmittedAction(ctx);
  for (const core::RequestAction& a : actions) {
    std::string code = a.Code();
    auto spec = ActionFields().find(code);
    if (spec == ActionFields().end()) continue;
    bool refused = code == submitted;
    web::View action;
    action.Set("code", code);
    action.Set("label", a.Label());
    action.Set("open", web::View::Bool(refused));
    action.Set("post_to", PostTarget(code));
    if (code == "fee_notice") {
      action.Set("hint",
                 "按国办函〔2020〕109号计收：按件，同一申请人一个自然月内 10 件以内免收，11–30 "
                 "件每件 100 元，此后每 10 件一档逐档加收 100 元；按量，30 页以内免收，31–100 "
                 "页每页 10 元，101–200 页每页 20 元，201 页以上每页 40 元。发出收费通知后答复期限"
                 "暂停计算。");
    }
    web::View fields = web::View::List();
    for (const FieldSpec& f : spec->second) {
      std::string type = f.type;
      std::string value = refused ? ctx.Field(f.name) : "";
      if (value.empty() && type == "date" && DefaultsToToday(f.name)) {
        value = ctx.Today().ToIso();
      }
      web::View field;
      field.Set("fid", code + "-" + f.name);
      field.Set("name", f.name);
      field.Set("label", f.label);
      field.Set("required", web::View::Bool(f.required));
      field.Set("value", value);
      field.Set("type", type);
      field.Set("is_textarea", web::View::Bool(type == "textarea"));
      field.Set("is_select", web::View::Bool(type == "select"));
      field.Set("is_input", web::View::Bool(type != "textarea" && type != "select"));
      if (type == "select") field.Set("options", SelectOptions(f.name, value));
      if (refused) {
        std::string error = form.ErrorFor(f.name);
        if (!error.empty()) field.Set("field_error", error);
      }
      fields.Push(field);
    }
    action.Set("fields", fields);
    if (refused && !form.ErrorFor("").empty()) action.Set("action_error", form.ErrorFor(""));
    list.Push(action);
  }
  return list;
}

// What an event's data says, in words (deadline, days, outcome…).
std::string EventDetails(const core::RequestEvent& e) {
  auto data = core::FlatJson::Parse(e.data);
  if (!data.ok()) return "";
  std::string out;
  auto add = [&](const std::string& text) { out += (out.empty() ? "" : "；") + text; };
  auto date = [](const std::string& iso) {
    auto d = core::Date::Parse(iso);
    return d.ok() ? core::ChineseDate(*d) : iso;
  };
  if (!data->Get("deadline").empty()) add("补正期限 " + date(data->Get("deadline")));
  if (!data->Get("days").empty()) add("延长 " + data->Get("days") + " 个工作日");
  if (data->Get("with") == "third_party") add("征求第三方意见");
  if (data->Get("with") == "inter_agency") add("征求其他机关意见");
  if (!data->Get("outcome").empty()) add(core::OutcomeLabel(data->Get("outcome")));
  if (!data->Get("amount_yuan").empty()) add(data->Get("amount_yuan") + " 元");
  return out;
}

}  // namespace

core::RequestView LoadReadableRequest(Office& o, const Ctx& ctx, core::Id id) {
  core::RequestView view;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(view, core::LoadRequestView(repos, id, o.options.rules.clock));
    return core::Status::Ok();
  });
  ctx.Require(core::Action::kRead, view.request.org_id);
  return view;
}

std::map<std::string, std::string> DisplayNames(Office& o) {
  std::map<std::string, std::string> names;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto users, repos.users().List());
    for (const auto& u : users) {
      names[u.username] = u.display_name.empty() ? u.username : u.display_name;
    }
    return core::Status::Ok();
  });
  return names;
}

std::string DisplayName(const std::map<std::string, std::string>& names, std::string actor) {
  if (actor.starts_with("user:")) actor = actor.substr(5);
  auto it = names.find(actor);
  return it == names.end() ? actor : it->second;
}

web::HttpResponse ShowRequest(Office& o, Ctx& ctx, core::Id id, FormState form, int status) {
  core::RequestView view = LoadReadableRequest(o, ctx, id);
  const core::Request& r = view.request;
  auto names = DisplayNames(o);
  web::View v = form.ToView();
  v.Set("id", std::to_string(r.id));
  v.Set("tracking_no", r.tracking_no);
  v.Set("org", view.org.name);
  v.Set("state", RequestStateLabel(r.state));
  v.Set("description", r.description);
  v.Set("doc_no", r.doc_no);
  v.Set("received_on", core::ChineseDate(r.received_on));
  v.Set("outcome", core::OutcomeLabel(r.outcome));
  if (view.due.date) {
    v.Set("due_on", core::ChineseDate(*view.due.date));
    if (!r.closed_on && *view.due.date < ctx.Today()) v.Set("overdue", web::View::Bool(true));
  } else if (!r.closed_on) {
    v.Set("due_note",
          "计时暂停（剩余 " + std::to_string(view.due.days_remaining_at_pause) + " 个工作日）");
  }
  // The one classification the reports, the comparison and the dashboard use.
  if (r.closed_on) {
    core::Timeliness t = core::ClassifyTimeliness(view.due);
    std::string text = core::TimelinessLabel(t);
    if (t == core::Timeliness::kLate) {
      text += "（超过到期日 " + std::to_string(view.due.days_late) + " 个工作日）";
    }
    v.Set("timeliness", text);
  }
  if (view.due.provisional) v.Set("provisional_reason", core::ProvisionalReason(view.due));
  std::string warnings;
  for (const std::string& w : view.due.warnings) warnings += (warnings.empty() ? "" : "；") + w;
  if (!warnings.empty()) v.Set("clock_warning", warnings);
  web::View events = web::View::List();
  for (const auto& e : view.events) {
    web::View ev;
    ev.Set("seq", std::to_string(e.seq));
    auto kind = core::ParseRequestEventKind(e.kind);
    ev.Set("kind", kind.ok() ? core::RequestEventKindLabel(*kind) : e.kind);
    ev.Set("on", core::ChineseDate(e.on));
    ev.Set("actor", DisplayName(names, e.actor));
    ev.Set("details", EventDetails(e));
    ev.Set("note", e.note);
    events.Push(ev);
  }
  v.Set("events", events);
  bool handle = ctx.Can(core::Action::kRequestHandle, r.org_id).ok();
  v.Set("can_handle", web::View::Bool(handle && !r.closed_on));
  AddFeeView(view, v);
  AddLettersView(o, ctx, view, handle, names, v);
  v.Set("can_audit", web::View::Bool(ctx.Can(core::Action::kAuditRead, r.org_id).ok()));
  if (ctx.Can(core::Action::kRequestPersonalData, r.org_id).ok()) {
    if (!o.options.personal_data_key) {
      v.Set("personal_note", "未配置个人信息密钥，无法查看申请人信息。");
    } else {
      auto person = o.options.personal_data_key->Open(r.applicant_sealed);
      if (person.ok()) {
        // Every view of an applicant's personal data is on the record (who, which request).
        o.Transact([&](core::Repositories& repos) {
          return core::RecordPersonalDataAccess(repos, ctx.Change(), r, "admin", "办理申请");
        });
        web::View p;
        p.Set("name", person->name);
        p.Set("id_document", person->id_document);
        p.Set("contact", person->contact);
        v.Set("person", p);
      } else {
        v.Set("personal_note", "申请人信息无法解密（密钥不符）。");
      }
    }
  }
  if (handle && !r.closed_on) {
    std::vector<core::RequestAction> actions;
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(
          actions, core::AllowedRequestActions(repos, r.id, ctx.Today(), o.options.rules.clock));
      return core::Status::Ok();
    });
    v.Set("actions", ActionForms(ctx, actions, form));
  }
  v.Set("today", ctx.Today().ToIso());
  return o.Page(&ctx, "request", v, "申请 " + r.tracking_no, status);
}

web::HttpResponse RecordRequestEventForm(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::Request r;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(r, repos.requests().Get(id));
    return core::Status::Ok();
  });
  ctx.Require(core::Action::kRequestHandle, r.org_id);
  FormState form(ctx.form);
  core::EventInput in;
  std::string code = ctx.Field("kind");
  if (code == "abandon_correction" || code == "abandon_fee") {
    in.kind = core::RequestEventKind::kAbandon;
    in.abandon_reason = code.substr(8);
  } else {
    auto kind = core::ParseRequestEventKind(code);
    // The fee steps post to their own handlers, which also store the fee.
    if (!kind.ok() || !ActionFields().contains(code) || code.starts_with("fee_")) {
      form.Error("", "请选择要办理的事项。");
    } else {
      in.kind = *kind;
    }
  }
  // Required fields of the action's own form, named in its words.
  if (auto spec = ActionFields().find(code); spec != ActionFields().end()) {
    for (const FieldSpec& f : spec->second) {
      if (f.required && std::string(f.type) != "date" && ctx.Field(f.name).empty()) {
        form.Error(f.name, std::string("请填写") + f.label + "。");
      }
    }
  }
  auto on = FormDate(ctx, form, "on", true);
  in.note = ctx.Field("note");
  in.outcome = ctx.Field("outcome");
  in.published_item = ctx.Field("published_item");
  in.approver = ctx.Field("approver");
  in.basis = ctx.Field("basis");
  in.reasons = ctx.Field("reasons");
  in.legal_basis = ctx.Field("legal_basis");
  in.correction_how = ctx.Field("correction_how");
  if (!ctx.Field("consult_with").empty()) {
    auto c = core::ParseConsultationKind(ctx.Field("consult_with"));
    if (!c.ok()) {
      form.Error("consult_with", "未知的征求意见对象。");
    } else {
      in.consult_with = *c;
    }
  }
  std::string days = ctx.Field("extension_days");
  if (!days.empty()) {
    if (days.size() > 2 || days.find_first_not_of("0123456789") != std::string::npos) {
      form.Error("extension_days", "延长天数应为整数。");
    } else {
      in.extension_days = std::stoi(days);
    }
  }
  // 第三十条: the notice states what to correct and a reasonable period — a 补正 notice
  // without a deadline is refused here, before the rules see it.
  in.correction_deadline = FormDate(ctx, form, "correction_deadline", false);
  if (in.kind == core::RequestEventKind::kCorrectionRequested && !in.correction_deadline &&
      form.ErrorFor("correction_deadline").empty()) {
    form.Error("correction_deadline",
               "请填写补正期限：补正告知须一次性写明需要补正的事项和合理的补正期限（第三十条）。");
  }
  in.notified_on = FormDate(ctx, form, "notified_on", false);
  in.notified_how = ctx.Field("notified_how");
  in.good_reason = ctx.Field("good_reason");
  if (in.kind == core::RequestEventKind::kAnswer) {
    core::Status reasons = core::CheckReasons(in.outcome, {in.reasons, in.legal_basis});
    if (!reasons.ok()) form.Error(reasons, {"reasons", "legal_basis"});
  }
  if (!form.ok()) return ShowRequest(o, ctx, id, form, 422);
  in.on = *on;
  in.actor = ctx.user.username;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::RecordRequestEvent(repos, ctx.Change(), ctx.Today(), id, in, o.options.rules.clock)
        .status();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument ||
      s.code() == core::ErrorCode::kFailedPrecondition || s.code() == core::ErrorCode::kNotFound) {
    form.Error(s, AllFieldNames());
    return ShowRequest(o, ctx, id, form, 422);
  }
  if (!s.ok()) Fail(s);
  // The steps that the regulation says are told to someone in writing lead to their letter.
  std::string page = "/admin/requests/" + std::to_string(id);
  switch (in.kind) {
    case core::RequestEventKind::kCorrectionRequested:
      return Redirect(page + "/letters/correction");
    case core::RequestEventKind::kExtension:
      return Redirect(page + "/letters/extension");
    case core::RequestEventKind::kConsultationStart:
      if (in.consult_with == core::ConsultationKind::kThirdParty) {
        return Redirect(page + "/letters/consultation");
      }
      break;
    case core::RequestEventKind::kAnswer:
      return Redirect(page + "/letters/reply");
    default:
      break;
  }
  return Redirect(page);
}

}  // namespace gongkai::admin
