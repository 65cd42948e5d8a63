// gongkai report: an annual report computed from the records.
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "core/calendar_service.hpp"
#include "report/narrative.hpp"
#include "report/render_json.hpp"

namespace gongkai::cli {
namespace {

struct ReportArgs {
  std::string url, org, output_format = "json", out, report_format;
  int year = 0;
  bool subtree = false, no_subtree = false;
};

core::Status WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    return core::Status::Ok();
  }
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) return core::InvalidArgument("无法写入文件: " + path, "out");
  return core::Status::Ok();
}

int Run(const ReportArgs& a) {
  report::ReportRequest request;
  request.org_code = a.org;
  request.year = a.year;
  if (a.subtree) request.subtree = true;
  if (a.no_subtree) request.subtree = false;
  if (!a.report_format.empty()) {
    auto format = core::ParseReportFormatId(a.report_format);
    if (!format) {
      return PrintError(core::InvalidArgument(
          "年报格式无效: " + a.report_format + "（可选 legacy_2008, trial_2019, format_2021）",
          "report-format"));
    }
    request.format = *format;
  }
  report::Report built;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(built, report::BuildReport(repos, calendar, request));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::string text = report::DraftOverview(built) + "\n" + report::DraftFeeStatement(built);
  if (a.output_format == "json") {
    core::Status written = WriteOutput(a.out, report::RenderJson(built, text));
    return written.ok() ? kExitOk : PrintError(written);
  }
  return PrintError(core::InvalidArgument("输出格式无效: " + a.output_format, "format"));
}

}  // namespace

void AddReportCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  auto* report = app.add_subcommand("report", "生成政府信息公开工作年度报告（由记录计算）");
  AddDbOption(report, args->url);
  report->add_option("--org", args->org, "机构代码（默认根机构）");
  report->add_option("--year", args->year, "年度")->required();
  report->add_flag("--subtree", args->subtree, "汇总该机构及其全部下级（根机构默认汇总）");
  report->add_flag("--no-subtree", args->no_subtree, "只统计该机构本身");
  report->add_option("--format", args->output_format, "输出格式: json（默认）");
  report->add_option("--report-format", args->report_format,
                     "年报格式: legacy_2008 | trial_2019 | format_2021（默认按年度）");
  report->add_option("--out", args->out, "输出文件（默认标准输出）");
  report->callback([&action, args] { action.Set([args] { return Run(*args); }); });
}

}  // namespace gongkai::cli
