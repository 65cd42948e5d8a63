// 依申请公开 requests: list, intake on behalf of an applicant, the case page (events, due
// date, sealed personal data for case handlers), recording events — through
// core/request_service. Personal data is sealed here with the operator's key before it
// reaches the core, opened only for kRequestPersonalData, and never logged.
#include "admin/office.hpp"
#include "admin/request_extras.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {
namespace {

const char* StateLabel(core::RequestState s) {
  static const char* kLabels[] = {"已收到", "待补正", "办理中", "已答复", "已视为放弃", "已撤回"};
  return kLabels[static_cast<int>(s)];
}

const std::vector<std::string> kIntakeFields = {
    "org",    "channel", "applicant_type", "submitted_on", "received_on",  "description",
    "doc_no", "name",    "id_document",    "contact",      "delivery_form"};

web::View ChannelOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto c :
       {core::RequestChannel::kInPerson, core::RequestChannel::kPost, core::RequestChannel::kFax,
        core::RequestChannel::kOnline, core::RequestChannel::kOther}) {
    v.emplace_back(core::RequestChannelCode(c), core::RequestChannelLabel(c));
  }
  return Options(v, selected);
}

web::View ApplicantOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto t : {core::ApplicantType::kNaturalPerson, core::ApplicantType::kBusiness,
                 core::ApplicantType::kResearch, core::ApplicantType::kPublicWelfare,
                 core::ApplicantType::kLegalService, core::ApplicantType::kOtherOrg}) {
    v.emplace_back(core::ApplicantTypeCode(t), core::ApplicantTypeLabel(t));
  }
  return Options(v, selected);
}

web::HttpResponse Intake(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kRequestHandle);
  if (orgs.empty()) throw HttpError{403, "无权登记申请。"};
  FormState form(ctx.form);
  auto render = [&](int status) {
    web::View v = form.ToView();
    v.Set("orgs", OrgOptions(ctx, orgs, ctx.Field("org")));
    v.Set("channels", ChannelOptions(ctx.Field("channel")));
    v.Set("applicant_types", ApplicantOptions(ctx.Field("applicant_type")));
    v.Set("no_key", web::View::Bool(!o.options.personal_data_key));
    v.Set("today", ctx.Today().ToIso());
    return o.Page(&ctx, "request_intake", v, "登记申请", status);
  };
  if (!ctx.post()) return render(200);
  if (!o.options.personal_data_key) {
    form.Error("", "未配置个人信息密钥，无法登记申请。");
    return render(503);
  }
  core::IntakeInput in;
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择受理机关。");
  } else {
    ctx.Require(core::Action::kRequestHandle, org->id);
    in.org_code = org->code;
  }
  auto channel = core::ParseRequestChannel(ctx.Field("channel"));
  if (!channel.ok()) form.Error("channel", "请选择申请方式。");
  auto type = core::ParseApplicantType(ctx.Field("applicant_type"));
  if (!type.ok()) form.Error("applicant_type", "请选择申请人类型。");
  auto submitted = FormDate(ctx, form, "submitted_on", true);
  // The receipt date of 第三十一条: 签收之日 for post, 双方确认之日 online and by fax. Left
  // blank, it is the day of this registration (the handler confirms receipt by registering);
  // for a request handed in person it is always the day of submission.
  auto received = FormDate(ctx, form, "received_on", false);
  app::ApplicantData person{ctx.Field("name"), ctx.Field("id_document"), ctx.Field("contact")};
  if (person.name.empty()) form.Error("name", "请填写申请人姓名或名称。");
  if (person.contact.empty()) form.Error("contact", "请填写联系方式。");
  in.description = ctx.Field("description");
  if (in.description.empty()) form.Error("description", "请填写所需信息的内容描述。");
  if (!form.ok()) return render(422);
  in.channel = *channel;
  in.applicant_type = *type;
  in.submitted_on = *submitted;
  if (received) {
    in.confirmed_on = *received;
  } else if (in.channel != core::RequestChannel::kInPerson) {
    in.confirmed_on = ctx.Today();
  }
  in.doc_no = ctx.Field("doc_no");
  in.delivery_form = ctx.Field("delivery_form");
  auto sealed = o.options.personal_data_key->Seal(person);
  if (!sealed.ok()) Fail(sealed.status());
  in.applicant_sealed = *sealed;
  app::LookupCode code = app::NewLookupCode();
  in.lookup_code_hash = code.hash;
  core::Id id = 0;
  std::string tracking_no;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto result, core::IntakeRequest(repos, ctx.Change(), ctx.Today(), in,
                                                              o.options.rules.clock));
    id = result.view.request.id;
    tracking_no = result.view.request.tracking_no;
    return core::Status::Ok();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument) {
    form.Error(s, kIntakeFields);
    return render(422);
  }
  if (!s.ok()) Fail(s);
  // The lookup code is shown once, on the page the handler hands to the applicant.
  web::View v;
  v.Set("id", std::to_string(id));
  v.Set("tracking_no", tracking_no);
  v.Set("lookup_code", code.code);
  return o.Page(&ctx, "request_created", v, "申请已登记");
}

