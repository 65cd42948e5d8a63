// Fixtures for `gongkai check`: gongkai's own annual reports (2021, 2019 trial, legacy),
// rendered and then flattened the ways real publishing flattens tables, so that every
// layout is tested on every format with the expected cells known from the report values.
// Used by the flattening tests and by bench/check_batch_bench (a generated province).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/report_format.hpp"
#include "report/report.hpp"

namespace gongkai::check::fixtures {

// A report of `format` with every data cell set and every identity of the format holding;
// `variant` varies the numbers (and the body's name) so that many distinct reports can be
// generated. Years: 2023 (2021 format), 2020 (2019 trial), 2017 (legacy).
report::Report SampleReport(core::ReportFormat format, int variant = 0);

// The narrative the fixtures carry: gongkai's draft overview, consistent with the tables.
std::string SampleNarrative(const report::Report& report);

enum class Style {
  kMarkdown,  // gongkai's Markdown as rendered
  kPipeRows,  // one row per line, "a | b | c"
  kSpanArtifacts,  // header paths split into cells ("三、本年度办理结果 | （一）予以公开 | …")
  kSeedCells,         // one cell per line ending in " |", "||" closing each row (the seed)
  kCellPerLine,       // one cell per line, no separator at all
  kCellPerParagraph,  // one cell per paragraph (blank lines between)
  kCellThenPipe,      // one cell per line, the next line a lone "|"
  kTabs,              // tab-separated rows (a browser's clipboard)
  kSpaces,            // values separated by spaces (PDF text extraction)
  kOcrSubtables,      // Markdown split into sub-tables of four rows, header repeated
  kHeaderMisplaced,   // each table's header row after its data rows
  kUnlabelledTable4,  // table 四 as one line of 15 numbers under "行政复议行政诉讼", no header
  kAbridged,          // every third row of tables 三/legacy dropped (as PDF extracts do)
  kHtmlParagraphs,  // HTML with each cell in its own <p>
};

std::vector<Style> AllStyles();
std::string_view StyleName(Style style);

// A rendering read back into its parts: a narrative line, or a table (rows of cells, the
// header first, header paths joined by "·").
struct Block {
  bool table = false;
  std::string text;
  std::vector<std::vector<std::string>> rows;
};
std::vector<Block> RenderedBlocks(const report::Report& report);

// The Markdown rendering with SampleNarrative.
std::string RenderSample(const report::Report& report);

// The report rendered as Markdown (with SampleNarrative) and flattened in `style`.
std::string Flatten(const report::Report& report, Style style);

}  // namespace gongkai::check::fixtures
