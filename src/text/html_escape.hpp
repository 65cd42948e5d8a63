// Escaping text for HTML element content and attribute values.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::text {

// Replaces & < > " ' with their character references; other bytes pass through.
std::string HtmlEscape(std::string_view text);

}  // namespace gongkai::text
