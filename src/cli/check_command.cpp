// `gongkai check PATH... [--format text|json] [--summary csv|json|html] [--previous FILE]`:
// reads published annual reports and reports where they contradict themselves.
//
// One file: its findings (text or JSON). Several files or a directory (recursively, hidden
// entries skipped): one summary line per report and the totals (with --format json: every
// report in full, the summary rows and the totals), or with --summary one row per report in
// CSV, JSON or HTML; a progress bar on stderr when it is a terminal. The exit
// code is the worst of the reports: 0 when no report has an error, 1 when one has, 2 when
// an input cannot be read as a report (or a bad option).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "check/checker.hpp"
#include "check/output.hpp"
#include "check/summary.hpp"
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
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

core::Result<check::CheckReport> CheckPath(const std::string& path) {
  GONGKAI_ASSIGN_OR_RETURN(std::string bytes, ReadAll(path));
  return check::CheckReportBytes(bytes, path == "-" ? "(stdin)" : path);
}

struct Options {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string summary;
  std::string previous;
};

int CheckOne(const Options& o) {
  const std::string& path = o.paths.front();
  auto report = CheckPath(path);
  if (!report.ok()) {
    return PrintError(core::InvalidArgument(path + ": " + report.status().message()));
  }
  if (!o.previous.empty()) {
    auto previous = CheckPath(o.previous);
    if (!previous.ok()) {
      return PrintError(
          core::InvalidArgument("--previous " + o.previous + ": " + previous.status().message()));
    }
    check::CheckAgainstPrevious(*report, *previous);
  }
  std::cout << (o.format == "json" ? check::FormatReportJson(*report)
                                   : check::FormatReportText(*report));
  return report->ErrorCount() > 0 ? kExitFinding : kExitOk;
}

// Every file named or under a directory named, in order (a directory's files sorted).
core::Result<std::vector<std::string>> ListFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(
             path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path().string());
    }
    if (ec) return core::NotFound("无法读取目录 " + path + ": " + ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// A one-line bar on a terminal, redrawn at most every 100 ms.
class Progress {
 public:
  explicit Progress(size_t total) : total_(total), tty_(::isatty(STDERR_FILENO) == 1) {}
  ~Progress() {
    if (tty_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void Step(size_t done) {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total_ && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    const size_t width = 30;
    const size_t filled = total_ == 0 ? width : done * width / total_;
    std::cerr << "\r检查中 [" << std::string(filled, '#') << std::string(width - filled, '.')
              << "] " << done << "/" << total_ << std::flush;
  }

 private:
  size_t total_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

int CheckMany(const Options& o) {
  auto files = ListFiles(o.paths);
  if (!files.ok()) return PrintError(files.status());
  std::vector<check::SummaryRow> rows;
  rows.reserve(files->size());
  const bool lines = o.summary.empty() && o.format == "text";
  const bool json_reports = o.summary.empty() && o.format == "json";
  std::string json_out;
  int worst = kExitOk;
  {
    Progress progress(files->size());
    for (size_t i = 0; i < files->size(); ++i) {
      const std::string& file = (*files)[i];
      auto report = CheckPath(file);
      if (report.ok()) {
        rows.push_back(check::SummarizeReport(*report));
        if (lines) {
          std::cout << check::SummaryLine(*report) << '\n';
        } else if (json_reports) {
          json_out += (json_out.empty() ? "" : ",") + check::FormatReportJson(*report);
          while (!json_out.empty() && json_out.back() == '\n') json_out.pop_back();
        }
      } else {
        rows.push_back(check::UnreadableRow(file, report.status().message()));
        if (lines) std::cout << check::UnreadableLine(file, report.status().message()) << '\n';
      }
      worst = std::max(worst, check::ExitCodeOf(rows.back()));
      progress.Step(i + 1);
    }
  }
  if (o.summary == "csv") {
    std::cout << check::FormatSummaryCsv(rows);
  } else if (o.summary == "json") {
    std::cout << check::FormatSummaryJson(rows);
  } else if (o.summary == "html") {
    std::cout << check::FormatSummaryHtml(rows);
  } else if (json_reports) {
    // The reports in full, then the summary's totals.
    std::string summary = check::FormatSummaryJson(rows);
    const size_t totals = summary.find(",\"totals\":");
    std::cout << "{\"reports\":[" << json_out << "],\"summary\":" << summary.substr(0, totals)
              << "}" << summary.substr(totals, summary.size() - totals);
  } else {
    int reports = 0, with_errors = 0, errors = 0, warnings = 0, unreadable = 0;
    for (const check::SummaryRow& r : rows) {
      if (!r.readable) {
        ++unreadable;
        continue;
      }
      ++reports;
      with_errors += r.errors > 0 ? 1 : 0;
      errors += r.errors;
      warnings += r.warnings;
    }
    std::cout << "合计 total: " << reports << " 份报告 reports, " << with_errors
              << " 份有错误 with errors, " << errors << " 个错误 errors, " << warnings
              << " 个警告 warnings, " << unreadable << " 个文件无法读取 unreadable\n";
  }
  return worst;
}

}  // namespace

void AddCheckCommands(CLI::App& app, Action& action) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "检查已公开的政府信息公开工作年度报告（文本、HTML、Markdown、JSON、CSV、PDF、DOCX、XLSX）"
      "中的勾稽关系和文表一致性");
  cmd->add_option("path", options->paths,
                  "报告文件、目录（递归，逐份汇总）或 -（标准输入）；可给多个")
      ->required();
  cmd->add_option("--format", options->format, "单份报告的输出格式：text 或 json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--summary", options->summary,
                  "汇总表格式（每份报告一行及合计）：csv、json 或 html")
      ->check(CLI::IsMember({"csv", "json", "html"}));
  cmd->add_option("--previous", options->previous,
                  "上一年度的同一机关报告，用于跨年度核对（上年结转、现行有效件数）");
  cmd->callback([&action, options] {
    action.Set([options] {
      std::error_code ec;
      const bool single =
          options->paths.size() == 1 &&
          (options->paths.front() == "-" || !fs::is_directory(options->paths.front(), ec));
      if (!options->previous.empty() && !single) {
        return PrintError(core::InvalidArgument("--previous 只能用于单份报告"));
      }
      if (single && options->summary.empty()) return CheckOne(*options);
      return CheckMany(*options);
    });
  });
}

}  // namespace gongkai::cli
