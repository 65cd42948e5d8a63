// /api/v1/orgs/{org}/…: a body's own data through core/body_data_service and
// core::SetAdminStats — the acceptance point and reading points (the portal's guide page),
// and per year the staff and funding, meetings and trainings, and administrative statistics
// (the annual report). Reading needs kRead on the body, writing kOrgDataEdit. A POST changes
// the fields it names and keeps the others (a reading_points array replaces the whole list).
#include "api/fields.hpp"
#include "core/body_data_service.hpp"
#include "core/proactive_stats.hpp"

namespace gongkai::api {

namespace {

constexpr int64_t kMaxCount = 1000000;
constexpr int64_t kMaxDecisions = 1000000000;
constexpr int64_t kMaxYuan = int64_t{1000000000000};

// The body of path parameter {org}, after checking the route's action on it.
core::Result<const core::Org*> PathOrg(RouteCall& call) {
  const core::Org* org = call.tree.FindByCode(call.params["org"]);
  if (!org) return core::NotFound("机构不存在: " + call.params["org"], "org");
  GONGKAI_RETURN_IF_ERROR(call.Require(org->id));
  return org;
}

// Path parameter {year}: 2000-2999, else kNotFound (no such page).
core::Result<int> PathYear(const RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Id year, PathId(call, "year"));
  if (year < 2000 || year > 2999) return core::NotFound("年份无效", "year");
  return static_cast<int>(year);
}

// An optional integer field in [0, max]; `keep` when absent.
core::Result<int64_t> Count(const Fields& f, std::string_view key, int64_t max, int64_t keep) {
  GONGKAI_ASSIGN_OR_RETURN(auto v, f.OptInt(key));
  if (!v) return keep;
  if (*v < 0) return core::InvalidArgument(std::string(key) + " 不能为负", std::string(key));
  if (*v > max) return core::InvalidArgument(std::string(key) + " 数值过大", std::string(key));
  return *v;
}

json::object ContactJson(const core::Org& org) {
  json::array points;
  for (const auto& p : org.reading_points) {
    points.push_back(json::object{{"name", p.name}, {"address", p.address}, {"hours", p.hours}});
  }
  return json::object{{"org", org.code},
                      {"acceptance_address", org.acceptance_address},
                      {"acceptance_hours", org.acceptance_hours},
                      {"acceptance_phone", org.acceptance_phone},
                      {"reading_points", std::move(points)}};
}

json::object FactsJson(const core::Org& org, int year,
                       const std::optional<core::OrgYearFacts>& stored) {
  core::OrgYearFacts f = stored.value_or(core::OrgYearFacts{});
  return json::object{{"org", org.code},
                      {"year", year},
                      {"recorded", stored.has_value()},
                      {"dedicated_bodies", f.dedicated_bodies},
                      {"staff_full_time", f.staff_full_time},
                      {"staff_part_time", f.staff_part_time},
                      {"funding_yuan", f.funding_yuan}};
}

json::object StatsJson(const core::Org& org, int year,
                       const std::optional<core::AdminStats>& stored) {
  core::AdminStats s = stored.value_or(core::AdminStats{});
  return json::object{{"org", org.code},
                      {"year", year},
                      {"recorded", stored.has_value()},
                      {"licensing_decisions", s.licensing_decisions},
                      {"punishment_decisions", s.punishment_decisions},
                      {"coercion_decisions", s.coercion_decisions},
                      {"fees_yuan", s.fees_yuan}};
}

json::object MeetingJson(const core::Meeting& m, const core::Org& org) {
  return json::object{{"id", m.id},
                      {"org", org.code},
                      {"category", core::MeetingCategoryCode(m.category)},
                      {"kind", m.kind},
                      {"title", m.title},
                      {"held_on", m.held_on.ToIso()},
                      {"attendees", m.attendees}};
}

core::Result<JsonReply> GetContact(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  return JsonReply{200, ContactJson(*org)};
}

// reading_points: [{"name", "address", "hours"}], each a string (name required by the core).
core::Result<std::vector<core::ReadingPoint>> ReadPoints(const json::value& v) {
  auto wrong = [](const std::string& field) {
    return core::InvalidArgument("字段 " + field + " 应为字符串", field);
  };
  if (!v.is_array()) {
    return core::InvalidArgument("字段 reading_points 应为对象数组", "reading_points");
  }
  std::vector<core::ReadingPoint> out;
  for (size_t i = 0; i < v.as_array().size(); ++i) {
    const json::value& e = v.as_array()[i];
    std::string at = "reading_points[" + std::to_string(i) + "]";
    if (!e.is_object()) return core::InvalidArgument("字段 " + at + " 应为对象", at);
    core::ReadingPoint p;
    for (const auto& kv : e.as_object()) {
      std::string field = at + "." + std::string(kv.key());
      std::string* slot = kv.key() == "name"      ? &p.name
                          : kv.key() == "address" ? &p.address
                          : kv.key() == "hours"   ? &p.hours
                                                  : nullptr;
      if (!slot) return core::InvalidArgument("未知字段: " + field, field);
      if (kv.value().is_null()) continue;
      if (!kv.value().is_string()) return wrong(field);
      *slot = std::string(kv.value().as_string());
    }
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<JsonReply> UpdateContact(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown(
      {"acceptance_address", "acceptance_hours", "acceptance_phone", "reading_points"}));
  core::OrgContact c = core::ContactOf(*org);
  GONGKAI_ASSIGN_OR_RETURN(auto address, f.OptString("acceptance_address"));
  GONGKAI_ASSIGN_OR_RETURN(auto hours, f.OptString("acceptance_hours"));
  GONGKAI_ASSIGN_OR_RETURN(auto phone, f.OptString("acceptance_phone"));
  if (address) c.acceptance_address = *address;
  if (hours) c.acceptance_hours = *hours;
  if (phone) c.acceptance_phone = *phone;
  if (f.Has("reading_points")) {
    GONGKAI_ASSIGN_OR_RETURN(c.reading_points, ReadPoints(call.body.at("reading_points")));
  }
  GONGKAI_ASSIGN_OR_RETURN(core::Org saved,
                           core::UpdateOrgContact(call.repos, call.Change(), org->id, c));
  return JsonReply{200, ContactJson(saved)};
}

core::Result<JsonReply> GetFacts(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, call.repos.orgs().GetYearFacts(org->id, year));
  return JsonReply{200, FactsJson(*org, year, stored)};
}

core::Result<JsonReply> SetFacts(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(
      f.OnlyKnown({"dedicated_bodies", "staff_full_time", "staff_part_time", "funding_yuan"}));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, call.repos.orgs().GetYearFacts(org->id, year));
  core::OrgYearFacts facts = stored.value_or(core::OrgYearFacts{org->id, year, 0, 0, 0, 0});
  GONGKAI_ASSIGN_OR_RETURN(auto bodies,
                           Count(f, "dedicated_bodies", kMaxCount, facts.dedicated_bodies));
  GONGKAI_ASSIGN_OR_RETURN(auto full,
                           Count(f, "staff_full_time", kMaxCount, facts.staff_full_time));
  GONGKAI_ASSIGN_OR_RETURN(auto part,
                           Count(f, "staff_part_time", kMaxCount, facts.staff_part_time));
  GONGKAI_ASSIGN_OR_RETURN(facts.funding_yuan,
                           Count(f, "funding_yuan", kMaxYuan, facts.funding_yuan));
  facts.dedicated_bodies = static_cast<int>(bodies);
  facts.staff_full_time = static_cast<int>(full);
  facts.staff_part_time = static_cast<int>(part);
  GONGKAI_RETURN_IF_ERROR(core::SetOrgYearFacts(call.repos, call.Change(), facts));
  return JsonReply{200, FactsJson(*org, year, facts)};
}

