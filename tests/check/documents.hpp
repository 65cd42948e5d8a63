// Published file formats written by code for the tests: a PDF with a real text layer (a
// Type0 font with a ToUnicode map; no font program is needed to extract text), a scanned
// PDF without one, and a DOCX (libzip + WordprocessingML), from a report's rendering.
#pragma once

#include <string>
#include <vector>

#include "check/flatten.hpp"

namespace gongkai::check::fixtures {

// Each line of `pages` is placed on the page as text; a line's cells (split at "\t") are
// placed at increasing x with a gap, as a PDF table row is. A "- N -" page number ends
// every page.
std::string MakePdf(const std::vector<std::vector<std::string>>& pages);

// One page with an empty content stream: what a scanner produces, minus the image.
std::string MakeScannedPdf();

// The report's rendering as PDF pages: narrative wrapped at `wrap` characters, tables as
// rows of cells, 50 lines a page.
std::string ReportPdf(const report::Report& report, int wrap = 38);

// The report's rendering as a DOCX: paragraphs, and one w:tbl per table.
std::string ReportDocx(const report::Report& report);

}  // namespace gongkai::check::fixtures
