// gongkai report [publish | versions | narrative]: annual reports computed from the records.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/rules_options.hpp"
#include "core/calendar_service.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "core/unit_comparison.hpp"
#include "report/document.hpp"
#include "report/render_csv.hpp"
#include "report/render_html.hpp"
#include "report/render_json.hpp"
#include "report/render_markdown.hpp"
#include "report/render_svg.hpp"
#include "report/render_xlsx.hpp"

namespace gongkai::cli {
namespace {

struct ReportArgs {
  std::string url, org, output_format = "json", out, report_format, chart = "outcomes", note, file;
  int year = 0, version = 0, section = 5;
  bool subtree = false, no_subtree = false;
  RulesFlags rules;
};

core::Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) return core::InvalidArgument("无法写入文件: " + path, "out");
  return core::Status::Ok();
}

core::Status WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    return core::Status::Ok();
  }
  return WriteFile(path, content);
}

core::Result<report::ReportRequest> ToRequest(const ReportArgs& a) {
  report::ReportRequest request;
  request.org_code = a.org;
  request.year = a.year;
  if (a.subtree) request.subtree = true;
  if (a.no_subtree) request.subtree = false;
  GONGKAI_ASSIGN_OR_RETURN(request.rules, ResolveRules(a.rules));
  if (!a.report_format.empty()) {
    auto format = core::ParseReportFormatId(a.report_format);
    if (!format) {
      return core::InvalidArgument(
          "年报格式无效: " + a.report_format + "（可选 legacy_2008, trial_2019, format_2021）",
          "report-format");
    }
    request.format = *format;
  }
  return request;
}

core::Result<report::ReportDocument> Compose(core::Repositories& repos,
                                             const report::ReportRequest& request) {
  GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
  return report::ComposeReport(repos, calendar, request);
}

core::Status Render(const report::ReportDocument& doc, const ReportArgs& a) {
  const std::string& f = a.output_format;
  if (f == "json") {
    return WriteOutput(
        a.out, report::RenderJson(doc.report, doc.text, doc.previous ? &*doc.previous : nullptr));
  }
  if (f == "html") return WriteOutput(a.out, report::RenderHtml(doc.report, doc.render));
  if (f == "md") return WriteOutput(a.out, report::RenderMarkdown(doc.report, doc.render));
  if (f == "svg") {
    if (a.chart == "outcomes") return WriteOutput(a.out, report::RenderOutcomeSvg(doc.report));
    if (a.chart == "items") return WriteOutput(a.out, report::RenderItemsSvg(doc.report));
    for (const auto& figure : doc.render.figures) {
      if (a.chart == "trend") return WriteOutput(a.out, figure.svg);
    }
    return core::InvalidArgument("图表无效: " + a.chart + "（可选 outcomes, items, trend）",
                                 "chart");
  }
  if (f == "xlsx") {
    if (a.out.empty()) return core::InvalidArgument("XLSX 须用 --out 指定文件", "out");
    return report::RenderXlsx(doc.report, a.out);
  }
  if (f == "csv") {
    auto files = report::RenderCsv(doc.report);
    if (a.out.empty()) return core::InvalidArgument("CSV 每表一个文件：须用 --out 指定目录", "out");
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) return core::InvalidArgument("无法创建目录: " + a.out, "out");
    for (const auto& [name, content] : files) {
      GONGKAI_RETURN_IF_ERROR(WriteFile((std::filesystem::path(a.out) / name).string(), content));
    }
    return core::Status::Ok();
  }
  return core::InvalidArgument("输出格式无效: " + f + "（可选 html, md, json, csv, xlsx, svg）",
                               "format");
}

// A report over this many bodies or more (a province's) says what it is doing: reading and
// computing, then rendering (cli/progress). Smaller ones are quick and stay quiet.
constexpr size_t kProgressBodies = 300;

int Build(const ReportArgs& a) {
  auto request = ToRequest(a);
  if (!request.ok()) return PrintError(request.status());
  report::ReportDocument doc;
  std::optional<Progress> progress;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    if (orgs.size() >= kProgressBodies) {
      progress.emplace("年度报告", 2);
      progress->Update(0, "读取记录并计算（" + std::to_string(orgs.size()) + " 个机构）");
    }
    GONGKAI_ASSIGN_OR_RETURN(doc, Compose(repos, *request));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  // The engine's warnings (逾期 answers, cross-year identities) go to stderr, one per line.
  for (const check::Finding& w : doc.report.warnings) std::cerr << "警告: " << w.message_zh << '\n';
  if (progress) progress->Update(1, "生成 " + a.output_format);
  core::Status rendered = Render(doc, a);
  if (progress) {
    progress->Update(2);
    progress->Finish();
  }
  return rendered.ok() ? kExitOk : PrintError(rendered);
}

