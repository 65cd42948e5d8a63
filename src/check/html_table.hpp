// Reads a report published as an HTML page: prose outside tables becomes narrative lines,
// every `<tr>` a table row.
#pragma once

#include <string_view>

#include "check/document.hpp"

namespace gongkai::check {

// True when `utf8` looks like HTML (starts, after white space and a BOM, with '<' and
// contains <html, <table, <body, <p or <div, case-insensitively).
bool LooksLikeHtml(std::string_view utf8);

// `utf8` must already be normalised (see input.hpp). A lenient scanner, not a validator:
// unknown tags are ignored, unclosed cells and rows are closed by the next one, script,
// style and comments are skipped, character references (&nbsp; &amp; &#12345; &#x4E00;
// …) are decoded. Block elements (p, div, br, li, h1–h6, title, tr) end a narrative
// line. A cell's `colspan` is honoured for value cells (a number, "/" or an empty cell
// spanning k columns yields k cells, so positions stay right); a label cell spanning
// columns yields one cell. A `rowspan` cell appears once, in its first row — the same
// shape as the flattened text layouts, which is what the recogniser expects. Each cell
// carries the line of its opening tag. Never fails.
Document ExtractHtmlDocument(std::string_view utf8);

}  // namespace gongkai::check
