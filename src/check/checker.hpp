// `gongkai check` as a library call: bytes of a published annual report in, findings out.
#pragma once

#include <string>
#include <string_view>

#include "check/report.hpp"
#include "core/status.hpp"

namespace gongkai::check {

// Reads and checks one report. `file` is only recorded in the result. The steps:
// DecodeInput → (JSON: ReadReportJson | text/HTML: Extract…Document) → DetectYear,
// DetectFormat, DetectBody → MapCells → ApplyRules → narrative statements vs cells. The
// findings are sorted errors first, then by first line. Notes list missing tables/rows.
//
// Fails with kInvalidArgument (the CLI's exit code 2) when the input cannot be read as a
// report: undecodable or binary bytes, malformed JSON, or text in which no table of any
// format is found and that does not even call itself a 政府信息公开 report.
core::Result<CheckReport> CheckReportBytes(std::string_view bytes, std::string file);

// `--previous`: adds the cross-year findings and notes comparing `current` with the same
// body's report for the year before (see cross_year.hpp); findings re-sorted.
void CheckAgainstPrevious(CheckReport& current, const CheckReport& previous);

}  // namespace gongkai::check
