// What every renderer of an annual report shares: the document title, the section
// headings, the options the integrator passes (narrative text, extra figures), and the one
// escape function for HTML and SVG text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/report_format.hpp"
#include "report/report.hpp"

namespace gongkai::report {

// An SVG figure the caller wants embedded in a section (e.g. RenderTrendSvg's output).
struct Figure {
  std::string section;  // heading of the section that shows it (see SectionHeadings)
  std::string svg;      // a complete <svg> element produced by render_svg; embedded as is
  std::string caption;  // plain text, escaped when rendered
};

struct RenderOptions {
  // Narrative, in order: (section heading, paragraph text). Text is plain (never markup) and
  // is escaped; a newline starts a new paragraph. A pair whose heading equals one of
  // SectionHeadings(format) is shown in that section, before its table; other headings
  // become sections of their own after the format's sections, in order of first appearance.
  std::vector<std::pair<std::string, std::string>> sections;
  // Embed the charts computed from the report itself (outcomes, items) in the HTML.
  bool charts = true;
  // Further figures, shown at the end of their section (unknown section: at the end).
  std::vector<Figure> figures;
};

// "{org.name}{year}年政府信息公开工作年度报告".
std::string ReportTitle(const Report& report);

// "报告格式：{format name}；统计范围：{org}本级" or "…{org}及所属单位（共N个单位）".
std::string ReportScopeLine(const Report& report);

// The report's section headings in order: the format's six for 2019/2021; for the legacy
// format the structure of the 2008-era reports (the seed), ending with the 统计表 as 附表.
std::vector<std::string> SectionHeadings(core::ReportFormat format);

// The table shown in section `heading`, or nullptr (sections without a table).
const core::TableDef* SectionTable(core::ReportFormat format, std::string_view heading);

// Escapes text for HTML/XML content and attribute values: & < > " ' become entities.
// Never fails; bytes are passed through otherwise (callers hand in UTF-8).
std::string HtmlEscape(std::string_view text);

// Splits narrative text at newlines into trimmed, non-empty paragraphs.
std::vector<std::string> SplitParagraphs(std::string_view text);

}  // namespace gongkai::report
