#include "report/render_layout.hpp"

#include <algorithm>

namespace gongkai::report {
namespace {

using core::ColumnDef;
using core::RowDef;
using core::TableDef;

bool IsListTable(const TableDef& table) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [](const ColumnDef& c) { return !c.value; });
}

std::vector<const ColumnDef*> ValueColumnsOf(const TableDef& table) {
  std::vector<const ColumnDef*> out;
  for (const ColumnDef& c : table.columns) {
    if (c.value) out.push_back(&c);
  }
  return out;
}

// Ancestors of `row`, outermost first.
std::vector<const RowDef*> Ancestors(const TableDef& table, const RowDef& row) {
  std::vector<const RowDef*> chain;
  for (const RowDef* r = table.Row(row.parent); r != nullptr; r = table.Row(r->parent)) {
    chain.insert(chain.begin(), r);
    if (chain.size() > table.rows.size()) break;  // a cycle in the definition
  }
  return chain;
}

int DataDescendants(const TableDef& table, const RowDef& heading) {
  int n = 0;
  for (const RowDef& r : table.rows) {
    if (!r.data) continue;
    for (const RowDef* a : Ancestors(table, r)) {
      if (a == &heading) ++n;
    }
  }
  return n;
}

GridCell ValueCell(const Report& report, const TableDef& table, const RowDef& row,
                   const ColumnDef& column, int grid_row, int grid_col, int col_span) {
  GridCell cell;
  cell.row = grid_row;
  cell.col = grid_col;
  cell.col_span = col_span;
  std::optional<int64_t> value = report.values.Get(table.id, row.id, column.id);
  if (value) {
    cell.kind = CellKind::kValue;
    cell.value = value;
    cell.ten_thousand_yuan = core::IsTenThousandYuanCell(table, row, column);
    cell.text = FormatCell(table, row, column, *value);
  } else {
    cell.kind = CellKind::kAbsent;
    cell.text = "/";
  }
  return cell;
}

GridCell TextCell(CellKind kind, std::string_view text, int row, int col, int row_span = 1,
                  int col_span = 1) {
  GridCell cell;
  cell.kind = kind;
  cell.text = std::string(text);
  cell.row = row;
  cell.col = col;
  cell.row_span = row_span;
  cell.col_span = col_span;
  return cell;
}

Grid LayoutBlocks(const Report& report, const TableDef& table) {
  Grid grid;
  grid.table = &table;
  size_t widest = 0;
  for (const core::BlockDef& b : table.blocks) widest = std::max(widest, b.columns.size());
  grid.columns = 1 + static_cast<int>(widest);
  int r = 0;
  for (const core::BlockDef& block : table.blocks) {
    GridRow caption{.head = true, .block_start = true, .cells = {}};
    caption.cells.push_back(TextCell(CellKind::kCaption, block.caption, r, 0, 1, grid.columns));
    grid.rows.push_back(std::move(caption));
    ++r;
    // The last column of a narrower block spans the remaining width, as in the format.
    auto span_of = [&](size_t i) {
      return i + 1 == block.columns.size() ? grid.columns - 1 - static_cast<int>(i) : 1;
    };
    GridRow header{.head = true, .block_start = false, .cells = {}};
    header.cells.push_back(TextCell(CellKind::kCorner, table.row_header_label, r, 0));
    for (size_t i = 0; i < block.columns.size(); ++i) {
      header.cells.push_back(TextCell(CellKind::kHeader, block.columns[i].label, r,
                                      1 + static_cast<int>(i), 1, span_of(i)));
    }
    grid.rows.push_back(std::move(header));
    ++r;
    for (std::string_view row_id : block.row_ids) {
      const RowDef* row = table.Row(row_id);
      if (row == nullptr) continue;
      GridRow data;
      data.cells.push_back(TextCell(CellKind::kRowLabel, row->label, r, 0));
      for (size_t i = 0; i < block.columns.size(); ++i) {
        data.cells.push_back(ValueCell(report, table, *row, block.columns[i], r,
                                       1 + static_cast<int>(i), span_of(i)));
      }
      grid.rows.push_back(std::move(data));
      ++r;
    }
  }
  return grid;
}

