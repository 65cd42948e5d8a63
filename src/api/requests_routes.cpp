// /api/v1/requests: disclosure on request through core/request_service (intake with the
// applicant's personal data sealed, events, answers) and the sealed data's own route.
#include <algorithm>

#include "api/fields.hpp"
#include "api/record_json.hpp"
#include "core/request_service.hpp"

namespace gongkai::api {

namespace {

template <typename T>
core::Result<T> ParseField(core::Result<T> parsed, const char* field) {
  if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), field);
  return parsed;
}

// The request `id` after checking the route's action on its body.
core::Result<core::Request> LoadRequest(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Id id, PathId(call));
  auto r = call.repos.requests().Get(id);
  if (!r.ok()) return core::NotFound("申请不存在: " + std::to_string(id), "id");
  GONGKAI_RETURN_IF_ERROR(call.Require(r->org_id));
  return std::move(r).value();
}

core::Result<JsonReply> ViewReply(RouteCall& call, core::Id id, int status = 200) {
  GONGKAI_ASSIGN_OR_RETURN(auto view,
                           core::LoadRequestView(call.repos, id, call.options.rules.clock));
  return JsonReply{status, RequestViewJson(view, call.tree)};
}

core::Result<JsonReply> ListRequests(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Page page, ParsePage(call.http, call.options.max_per_page));
  GONGKAI_ASSIGN_OR_RETURN(auto year, QueryInt(call.http, "year", 1990, 2999));
  std::optional<core::RequestState> state;
  if (std::string s = call.http.Param("state"); !s.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(state, ParseField(core::ParseRequestState(s), "state"));
  }
  std::vector<core::Id> orgs = call.Allowed();
  if (std::string code = call.http.Param("org"); !code.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(const core::Org* o, OrgByCode(call.tree, code));
    GONGKAI_RETURN_IF_ERROR(call.Require(o->id));
    orgs.clear();
    for (const core::Org* s : call.tree.Subtree(o->id)) orgs.push_back(s->id);
  }
  std::vector<core::Request> rows;
  for (core::Id org : orgs) {
    GONGKAI_ASSIGN_OR_RETURN(
        auto list, call.repos.requests().ListByOrgYear(org, year.value_or(call.Today().year())));
    for (auto& r : list) {
      if (!state || r.state == *state) rows.push_back(std::move(r));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const core::Request& a, const core::Request& b) {
    return a.received_on != b.received_on ? b.received_on < a.received_on : b.id < a.id;
  });
  return JsonReply{
      200, PageOf(rows, page, [&](const core::Request& r) { return RequestJson(r, call.tree); })};
}

core::Result<JsonReply> GetRequest(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, LoadRequest(call));
  return ViewReply(call, r.id);
}

