// Word (DOCX) and Excel (XLSX) reports: the zip archive read with libzip, its XML with
// pugixml, turned into the text layout the text reader knows (prose lines; table rows as
// "a | b | c" lines).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::check {

enum class OfficeKind { kNone, kDocx, kXlsx };

// kDocx / kXlsx when `bytes` are a zip archive holding word/document.xml or
// xl/workbook.xml; kNone for anything else (including other zip files).
OfficeKind DetectOffice(std::string_view bytes);

// DOCX: each paragraph a line; each table row a line of its cells joined by " | " (a
// cell continuing a vertical merge is left out, as HTML's rowspan is). XLSX: every sheet,
// each row a line of its cells (shared strings resolved, gaps between cells kept as empty
// cells), sheets separated by a blank line. Fails with kInvalidArgument when the archive
// or its XML cannot be read.
core::Result<std::string> DocxToText(std::string_view bytes);
core::Result<std::string> XlsxToText(std::string_view bytes);

}  // namespace gongkai::check
