// A supervising office's run over many reports: one summary row per file and the totals,
// as CSV, JSON or HTML.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/report.hpp"

namespace gongkai::check {

struct SummaryRow {
  std::string file;
  bool readable = true;
  std::string message;  // why the file could not be read (readable == false)
  std::string body;
  std::optional<int> year;
  std::string format;      // the report format's id ("format_2021"), "" when unknown
  std::string input_kind;  // "text", "html", "pdf", …
  size_t cells = 0;
  bool narrative_only = false;
  int errors = 0;
  int warnings = 0;
  std::string top_finding;  // "[rule] message" of the first finding (errors first), or ""
};

SummaryRow SummarizeReport(const CheckReport& report);
SummaryRow UnreadableRow(std::string file, std::string message);

// 0 when the report has no error, 1 when it has one, 2 when unreadable. The run's exit
// code is the worst (highest) of its rows.
int ExitCodeOf(const SummaryRow& row);

// CSV (UTF-8 with BOM, RFC 4180, CRLF): a header, one row per file, then a 合计 row.
// Columns: file, status (ok | errors | unreadable), body, year, format, input, cells,
// narrative_only, errors, warnings, top_finding.
std::string FormatSummaryCsv(const std::vector<SummaryRow>& rows);

// {"reports":[{"file","status","body","year","format","input","cells","narrative_only",
// "errors","warnings","top_finding","message"}…], "totals":{"reports","with_errors",
// "errors","warnings","unreadable","narrative_only"}}.
std::string FormatSummaryJson(const std::vector<SummaryRow>& rows);

// A self-contained HTML page with the totals and one table row per file (escaped).
std::string FormatSummaryHtml(const std::vector<SummaryRow>& rows);

}  // namespace gongkai::check
