// The annual report as a complete HTML5 document (lang="zh-CN"), ready for the portal and
// for printing: the title "{机关}{年度}年政府信息公开工作年度报告", the sections of the format
// (legacy reports: the 2008-era structure with the 统计表 as 附表), each with the narrative
// the caller supplies, its table laid out as in the official format (merged header and
// group cells via rowspan/colspan), and SVG charts in <figure> elements. One embedded
// stylesheet with @media print rules; no script, no inline style attributes; every text
// value escaped with HtmlEscape.
#pragma once

#include <string>

#include "core/report_format.hpp"
#include "report/render_common.hpp"
#include "report/report.hpp"

namespace gongkai::report {

// The whole document. Never fails: cells the report lacks show "/".
std::string RenderHtml(const Report& report, const RenderOptions& options);

// One table as a <table> element in the official layout. `table` must belong to the report's
// format; `labelled_by` is the id of the heading that names it ("" for none).
std::string RenderHtmlTable(const Report& report, const core::TableDef& table,
                            std::string_view labelled_by);

}  // namespace gongkai::report
