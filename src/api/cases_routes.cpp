// /api/v1/complaints, /api/v1/consultations and /api/v1/legal-cases (行政复议, 行政诉讼)
// through core/case_service (a 12345 hotline system pushing complaints, a legal office's
// system recording cases and their results).
#include <algorithm>

#include "api/fields.hpp"
#include "api/record_json.hpp"
#include "core/case_service.hpp"
#include "core/request_service.hpp"

namespace gongkai::api {

namespace {

// The bodies a list covers: ?org= (its subtree, which the route's action must allow) or
// every body the token may read; and the year (?year=, default this year).
struct ListScope {
  std::vector<core::Id> orgs;
  int year = 0;
  Page page;
};

core::Result<ListScope> ReadScope(RouteCall& call) {
  ListScope scope;
  GONGKAI_ASSIGN_OR_RETURN(scope.page, ParsePage(call.http, call.options.max_per_page));
  GONGKAI_ASSIGN_OR_RETURN(auto year, QueryInt(call.http, "year", 1990, 2999));
  scope.year = year.value_or(call.Today().year());
  if (std::string code = call.http.Param("org"); !code.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(const core::Org* o, OrgByCode(call.tree, code));
    GONGKAI_RETURN_IF_ERROR(call.Require(o->id));
    for (const core::Org* s : call.tree.Subtree(o->id)) scope.orgs.push_back(s->id);
  } else {
    scope.orgs = call.Allowed();
  }
  return scope;
}

// The body named by the "org" field, after checking the route's action on it.
core::Result<const core::Org*> TargetOrg(RouteCall& call, const Fields& f) {
  GONGKAI_ASSIGN_OR_RETURN(std::string code, f.String("org", true));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, OrgByCode(call.tree, code));
  GONGKAI_RETURN_IF_ERROR(call.Require(org->id));
  return org;
}

// The core names a consultation's or complaint's date "date" (as the portal's forms do);
// the API names the field the client sent.
template <typename T>
core::Result<T> DateFieldAs(core::Result<T> r, const char* field) {
  if (!r.ok() && r.status().field() == "date") {
    return core::InvalidArgument(r.status().message(), field);
  }
  return r;
}

core::Result<JsonReply> ListComplaints(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(ListScope scope, ReadScope(call));
  std::vector<core::Complaint> rows;
  for (core::Id org : scope.orgs) {
    GONGKAI_ASSIGN_OR_RETURN(auto list, call.repos.cases().ListComplaints(org, scope.year));
    rows.insert(rows.end(), list.begin(), list.end());
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.received_on != b.received_on ? b.received_on < a.received_on : b.id < a.id;
  });
  return JsonReply{200, PageOf(rows, scope.page, [&](const core::Complaint& c) {
                     return ComplaintJson(c, call.tree);
                   })};
}

core::Result<JsonReply> CreateComplaint(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"org", "channel", "received_on", "subject", "replied_on"}));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, TargetOrg(call, f));
  core::Complaint c;
  GONGKAI_ASSIGN_OR_RETURN(std::string channel, f.String("channel"));
  if (!channel.empty()) {
    auto parsed = core::ParseComplaintChannel(channel);
    if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), "channel");
    c.channel = *parsed;
  }
  GONGKAI_ASSIGN_OR_RETURN(c.received_on, f.Date("received_on"));
  GONGKAI_ASSIGN_OR_RETURN(c.subject, f.String("subject", true));
  GONGKAI_ASSIGN_OR_RETURN(c.replied_on, f.OptDate("replied_on"));
  GONGKAI_ASSIGN_OR_RETURN(core::Complaint created,
                           DateFieldAs(core::AddComplaint(call.repos, call.Change(), call.Today(),
                                                          org->code, std::move(c)),
                                       "received_on"));
  return JsonReply{201, ComplaintJson(created, call.tree)};
}

core::Result<JsonReply> ListConsultations(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(ListScope scope, ReadScope(call));
  std::vector<core::Consultation> rows;
  for (core::Id org : scope.orgs) {
    GONGKAI_ASSIGN_OR_RETURN(auto list, call.repos.cases().ListConsultations(org, scope.year));
    rows.insert(rows.end(), list.begin(), list.end());
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.asked_on != b.asked_on ? b.asked_on < a.asked_on : b.id < a.id;
  });
  return JsonReply{200, PageOf(rows, scope.page, [&](const core::Consultation& c) {
                     return ConsultationJson(c, call.tree);
                   })};
}

