// What the narrative says against itself: the identities between the figures it states
// (for reports that publish only the narrative, the only check possible) and its
// internal contradictions.
#pragma once

#include <string>
#include <vector>

#include "check/document.hpp"
#include "check/narrative.hpp"
#include "check/report.hpp"
#include "core/report_format.hpp"

namespace gongkai::check {

// Findings (rules "text_…", see the .cpp for each):
//  - text_balance (error): received + carried in ≠ closed + carried out, all four stated in
//    one paragraph (received may include the carried-in requests: either reading holds);
//  - text_outcomes_sum: the outcomes listed in a sentence (else paragraph) sum to more than
//    their whole (closed, else received) — error (a warning when the whole is the received
//    requests and no carry-in is stated: outcomes may include last year's); to less, when
//    every outcome category of the format is listed — warning (a shorter list may be
//    partial: "其中予以公开…");
//  - text_staff_sum (error, legacy): staff total ≠ full-time + part-time in one sentence;
//  - text_rate_counts (warning): a stated closure rate that does not follow from the counts
//    stated in the same paragraph;
//  - text_all_closed (warning): "全部办结" and the like next to a carry-over into the next
//    year (stated, or in table 三).
// Figures are compared only within one sentence or paragraph, and a quantity stated twice
// there with different values is ambiguous and skipped: reports speak of several scopes
// (本机关, 全市) in one text. `notes` receives "N parts" statements that disagree with
// the section headings present (informational).
std::vector<Finding> CheckNarrative(const Document& doc, const std::vector<Statement>& statements,
                                    core::ReportFormat format, const std::vector<Cell>& cells,
                                    std::vector<std::string>& notes);

// One note listing the figures read from the narrative ("正文所述数字：…"), or "" when none.
std::string StatedFiguresNote(const std::vector<Statement>& statements, core::ReportFormat format);

}  // namespace gongkai::check
