// /api/v1/reports/{org}/{year}: the annual report computed from the records (the JSON the
// portal's report.json serves before publication), the staff-written sections, publication of
// frozen versions and their list — through report/document and core/report_snapshot, as
// `gongkai report` does.
#include "api/fields.hpp"
#include "core/calendar_service.hpp"
#include "core/report_snapshot.hpp"
#include "report/document.hpp"
#include "report/render_json.hpp"
#include "text/normalize.hpp"
#include "web/http.hpp"

namespace gongkai::api {

namespace {

struct Target {
  const core::Org* org = nullptr;
  int year = 0;
  bool subtree = false;  // the default scope (the root rolls up its tree), as the portal shows
};

// The body and year of the path, after checking the route's action on the body.
core::Result<Target> ReadTarget(RouteCall& call) {
  const std::string& code = call.params.at("org");
  const core::Org* org = call.tree.FindByCode(code);
  if (!org) return core::NotFound("机构不存在: " + code, "org");
  const std::string& y = call.params.at("year");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos || y < "2000") {
    return core::NotFound("年度无效: " + y, "year");
  }
  GONGKAI_RETURN_IF_ERROR(call.Require(org->id));
  return Target{org, std::stoi(y), !org->parent_id.has_value()};
}

core::Result<report::ReportDocument> Compose(RouteCall& call, const Target& t) {
  GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(call.repos));
  report::ReportRequest request;
  request.org_code = t.org->code;
  request.year = t.year;
  request.rules = call.options.rules;
  return report::ComposeReport(call.repos, calendar, request);
}

// A text field as every text input is stored (text::NormalizeInput).
core::Result<std::string> NormalizedText(const Fields& f, std::string_view key) {
  GONGKAI_ASSIGN_OR_RETURN(std::string raw, f.String(key));
  auto text = text::NormalizeInput(raw);
  if (!text.ok()) return core::InvalidArgument(text.status().message(), std::string(key));
  return text;
}

json::object VersionJson(const core::ReportSnapshot& s, const Target& t) {
  json::object o;
  o["version"] = s.version;
  o["published_at"] = s.published_at;
  o["published_by"] = s.published_by;
  o["format"] = s.format;
  o["change_note"] = s.change_note;
  o["url"] = "/org/" + web::UrlEncode(t.org->code) + "/report/" + std::to_string(t.year) + "/v" +
             std::to_string(s.version);
  return o;
}

core::Result<JsonReply> GetReport(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Target t, ReadTarget(call));
  GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc, Compose(call, t));
  boost::system::error_code ec;
  json::value body = json::parse(report::RenderJson(doc.report, doc.text), ec);
  if (ec) return core::Internal("年报 JSON 无法解析: " + ec.message());
  return JsonReply{200, std::move(body)};
}

core::Result<JsonReply> ListReportVersions(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Target t, ReadTarget(call));
  GONGKAI_ASSIGN_OR_RETURN(auto versions,
                           call.repos.reports().ListSnapshots(t.org->id, t.year, t.subtree));
  json::array list;
  for (const auto& v : versions) list.push_back(VersionJson(v, t));
  return JsonReply{200, json::object{{"versions", std::move(list)}}};
}

core::Result<JsonReply> GetReportVersion(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Target t, ReadTarget(call));
  GONGKAI_ASSIGN_OR_RETURN(core::Id number, PathId(call, "version"));
  GONGKAI_ASSIGN_OR_RETURN(auto versions,
                           call.repos.reports().ListSnapshots(t.org->id, t.year, t.subtree));
  for (const auto& v : versions) {
    if (v.version != number) continue;
    // The JSON frozen at publication, as the portal serves it.
    boost::system::error_code ec;
    json::value body = json::parse(v.json, ec);
    if (ec) return core::DataLoss("已发布年报的 JSON 无法解析");
    return JsonReply{200, std::move(body)};
  }
  return core::NotFound("没有第 " + std::to_string(number) + " 版", "version");
}

core::Result<JsonReply> PutReportNarrative(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Target t, ReadTarget(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"section", "text"}));
  GONGKAI_ASSIGN_OR_RETURN(auto section, f.OptInt("section"));
  if (!section) return core::InvalidArgument("缺少 section（1、5 或 6）", "section");
  if (!f.Has("text")) return core::InvalidArgument("缺少 text", "text");
  core::ReportNarrative n;
  n.org_id = t.org->id;
  n.year = t.year;
  n.section = static_cast<int>(*section);
  GONGKAI_ASSIGN_OR_RETURN(n.text, NormalizedText(f, "text"));
  GONGKAI_RETURN_IF_ERROR(core::SaveReportNarrative(call.repos, call.Change(), n));
  // Placeholders must name cells of the year's format: checked now, not at publication.
  auto composed = Compose(call, t);
  if (!composed.ok()) {
    if (composed.status().code() == core::ErrorCode::kInvalidArgument) {
      return core::InvalidArgument(composed.status().message(), "text");
    }
    return composed.status();
  }
  core::ChangeContext change = call.Change();
  return JsonReply{200, json::object{{"org", t.org->code},
                                     {"year", t.year},
                                     {"section", n.section},
                                     {"text", n.text},
                                     {"updated_at", change.at},
                                     {"updated_by", change.actor}}};
}

core::Result<JsonReply> PublishReport(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Target t, ReadTarget(call));
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"note"}));
  GONGKAI_ASSIGN_OR_RETURN(std::string note, NormalizedText(f, "note"));
  GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc, Compose(call, t));
  GONGKAI_ASSIGN_OR_RETURN(
      core::ReportSnapshot published,
      core::PublishReportSnapshot(call.repos, call.Change(), report::SnapshotOf(doc, note)));
  return JsonReply{201, VersionJson(published, t)};
}

}  // namespace

void AddReportRoutes(std::vector<Route>& routes) {
  using core::Action;
  routes.push_back({"GET", "/api/v1/reports/{org}/{year}", Action::kRead, "getReport",
                    "按现有记录计算的年度报告（与门户网站 report.json 未发布时相同）", "", "",
                    "Report", 200, GetReport});
  routes.push_back({"GET", "/api/v1/reports/{org}/{year}/versions", Action::kRead,
                    "listReportVersions", "年度报告已发布的版本", "", "", "ReportVersionList", 200,
                    ListReportVersions});
  routes.push_back({"GET", "/api/v1/reports/{org}/{year}/versions/{version}", Action::kRead,
                    "getReportVersion", "已发布的某一版年报（发布时冻结的数据）", "", "", "Report",
                    200, GetReportVersion});
  routes.push_back({"POST", "/api/v1/reports/{org}/{year}/narrative", Action::kReportEdit,
                    "putReportNarrative", "保存年报正文第一（补充）、五、六部分（整段替换）", "",
                    "ReportNarrativeInput", "ReportNarrative", 200, PutReportNarrative});
  routes.push_back({"POST", "/api/v1/reports/{org}/{year}/publish", Action::kReportPublish,
                    "publishReport", "按当前数据发布年报的新版本（更正须 note）", "",
                    "ReportPublishInput", "ReportVersion", 201, PublishReport});
}

}  // namespace gongkai::api