Grid LayoutList(const Report& report, const TableDef& table) {
  Grid grid;
  grid.table = &table;
  grid.columns = static_cast<int>(table.columns.size());
  GridRow header{.head = true, .block_start = false, .cells = {}};
  for (size_t i = 0; i < table.columns.size(); ++i) {
    header.cells.push_back(
        TextCell(CellKind::kHeader, table.columns[i].label, 0, static_cast<int>(i)));
  }
  grid.rows.push_back(std::move(header));
  int r = 1;
  for (const RowDef& row : table.rows) {
    GridRow out;
    int depth = static_cast<int>(Ancestors(table, row).size());
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const ColumnDef& column = table.columns[i];
      int c = static_cast<int>(i);
      GridCell cell;
      if (i == 0) {
        cell = TextCell(row.data ? CellKind::kRowLabel : CellKind::kGroupLabel, row.label, r, c);
        cell.depth = depth;
      } else if (!column.value) {
        cell = TextCell(row.data ? CellKind::kUnit : CellKind::kBlank, row.unit, r, c);
      } else if (row.data) {
        cell = ValueCell(report, table, row, column, r, c, 1);
      } else {
        cell = TextCell(CellKind::kBlank, "", r, c);
      }
      out.cells.push_back(std::move(cell));
    }
    grid.rows.push_back(std::move(out));
    ++r;
  }
  return grid;
}

Grid LayoutColumns(const Report& report, const TableDef& table) {
  Grid grid;
  grid.table = &table;
  std::vector<const ColumnDef*> columns = ValueColumnsOf(table);
  std::vector<std::vector<std::string_view>> paths;
  size_t levels = 1;
  for (const ColumnDef* c : columns) {
    paths.push_back(ColumnPath(table, *c));
    levels = std::max(levels, paths.back().size());
  }
  bool labelled = std::any_of(table.rows.begin(), table.rows.end(),
                              [](const RowDef& r) { return !r.label.empty(); });
  int label_cols = 0;
  if (labelled) {
    for (const RowDef& r : table.rows) {
      label_cols = std::max(label_cols, 1 + static_cast<int>(Ancestors(table, r).size()));
    }
  }
  const int n = static_cast<int>(columns.size());
  grid.columns = label_cols + n;
  const int head_rows = static_cast<int>(levels);

  // Header rows: spanning labels merge over consecutive columns with the same path prefix;
  // a leaf label spans down to the last header row.
  for (int l = 0; l < head_rows; ++l) {
    GridRow row{.head = true, .block_start = false, .cells = {}};
    if (l == 0 && label_cols > 0) {
      std::string_view corner =
          !table.corner_note.empty() ? table.corner_note : table.row_header_label;
      row.cells.push_back(TextCell(CellKind::kCorner, corner, 0, 0, head_rows, label_cols));
    }
    const size_t lu = static_cast<size_t>(l);
    for (int i = 0; i < n;) {
      const auto& p = paths[static_cast<size_t>(i)];
      if (lu >= p.size()) {
        ++i;
        continue;
      }
      if (lu + 1 == p.size()) {
        row.cells.push_back(
            TextCell(CellKind::kHeader, p[lu], l, label_cols + i, head_rows - l, 1));
        ++i;
        continue;
      }
      int j = i + 1;
      while (j < n) {
        const auto& q = paths[static_cast<size_t>(j)];
        if (q.size() <= lu + 1 || !std::equal(p.begin(), p.begin() + l + 1, q.begin())) break;
        ++j;
      }
      row.cells.push_back(TextCell(CellKind::kHeader, p[lu], l, label_cols + i, 1, j - i));
      row.cells.back().group = true;
      i = j;
    }
    grid.rows.push_back(std::move(row));
  }

  int r = head_rows;
  std::vector<const RowDef*> opened;  // headings whose merged cell is already placed
  for (const RowDef& row : table.rows) {
    if (!row.data) continue;
    GridRow out;
    std::vector<const RowDef*> chain = Ancestors(table, row);
    if (label_cols > 0) {
      for (size_t d = 0; d < chain.size(); ++d) {
        const RowDef* a = chain[d];
        if (a->data || std::find(opened.begin(), opened.end(), a) != opened.end()) continue;
        opened.push_back(a);
        out.cells.push_back(TextCell(CellKind::kGroupLabel, a->label, r, static_cast<int>(d),
                                     DataDescendants(table, *a), 1));
      }
      int depth = static_cast<int>(chain.size());
      out.cells.push_back(
          TextCell(CellKind::kRowLabel, row.label, r, depth, 1, label_cols - depth));
    }
    for (int i = 0; i < n; ++i) {
      out.cells.push_back(
          ValueCell(report, table, row, *columns[static_cast<size_t>(i)], r, label_cols + i, 1));
    }
    grid.rows.push_back(std::move(out));
    ++r;
  }
  return grid;
}

