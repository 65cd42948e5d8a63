// A whole annual report as published: the computed tables, the narrative (drafted and
// staff-written, placeholders filled), and the charts.
#pragma once

#include <string>
#include <vector>

#include "report/render_common.hpp"
#include "report/report.hpp"

namespace gongkai::report {

struct ReportDocument {
  Report report;
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

// Requests received in the report's year, whatever the format (the trend's measure).
int64_t RequestsReceived(const Report& report);

}  // namespace gongkai::report
