// Rendering item bodies (Markdown) to HTML with cmark-gfm.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::app {

// Renders CommonMark plus the GFM table, strikethrough and autolink extensions to an HTML
// fragment. Safe for pages: raw HTML blocks and inline HTML are not passed through
// (cmark-gfm without CMARK_OPT_UNSAFE replaces them with a comment), links and images with
// javascript:, vbscript:, file: and data: (other than images) URLs are emptied, and the
// GFM tag filter escapes <script>, <iframe> and the like wherever they could survive.
// Never fails: any input (invalid UTF-8 is replaced by U+FFFD) gives some HTML.
std::string RenderMarkdown(std::string_view markdown);

}  // namespace gongkai::app
