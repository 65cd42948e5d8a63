#include "report/render_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>

#include "report/render_common.hpp"
#include "report/render_layout.hpp"

namespace gongkai::report {
namespace {

constexpr int kTitleRows = 2;  // report title, table title; the grid starts below them
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 40;

// Width in Excel character units: CJK and other wide characters count two.
double DisplayWidth(std::string_view text) {
  double width = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* subtitle = nullptr;
  lxw_format* header = nullptr;
  lxw_format* group = nullptr;
  lxw_format* label[4] = {};
  lxw_format* integer = nullptr;
  lxw_format* decimal = nullptr;
  lxw_format* center = nullptr;  // unit, "/"
  lxw_format* blank = nullptr;
};

lxw_format* Bordered(lxw_workbook* wb, uint8_t align) {
  lxw_format* f = workbook_add_format(wb);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  format_set_font_size(f, 10);
  return f;
}

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.subtitle = workbook_add_format(wb);
  format_set_bold(f.subtitle);
  format_set_font_size(f.subtitle, 12);
  format_set_align(f.subtitle, LXW_ALIGN_CENTER);
  f.header = Bordered(wb, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xF2F2F2);
  f.group = Bordered(wb, LXW_ALIGN_CENTER);
  for (uint8_t i = 0; i < 4; ++i) {
    f.label[i] = Bordered(wb, LXW_ALIGN_LEFT);
    if (i > 0) format_set_indent(f.label[i], i);
  }
  f.integer = Bordered(wb, LXW_ALIGN_CENTER);
  format_set_num_format(f.integer, "0");
  f.decimal = Bordered(wb, LXW_ALIGN_CENTER);
  format_set_num_format(f.decimal, "General");
  f.center = Bordered(wb, LXW_ALIGN_CENTER);
  f.blank = Bordered(wb, LXW_ALIGN_LEFT);
  return f;
}

lxw_format* FormatOf(const Formats& f, const GridCell& cell) {
  switch (cell.kind) {
    case CellKind::kCorner:
    case CellKind::kHeader:
    case CellKind::kCaption:
      return f.header;
    case CellKind::kGroupLabel:
      return cell.depth > 0 || cell.row_span == 1 ? f.label[std::min(cell.depth, 3)] : f.group;
    case CellKind::kRowLabel:
      return f.label[std::min(cell.depth, 3)];
    case CellKind::kValue:
      return cell.ten_thousand_yuan ? f.decimal : f.integer;
    case CellKind::kUnit:
    case CellKind::kAbsent:
      return f.center;
    case CellKind::kBlank:
      return f.blank;
  }
  return f.blank;
}

// The first error of a sequence of libxlsxwriter calls.
struct Errors {
  lxw_error first = LXW_NO_ERROR;
  void operator()(lxw_error e) {
    if (first == LXW_NO_ERROR) first = e;
  }
};

void WriteSheet(lxw_workbook* wb, const Formats& f, const Report& report,
                const core::TableDef& table, Errors& check) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(table.title).c_str());
  if (ws == nullptr) {
    check(LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  Grid grid = LayoutTable(report, table);
  const auto last_col = static_cast<lxw_col_t>(std::max(grid.columns, 1) - 1);
  const std::string title = ReportTitle(report);
  if (last_col > 0) {
    check(worksheet_merge_range(ws, 0, 0, 0, last_col, title.c_str(), f.title));
    check(
        worksheet_merge_range(ws, 1, 0, 1, last_col, std::string(table.title).c_str(), f.subtitle));
  } else {
    check(worksheet_write_string(ws, 0, 0, title.c_str(), f.title));
    check(worksheet_write_string(ws, 1, 0, std::string(table.title).c_str(), f.subtitle));
  }
  check(worksheet_set_row(ws, 0, 24, nullptr));

  std::vector<double> widths(static_cast<size_t>(grid.columns), kMinWidth);
  int header_rows = 0;  // leading header rows, repeated on every printed page
  while (header_rows < static_cast<int>(grid.rows.size()) &&
         grid.rows[static_cast<size_t>(header_rows)].head &&
         !grid.rows[static_cast<size_t>(header_rows)].block_start) {
    ++header_rows;
  }
  for (const GridRow& row : grid.rows) {
    for (const GridCell& cell : row.cells) {
      const auto r = static_cast<lxw_row_t>(kTitleRows + cell.row);
      const auto c = static_cast<lxw_col_t>(cell.col);
      lxw_format* fmt = FormatOf(f, cell);
      const bool merged = cell.row_span > 1 || cell.col_span > 1;
      if (merged) {
        const auto r2 = static_cast<lxw_row_t>(r + static_cast<lxw_row_t>(cell.row_span) - 1);
        const auto c2 = static_cast<lxw_col_t>(c + static_cast<lxw_col_t>(cell.col_span) - 1);
        check(worksheet_merge_range(ws, r, c, r2, c2,
                                    cell.kind == CellKind::kValue ? "" : cell.text.c_str(), fmt));
      }
      if (cell.kind == CellKind::kValue && cell.value) {
        // Numbers overwrite the merged range's first cell, as libxlsxwriter documents.
        double number = cell.ten_thousand_yuan ? static_cast<double>(*cell.value) / 10000.0
                                               : static_cast<double>(*cell.value);
        check(worksheet_write_number(ws, r, c, number, fmt));
      } else if (!merged) {
        if (cell.text.empty()) {
          check(worksheet_write_blank(ws, r, c, fmt));
        } else {
          check(worksheet_write_string(ws, r, c, cell.text.c_str(), fmt));
        }
      }
      if (cell.col_span == 1) {
        double w = DisplayWidth(cell.text) + 2 + 2 * cell.depth;
        // A group label merged down many rows wraps in a narrow column, as in the format.
        if (cell.kind == CellKind::kGroupLabel && cell.row_span > 1) w = std::min(w, 12.0);
        double& slot = widths[static_cast<size_t>(cell.col)];
        slot = std::max(slot, std::min(w, kMaxWidth));
      }
    }
  }
  for (size_t c = 0; c < widths.size(); ++c) {
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                               nullptr));
  }
  if (header_rows > 0) {
    check(worksheet_repeat_rows(ws, kTitleRows,
                                static_cast<lxw_row_t>(kTitleRows + header_rows - 1)));
  }
  worksheet_set_paper(ws, 9);  // A4
  if (grid.columns > 8) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
}

}  // namespace

core::Status RenderXlsx(const Report& report, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return core::Unavailable("无法创建 XLSX 文件 " + path);
  Errors check;
  Formats formats = MakeFormats(wb);
  for (const core::TableDef& table : core::GetReportFormat(report.format).tables) {
    WriteSheet(wb, formats, report, table, check);
  }
  lxw_error closed = workbook_close(wb);  // frees the workbook whatever happens
  if (check.first != LXW_NO_ERROR) {
    return core::Unavailable("无法生成 XLSX 文件 " + path + ": " + lxw_strerror(check.first));
  }
  if (closed != LXW_NO_ERROR) {
    return core::Unavailable("无法写入 XLSX 文件 " + path + ": " + lxw_strerror(closed));
  }
  return core::Status::Ok();
}

}  // namespace gongkai::report
