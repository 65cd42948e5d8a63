#include "check/summary.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "text/html_escape.hpp"

namespace gongkai::check {
namespace {

namespace json = boost::json;

struct Totals {
  int reports = 0, with_errors = 0, errors = 0, warnings = 0, unreadable = 0, narrative_only = 0;
};

Totals Sum(const std::vector<SummaryRow>& rows) {
  Totals t;
  for (const SummaryRow& r : rows) {
    if (!r.readable) {
      ++t.unreadable;
      continue;
    }
    ++t.reports;
    t.with_errors += r.errors > 0 ? 1 : 0;
    t.errors += r.errors;
    t.warnings += r.warnings;
    t.narrative_only += r.narrative_only ? 1 : 0;
  }
  return t;
}

std::string_view Status(const SummaryRow& r) {
  if (!r.readable) return "unreadable";
  return r.errors > 0 ? "errors" : "ok";
}

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Year(const SummaryRow& r) { return r.year ? std::to_string(*r.year) : ""; }

}  // namespace

SummaryRow SummarizeReport(const CheckReport& report) {
  SummaryRow row;
  row.file = report.file;
  row.body = report.body;
  row.year = report.year;
  if (report.format) row.format = std::string(core::ReportFormatId(*report.format));
  row.input_kind = report.input_kind;
  row.cells = report.cells.size();
  row.narrative_only = report.narrative_only;
  row.errors = report.ErrorCount();
  row.warnings = report.WarningCount();
  if (!report.findings.empty()) {
    const Finding& f = report.findings.front();
    row.top_finding = "[" + f.rule + "] " + f.message_zh;
  }
  return row;
}

SummaryRow UnreadableRow(std::string file, std::string message) {
  SummaryRow row;
  row.file = std::move(file);
  row.readable = false;
  row.message = std::move(message);
  return row;
}

int ExitCodeOf(const SummaryRow& row) {
  if (!row.readable) return 2;
  return row.errors > 0 ? 1 : 0;
}

std::string FormatSummaryCsv(const std::vector<SummaryRow>& rows) {
  std::string out =
      "\xEF\xBB\xBF"
      "file,status,body,year,format,input,cells,narrative_only,errors,warnings,top_finding\r\n";
  for (const SummaryRow& r : rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\r\n", Csv(r.file), Status(r), Csv(r.body),
                       Year(r), r.format, r.input_kind, r.cells, r.narrative_only ? 1 : 0, r.errors,
                       r.warnings, Csv(r.readable ? r.top_finding : r.message));
  }
  const Totals t = Sum(rows);
  out += fmt::format("合计,{} 份报告；{} 份有错误；{} 份无法读取,,,,,,{},{},{},\r\n", t.reports,
                     t.with_errors, t.unreadable, t.narrative_only, t.errors, t.warnings);
  return out;
}

std::string FormatSummaryJson(const std::vector<SummaryRow>& rows) {
  json::array reports;
  for (const SummaryRow& r : rows) {
    json::object o;
    o["file"] = r.file;
    o["status"] = Status(r);
    if (!r.readable) {
      o["message"] = r.message;
      reports.push_back(std::move(o));
      continue;
    }
    o["body"] = r.body;
    o["year"] = r.year ? json::value(*r.year) : json::value(nullptr);
    o["format"] = r.format.empty() ? json::value(nullptr) : json::value(r.format);
    o["input"] = r.input_kind;
    o["cells"] = r.cells;
    o["narrative_only"] = r.narrative_only;
    o["errors"] = r.errors;
    o["warnings"] = r.warnings;
    o["top_finding"] = r.top_finding;
    reports.push_back(std::move(o));
  }
  const Totals t = Sum(rows);
  json::object out;
  out["reports"] = std::move(reports);
  out["totals"] = {{"reports", t.reports},       {"with_errors", t.with_errors},
                   {"errors", t.errors},         {"warnings", t.warnings},
                   {"unreadable", t.unreadable}, {"narrative_only", t.narrative_only}};
  return json::serialize(out) + "\n";
}

std::string FormatSummaryHtml(const std::vector<SummaryRow>& rows) {
  const Totals t = Sum(rows);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">"
      "<title>年度报告检查汇总</title>\n<style>body{font-family:sans-serif}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}"
      "tr.errors td{background:#fdd}tr.unreadable td{background:#eee}</style></head>\n<body>\n"
      "<h1>年度报告检查汇总</h1>\n";
  out += fmt::format(
      "<p>共 {} 份报告，{} 份有错误；错误 {} 个，警告 {} 个；{} 份仅有正文；{} "
      "个文件无法读取。</p>\n",
      t.reports, t.with_errors, t.errors, t.warnings, t.narrative_only, t.unreadable);
  out +=
      "<table>\n<thead><tr><th>文件</th><th>状态</th><th>机关</th><th>年度</th><th>格式</th>"
      "<th>文件类型</th><th>单元格</th><th>错误</th><th>警告</th><th>首要问题</th></tr></thead>"
      "\n<tbody>\n";
  for (const SummaryRow& r : rows) {
    out += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        Status(r), text::HtmlEscape(r.file),
        !r.readable    ? "无法读取"
        : r.errors > 0 ? "有错误"
                       : "通过",
        text::HtmlEscape(r.body), Year(r), text::HtmlEscape(r.format),
        text::HtmlEscape(r.input_kind), r.cells, r.errors, r.warnings,
        text::HtmlEscape(r.readable ? r.top_finding : r.message));
  }
  out += "</tbody>\n</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace gongkai::check
