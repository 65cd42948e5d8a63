// Issued letters on screen and on paper, for the back office and the applicant's /status
// page alike: the layout after GB/T 9704 (党政机关公文格式) — the title centred, the
// salutation flush left, paragraphs indented two characters, the issuing body and the
// date right-aligned at the end — built from the letter's plain text.
#pragma once

#include <string>
#include <string_view>

#include "web/templates.hpp"

namespace gongkai::web {

// The parts of a letter's text for a template:
//   {"title": first non-empty line,
//    "paragraphs": [{"text", "salutation": bool}] — blocks separated by blank lines (a line
//       break inside a block is kept, the template shows it with white-space: pre-line),
//    "signature": [{"text"}] — the last two non-empty lines (issuing body, date)}.
// A text of fewer than four non-empty lines has no signature block. Never fails.
View LetterLayout(std::string_view body);

// A UTC ISO 8601 timestamp ("2026-12-06T06:03:09Z") as local time in Asia/Shanghai
// (UTC+8, no daylight saving): "2026年12月6日 14:03". The input unchanged when it does not
// parse.
std::string ShanghaiTimeText(std::string_view utc_iso);

}  // namespace gongkai::web