const std::vector<std::string> kEventFields = {"kind",           "on",
                                               "note",           "outcome",
                                               "consult_with",   "extension_days",
                                               "approver",       "correction_deadline",
                                               "published_item", "basis",
                                               "notified_on",    "notified_how",
                                               "good_reason"};

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

web::HttpResponse ShowRequest(Office& o, Ctx& ctx, core::Id id, FormState form, int status) {
  core::RequestView view = LoadReadableRequest(o, ctx, id);
  const core::Request& r = view.request;
  web::View v = form.ToView();
  v.Set("id", std::to_string(r.id));
  v.Set("tracking_no", r.tracking_no);
  v.Set("org", view.org.name);
  v.Set("state", StateLabel(r.state));
  v.Set("description", r.description);
  v.Set("doc_no", r.doc_no);
  v.Set("received_on", r.received_on.ToIso());
  v.Set("outcome", r.outcome);
  if (view.due.date) {
    v.Set("due_on", view.due.date->ToIso());
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
    ev.Set("on", e.on.ToIso());
    ev.Set("actor", e.actor);
    ev.Set("note", e.note);
    events.Push(ev);
  }
  v.Set("events", events);
  bool handle = ctx.Can(core::Action::kRequestHandle, r.org_id).ok();
  v.Set("can_handle", web::View::Bool(handle && !r.closed_on));
  AddFeeView(ctx, view, handle && !r.closed_on, v);
  v.Set("has_letter", web::View::Bool(core::IsClosed(r.state) && !r.outcome.empty()));
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
  std::vector<std::pair<std::string, std::string>> kinds;
  for (auto k :
       {core::RequestEventKind::kCorrectionRequested, core::RequestEventKind::kCorrected,
        core::RequestEventKind::kConsultationStart, core::RequestEventKind::kConsultationEnd,
        core::RequestEventKind::kExtension, core::RequestEventKind::kAnswer,
        core::RequestEventKind::kWithdraw, core::RequestEventKind::kNote}) {
    kinds.emplace_back(core::RequestEventKindCode(k), core::RequestEventKindLabel(k));
  }
  v.Set("kinds", Options(kinds, ctx.Field("kind")));
  std::vector<std::pair<std::string, std::string>> outcomes = {{"", "（答复时选择）"}};
  for (const auto& c : core::OutcomeCodes()) outcomes.emplace_back(c, c);
  v.Set("outcomes", Options(outcomes, ctx.Field("outcome")));
  v.Set("consult_kinds", Options({{"", "（征求意见时选择）"},
                                  {"third_party", "第三方（第三十二条）"},
                                  {"inter_agency", "其他机关（第三十四条）"}},
                                 ctx.Field("consult_with")));
  v.Set("bases", Options({{"", "（答复 r4_1 时选择）"},
                          {"not_exist", "政府信息不存在（第三十六条第（四）项）"},
                          {"not_ours", "不属于本机关负责公开（第三十六条第（五）项）"}},
                         ctx.Field("basis")));
  v.Set("today", ctx.Today().ToIso());
  return o.Page(&ctx, "request", v, "申请 " + r.tracking_no, status);
}

namespace {

web::HttpResponse RecordEvent(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::Request r;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(r, repos.requests().Get(id));
    return core::Status::Ok();
  });
  ctx.Require(core::Action::kRequestHandle, r.org_id);
  FormState form(ctx.form);
  core::EventInput in;
  auto kind = core::ParseRequestEventKind(ctx.Field("kind"));
  if (!kind.ok()) form.Error("kind", "请选择事项。");
  auto on = FormDate(ctx, form, "on", true);
  in.note = ctx.Field("note");
  in.outcome = ctx.Field("outcome");
  in.published_item = ctx.Field("published_item");
  in.approver = ctx.Field("approver");
  in.basis = ctx.Field("basis");
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
  in.correction_deadline = FormDate(ctx, form, "correction_deadline", false);
  in.notified_on = FormDate(ctx, form, "notified_on", false);
  in.notified_how = ctx.Field("notified_how");
  in.good_reason = ctx.Field("good_reason");
  if (!form.ok()) return ShowRequest(o, ctx, id, form, 422);
  in.kind = *kind;
  in.on = *on;
  in.actor = ctx.user.username;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::RecordRequestEvent(repos, ctx.Change(), ctx.Today(), id, in, o.options.rules.clock)
        .status();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument ||
      s.code() == core::ErrorCode::kFailedPrecondition) {
    form.Error(s, kEventFields);
    return ShowRequest(o, ctx, id, form, 422);
  }
  if (!s.ok()) Fail(s);
  return Redirect("/admin/requests/" + std::to_string(id));
}

}  // namespace

web::HttpResponse RequestsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return RequestsQueue(o, ctx);
  if (parts[1] == "new" && parts.size() == 2) return Intake(o, ctx);
  core::Id id = PathId(parts[1]);
  if (parts.size() == 2) return ShowRequest(o, ctx, id, FormState(), 200);
  if (parts.size() == 3 && parts[2] == "events") return RecordEvent(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "fee") return NotifyRequestFee(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "settle") return SettleRequestFee(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "letter") return RequestLetter(o, ctx, id);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