core::Result<JsonReply> Intake(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(
      f.OnlyKnown({"org", "channel", "applicant_type", "submitted_on", "confirmed_on",
                   "description", "doc_no", "delivery_form", "note", "applicant"}));
  GONGKAI_ASSIGN_OR_RETURN(std::string org_code, f.String("org", true));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, OrgByCode(call.tree, org_code));
  GONGKAI_RETURN_IF_ERROR(call.Require(org->id));
  if (!call.options.personal_key) {
    return core::FailedPrecondition("服务器未配置个人信息密钥，不能登记申请");
  }
  core::IntakeInput in;
  in.org_code = org->code;
  GONGKAI_ASSIGN_OR_RETURN(std::string channel, f.String("channel", true));
  GONGKAI_ASSIGN_OR_RETURN(in.channel, ParseField(core::ParseRequestChannel(channel), "channel"));
  GONGKAI_ASSIGN_OR_RETURN(std::string type, f.String("applicant_type", true));
  GONGKAI_ASSIGN_OR_RETURN(in.applicant_type,
                           ParseField(core::ParseApplicantType(type), "applicant_type"));
  GONGKAI_ASSIGN_OR_RETURN(in.submitted_on, f.Date("submitted_on"));
  GONGKAI_ASSIGN_OR_RETURN(in.confirmed_on, f.OptDate("confirmed_on"));
  GONGKAI_ASSIGN_OR_RETURN(in.description, f.String("description", true));
  GONGKAI_ASSIGN_OR_RETURN(in.doc_no, f.String("doc_no"));
  GONGKAI_ASSIGN_OR_RETURN(in.delivery_form, f.String("delivery_form"));
  GONGKAI_ASSIGN_OR_RETURN(in.note, f.String("note"));
  GONGKAI_ASSIGN_OR_RETURN(const json::object* applicant, f.Object("applicant", true));
  Fields a(*applicant);
  GONGKAI_RETURN_IF_ERROR(a.OnlyKnown({"name", "id_document", "contact"}));
  app::ApplicantData data;
  GONGKAI_ASSIGN_OR_RETURN(data.name, a.String("name", true));
  GONGKAI_ASSIGN_OR_RETURN(data.id_document, a.String("id_document"));
  GONGKAI_ASSIGN_OR_RETURN(data.contact, a.String("contact", true));
  GONGKAI_ASSIGN_OR_RETURN(in.applicant_sealed, call.options.personal_key->Seal(data));
  app::LookupCode code = app::NewLookupCode();
  in.lookup_code_hash = code.hash;
  GONGKAI_ASSIGN_OR_RETURN(auto result, core::IntakeRequest(call.repos, call.Change(), call.Today(),
                                                            in, call.options.rules.clock));
  json::object o = RequestViewJson(result.view, call.tree);
  o["lookup_code"] = code.code;  // shown once, for the applicant
  json::array suggestions;
  for (const auto& s : result.suggestions) {
    suggestions.push_back(json::object{{"item_id", s.item.id},
                                       {"title", s.item.title},
                                       {"index_no", s.item.index_no.value_or("")},
                                       {"reason", s.reason}});
  }
  o["suggestions"] = std::move(suggestions);
  return JsonReply{201, std::move(o)};
}

// The typed fields of an event body shared by /events and /answer.
core::Status ReadEvent(const Fields& f, core::EventInput& in) {
  GONGKAI_ASSIGN_OR_RETURN(in.on, f.Date("on"));
  GONGKAI_ASSIGN_OR_RETURN(in.note, f.String("note"));
  GONGKAI_ASSIGN_OR_RETURN(in.outcome, f.String("outcome"));
  GONGKAI_ASSIGN_OR_RETURN(in.published_item, f.String("published_item"));
  GONGKAI_ASSIGN_OR_RETURN(in.basis, f.String("basis"));
  return core::Status::Ok();
}

core::Result<JsonReply> RecordEvent(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(
      f.OnlyKnown({"kind", "on", "note", "outcome", "published_item", "basis", "consult_with",
                   "extension_days", "approver", "correction_deadline", "abandon_reason",
                   "good_reason", "notified_on", "notified_how"}));
  core::EventInput in;
  GONGKAI_ASSIGN_OR_RETURN(std::string kind, f.String("kind", true));
  GONGKAI_ASSIGN_OR_RETURN(in.kind, ParseField(core::ParseRequestEventKind(kind), "kind"));
  if (in.kind == core::RequestEventKind::kReceipt ||
      in.kind == core::RequestEventKind::kFeeNotice ||
      in.kind == core::RequestEventKind::kFeeSettled) {
    return core::InvalidArgument("此接口不能记录 " + kind + " 事件", "kind");
  }
  GONGKAI_RETURN_IF_ERROR(ReadEvent(f, in));
  GONGKAI_ASSIGN_OR_RETURN(std::string with, f.String("consult_with"));
  if (!with.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(in.consult_with,
                             ParseField(core::ParseConsultationKind(with), "consult_with"));
  }
  GONGKAI_ASSIGN_OR_RETURN(auto days, f.OptInt("extension_days"));
  if (days) {
    if (*days < 0 || *days > 366) {
      return core::InvalidArgument("extension_days 超出范围", "extension_days");
    }
    in.extension_days = static_cast<int>(*days);
  }
  GONGKAI_ASSIGN_OR_RETURN(in.approver, f.String("approver"));
  GONGKAI_ASSIGN_OR_RETURN(in.correction_deadline, f.OptDate("correction_deadline"));
  // 第三十条: a 补正 notice states a reasonable period (issue 21).
  if (in.kind == core::RequestEventKind::kCorrectionRequested && !in.correction_deadline) {
    return core::InvalidArgument("告知补正须写明补正期限", "correction_deadline");
  }
  GONGKAI_ASSIGN_OR_RETURN(in.abandon_reason, f.String("abandon_reason"));
  GONGKAI_ASSIGN_OR_RETURN(in.good_reason, f.String("good_reason"));
  GONGKAI_ASSIGN_OR_RETURN(in.notified_on, f.OptDate("notified_on"));
  GONGKAI_ASSIGN_OR_RETURN(in.notified_how, f.String("notified_how"));
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, LoadRequest(call));
  in.actor = call.who.user.username;
  GONGKAI_RETURN_IF_ERROR(core::RecordRequestEvent(call.repos, call.Change(), call.Today(), r.id,
                                                   in, call.options.rules.clock)
                              .status());
  return ViewReply(call, r.id, 201);
}

