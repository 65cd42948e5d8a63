// Printing check results for people (text) and programs (JSON).
#pragma once

#include <string>
#include <vector>

#include "check/report.hpp"

namespace gongkai::check {

// For people: a header (file, format, year, body, cells read), the errors then the
// warnings, each with its rule id, line numbers, the Chinese sentence (an equation with
// the values) and the English one, then the notes. Ends with a newline.
std::string FormatReportText(const CheckReport& report);

// For programs, one JSON object:
// {"file","format","year","body","input","narrative_only","cells":[{"table","row","column","value","line"}],
//  "findings":[{"severity":"error"|"warning","rule","message_zh","message_en",
//               "cells":[{"table","row","column","value","line"}],"lines":[…]}],
//  "notes":[…], "errors":N, "warnings":N}
// "format"/"year" are null when unknown; a cell's "value" is a number, or null for a blank
// or "/" cell (its text is then in "text"). Ends with a newline.
std::string FormatReportJson(const CheckReport& report);

// One line for directory mode: "<file>: <format> <year> <body> — N 错误, M 警告".
std::string SummaryLine(const CheckReport& report);

// One line for a file that could not be read: "<file>: 无法读取 — <message>".
std::string UnreadableLine(const std::string& file, const std::string& message);

}  // namespace gongkai::check
