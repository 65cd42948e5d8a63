#include "report/render_svg.hpp"

#include <algorithm>

#include "report/render_common.hpp"

namespace gongkai::report {
namespace {

constexpr int kWidth = 720;
constexpr int kFontSize = 14;
constexpr int kTitleSize = 16;
constexpr int kBarHeight = 18;
constexpr int kBandGap = 12;
constexpr int kValueArea = 80;
constexpr int kMaxLabelWidth = 300;
constexpr const char* kPalette[] = {"#2b5797", "#d9822b", "#3a9a5b", "#b03a48", "#7d5ba6"};
constexpr const char* kTextColor = "#222";

// Display width in pixels at kFontSize: CJK and other wide characters one em, ASCII ~0.6 em.
int TextWidth(std::string_view text) {
  int width10 = 0;  // in tenths of an em
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width10 += len >= 3 ? 10 : 6;
    i += static_cast<size_t>(len);
  }
  return width10 * kFontSize / 10;
}

std::string SvgOpen(int width, int height, std::string_view title) {
  std::string t = HtmlEscape(title);
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
      std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
      std::to_string(height) + "\" role=\"img\" aria-label=\"" + t + "\" font-family=\"" +
      std::string(kSvgFontFamily) + "\" font-size=\"" + std::to_string(kFontSize) + "\">\n";
  out += "<title>" + t + "</title>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\" fill=\"#fff\"/>\n";
  out += "<text x=\"" + std::to_string(width / 2) +
         "\" y=\"26\" text-anchor=\"middle\" font-size=\"" + std::to_string(kTitleSize) +
         "\" font-weight=\"bold\" fill=\"" + kTextColor + "\">" + t + "</text>\n";
  return out;
}

std::string Text(int x, int y, std::string_view anchor, std::string_view text,
                 std::string_view extra = {}) {
  return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" text-anchor=\"" +
         std::string(anchor) + "\" fill=\"" + kTextColor + "\"" + std::string(extra) + ">" +
         HtmlEscape(text) + "</text>\n";
}

std::string NoData(std::string_view title) {
  std::string out = SvgOpen(kWidth, 120, title);
  out += Text(kWidth / 2, 80, "middle", "无数据");
  out += "</svg>\n";
  return out;
}

// "（三）不予公开" → "不予公开"; "（二）部分公开（区分处理的，…）" → "部分公开";
// "1．当面申请数" / "1.当面申请数" → "当面申请数".
std::string ShortLabel(std::string_view label) {
  constexpr std::string_view kOpen = "（";
  constexpr std::string_view kClose = "）";
  if (label.starts_with(kOpen)) {
    size_t close = label.find(kClose);
    if (close != std::string_view::npos) label.remove_prefix(close + kClose.size());
  } else {
    size_t digits = 0;
    while (digits < label.size() && label[digits] >= '0' && label[digits] <= '9') ++digits;
    if (digits > 0) {
      std::string_view rest = label.substr(digits);
      if (rest.starts_with(".")) {
        label = rest.substr(1);
      } else if (rest.starts_with("．")) {
        label = rest.substr(std::string_view("．").size());
      }
    }
  }
  size_t open = label.find(kOpen);
  if (open != std::string_view::npos && open > 0) label = label.substr(0, open);
  return std::string(label);
}

int64_t CellOrZero(const Report& report, std::string_view table, std::string_view row,
                   std::string_view column) {
  return report.values.Get(table, row, column).value_or(0);
}

// The data rows under `parent_id` (direct children) of the legacy table, as one series.
void LegacyChildren(const Report& report, std::string_view parent_id,
                    std::vector<std::string>& categories, BarSeries& series) {
  const core::TableDef* table =
      core::GetReportFormat(core::ReportFormat::kLegacy2008).Table("legacy");
  if (table == nullptr) return;
  for (const core::RowDef& row : table->rows) {
    if (row.parent != parent_id || !row.data) continue;
    categories.push_back(ShortLabel(row.label));
    series.values.push_back(CellOrZero(report, table->id, row.id, "value"));
  }
}

}  // namespace

