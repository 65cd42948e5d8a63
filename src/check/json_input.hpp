// gongkai's own JSON for an annual report: what `gongkai check --format json` prints and
// what the report engine exports, read back so that a report can be checked as data.
#pragma once

#include <string_view>

#include "check/report.hpp"
#include "core/status.hpp"

namespace gongkai::check {

// Accepts either shape (both may carry "format", "year", "body" and a "text" string with
// the narrative, which is checked against the tables like a text report):
//   {"format":"format_2021", "cells":[{"table":"table3","row":"new_received",
//     "column":"total","value":12,"line":40}, …]}
//   {"format":"legacy_2008", "tables":{"legacy":{"L3_1":55, …},
//     "table3":{"new_received":{"natural_person":10, …}, …}}}
// "format" may be "legacy_2008"/"trial_2019"/"format_2021" or "legacy"/"2019"/"2021";
// a value is a number, null (blank) or a string read like a table cell ("1,234", "/").
// Unknown table, row or column ids are reported as notes, not errors. Fails with
// kInvalidArgument when the JSON is malformed, is not an object, or has no known format.
// On success fills report.format/year/body/cells/notes and sets `narrative` to the
// "text" member (empty when absent).
core::Status ReadReportJson(std::string_view json, CheckReport& report, std::string& narrative);

}  // namespace gongkai::check
