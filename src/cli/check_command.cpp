// `gongkai check FILE|DIR|- [--format text|json]`: reads published annual reports and
// reports where they contradict themselves. Exit 0 when no report has an error, 1 when
// one has, 2 when an input cannot be read as a report (for a directory: 1 if any report
// has errors, else 2 if any file was unreadable, else 0).
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "check/checker.hpp"
#include "check/output.hpp"
#include "cli/commands.hpp"

namespace gongkai::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

core::Result<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return core::NotFound("无法读取文件 " + path + ": " + ec.message());
  if (size > kMaxFileBytes) return core::InvalidArgument("文件过大（超过 64 MiB）: " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("无法打开文件 " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int CheckOne(const std::string& path, bool as_json) {
  auto bytes = ReadAll(path);
  if (!bytes.ok()) return PrintError(bytes.status());
  auto report = check::CheckReportBytes(*bytes, path == "-" ? "(stdin)" : path);
  if (!report.ok())
    return PrintError(core::InvalidArgument(path + ": " + report.status().message()));
  std::cout << (as_json ? check::FormatReportJson(*report) : check::FormatReportText(*report));
  return report->ErrorCount() > 0 ? kExitFinding : kExitOk;
}

int CheckDirectory(const std::string& dir, bool as_json) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it =
           fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path().string());
  }
  if (ec) return PrintError(core::NotFound("无法读取目录 " + dir + ": " + ec.message()));
  std::sort(files.begin(), files.end());

  int reports = 0, with_errors = 0, unreadable = 0, errors = 0, warnings = 0;
  boost::json::array json_reports, json_unreadable;
  for (const std::string& file : files) {
    auto bytes = ReadAll(file);
    core::Result<check::CheckReport> report =
        bytes.ok() ? check::CheckReportBytes(*bytes, file)
                   : core::Result<check::CheckReport>(bytes.status());
    if (!report.ok()) {
      ++unreadable;
      if (as_json) {
        json_unreadable.push_back({{"file", file}, {"message", report.status().message()}});
      } else {
        std::cout << check::UnreadableLine(file, report.status().message()) << '\n';
      }
      continue;
    }
    ++reports;
    errors += report->ErrorCount();
    warnings += report->WarningCount();
    with_errors += report->ErrorCount() > 0 ? 1 : 0;
    if (as_json) {
      json_reports.push_back(boost::json::parse(check::FormatReportJson(*report)));
    } else {
      std::cout << check::SummaryLine(*report) << '\n';
    }
  }
  if (as_json) {
    boost::json::object out;
    out["reports"] = std::move(json_reports);
    out["unreadable"] = std::move(json_unreadable);
    out["totals"] = {{"reports", reports},
                     {"with_errors", with_errors},
                     {"errors", errors},
                     {"warnings", warnings},
                     {"unreadable", unreadable}};
    std::cout << boost::json::serialize(out) << '\n';
  } else {
    std::cout << "合计 total: " << reports << " 份报告 reports, " << with_errors
              << " 份有错误 with errors, " << errors << " 个错误 errors, " << warnings
              << " 个警告 warnings, " << unreadable << " 个文件无法读取 unreadable\n";
  }
  if (with_errors > 0) return kExitFinding;
  if (unreadable > 0) return kExitError;
  return kExitOk;
}

}  // namespace

void AddCheckCommands(CLI::App& app, Action& action) {
  struct Options {
    std::string path;
    std::string format = "text";
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "检查已公开的政府信息公开工作年度报告（文本、HTML 或 JSON）中的勾稽关系和文表一致性");
  cmd->add_option("path", options->path, "报告文件、目录（逐份汇总）或 -（标准输入）")->required();
  cmd->add_option("--format", options->format, "输出格式：text 或 json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&action, options] {
    action.Set([options] {
      const bool as_json = options->format == "json";
      std::error_code ec;
      if (options->path != "-" && fs::is_directory(options->path, ec)) {
        return CheckDirectory(options->path, as_json);
      }
      return CheckOne(options->path, as_json);
    });
  });
}

}  // namespace gongkai::cli
