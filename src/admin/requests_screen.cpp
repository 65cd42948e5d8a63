// 依申请公开 requests: list, intake on behalf of an applicant, and the routes of the case
// page (request_detail_screen.cpp, request_fee_screen.cpp, request_letter_screen.cpp) —
// through core/request_service. Personal data is sealed here with the operator's key before it
// reaches the core, opened only for kRequestPersonalData, and never logged.
#include "admin/office.hpp"
#include "admin/request_extras.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {

const char* RequestStateLabel(core::RequestState s) {
  static const char* kLabels[] = {"已收到", "待补正", "办理中", "已答复", "已视为放弃", "已撤回"};
  return kLabels[static_cast<int>(s)];
}

namespace {

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

}  // namespace

web::HttpResponse RequestsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return RequestsQueue(o, ctx);
  if (parts[1] == "new" && parts.size() == 2) return Intake(o, ctx);
  core::Id id = PathId(parts[1]);
  if (parts.size() == 2) return ShowRequest(o, ctx, id, FormState(), 200);
  if (parts.size() == 3 && parts[2] == "events") return RecordRequestEventForm(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "fee") return NotifyRequestFee(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "settle") return SettleRequestFee(o, ctx, id);
  if (parts.size() == 3 && parts[2] == "letter") return RequestLetterDraft(o, ctx, id, "reply");
  if (parts.size() == 4 && parts[2] == "letters") return RequestLetterDraft(o, ctx, id, parts[3]);
  if (parts.size() == 5 && parts[2] == "letters" && parts[3] == "issued") {
    return IssuedRequestLetter(o, ctx, id, PathId(parts[4]));
  }
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
