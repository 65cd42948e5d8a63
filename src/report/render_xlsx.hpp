// The report's tables as an Excel workbook (XLSX, via libxlsxwriter): one worksheet per table,
// named after the table, with the report title and the table title above the table, the
// official layout with merged header and group cells, integer cells as numbers, 万元 cells as
// decimal numbers in 万元, "/" as text where the report has no value, borders, wrapped
// labels and column widths sized for CJK text, set to print on A4.
#pragma once

#include <string>

#include "core/status.hpp"
#include "report/report.hpp"

namespace gongkai::report {

// Writes the workbook to `path` (replacing any file there). Fails with kUnavailable when the
// file cannot be created or written, naming libxlsxwriter's error; a partly written file
// may then remain at `path`.
core::Status RenderXlsx(const Report& report, const std::string& path);

}  // namespace gongkai::report
