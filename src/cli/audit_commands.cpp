// gongkai audit verify | columns (personal-data: audit_personal_data.cpp)
#include <iomanip>
#include <iostream>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "core/calendar_service.hpp"
#include "core/column_audit.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::cli {
namespace {

int Verify(const std::string& url) {
  std::optional<core::Id> broken;
  int64_t count = 0;
  int rc = RunInTransaction(url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(broken, repos.audit().Verify());
    GONGKAI_ASSIGN_OR_RETURN(count, repos.audit().Count());
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  if (broken) {
    std::cerr << "gongkai: 审计链在事件 " << *broken << " 处断裂：该记录或其前一条已被改动或删除\n";
    return kExitFinding;
  }
  std::cout << "审计链完整（" << count << " 条事件）\n";
  return kExitOk;
}

struct ColumnsArgs {
  std::string url, org, today;
  int stale_days = 90;
};

// The column self-audit: one line per body and column, then the overdue duties; exit 1
// when anything is flagged.
int Columns(const ColumnsArgs& a) {
  core::Date today = app::SystemClock().Today();
  if (!a.today.empty()) {
    auto parsed = core::Date::Parse(a.today, "today");
    if (!parsed.ok()) return PrintError(parsed.status());
    today = *parsed;
  }
  int64_t findings = 0;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    core::Id root = 0;
    if (!a.org.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
      root = org.id;
    }
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(
        auto report, core::AuditColumnsInSubtree(repos, root, calendar, today, a.stale_days));
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(std::move(orgs));
    std::cout << "栏目自查（截至 " << today.ToIso() << "，默认 " << a.stale_days
              << " 天未更新为不更新）\n机构\t栏目\t必设\t最近发布\t累计\t近12个月\t月均\t结论\n";
    for (const auto& r : report.rows) {
      if (!r.mandatory && r.items_total == 0) continue;  // optional columns never used
      const core::Org* o = tree.Find(r.org_id);
      std::string verdict = r.empty ? "空栏目"
                            : r.stale
                                ? "不更新（超过 " + std::to_string(r.stale_limit_days) + " 天）"
                                : "正常";
      std::cout << (o ? o->code : "?") << '\t' << r.path << '\t' << (r.mandatory ? "是" : "否")
                << '\t' << (r.last_published ? r.last_published->ToIso() : "-") << '\t'
                << r.items_total << '\t' << r.items_12_months << '\t' << std::fixed
                << std::setprecision(1) << r.per_month << '\t' << verdict << '\n';
    }
    if (!report.overdue.empty()) {
      std::cout << "\n超过 20 个工作日仍未公开（第二十六条）\n";
      for (const auto& d : report.overdue) {
        const core::Org* o = tree.Find(d.org_id);
        std::cout << (o ? o->code : "?") << '\t' << d.item_id << '\t'
                  << core::ItemStateCode(d.state) << "\t应于 " << d.due_on.ToIso()
                  << (d.provisional ? "（暂定）" : "") << " 前公开\t逾期 " << d.working_days_late
                  << " 个工作日\t" << d.title << '\n';
      }
    }
    int64_t empty = 0, stale = 0;
    for (const auto& r : report.rows) {
      empty += r.empty;
      stale += r.stale;
    }
    std::cout << "\n合计: " << report.orgs.size() << " 个机构，空栏目 " << empty << "，不更新栏目 "
              << stale << "，逾期未公开 " << report.overdue.size() << '\n';
    findings = report.findings();
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  return findings ? kExitFinding : kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Action& action) {
  auto url = std::make_shared<std::string>();
  auto* audit = app.add_subcommand("audit", "审计记录");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "校验审计链（SHA-256），报告第一处断裂");
  AddDbOption(verify, *url);
  verify->callback([&action, url] { action.Set([url] { return Verify(*url); }); });

  auto cols = std::make_shared<ColumnsArgs>();
  auto* columns = audit->add_subcommand(
      "columns", "栏目自查：各机构各栏目最近发布、更新频率、空栏目、不更新栏目、逾期未公开");
  AddDbOption(columns, cols->url);
  columns->add_option("--org", cols->org, "机构代码（含下级机构；默认全部）");
  columns->add_option("--stale-days", cols->stale_days, "超过多少天未更新算作不更新（默认 90）")
      ->check(CLI::PositiveNumber);
  columns->add_option("--today", cols->today, "按此日期检查（默认今天）");
  columns->callback([&action, cols] { action.Set([cols] { return Columns(*cols); }); });
  AddAuditPersonalDataCommand(*audit, action);
}

}  // namespace gongkai::cli