core::Result<JsonReply> Answer(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"on", "outcome", "published_item", "basis", "note"}));
  core::EventInput in;
  in.kind = core::RequestEventKind::kAnswer;
  GONGKAI_RETURN_IF_ERROR(ReadEvent(f, in));
  if (in.outcome.empty()) return core::InvalidArgument("缺少字段 outcome", "outcome");
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, LoadRequest(call));
  in.actor = call.who.user.username;
  GONGKAI_RETURN_IF_ERROR(core::RecordRequestEvent(call.repos, call.Change(), call.Today(), r.id,
                                                   in, call.options.rules.clock)
                              .status());
  return ViewReply(call, r.id);
}

core::Result<JsonReply> Applicant(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, LoadRequest(call));
  if (!call.options.personal_key) {
    return core::FailedPrecondition("服务器未配置个人信息密钥，不能查看申请人信息");
  }
  GONGKAI_ASSIGN_OR_RETURN(app::ApplicantData data,
                           call.options.personal_key->Open(r.applicant_sealed));
  // Who opened whose personal data is itself on the record (the data is not).
  GONGKAI_RETURN_IF_ERROR(
      core::RecordPersonalDataAccess(call.repos, call.Change(), r, "api", "接口查询申请人信息"));
  return JsonReply{200, json::object{{"request_id", r.id},
                                     {"name", data.name},
                                     {"id_document", data.id_document},
                                     {"contact", data.contact}}};
}

core::Result<JsonReply> RequestAudit(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, LoadRequest(call));
  GONGKAI_ASSIGN_OR_RETURN(auto events,
                           call.repos.audit().ListFor("request", std::to_string(r.id)));
  json::array out;
  for (const auto& e : events) out.push_back(AuditEventJson(e));
  return JsonReply{200, json::object{{"events", std::move(out)}}};
}

}  // namespace

void AddRequestRoutes(std::vector<Route>& routes) {
  using core::Action;
  routes.push_back({"GET", "/api/v1/requests", Action::kRead, "listRequests",
                    "列出某年收到的依申请公开申请（可按机构、状态筛选，分页）",
                    "org,year,state,page,per_page", "", "RequestPage", 200, ListRequests});
  routes.push_back({"POST", "/api/v1/requests", Action::kRequestHandle, "intakeRequest",
                    "登记申请（申请人信息加密保存；返回一次性查询码）", "", "RequestIntake",
                    "RequestCreated", 201, Intake});
  routes.push_back({"GET", "/api/v1/requests/{id}", Action::kRead, "getRequest",
                    "读取申请及其办理过程、期限", "", "", "Request", 200, GetRequest});
  routes.push_back({"POST", "/api/v1/requests/{id}/events", Action::kRequestHandle,
                    "recordRequestEvent", "记录办理事件（补正、征求意见、延期等）", "",
                    "RequestEvent", "Request", 201, RecordEvent});
  routes.push_back({"POST", "/api/v1/requests/{id}/answer", Action::kRequestHandle, "answerRequest",
                    "答复申请", "", "RequestAnswer", "Request", 200, Answer});
  routes.push_back({"GET", "/api/v1/requests/{id}/applicant", Action::kRequestPersonalData,
                    "getApplicant", "查看申请人个人信息（记入审计）", "", "", "Applicant", 200,
                    Applicant});
  routes.push_back({"GET", "/api/v1/requests/{id}/audit", Action::kAuditRead, "requestAudit",
                    "申请的审计记录", "", "", "AuditTrail", 200, RequestAudit});
}

}  // namespace gongkai::api
