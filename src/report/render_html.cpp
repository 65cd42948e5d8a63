#include "report/render_html.hpp"

#include <algorithm>

#include "report/render_layout.hpp"
#include "report/render_svg.hpp"

namespace gongkai::report {
namespace {

constexpr std::string_view kStyle = R"css(:root { color-scheme: light; }
body { margin: 0; color: #222; background: #fff; line-height: 1.75;
  font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; }
.report { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6rem; text-align: center; margin: 0.5em 0 0.2em; }
.report-meta { text-align: center; text-indent: 0; color: #555; font-size: 0.9rem; }
h2 { font-size: 1.2rem; margin: 1.6em 0 0.6em; }
p { text-indent: 2em; margin: 0.5em 0; }
.table-wrap { overflow-x: auto; margin: 1em 0; }
.table-wrap:focus { outline: 2px solid #2b5797; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: middle; }
th { font-weight: normal; background: #f2f2f2; text-align: center; }
th.corner { font-size: 0.8rem; }
th.caption { font-weight: bold; }
th.row, th.group, th.heading { background: #fafafa; text-align: left; }
th.group { text-align: center; }
th.heading { font-weight: bold; }
td.num, td.absent, td.unit { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
.indent-1 { padding-left: 1.5em; }
.indent-2 { padding-left: 3em; }
.indent-3 { padding-left: 4.5em; }
figure.chart { margin: 1.2em 0; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #555; }
@media (max-width: 600px) {
  .report { padding: 12px 8px 32px; }
  table { font-size: 0.75rem; }
}
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { font-size: 10.5pt; }
  .report { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; page-break-inside: auto; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
}
)css";

std::string Attr(std::string_view name, int value) {
  return value > 1 ? " " + std::string(name) + "=\"" + std::to_string(value) + "\"" : "";
}

std::string CellHtml(const GridCell& cell) {
  std::string tag = "th";
  std::string cls;
  std::string scope;
  switch (cell.kind) {
    case CellKind::kCorner:
      cls = "corner";
      scope = "col";
      break;
    case CellKind::kHeader:
      scope = cell.group ? "colgroup" : "col";
      break;
    case CellKind::kCaption:
      cls = "caption";
      scope = "colgroup";
      break;
    case CellKind::kGroupLabel:
      // A merged cell over the rows of its group (table 三), or a heading row (legacy).
      cls = cell.row_span > 1 ? "group" : "heading";
      scope = cell.row_span > 1 ? "rowgroup" : "row";
      break;
    case CellKind::kRowLabel:
      cls = "row";
      scope = "row";
      break;
    case CellKind::kUnit:
      tag = "td";
      cls = "unit";
      break;
    case CellKind::kValue:
      tag = "td";
      cls = "num";
      break;
    case CellKind::kAbsent:
      tag = "td";
      cls = "absent";
      break;
    case CellKind::kBlank:
      tag = "td";
      break;
  }
  if (cell.depth > 0) {
    if (!cls.empty()) cls += " ";
    cls += "indent-" + std::to_string(std::min(cell.depth, 3));
  }
  std::string out = "<" + tag;
  if (!scope.empty()) out += " scope=\"" + scope + "\"";
  if (!cls.empty()) out += " class=\"" + cls + "\"";
  out += Attr("rowspan", cell.row_span) + Attr("colspan", cell.col_span) + ">";
  out += HtmlEscape(cell.text) + "</" + tag + ">";
  return out;
}

std::string RowHtml(const GridRow& row) {
  std::string out = "<tr>";
  for (const GridCell& cell : row.cells) out += CellHtml(cell);
  return out + "</tr>\n";
}

struct FigureHtml {
  std::string svg;
  std::string caption;
};

std::string FigureElement(const FigureHtml& figure, int number) {
  return "<figure class=\"chart\">\n" + figure.svg + "<figcaption>图" + std::to_string(number) +
         "　" + HtmlEscape(figure.caption) + "</figcaption>\n</figure>\n";
}

}  // namespace

std::string RenderHtmlTable(const Report& report, const core::TableDef& table,
                            std::string_view labelled_by) {
  Grid grid = LayoutTable(report, table);
  std::string out = "<table class=\"report-table report-" + HtmlEscape(table.id) + "\"";
  if (!labelled_by.empty()) out += " aria-labelledby=\"" + HtmlEscape(labelled_by) + "\"";
  out += ">\n";
  const bool blocks = std::any_of(grid.rows.begin(), grid.rows.end(),
                                  [](const GridRow& r) { return r.block_start; });
  if (blocks) {
    // Table 二: each block is a <tbody> with its caption and header rows.
    bool open = false;
    for (const GridRow& row : grid.rows) {
      if (row.block_start) {
        if (open) out += "</tbody>\n";
        out += "<tbody>\n";
        open = true;
      }
      out += RowHtml(row);
    }
    if (open) out += "</tbody>\n";
  } else {
    size_t i = 0;
    if (i < grid.rows.size() && grid.rows[i].head) {
      out += "<thead>\n";
      while (i < grid.rows.size() && grid.rows[i].head) out += RowHtml(grid.rows[i++]);
      out += "</thead>\n";
    }
    out += "<tbody>\n";
    while (i < grid.rows.size()) out += RowHtml(grid.rows[i++]);
    out += "</tbody>\n";
  }
  out += "</table>\n";
  return out;
}

std::string RenderHtml(const Report& report, const RenderOptions& options) {
  const std::string title = ReportTitle(report);
  std::vector<std::string> headings = SectionHeadings(report.format);
  // Narrative headings outside the format become sections of their own, after the others.
  const size_t format_sections = headings.size();
  for (const auto& [heading, text] : options.sections) {
    if (std::find(headings.begin(), headings.end(), heading) == headings.end()) {
      headings.push_back(heading);
    }
  }
  std::vector<std::vector<FigureHtml>> figures(headings.size());
  if (options.charts && format_sections > 2) {
    figures[1].push_back({RenderItemsSvg(report), ItemsChartTitle(report)});
    figures[2].push_back({RenderOutcomeSvg(report), OutcomeChartTitle(report)});
  }
  std::vector<FigureHtml> loose;
  for (const Figure& f : options.figures) {
    auto it = std::find(headings.begin(), headings.end(), f.section);
    if (it == headings.end()) {
      loose.push_back({f.svg, f.caption});
    } else {
      figures[static_cast<size_t>(it - headings.begin())].push_back({f.svg, f.caption});
    }
  }

  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"gongkai\">\n";
  // No icon: browsers would otherwise ask the portal for /favicon.ico (as the portal's own
  // layout does, templates/layout.mustache).
  out += "<link rel=\"icon\" href=\"data:,\">\n";
  out += "<title>" + HtmlEscape(title) + "</title>\n";
  out += "<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main class=\"report\">\n";
  out += "<header class=\"report-header\">\n<h1>" + HtmlEscape(title) + "</h1>\n";
  out += "<p class=\"report-meta\">" + HtmlEscape(ReportScopeLine(report)) + "</p>\n</header>\n";

  int figure_number = 0;
  auto section = [&](size_t index, const std::string& heading) {
    const std::string id = "section-" + std::to_string(index + 1);
    out += "<section id=\"" + id + "\" aria-labelledby=\"" + id + "-heading\">\n";
    out += "<h2 id=\"" + id + "-heading\">" + HtmlEscape(heading) + "</h2>\n";
    for (const auto& [h, text] : options.sections) {
      if (h != heading) continue;
      for (const std::string& p : SplitParagraphs(text)) out += "<p>" + HtmlEscape(p) + "</p>\n";
    }
    if (index < format_sections) {
      if (const core::TableDef* table = SectionTable(report.format, heading)) {
        out += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"" + id +
               "-heading\" tabindex=\"0\">\n";
        out += RenderHtmlTable(report, *table, id + "-heading");
        out += "</div>\n";
      }
    }
    if (index < figures.size()) {
      for (const FigureHtml& f : figures[index]) out += FigureElement(f, ++figure_number);
    }
    out += "</section>\n";
  };
  for (size_t i = 0; i < headings.size(); ++i) section(i, headings[i]);
  if (!loose.empty()) {
    const std::string id = "section-" + std::to_string(headings.size() + 1);
    out += "<section id=\"" + id + "\" aria-labelledby=\"" + id + "-heading\">\n";
    out += "<h2 id=\"" + id + "-heading\">图解</h2>\n";
    for (const FigureHtml& f : loose) out += FigureElement(f, ++figure_number);
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace gongkai::report