std::string RenderBarSvg(std::string_view title, const std::vector<std::string>& categories,
                         const std::vector<BarSeries>& series) {
  if (categories.empty() || series.empty()) return NoData(title);
  int label_width = 0;
  for (const std::string& c : categories) label_width = std::max(label_width, TextWidth(c));
  label_width = std::min(label_width, kMaxLabelWidth);
  const int x0 = 16 + label_width + 8;
  const int bar_area = std::max(kWidth - x0 - kValueArea, 100);
  const bool legend = series.size() > 1;
  const int top = legend ? 72 : 48;
  const int n_series = static_cast<int>(series.size());
  const int band = n_series * kBarHeight + kBandGap;
  const int height = top + static_cast<int>(categories.size()) * band + 16;

  int64_t max = 0;
  for (const BarSeries& s : series) {
    for (int64_t v : s.values) max = std::max(max, v);
  }
  auto value_at = [&](const BarSeries& s, size_t i) -> int64_t {
    return i < s.values.size() ? s.values[i] : 0;
  };

  std::string out = SvgOpen(kWidth, height, title);
  if (legend) {
    int x = 16;
    for (int s = 0; s < n_series; ++s) {
      const std::string& name = series[static_cast<size_t>(s)].name;
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"40\" width=\"12\" height=\"12\" fill=\"" +
             kPalette[s % 5] + "\"/>\n";
      out += Text(x + 18, 51, "start", name);
      x += 18 + TextWidth(name) + 24;
    }
  }
  for (size_t i = 0; i < categories.size(); ++i) {
    const int band_top = top + static_cast<int>(i) * band;
    const int label_y = band_top + (n_series * kBarHeight) / 2 + kFontSize / 2 - 1;
    out += Text(x0 - 8, label_y, "end", categories[i]);
    for (int s = 0; s < n_series; ++s) {
      const BarSeries& bs = series[static_cast<size_t>(s)];
      const int64_t v = value_at(bs, i);
      const int64_t w = (max > 0 && v > 0) ? std::max<int64_t>(1, v * bar_area / max) : 0;
      const int y = band_top + s * kBarHeight;
      std::string tip = categories[i];
      if (legend) tip += "·" + bs.name;
      tip += "：" + std::to_string(v);
      out += "<rect x=\"" + std::to_string(x0) + "\" y=\"" + std::to_string(y + 2) + "\" width=\"" +
             std::to_string(w) + "\" height=\"" + std::to_string(kBarHeight - 4) + "\" fill=\"" +
             kPalette[s % 5] + "\"><title>" + HtmlEscape(tip) + "</title></rect>\n";
      out += Text(x0 + static_cast<int>(w) + 6, y + kBarHeight - 5, "start", std::to_string(v));
    }
  }
  out += "<line x1=\"" + std::to_string(x0) + "\" y1=\"" + std::to_string(top - 4) + "\" x2=\"" +
         std::to_string(x0) + "\" y2=\"" + std::to_string(height - 12) +
         "\" stroke=\"#666\" stroke-width=\"1\"/>\n";
  out += "</svg>\n";
  return out;
}

std::string OutcomeChartTitle(const Report& report) {
  return report.format == core::ReportFormat::kLegacy2008 ? "依申请公开答复情况"
                                                          : "政府信息公开申请办理结果（总计）";
}

std::string ItemsChartTitle(const Report& report) {
  switch (report.format) {
    case core::ReportFormat::kLegacy2008:
      return "通过不同渠道和方式公开政府信息情况";
    case core::ReportFormat::kTrial2019:
      return "规章和规范性文件制作、公开情况";
    case core::ReportFormat::kFormat2021:
      break;
  }
  return "规章和行政规范性文件制发、废止、现行有效情况";
}

std::string RenderOutcomeSvg(const Report& report) {
  std::vector<std::string> categories;
  BarSeries series;
  if (report.format == core::ReportFormat::kLegacy2008) {
    LegacyChildren(report, "L3_3", categories, series);
    return RenderBarSvg(OutcomeChartTitle(report), categories, {series});
  }
  const core::TableDef* table = core::GetReportFormat(report.format).Table("table3");
  if (table == nullptr) return NoData(OutcomeChartTitle(report));
  for (const core::RowDef& group : table->rows) {
    if (group.parent != "results" || group.id == "r7_total") continue;
    int64_t sum = 0;
    if (group.data) {
      sum = CellOrZero(report, table->id, group.id, "total");
    } else {
      for (const core::RowDef& row : table->rows) {
        if (row.parent == group.id && row.data)
          sum += CellOrZero(report, table->id, row.id, "total");
      }
    }
    categories.push_back(ShortLabel(group.label));
    series.values.push_back(sum);
  }
  return RenderBarSvg(OutcomeChartTitle(report), categories, {series});
}