core::Result<JsonReply> CreateConsultation(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"org", "channel", "asked_on", "topic", "answered"}));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, TargetOrg(call, f));
  core::Consultation c;
  GONGKAI_ASSIGN_OR_RETURN(std::string channel, f.String("channel", true));
  auto parsed = core::ParseConsultChannel(channel);
  if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), "channel");
  c.channel = *parsed;
  GONGKAI_ASSIGN_OR_RETURN(c.asked_on, f.Date("asked_on"));
  GONGKAI_ASSIGN_OR_RETURN(c.topic, f.String("topic"));
  GONGKAI_ASSIGN_OR_RETURN(auto answered, f.OptBool("answered"));
  c.answered = answered.value_or(true);
  GONGKAI_ASSIGN_OR_RETURN(core::Consultation created,
                           DateFieldAs(core::AddConsultation(call.repos, call.Change(),
                                                             call.Today(), org->code, std::move(c)),
                                       "asked_on"));
  return JsonReply{201, ConsultationJson(created, call.tree)};
}

json::object LegalCaseJson(const core::LegalCase& c, const core::OrgTree& tree,
                           const std::string& tracking_no) {
  const core::Org* org = tree.Find(c.org_id);
  json::object o;
  o["id"] = c.id;
  o["org"] = org ? org->code : "";
  o["kind"] = core::CaseKindCode(c.kind);
  o["filed_on"] = c.filed_on.ToIso();
  o["request_id"] = c.request_id ? json::value(*c.request_id) : json::value(nullptr);
  o["request"] = c.request_id ? json::value(tracking_no) : json::value(nullptr);
  o["result"] = core::CaseResultCode(c.result);
  o["closed_on"] = c.closed_on ? json::value(c.closed_on->ToIso()) : json::value(nullptr);
  return o;
}

// The tracking number of the case's linked request ("" when none).
core::Result<std::string> TrackingNo(RouteCall& call, const core::LegalCase& c) {
  if (!c.request_id) return std::string();
  GONGKAI_ASSIGN_OR_RETURN(core::Request r, call.repos.requests().Get(*c.request_id));
  return r.tracking_no;
}

core::Result<JsonReply> ListLegalCases(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(ListScope scope, ReadScope(call));
  std::optional<core::CaseKind> kind;
  if (std::string k = call.http.Param("kind"); !k.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(kind, core::ParseCaseKind(k));
  }
  std::vector<core::LegalCase> rows;
  for (core::Id org : scope.orgs) {
    GONGKAI_ASSIGN_OR_RETURN(auto list, call.repos.cases().ListLegalCases(org, scope.year));
    for (auto& c : list) {
      if (!kind || c.kind == *kind) rows.push_back(std::move(c));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.filed_on != b.filed_on ? b.filed_on < a.filed_on : b.id < a.id;
  });
  // Only the page's linked requests are looked up.
  std::map<core::Id, std::string> tracking;
  size_t per_page = static_cast<size_t>(scope.page.per_page);
  size_t start = static_cast<size_t>(scope.page.page - 1) * per_page;
  for (size_t i = start; i < rows.size() && i < start + per_page; ++i) {
    GONGKAI_ASSIGN_OR_RETURN(tracking[rows[i].id], TrackingNo(call, rows[i]));
  }
  return JsonReply{200, PageOf(rows, scope.page, [&](const core::LegalCase& c) {
                     return LegalCaseJson(c, call.tree, tracking[c.id]);
                   })};
}

// "request" (a tracking number such as 2024-0001, or an id as text) or "request_id" (an
// integer) names the linked request, which must belong to `org`. A request of another body
// answers like a missing one, so that its number is not disclosed.
core::Result<std::optional<core::Id>> LinkedRequest(RouteCall& call, const Fields& f,
                                                    const core::Org& org) {
  GONGKAI_ASSIGN_OR_RETURN(std::string ref, f.String("request"));
  GONGKAI_ASSIGN_OR_RETURN(std::optional<int64_t> id, f.OptInt("request_id"));
  if (!ref.empty() && id) {
    return core::InvalidArgument("request 与 request_id 只能给出一个", "request_id");
  }
  const char* field = id ? "request_id" : "request";
  if (id) ref = std::to_string(*id);
  if (ref.empty()) return std::optional<core::Id>();
  auto found = core::FindRequest(call.repos, org.code, ref);
  if (found.status().code() == core::ErrorCode::kNotFound ||
      (found.ok() && found->org_id != org.id)) {
    return core::InvalidArgument(org.code + " 没有编号或 id 为 " + ref + " 的申请", field);
  }
  if (!found.ok()) return core::InvalidArgument(found.status().message(), field);
  return std::optional<core::Id>(found->id);
}

