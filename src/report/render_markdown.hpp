// The annual report as Markdown (CommonMark + GFM pipe tables), with the structure of the
// HTML document: title, scope line, the sections with their narrative and tables. Merged
// cells are flattened: a column under a spanning header is labelled with the header
// prefixed ("法人或其他组织·商业企业"), a row under group rows with the group labels prefixed
// ("三、本年度办理结果·（三）不予公开·1.属于国家秘密"); legacy rows are indented with U+3000.
// Charts are not included (Markdown has no portable way to embed them).
#pragma once

#include <string>
#include <string_view>

#include "core/report_format.hpp"
#include "report/render_common.hpp"
#include "report/report.hpp"

namespace gongkai::report {

// The whole document. Never fails: cells the report lacks show "/".
std::string RenderMarkdown(const Report& report, const RenderOptions& options);

// One table as a pipe table. `table` must belong to the report's format.
std::string RenderMarkdownTable(const Report& report, const core::TableDef& table);

// Escapes text for Markdown: ASCII punctuation that could start markup (\ ` * _ [ ] < > | #
// ! ~ &) is backslash-escaped, a line-leading list or heading marker too, and newlines
// become spaces (text stays on one line, safe inside a table cell).
std::string MarkdownEscape(std::string_view text);

}  // namespace gongkai::report
