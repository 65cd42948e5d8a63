// A whole annual report as published: the computed tables, the narrative (drafted and
// staff-written, placeholders filled), and the charts.
#pragma once

#include <string>
#include <vector>

#include "core/report_snapshot.hpp"
#include "report/render_common.hpp"
#include "report/report.hpp"

namespace gongkai::report {

struct ReportDocument {
  Report report;
  // Last year's report for the same body and scope, when it has the same format (cells can
  // only be compared within one format); used for the year-over-year comparison.
  std::optional<Report> previous;
  RenderOptions render;  // narrative sections and figures, ready for the HTML/Markdown renderers
  std::string text;      // the whole narrative as plain text (the JSON's "text")
};

// Builds the report (see BuildReport), loads the body's narrative sections for the year,
// fills their placeholders, drafts the overview and fee statement, and charts the five-year
// trend of requests received. Fails as BuildReport does, or with kInvalidArgument naming a
// placeholder that is not a cell (field "narrative").
core::Result<ReportDocument> ComposeReport(core::Repositories& repos,
                                           const core::Calendar& calendar,
                                           const ReportRequest& request);

// The frozen form of `doc` (its JSON and HTML as rendered now) for
// core::PublishReportSnapshot; `note` says what a correction changed ("" for version 1).
core::ReportSnapshot SnapshotOf(const ReportDocument& doc, std::string note);

// The year-over-year lines of the key cells (table 三's 总计 column and table 四's totals,
// or the legacy table's top rows): "label：本年 N，上年 M（+d）". Empty without `previous`.
std::string CompareWithPreviousYear(const Report& current, const Report& previous);

// Requests received in the report's year, whatever the format (the trend's measure).
int64_t RequestsReceived(const Report& report);

}  // namespace gongkai::report