core::Result<core::CaseResult> ResultField(const Fields& f, bool required) {
  GONGKAI_ASSIGN_OR_RETURN(std::string text, f.String("result", required));
  if (text.empty()) return core::CaseResult::kPending;
  auto parsed = core::ParseCaseResult(text);
  if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), "result");
  return *parsed;
}

core::Result<JsonReply> CreateLegalCase(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(
      f.OnlyKnown({"org", "kind", "filed_on", "request", "request_id", "result", "closed_on"}));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, TargetOrg(call, f));
  core::LegalCase c;
  GONGKAI_ASSIGN_OR_RETURN(std::string kind, f.String("kind", true));
  auto parsed = core::ParseCaseKind(kind);
  if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), "kind");
  c.kind = *parsed;
  GONGKAI_ASSIGN_OR_RETURN(c.filed_on, f.Date("filed_on"));
  GONGKAI_ASSIGN_OR_RETURN(c.result, ResultField(f, false));
  GONGKAI_ASSIGN_OR_RETURN(c.closed_on, f.OptDate("closed_on"));
  GONGKAI_ASSIGN_OR_RETURN(c.request_id, LinkedRequest(call, f, *org));
  GONGKAI_ASSIGN_OR_RETURN(
      core::LegalCase created,
      core::AddLegalCase(call.repos, call.Change(), call.Today(), org->code, std::move(c)));
  GONGKAI_ASSIGN_OR_RETURN(std::string tracking_no, TrackingNo(call, created));
  return JsonReply{201, LegalCaseJson(created, call.tree, tracking_no)};
}

core::Result<JsonReply> SetLegalResult(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Id id, PathId(call));
  GONGKAI_ASSIGN_OR_RETURN(core::LegalCase c, call.repos.cases().GetLegalCase(id));
  GONGKAI_RETURN_IF_ERROR(call.Require(c.org_id));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"result", "closed_on"}));
  GONGKAI_ASSIGN_OR_RETURN(core::CaseResult result, ResultField(f, true));
  GONGKAI_ASSIGN_OR_RETURN(std::optional<core::Date> closed_on, f.OptDate("closed_on"));
  GONGKAI_ASSIGN_OR_RETURN(
      c, core::SetLegalCaseResult(call.repos, call.Change(), call.Today(), id, result, closed_on));
  GONGKAI_ASSIGN_OR_RETURN(std::string tracking_no, TrackingNo(call, c));
  return JsonReply{200, LegalCaseJson(c, call.tree, tracking_no)};
}

}  // namespace

void AddCaseRoutes(std::vector<Route>& routes) {
  using core::Action;
  const char* kScope = "org,year,page,per_page";
  routes.push_back({"GET", "/api/v1/complaints", Action::kRead, "listComplaints",
                    "列出某年的举报投诉（分页）", kScope, "", "ComplaintPage", 200,
                    ListComplaints});
  routes.push_back({"POST", "/api/v1/complaints", Action::kCaseRecord, "createComplaint",
                    "登记举报投诉（如 12345 热线推送）", "", "ComplaintCreate", "Complaint", 201,
                    CreateComplaint});
  routes.push_back({"GET", "/api/v1/consultations", Action::kRead, "listConsultations",
                    "列出某年的咨询（分页）", kScope, "", "ConsultationPage", 200,
                    ListConsultations});
  routes.push_back({"POST", "/api/v1/consultations", Action::kCaseRecord, "createConsultation",
                    "登记咨询", "", "ConsultationCreate", "Consultation", 201, CreateConsultation});
  routes.push_back({"GET", "/api/v1/legal-cases", Action::kRead, "listLegalCases",
                    "列出某年立案的行政复议和行政诉讼案件（分页）", "org,year,kind,page,per_page",
                    "", "LegalCasePage", 200, ListLegalCases});
  routes.push_back({"POST", "/api/v1/legal-cases", Action::kCaseRecord, "createLegalCase",
                    "登记行政复议或行政诉讼案件", "", "LegalCaseCreate", "LegalCase", 201,
                    CreateLegalCase});
  routes.push_back({"POST", "/api/v1/legal-cases/{id}/result", Action::kCaseRecord,
                    "setLegalCaseResult", "登记案件的审理结果和审结日期", "", "LegalCaseResult",
                    "LegalCase", 200, SetLegalResult});
}

}  // namespace gongkai::api