std::string JoinPath(const std::vector<std::string_view>& parts, size_t from) {
  std::string out;
  for (size_t i = from; i < parts.size(); ++i) {
    if (parts[i].empty()) continue;
    if (!out.empty()) out += "·";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::vector<std::string_view> ColumnPath(const TableDef& table, const ColumnDef& column) {
  std::vector<std::string_view> path;
  // When the first and last value columns share a spanning header (table 三's 申请人情况),
  // it spans every column, including those nested under a header of their own.
  std::vector<const ColumnDef*> columns = ValueColumnsOf(table);
  if (columns.size() > 1 && !columns.front()->parent.empty() &&
      columns.front()->parent == columns.back()->parent &&
      column.parent != columns.front()->parent) {
    path.push_back(columns.front()->parent);
  }
  if (!column.parent.empty()) path.push_back(column.parent);
  if (!column.group.empty()) path.push_back(column.group);
  path.push_back(column.label);
  return path;
}

std::string CellText(const Report& report, const TableDef& table, const RowDef& row,
                     const ColumnDef& column) {
  std::optional<int64_t> value = report.values.Get(table.id, row.id, column.id);
  return value ? FormatCell(table, row, column, *value) : "/";
}

Grid LayoutTable(const Report& report, const TableDef& table) {
  if (!table.blocks.empty()) return LayoutBlocks(report, table);
  if (IsListTable(table)) return LayoutList(report, table);
  return LayoutColumns(report, table);
}

FlatTable FlattenTable(const Report& report, const TableDef& table) {
  FlatTable flat;
  if (IsListTable(table)) {
    for (const ColumnDef& c : table.columns) flat.header.emplace_back(c.label);
    for (const RowDef& row : table.rows) {
      FlatRow out;
      out.label = std::string(row.label);
      out.depth = static_cast<int>(Ancestors(table, row).size());
      out.heading = !row.data;
      for (size_t i = 1; i < table.columns.size(); ++i) {
        const ColumnDef& column = table.columns[i];
        if (!row.data) {
          out.cells.emplace_back();
        } else if (!column.value) {
          out.cells.emplace_back(row.unit);
        } else {
          out.cells.push_back(CellText(report, table, row, column));
        }
      }
      flat.rows.push_back(std::move(out));
    }
    return flat;
  }

  if (!table.blocks.empty()) {
    std::vector<const ColumnDef*> columns;  // the union of the blocks' columns, by id
    for (const core::BlockDef& b : table.blocks) {
      for (const ColumnDef& c : b.columns) {
        if (std::none_of(columns.begin(), columns.end(),
                         [&](const ColumnDef* x) { return x->id == c.id; })) {
          columns.push_back(&c);
        }
      }
    }
    flat.header.emplace_back(table.row_header_label);
    for (const ColumnDef* c : columns) flat.header.emplace_back(c->label);
    for (const core::BlockDef& b : table.blocks) {
      for (std::string_view row_id : b.row_ids) {
        const RowDef* row = table.Row(row_id);
        if (row == nullptr) continue;
        FlatRow out;
        out.label = JoinPath({b.caption, row->label}, 0);
        for (const ColumnDef* c : columns) {
          auto in_block = std::find_if(b.columns.begin(), b.columns.end(),
                                       [&](const ColumnDef& x) { return x.id == c->id; });
          out.cells.push_back(in_block == b.columns.end()
                                  ? std::string("/")
                                  : CellText(report, table, *row, *in_block));
        }
        flat.rows.push_back(std::move(out));
      }
    }
    return flat;
  }

  std::vector<const ColumnDef*> columns = ValueColumnsOf(table);
  std::vector<std::vector<std::string_view>> paths;
  for (const ColumnDef* c : columns) paths.push_back(ColumnPath(table, *c));
  // A header spanning every column (申请人情况) says nothing per column: left out.
  size_t drop = 0;
  if (!paths.empty() && paths.front().size() > 1 &&
      std::all_of(paths.begin(), paths.end(), [&](const auto& p) {
        return p.size() > 1 && p.front() == paths.front().front();
      })) {
    drop = 1;
  }
  flat.header.emplace_back(!table.corner_note.empty() ? table.corner_note : table.row_header_label);
  for (const auto& p : paths) flat.header.push_back(JoinPath(p, drop));
  for (const RowDef& row : table.rows) {
    if (!row.data) continue;
    FlatRow out;
    std::vector<std::string_view> parts;
    for (const RowDef* a : Ancestors(table, row)) parts.push_back(a->label);
    parts.push_back(row.label);
    out.label = JoinPath(parts, 0);
    for (const ColumnDef* c : columns) out.cells.push_back(CellText(report, table, row, *c));
    flat.rows.push_back(std::move(out));
  }
  return flat;
}

}  // namespace gongkai::report
