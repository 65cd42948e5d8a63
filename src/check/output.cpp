#include "check/output.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "check/value.hpp"

namespace gongkai::check {
namespace {

namespace json = boost::json;

std::string FormatName(const CheckReport& r) {
  return r.format ? std::string(core::ReportFormatName(*r.format)) : "格式未知";
}

std::string Lines(const std::vector<int>& lines) {
  if (lines.empty()) return "";
  std::string s = "第 ";
  for (size_t i = 0; i < lines.size() && i < 8; ++i) s += (i ? "," : "") + std::to_string(lines[i]);
  if (lines.size() > 8) s += ",…";
  return s + " 行";
}

json::value Number(const std::optional<double>& v) {
  if (!v) return nullptr;
  const double d = *v;
  if (d == static_cast<double>(static_cast<int64_t>(d)) && d < 9e15 && d > -9e15) {
    return static_cast<int64_t>(d);
  }
  return d;
}

json::object FindingCellJson(const FindingCell& c) {
  json::object o;
  o["table"] = c.table;
  o["row"] = c.row;
  o["column"] = c.column;
  o["value"] = Number(c.value);
  o["line"] = c.line;
  return o;
}

}  // namespace

std::string FormatReportText(const CheckReport& r) {
  std::string out;
  out += fmt::format(
      "{}\n  格式 format: {}\n  年度 year: {}\n  机关 body: {}\n  读取单元格 cells: {}\n", r.file,
      FormatName(r), r.year ? std::to_string(*r.year) : "未知", r.body.empty() ? "未知" : r.body,
      r.cells.size());
  const int errors = r.ErrorCount(), warnings = r.WarningCount();
  for (auto severity : {core::Severity::kError, core::Severity::kWarning}) {
    const int n = severity == core::Severity::kError ? errors : warnings;
    if (n == 0) continue;
    out += severity == core::Severity::kError ? fmt::format("\n错误 errors ({})\n", n)
                                              : fmt::format("\n警告 warnings ({})\n", n);
    for (const Finding& f : r.findings) {
      if (f.severity != severity) continue;
      out += fmt::format("  [{}] {}\n      {}\n      {}\n", f.rule, Lines(f.lines), f.message_zh,
                         f.message_en);
    }
  }
  if (!r.notes.empty()) {
    out += "\n说明 notes\n";
    for (const std::string& n : r.notes) out += "  - " + n + "\n";
  }
  out += fmt::format("\n结果 result: {} 个错误 errors, {} 个警告 warnings\n", errors, warnings);
  return out;
}

std::string FormatReportJson(const CheckReport& r) {
  json::object o;
  o["file"] = r.file;
  o["format"] = r.format ? json::value(std::string(core::ReportFormatId(*r.format))) : nullptr;
  o["year"] = r.year ? json::value(*r.year) : nullptr;
  o["body"] = r.body;
  o["input"] = r.input_kind;
  o["narrative_only"] = r.narrative_only;
  json::array cells;
  for (const Cell& c : r.cells) {
    json::object cell;
    cell["table"] = std::string(c.table->id);
    cell["row"] = std::string(c.row->id);
    cell["column"] = c.column ? std::string(c.column->id) : "";
    if (c.value.state == CellState::kNumber) {
      cell["value"] = Number(c.value.number);
    } else {
      cell["value"] = nullptr;
      cell["text"] = c.text;
    }
    cell["line"] = c.line;
    cells.push_back(std::move(cell));
  }
  o["cells"] = std::move(cells);
  json::array findings;
  for (const Finding& f : r.findings) {
    json::object fo;
    fo["severity"] = f.severity == core::Severity::kError ? "error" : "warning";
    fo["rule"] = f.rule;
    fo["message_zh"] = f.message_zh;
    fo["message_en"] = f.message_en;
    json::array fc;
    for (const FindingCell& c : f.cells) fc.push_back(FindingCellJson(c));
    fo["cells"] = std::move(fc);
    json::array lines;
    for (int l : f.lines) lines.push_back(l);
    fo["lines"] = std::move(lines);
    findings.push_back(std::move(fo));
  }
  o["findings"] = std::move(findings);
  json::array notes;
  for (const std::string& n : r.notes) notes.push_back(json::value(n));
  o["notes"] = std::move(notes);
  o["errors"] = r.ErrorCount();
  o["warnings"] = r.WarningCount();
  return json::serialize(o) + "\n";
}

std::string SummaryLine(const CheckReport& r) {
  return fmt::format("{}: {} {} {} — {} 错误 errors, {} 警告 warnings{}", r.file, FormatName(r),
                     r.year ? std::to_string(*r.year) + "年" : "年度未知",
                     r.body.empty() ? "机关未知" : r.body, r.ErrorCount(), r.WarningCount(),
                     r.notes.empty() ? "" : "（有缺失，见单独检查）");
}

std::string UnreadableLine(const std::string& file, const std::string& message) {
  return fmt::format("{}: 无法读取 unreadable — {}", file, message);
}

}  // namespace gongkai::check
