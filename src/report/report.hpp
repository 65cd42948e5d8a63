// Building an annual report from the records, and validating it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/report.hpp"
#include "core/calendar.hpp"
#include "core/report_compute.hpp"
#include "core/store.hpp"

namespace gongkai::report {

struct ReportRequest {
  std::string org_code;  // empty: the root of the tree
  int year = 0;
  // Roll up the body's whole subtree (recomputed from the records, never by adding reports).
  // Unset: true for the root, false for any other body.
  std::optional<bool> subtree;
  std::optional<core::ReportFormat> format;  // unset: core::DefaultReportFormat(year)
  // The readings of the law the counting depends on (config keys clock.*, legacy.*,
  // report.case_year and the matching `gongkai report` flags; docs/requests.md).
  core::ReportRules rules;
};

// A computed report: every cell, plus what the narrative states.
struct Report {
  core::ReportFormat format = core::ReportFormat::kFormat2021;
  int year = 0;
  core::Org org;
  bool subtree = false;
  int body_count = 0;
  core::ReportValues values;
  core::ReportInputs inputs;  // for the narrative's figures (consultations, complaints…)
  // Warnings of the engine: every request answered late (逾期, which the legacy table has no
  // row for) with its tracking number and days late, and cross-year identities that do not
  // hold against the previous year's records (ComposeReport).
  std::vector<check::Finding> warnings;
};

// Loads the inputs for the request, computes every cell and validates every identity of the
// format. Fails with kNotFound (unknown body), kInvalidArgument (year outside 2000–2999) or
// kInternal naming each broken identity and its cells: a violation is a bug, never rendered.
core::Result<Report> BuildReport(core::Repositories& repos, const core::Calendar& calendar,
                                 const ReportRequest& request);

// Every identity and inequality of the format applied to the report's cells (the checker's
// rules engine, so report and check cannot disagree), then report.warnings. Empty when the
// report is consistent and nothing was late.
std::vector<check::Finding> ValidateReport(const Report& report);

// The format's cross-year rules (t3_carry_link: 上年结转 N = 结转下年度 N−1 per column;
// t2_valid_roll: 现行有效 N = 现行有效 N−1 + 制发 N − 废止 N) applied to two reports of the
// same body, scope and format computed from the records; one warning per broken cell.
std::vector<check::Finding> CrossYearFindings(const Report& current, const Report& previous);

// The checker's view of the report's cells (for validation and tests).
std::vector<check::Cell> ToCheckCells(const Report& report);

// The value as published: integers as is, yuan in 万元 cells as 万元.
std::string FormatCell(const core::TableDef& table, const core::RowDef& row,
                       const core::ColumnDef& column, int64_t value);

}  // namespace gongkai::report