core::Result<JsonReply> ListMeetings(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  GONGKAI_ASSIGN_OR_RETURN(auto meetings, call.repos.orgs().ListMeetings(org->id, year));
  json::array out;
  for (const auto& m : meetings) out.push_back(MeetingJson(m, *org));
  return JsonReply{200, json::object{{"meetings", std::move(out)}}};
}

core::Result<JsonReply> CreateMeeting(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"category", "kind", "title", "held_on", "attendees"}));
  core::Meeting m;
  m.org_id = org->id;
  GONGKAI_ASSIGN_OR_RETURN(std::string category, f.String("category", true));
  auto parsed = core::ParseMeetingCategory(category);
  if (!parsed.ok()) return core::InvalidArgument(parsed.status().message(), "category");
  m.category = *parsed;
  GONGKAI_ASSIGN_OR_RETURN(m.kind, f.String("kind"));
  GONGKAI_ASSIGN_OR_RETURN(m.title, f.String("title", true));
  GONGKAI_ASSIGN_OR_RETURN(m.held_on, f.Date("held_on"));
  GONGKAI_ASSIGN_OR_RETURN(auto attendees, Count(f, "attendees", core::kMaxAttendees, 0));
  m.attendees = static_cast<int>(attendees);
  GONGKAI_ASSIGN_OR_RETURN(core::Meeting created,
                           core::AddMeeting(call.repos, call.Change(), year, std::move(m)));
  return JsonReply{201, MeetingJson(created, *org)};
}

