// The text layer of a PDF report (Poppler's C++ library), as lines a text report would have.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::check {

// True when `bytes` start with the PDF signature "%PDF-".
bool LooksLikePdf(std::string_view bytes);

// The text of every page in physical layout (a table row stays one line, its cells
// separated by spaces, which the text reader splits), UTF-8. Lines that are only a page
// number ("3", "- 3 -", "第3页", "第 3 页 共 9 页") are dropped; a prose line broken at the
// page width is joined with the next. Fails with kInvalidArgument when Poppler cannot open
// the document (damaged, or encrypted with a password), and when no page has a text layer
// (a scan: the message says to run OCR or ask for the text version) — never a silent pass.
core::Result<std::string> PdfToText(std::string_view bytes);

}  // namespace gongkai::check
