// The report as gongkai JSON (docs/report.schema.json): what `gongkai check` reads back,
// and what a portal or another system consumes.
#pragma once

#include <string>

#include "report/report.hpp"

namespace gongkai::report {

// {"format", "year", "body", "org_code", "subtree", "bodies", "text", "cells": [{"table",
// "row", "column", "value"[, "yuan"]}]}. Every data cell of the format appears in table
// order; `value` is the number as published (万元 cells as decimals, with the exact
// integer `yuan` beside it) or "/" when gongkai records no source for the cell.
// With `previous` (last year's report in the same format) every cell also carries
// "previous": last year's value, and the document "previous_year".
std::string RenderJson(const Report& report, const std::string& text,
                       const Report* previous = nullptr);

}  // namespace gongkai::report