core::Result<JsonReply> RemoveMeeting(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  GONGKAI_ASSIGN_OR_RETURN(core::Id id, PathId(call, "id"));
  GONGKAI_RETURN_IF_ERROR(core::DeleteMeeting(call.repos, call.Change(), org->id, year, id));
  return JsonReply{200, json::object{}};
}

core::Result<JsonReply> GetStats(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, call.repos.orgs().GetAdminStats(org->id, year));
  return JsonReply{200, StatsJson(*org, year, stored)};
}

core::Result<JsonReply> SetStats(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, PathOrg(call));
  GONGKAI_ASSIGN_OR_RETURN(int year, PathYear(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown(
      {"licensing_decisions", "punishment_decisions", "coercion_decisions", "fees_yuan"}));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, call.repos.orgs().GetAdminStats(org->id, year));
  core::AdminStats s = stored.value_or(core::AdminStats{org->id, year, 0, 0, 0, 0});
  // Checked here so that an error names the API's field (SetAdminStats names its own).
  GONGKAI_ASSIGN_OR_RETURN(s.licensing_decisions,
                           Count(f, "licensing_decisions", kMaxDecisions, s.licensing_decisions));
  GONGKAI_ASSIGN_OR_RETURN(s.punishment_decisions,
                           Count(f, "punishment_decisions", kMaxDecisions, s.punishment_decisions));
  GONGKAI_ASSIGN_OR_RETURN(s.coercion_decisions,
                           Count(f, "coercion_decisions", kMaxDecisions, s.coercion_decisions));
  GONGKAI_ASSIGN_OR_RETURN(s.fees_yuan, Count(f, "fees_yuan", kMaxYuan, s.fees_yuan));
  GONGKAI_RETURN_IF_ERROR(core::SetAdminStats(call.repos, call.Change(), s));
  return JsonReply{200, StatsJson(*org, year, s)};
}

}  // namespace

void AddBodyRoutes(std::vector<Route>& routes) {
  using core::Action;
  routes.push_back({"GET", "/api/v1/orgs/{org}/contact", Action::kRead, "getOrgContact",
                    "读取机构的依申请公开受理点和查阅点", "", "", "OrgContact", 200, GetContact});
  routes.push_back({"POST", "/api/v1/orgs/{org}/contact", Action::kOrgDataEdit, "updateOrgContact",
                    "修改受理点和查阅点（未给出的字段保持不变；reading_points 整体替换）", "",
                    "OrgContactUpdate", "OrgContact", 200, UpdateContact});
  routes.push_back({"GET", "/api/v1/orgs/{org}/years/{year}/facts", Action::kRead,
                    "getOrgYearFacts", "读取某年的工作机构、人员和专项经费（元）", "", "",
                    "OrgYearFacts", 200, GetFacts});
  routes.push_back({"POST", "/api/v1/orgs/{org}/years/{year}/facts", Action::kOrgDataEdit,
                    "setOrgYearFacts",
                    "填报某年的工作机构、人员和专项经费（元；未给出的字段保持不变）", "",
                    "OrgYearFactsInput", "OrgYearFacts", 200, SetFacts});
  routes.push_back({"GET", "/api/v1/orgs/{org}/years/{year}/meetings", Action::kRead,
                    "listOrgMeetings", "列出某年的会议和培训", "", "", "MeetingList", 200,
                    ListMeetings});
  routes.push_back({"POST", "/api/v1/orgs/{org}/years/{year}/meetings", Action::kOrgDataEdit,
                    "createOrgMeeting", "登记会议或培训（日期须在该年内）", "", "MeetingCreate",
                    "Meeting", 201, CreateMeeting});
  routes.push_back({"POST", "/api/v1/orgs/{org}/years/{year}/meetings/{id}/delete",
                    Action::kOrgDataEdit, "deleteOrgMeeting", "删除录入有误的会议或培训", "",
                    "Empty", "Empty", 200, RemoveMeeting});
  routes.push_back({"GET", "/api/v1/orgs/{org}/years/{year}/admin-stats", Action::kRead,
                    "getOrgAdminStats",
                    "读取某年的行政许可、处罚、强制决定数和行政事业性收费（元）", "", "",
                    "AdminStats", 200, GetStats});
  routes.push_back({"POST", "/api/v1/orgs/{org}/years/{year}/admin-stats", Action::kOrgDataEdit,
                    "setOrgAdminStats", "填报某年的行政管理统计（未给出的字段保持不变）", "",
                    "AdminStatsInput", "AdminStats", 200, SetStats});
}

}  // namespace gongkai::api
