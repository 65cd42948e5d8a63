// SVG charts (图解) of an annual report, embedded by the HTML renderer and written by
// `gongkai report --format svg`. Each function returns one complete, standalone <svg>
// element: a viewBox so it scales, a <title> (and aria-label) naming it for screen readers,
// every label escaped, CJK fonts named. Pure text: nothing here fails.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report.hpp"

namespace gongkai::report {

// The font stack every chart names.
inline constexpr std::string_view kSvgFontFamily =
    "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";

struct BarSeries {
  std::string name;             // legend entry; unused when there is only one series
  std::vector<int64_t> values;  // one per category; missing trailing values count as 0
};

// A horizontal bar chart: one band per category, one bar per series in each band, the
// value written after each bar. Negative values are drawn as zero-length bars (the value
// is still written). A chart with no categories shows "无数据".
std::string RenderBarSvg(std::string_view title, const std::vector<std::string>& categories,
                         const std::vector<BarSeries>& series);

// Requests by outcome: table 三's 总计 column summed per outcome group (予以公开, 部分公开,
// 不予公开, 无法提供, 不予处理, 其他处理); for the legacy format the 申请答复数 categories
// 1–8. Missing cells count as 0.
std::string RenderOutcomeSvg(const Report& report);

// Items: for the legacy format, items published by channel (政府公报, 政府网站, 政务微博,
// 政务微信, 其他); for 2019/2021, table 二's first block (规章 and 行政规范性文件 by 本年制发
// / 本年废止 / 现行有效, or the 2019 columns). Missing cells count as 0.
std::string RenderItemsSvg(const Report& report);

// A line chart of a yearly series (the integrator supplies e.g. five years of requests
// received), points sorted by year, each labelled with its value. An empty series shows
// "无数据".
std::string RenderTrendSvg(const std::vector<std::pair<int, int64_t>>& points,
                           std::string_view title);

// Title of the outcome / items chart for `report`'s format (also its <title>).
std::string OutcomeChartTitle(const Report& report);
std::string ItemsChartTitle(const Report& report);

}  // namespace gongkai::report
