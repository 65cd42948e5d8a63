#include "demo/demo_office.hpp"

#include <string_view>
#include <vector>

#include "core/org_service.hpp"
#include "core/report_snapshot.hpp"
#include "report/document.hpp"

namespace gongkai::demo {

core::Status CreateDemoUsers(core::Repositories& repos, const core::ChangeContext& ctx,
                             const std::string& password_hash) {
  struct Account {
    const char* username;
    const char* display_name;
    core::Role role;
    const char* org;
  };
  const Account accounts[] = {
      {"demo-admin", "演示管理员", core::Role::kAdmin, "QXS"},
      {"demo-editor", "演示编辑", core::Role::kEditor, "QXS"},
      {"demo-reviewer", "演示审查员", core::Role::kReviewer, "QXS"},
      {"demo-handler", "演示申请办理员", core::Role::kCaseHandler, "QXS"},
      {"demo-jyj-editor", "教育局编辑", core::Role::kEditor, "QXS-JYJ"},
  };
  for (const auto& a : accounts) {
    core::User user;
    user.username = a.username;
    user.display_name = a.display_name;
    user.password_hash = password_hash;
    user.must_change_password = false;
    GONGKAI_RETURN_IF_ERROR(core::CreateUser(repos, ctx, user, a.role, a.org).status());
  }
  return core::Status::Ok();
}

namespace {

// The day the city published its report for `year`: ten days before the deadline.
core::Date PublishedOn(int year) {
  return core::ReportDeadline(core::OrgKind::kGovernment, year).AddDays(-10);
}

std::string At(core::Date day) { return day.ToIso() + "T02:00:00Z"; }

}  // namespace

core::Result<int> PublishPastReports(core::Repositories& repos, const core::Calendar& calendar,
                                     int first_year, core::Date today) {
  std::vector<int> years;
  for (int y = first_year; y < today.year(); ++y) {
    if (PublishedOn(y) <= today) years.push_back(y);
  }
  GONGKAI_ASSIGN_OR_RETURN(auto root, repos.orgs().FindByCode("QXS"));
  if (!root) return core::NotFound("演示数据缺少市人民政府");
  const int restated = years.size() >= 2 ? years[years.size() - 2] : 0;
  int published = 0;
  for (int year : years) {
    report::ReportRequest request;
    request.year = year;
    const core::ChangeContext ctx{"demo-admin", At(PublishedOn(year))};
    GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc,
                             report::ComposeReport(repos, calendar, request));
    GONGKAI_RETURN_IF_ERROR(
        core::PublishReportSnapshot(repos, ctx, report::SnapshotOf(doc, "")).status());
    ++published;
    if (year != restated) continue;
    // Restated a month later: section 五 had been left out.
    const core::ChangeContext later{"demo-admin", At(PublishedOn(year).AddDays(30))};
    core::ReportNarrative five;
    five.org_id = root->id;
    five.year = year;
    five.section = 5;
    five.text =
        "存在的主要问题：部分单位栏目更新不够及时，依申请公开答复文书格式不够统一。"
        "改进措施：建立栏目更新提醒机制，统一答复文书模板，加强业务培训。";
    GONGKAI_RETURN_IF_ERROR(core::SaveReportNarrative(repos, later, five));
    GONGKAI_ASSIGN_OR_RETURN(doc, report::ComposeReport(repos, calendar, request));
    GONGKAI_RETURN_IF_ERROR(
        core::PublishReportSnapshot(
            repos, later,
            report::SnapshotOf(doc, "补充第五部分“存在的主要问题及改进情况”，其余内容未变"))
            .status());
    ++published;
  }
  return published;
}

}  // namespace gongkai::demo