std::string RenderItemsSvg(const Report& report) {
  std::vector<std::string> categories;
  if (report.format == core::ReportFormat::kLegacy2008) {
    BarSeries series;
    LegacyChildren(report, "L1_2", categories, series);
    return RenderBarSvg(ItemsChartTitle(report), categories, {series});
  }
  const core::TableDef* table = core::GetReportFormat(report.format).Table("table2");
  if (table == nullptr || table->blocks.empty()) return NoData(ItemsChartTitle(report));
  const core::BlockDef& block = table->blocks.front();
  std::vector<BarSeries> series;
  for (const core::ColumnDef& c : block.columns) series.push_back({std::string(c.label), {}});
  for (std::string_view row_id : block.row_ids) {
    const core::RowDef* row = table->Row(row_id);
    if (row == nullptr) continue;
    categories.emplace_back(row->label);
    for (size_t i = 0; i < block.columns.size(); ++i) {
      series[i].values.push_back(CellOrZero(report, table->id, row->id, block.columns[i].id));
    }
  }
  return RenderBarSvg(ItemsChartTitle(report), categories, series);
}

std::string RenderTrendSvg(const std::vector<std::pair<int, int64_t>>& points,
                           std::string_view title) {
  if (points.empty()) return NoData(title);
  std::vector<std::pair<int, int64_t>> sorted = points;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  int64_t max = 0;
  for (const auto& p : sorted) max = std::max(max, p.second);
  // Four gridline steps of a round size (1, 2 or 5 × 10^k).
  int64_t step = 1;
  for (int64_t scale = 1; step * 4 < max; scale *= 10) {
    for (int64_t m : {1, 2, 5, 10}) {
      step = m * scale;
      if (step * 4 >= max) break;
    }
  }
  const int64_t axis_max = step * 4;
  const int left = 16 + TextWidth(std::to_string(axis_max)) + 8;
  const int right = kWidth - 32;
  const int top = 56;
  const int bottom = 260;
  const int height = bottom + 40;
  std::string out = SvgOpen(kWidth, height, title);
  for (int i = 0; i <= 4; ++i) {
    const int y = bottom - i * (bottom - top) / 4;
    out += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" +
           std::to_string(right) + "\" y2=\"" + std::to_string(y) + "\" stroke=\"" +
           (i == 0 ? "#666" : "#ddd") + "\" stroke-width=\"1\"/>\n";
    out += Text(left - 6, y + 5, "end", std::to_string(step * i), " font-size=\"12\"");
  }
  const int n = static_cast<int>(sorted.size());
  auto x_of = [&](int i) {
    return n == 1 ? (left + right) / 2 : left + 24 + i * (right - left - 48) / (n - 1);
  };
  auto y_of = [&](int64_t v) {
    int64_t clamped = std::max<int64_t>(v, 0);
    return bottom - static_cast<int>(clamped * (bottom - top) / axis_max);
  };
  std::string polyline;
  for (int i = 0; i < n; ++i) {
    if (i > 0) polyline += " ";
    const auto& p = sorted[static_cast<size_t>(i)];
    polyline += std::to_string(x_of(i)) + "," + std::to_string(y_of(p.second));
  }
  out += "<polyline points=\"" + polyline + "\" fill=\"none\" stroke=\"" + kPalette[0] +
         "\" stroke-width=\"2\"/>\n";
  for (int i = 0; i < n; ++i) {
    const auto& [year, value] = sorted[static_cast<size_t>(i)];
    const int x = x_of(i);
    const int y = y_of(value);
    out += "<circle cx=\"" + std::to_string(x) + "\" cy=\"" + std::to_string(y) +
           "\" r=\"4\" fill=\"" + kPalette[0] + "\"><title>" + std::to_string(year) + "年：" +
           std::to_string(value) + "</title></circle>\n";
    out += Text(x, y - 10, "middle", std::to_string(value));
    out += Text(x, bottom + 22, "middle", std::to_string(year) + "年");
  }
  out += "</svg>\n";
  return out;
}

}  // namespace gongkai::report
