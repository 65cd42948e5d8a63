// /api/v1/complaints and /api/v1/consultations through core/case_service (a 12345 hotline
// system pushing complaints).
#include <algorithm>

#include "api/fields.hpp"
#include "api/record_json.hpp"
#include "core/case_service.hpp"

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
  GONGKAI_ASSIGN_OR_RETURN(
      core::Complaint created,
      core::AddComplaint(call.repos, call.Change(), call.Today(), org->code, std::move(c)));
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
  GONGKAI_ASSIGN_OR_RETURN(
      core::Consultation created,
      core::AddConsultation(call.repos, call.Change(), call.Today(), org->code, std::move(c)));
  return JsonReply{201, ConsultationJson(created, call.tree)};
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
}

}  // namespace gongkai::api