int Publish(const ReportArgs& a) {
  auto request = ToRequest(a);
  if (!request.ok()) return PrintError(request.status());
  auto note = NormalizeArg(a.note, "note");
  if (!note.ok()) return PrintError(note.status());
  core::ChangeContext ctx = CliChangeContext();
  core::ReportSnapshot published;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc, Compose(repos, *request));
    GONGKAI_ASSIGN_OR_RETURN(
        published, core::PublishReportSnapshot(repos, ctx, report::SnapshotOf(doc, *note)));
    return core::Status::Ok();
  });
  if (rc == kExitOk) {
    std::cout << "已发布 " << published.year << " 年度报告第 " << published.version << " 版\n";
  }
  return rc;
}

int Versions(const ReportArgs& a) {
  auto request = ToRequest(a);
  if (!request.ok()) return PrintError(request.status());
  std::vector<core::ReportSnapshot> versions;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, request->org_code));
    bool subtree = request->subtree.value_or(!org.parent_id.has_value());
    GONGKAI_ASSIGN_OR_RETURN(versions, repos.reports().ListSnapshots(org.id, a.year, subtree));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  if (a.version > 0) {
    for (const auto& v : versions) {
      if (v.version != a.version) continue;
      core::Status s = WriteOutput(a.out, a.output_format == "html" ? v.html : v.json);
      return s.ok() ? kExitOk : PrintError(s);
    }
    return PrintError(core::NotFound("没有第 " + std::to_string(a.version) + " 版", "version"));
  }
  if (versions.empty()) std::cout << "尚未发布\n";
  for (const auto& v : versions) {
    std::cout << "第" << v.version << "版\t" << v.published_at << '\t' << v.published_by << '\t'
              << v.format << '\t' << v.change_note << '\n';
  }
  return kExitOk;
}

int Narrative(const ReportArgs& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return PrintError(core::NotFound("无法读取文件: " + a.file, "file"));
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto text = NormalizeArg(raw, "text");
  if (!text.ok()) return PrintError(text.status());
  core::ChangeContext ctx = CliChangeContext();
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    core::ReportNarrative n;
    n.org_id = org.id;
    n.year = a.year;
    n.section = a.section;
    n.text = *text;
    GONGKAI_RETURN_IF_ERROR(core::SaveReportNarrative(repos, ctx, n));
    // Placeholders must name cells of the year's format: check now, not at publication.
    GONGKAI_ASSIGN_OR_RETURN(auto request, ToRequest(a));
    return Compose(repos, request).status();
  });
}

int Compare(const ReportArgs& a) {
  struct Row {
    core::Org org;
    core::UnitFigures figures;
  };
  std::vector<Row> rows;
  auto rules = ResolveRules(a.rules);
  if (!rules.ok()) return PrintError(rules.status());
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(core::Org top, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(std::move(orgs));
    for (const core::Org* org : tree.Subtree(top.id)) {
      GONGKAI_ASSIGN_OR_RETURN(auto inputs, repos.reports().LoadInputs({org->id}, a.year, true));
      rows.push_back({*org, core::ComputeUnitFigures(inputs, calendar, rules->clock)});
    }
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout
      << "单位\t代码\t主动公开\t收到申请\t办结\t按时办结率\t不予公开\t逾期\t延期办结\t逾期办结"
         "\t逾期未办结\n";
  for (const Row& r : rows) {
    const core::UnitFigures& f = r.figures;
    std::cout << r.org.name << '\t' << r.org.code << '\t' << f.items_published << '\t'
              << f.requests_received << '\t' << f.requests_closed << '\t'
              << f.on_time_per_mille() / 10 << '.' << f.on_time_per_mille() % 10 << "%\t"
              << f.refused << '\t' << f.overdue << '\t' << f.closed_extended << '\t'
              << f.closed_late << '\t' << f.open_overdue << '\n';
  }
  return kExitOk;
}

int Deadlines(const ReportArgs& a) {
  struct Row {
    core::Org org;
    core::Date deadline;
    int versions;
  };
  std::vector<Row> rows;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org top, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(std::move(orgs));
    for (const core::Org* org : tree.Subtree(top.id)) {
      // A body's own report, or the roll-up the root publishes for its whole tree.
      bool subtree = !org->parent_id.has_value();
      GONGKAI_ASSIGN_OR_RETURN(auto versions,
                               repos.reports().ListSnapshots(org->id, a.year, subtree));
      rows.push_back(
          {*org, core::ReportDeadline(org->kind, a.year), static_cast<int>(versions.size())});
    }
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  core::Date today = app::SystemClock().Today();
  int late = 0;
  std::cout << "单位\t代码\t法定发布期限\t状态\n";
  for (const Row& r : rows) {
    std::string state = r.versions > 0 ? "已发布（" + std::to_string(r.versions) + " 版）"
                        : today > r.deadline
                            ? "逾期未发布"
                            : "未发布（剩 " + std::to_string(r.deadline - today) + " 天）";
    if (r.versions == 0 && today > r.deadline) ++late;
    std::cout << r.org.name << '\t' << r.org.code << '\t' << r.deadline.ToIso() << '\t' << state
              << '\n';
  }
  return late > 0 ? kExitFinding : kExitOk;
}

void AddScopeOptions(CLI::App* command, ReportArgs& args, bool year_required = true) {
  AddDbOption(command, args.url);
  command->add_option("--org", args.org, "机构代码（默认根机构）");
  auto* year = command->add_option("--year", args.year, "年度");
  if (year_required) year->required();
  command->add_flag("--subtree", args.subtree, "汇总该机构及其全部下级（根机构默认汇总）");
  command->add_flag("--no-subtree", args.no_subtree, "只统计该机构本身");
  command->add_option("--report-format", args.report_format,
                      "年报格式: legacy_2008 | trial_2019 | format_2021（默认按年度）");
  AddRulesOptions(command, args.rules, true);
}

}  // namespace

void AddReportCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  auto* report = app.add_subcommand("report", "政府信息公开工作年度报告（由记录计算）");
  report->require_subcommand(0, 1);
  // --year is checked in the callback: CLI11 would demand it here even for `report publish`.
  AddScopeOptions(report, *args, false);
  report->add_option(
      "--format", args->output_format,
      "输出格式: html | md | json（默认） | csv（--out 目录） | xlsx（--out 文件） | svg");
  report->add_option("--chart", args->chart, "svg 图表: outcomes（默认） | items | trend");
  report->add_option("--out", args->out, "输出文件（默认标准输出）");
  report->callback([&action, args, report] {
    if (!report->get_subcommands().empty()) return;
    action.Set([args] {
      if (args->year == 0) return PrintError(core::InvalidArgument("缺少 --year", "year"));
      return Build(*args);
    });
  });

  auto publish_args = std::make_shared<ReportArgs>();
  auto* publish = report->add_subcommand("publish", "发布年报（冻结为新版本；更正须 --note）");
  AddScopeOptions(publish, *publish_args);
  publish->add_option("--note", publish_args->note, "更正说明（第 2 版起必填）");
  publish->callback(
      [&action, publish_args] { action.Set([publish_args] { return Publish(*publish_args); }); });

  auto versions_args = std::make_shared<ReportArgs>();
  auto* versions =
      report->add_subcommand("versions", "列出已发布的版本，或用 --version 输出某一版");
  AddScopeOptions(versions, *versions_args);
  versions->add_option("--version", versions_args->version, "输出第 N 版");
  versions->add_option("--format", versions_args->output_format, "json（默认） | html");
  versions->add_option("--out", versions_args->out, "输出文件");
  versions->callback([&action, versions_args] {
    action.Set([versions_args] { return Versions(*versions_args); });
  });

  auto compare_args = std::make_shared<ReportArgs>();
  auto* compare =
      report->add_subcommand("compare", "各单位关键数据对比（考核）：本机构及其全部下级");
  AddScopeOptions(compare, *compare_args);
  compare->callback(
      [&action, compare_args] { action.Set([compare_args] { return Compare(*compare_args); }); });

  auto deadlines_args = std::make_shared<ReportArgs>();
  auto* deadlines = report->add_subcommand(
      "deadlines", "年报法定发布期限（第四十九条）与发布状态；有逾期未发布时退出码为 1");
  AddScopeOptions(deadlines, *deadlines_args);
  deadlines->callback([&action, deadlines_args] {
    action.Set([deadlines_args] { return Deadlines(*deadlines_args); });
  });

  auto narrative_args = std::make_shared<ReportArgs>();
  auto* narrative = report->add_subcommand(
      "narrative", "保存年报正文第一、五、六部分（可含 {{表.行.列}} 占位符）");
  AddScopeOptions(narrative, *narrative_args);
  narrative->add_option("--section", narrative_args->section, "部分: 1 | 5 | 6")->required();
  narrative->add_option("--file", narrative_args->file, "正文文件（UTF-8）")->required();
  narrative->callback([&action, narrative_args] {
    action.Set([narrative_args] { return Narrative(*narrative_args); });
  });
}

}  // namespace gongkai::cli
