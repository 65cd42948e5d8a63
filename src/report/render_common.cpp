#include "report/render_common.hpp"

#include "text/html_escape.hpp"

namespace gongkai::report {
namespace {

// The seed's (2008 条例 era) report structure, minus its local section 向市政府门户网报送信息情况.
const std::vector<std::string>& LegacySections() {
  static const std::vector<std::string>* const kSections = new std::vector<std::string>{
      "一、概述",
      "二、主动公开政府信息的情况",
      "三、依申请公开政府信息办理情况",
      "四、政府信息公开的收费及减免情况",
      "五、举报、投诉信息的发生及处理情况",
      "六、行政复议、行政诉讼的情况",
      "七、政府信息公开工作存在的主要问题及改进措施",
      "八、附表：政府信息公开情况统计表",
  };
  return *kSections;
}

}  // namespace

std::string ReportTitle(const Report& report) {
  return report.org.name + std::to_string(report.year) + "年政府信息公开工作年度报告";
}

std::string ReportScopeLine(const Report& report) {
  std::string scope =
      report.subtree && report.body_count > 1
          ? report.org.name + "及所属单位（共" + std::to_string(report.body_count) + "个单位）"
          : report.org.name + "本级";
  return "报告格式：" + std::string(core::ReportFormatName(report.format)) + "；统计范围：" + scope;
}

std::vector<std::string> SectionHeadings(core::ReportFormat format) {
  if (format == core::ReportFormat::kLegacy2008) return LegacySections();
  const core::FormatDef& def = core::GetReportFormat(format);
  return {def.sections.begin(), def.sections.end()};
}

const core::TableDef* SectionTable(core::ReportFormat format, std::string_view heading) {
  const core::FormatDef& def = core::GetReportFormat(format);
  if (format == core::ReportFormat::kLegacy2008) {
    return heading == LegacySections().back() ? def.Table("legacy") : nullptr;
  }
  for (const core::TableDef& table : def.tables) {
    if (table.title == heading) return &table;
  }
  return nullptr;
}

std::string HtmlEscape(std::string_view text) { return text::HtmlEscape(text); }

std::vector<std::string> SplitParagraphs(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) {
      line.remove_prefix(1);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (!line.empty()) out.emplace_back(line);
    start = end + 1;
  }
  return out;
}

}  // namespace gongkai::report
