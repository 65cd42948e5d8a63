#include "check/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "check/label_match.hpp"
#include "check/util.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

constexpr double kEpsilon = 1e-4;

struct Operand {
  const Cell* cell = nullptr;  // nullptr: row not found
  double value = 0;
  bool doubtful = false;  // blank, "/", text, or approximate
};

class CellIndex {
 public:
  explicit CellIndex(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) {
      if (c.row == nullptr || c.column == nullptr) continue;
      index_[{c.row, c.column}] = &c;
      rows_.insert(c.row);
    }
  }

  bool HasRow(const core::RowDef* row) const { return rows_.count(row) > 0; }

  Operand Get(const core::RowDef* row, const core::ColumnDef* col) const {
    Operand op;
    auto it = index_.find({row, col});
    if (it == index_.end()) return op;
    op.cell = it->second;
    const CellValue& v = op.cell->value;
    if (v.state == CellState::kNumber) {
      op.value = v.number;
      op.doubtful = v.approximate;
    } else {
      op.doubtful = true;
    }
    return op;
  }

 private:
  std::map<std::pair<const core::RowDef*, const core::ColumnDef*>, const Cell*> index_;
  std::set<const core::RowDef*> rows_;
};

FindingCell ToFindingCell(const Operand& op) {
  FindingCell fc;
  fc.table = std::string(op.cell->table->id);
  fc.row = std::string(op.cell->row->id);
  fc.column = op.cell->column ? std::string(op.cell->column->id) : "";
  if (op.cell->value.state == CellState::kNumber) fc.value = op.cell->value.number;
  fc.line = op.cell->line;
  return fc;
}

std::string ShowValue(const Operand& op) {
  if (op.cell == nullptr) return "?";
  if (op.cell->value.state == CellState::kNumber) {
    return FormatNumber(op.value) + (op.cell->value.approximate ? "余" : "");
  }
  return op.cell->value.state == CellState::kEmpty ? "（空）" : op.cell->text;
}

std::string JoinValues(const std::vector<Operand>& ops) {
  std::string s;
  for (size_t i = 0; i < ops.size(); ++i) s += (i ? " + " : "") + ShowValue(ops[i]);
  return s;
}

void AddCellsAndLines(Finding& f, const std::vector<Operand>& ops) {
  for (const Operand& op : ops) {
    if (op.cell == nullptr) continue;
    f.cells.push_back(ToFindingCell(op));
    if (op.cell->line > 0) f.lines.push_back(op.cell->line);
  }
  std::sort(f.lines.begin(), f.lines.end());
  f.lines.erase(std::unique(f.lines.begin(), f.lines.end()), f.lines.end());
}

core::Severity Effective(const core::RuleDef& rule, const std::vector<Operand>& ops) {
  for (const Operand& op : ops) {
    if (op.doubtful) return core::Severity::kWarning;
  }
  return rule.severity;
}

double Sum(const std::vector<Operand>& ops) {
  double s = 0;
  for (const Operand& op : ops) s += op.value;
  return s;
}

std::string RowList(const std::vector<std::string_view>& ids) {
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? " + " : "") + std::string(ids[i]);
  return s;
}

// "按时办结数 55 + 延期办结数 2" (labels with values; long lists abbreviated).
std::string LabelSum(const core::TableDef& t, const std::vector<std::string_view>& ids,
                     const std::vector<Operand>& ops) {
  if (ids.size() > 4) {
    return ShortLabel(*t.Row(ids.front())) + " … " + ShortLabel(*t.Row(ids.back())) + "（" +
           std::to_string(ids.size()) + "项：" + JoinValues(ops) + "）";
  }
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i) {
    s += (i ? " + " : "") + ShortLabel(*t.Row(ids[i])) + " " + ShowValue(ops[i]);
  }
  return s;
}

std::string ColumnName(const core::ColumnDef& c) {
  if (!c.group.empty()) return std::string(c.group) + "·" + std::string(c.label);
  return std::string(c.label);
}

// TableDef::Row compares ids one by one; the rules look rows up thousands of times per
// report, so each table's rows are indexed once (the definitions are static).
const core::RowDef* RowOf(const core::TableDef& t, std::string_view id) {
  using Index = std::unordered_map<std::string_view, const core::RowDef*>;
  static const auto* const kIndex = [] {
    auto* index = new std::unordered_map<const core::TableDef*, Index>;
    for (core::ReportFormat f : {core::ReportFormat::kFormat2021, core::ReportFormat::kTrial2019,
                                 core::ReportFormat::kLegacy2008}) {
      for (const core::TableDef& table : core::GetReportFormat(f).tables) {
        Index& rows = (*index)[&table];
        for (const core::RowDef& r : table.rows) rows.emplace(r.id, &r);
      }
    }
    return index;
  }();
  auto table = kIndex->find(&t);
  if (table == kIndex->end()) return t.Row(id);
  auto row = table->second.find(id);
  return row == table->second.end() ? nullptr : row->second;
}

class RuleRunner {
 public:
  RuleRunner(const core::FormatDef& format, const Mapping& mapping)
      : format_(format), index_(mapping.cells) {}

  std::vector<Finding> Run(const Mapping& mapping) {
    for (const core::RuleDef& rule : format_.rules) {
      const core::TableDef* t = format_.Table(rule.table);
      if (t == nullptr) continue;
      switch (rule.kind) {
        case core::RuleKind::kSum:
        case core::RuleKind::kLe:
        case core::RuleKind::kLeSum:
          SingleColumn(rule, *t);
          break;
        case core::RuleKind::kPerColumn:
          PerColumn(rule, *t);
          break;
        case core::RuleKind::kPerRow:
          PerRow(rule, *t);
          break;
        case core::RuleKind::kCrossYear:
          break;
      }
    }
    for (const Cell& c : mapping.heading_values) {
      Finding f;
      f.severity = core::Severity::kWarning;
      f.rule = "heading_value";
      const std::string value = FormatNumber(c.value.number);
      f.message_zh = fmt::format("标题行“{}”不应填写数字，却填写了 {}", c.row->label, value);
      f.message_en =
          fmt::format("Heading row {} should carry no number but shows {}", c.row->id, value);
      FindingCell fc;
      fc.table = std::string(c.table->id);
      fc.row = std::string(c.row->id);
      fc.column = c.column ? std::string(c.column->id) : "";
      fc.value = c.value.number;
      fc.line = c.line;
      f.cells.push_back(fc);
      if (c.line > 0) f.lines.push_back(c.line);
      out_.push_back(std::move(f));
    }
    return std::move(out_);
  }

 private:
  // Operands of `ids` in column `col`; false when a row was not found.
  bool Collect(const core::TableDef& t, const std::vector<std::string_view>& ids,
               const core::ColumnDef* col, std::vector<Operand>& ops) {
    for (std::string_view id : ids) {
      const core::RowDef* row = RowOf(t, id);
      if (row == nullptr || !index_.HasRow(row)) return false;
      Operand op = index_.Get(row, col);
      if (op.cell == nullptr) return false;  // the row was read without this column
      ops.push_back(op);
    }
    return true;
  }

  static bool AllBlank(const std::vector<Operand>& a, const std::vector<Operand>& b) {
    for (const auto* v : {&a, &b}) {
      for (const Operand& op : *v) {
        if (op.cell->value.state == CellState::kNumber) return false;
      }
    }
    return true;
  }

  void SingleColumn(const core::RuleDef& rule, const core::TableDef& t) {
    const core::ColumnDef* col = t.Column("value");
    if (col == nullptr) return;
    std::vector<Operand> lhs, rhs;
    if (!Collect(t, rule.lhs, col, lhs) || !Collect(t, rule.rhs, col, rhs)) return;
    if (AllBlank(lhs, rhs)) return;
    const double l = Sum(lhs), r = Sum(rhs);
    Finding f;
    const std::string lhs_label = ShortLabel(*t.Row(rule.lhs[0]));
    if (rule.kind == core::RuleKind::kSum) {
      if (std::fabs(l - r) <= kEpsilon) return;
      f.message_zh = fmt::format("{} {} ≠ {} = {}", lhs_label, ShowValue(lhs[0]),
                                 LabelSum(t, rule.rhs, rhs), FormatNumber(r));
      f.message_en =
          fmt::format("{} is {} but its parts {} sum to {} ({})", rule.lhs[0], ShowValue(lhs[0]),
                      RowList(rule.rhs), FormatNumber(r), JoinValues(rhs));
    } else {
      if (l <= r + kEpsilon) return;
      if (rule.kind == core::RuleKind::kLe) {
        f.message_zh = fmt::format("{} {} > {} {}，部分不应超过整体", lhs_label, ShowValue(lhs[0]),
                                   ShortLabel(*t.Row(rule.rhs[0])), ShowValue(rhs[0]));
        f.message_en = fmt::format("{} ({}) exceeds {} ({}): a part cannot exceed its whole",
                                   rule.lhs[0], ShowValue(lhs[0]), rule.rhs[0], ShowValue(rhs[0]));
      } else {
        f.message_zh = fmt::format("{} {} > {} = {}", lhs_label, ShowValue(lhs[0]),
                                   LabelSum(t, rule.rhs, rhs), FormatNumber(r));
        f.message_en =
            fmt::format("{} ({}) exceeds the sum of {} = {} ({})", rule.lhs[0], ShowValue(lhs[0]),
                        RowList(rule.rhs), FormatNumber(r), JoinValues(rhs));
      }
    }
    std::vector<Operand> all = lhs;
    all.insert(all.end(), rhs.begin(), rhs.end());
    f.severity = Effective(rule, all);
    f.rule = std::string(rule.id);
    AddCellsAndLines(f, all);
    out_.push_back(std::move(f));
  }

  void PerColumn(const core::RuleDef& rule, const core::TableDef& t) {
    for (const core::ColumnDef& col : t.columns) {
      if (!col.value) continue;
      std::vector<Operand> lhs, rhs;
      if (!Collect(t, rule.lhs, &col, lhs) || !Collect(t, rule.rhs, &col, rhs)) continue;
      if (AllBlank(lhs, rhs)) continue;
      const double l = Sum(lhs), r = Sum(rhs);
      if (std::fabs(l - r) <= kEpsilon) continue;
      Finding f;
      f.rule = std::string(rule.id);
      f.message_zh =
          fmt::format("“{}”列：{} = {} ≠ {} = {}", ColumnName(col), LabelSum(t, rule.lhs, lhs),
                      FormatNumber(l), LabelSum(t, rule.rhs, rhs), FormatNumber(r));
      f.message_en = fmt::format("Column {}: {} = {} ({}) but {} = {} ({})", col.id,
                                 RowList(rule.lhs), FormatNumber(l), JoinValues(lhs),
                                 rule.rhs.size() > 4 ? "the listed outcomes" : RowList(rule.rhs),
                                 FormatNumber(r), JoinValues(rhs));
      std::vector<Operand> all = lhs;
      all.insert(all.end(), rhs.begin(), rhs.end());
      f.severity = Effective(rule, all);
      AddCellsAndLines(f, all);
      out_.push_back(std::move(f));
    }
  }

  void PerRow(const core::RuleDef& rule, const core::TableDef& t) {
    for (const core::RowDef& row : t.rows) {
      if (!row.data || !index_.HasRow(&row)) continue;
      std::vector<Operand> lhs, rhs;
      bool complete = true;
      for (const auto& [ids, into] : {std::pair{&rule.lhs, &lhs}, std::pair{&rule.rhs, &rhs}}) {
        for (std::string_view id : *ids) {
          const core::ColumnDef* col = t.Column(id);
          Operand op = col ? index_.Get(&row, col) : Operand{};
          if (op.cell == nullptr) complete = false;
          into->push_back(op);
        }
      }
      if (!complete || AllBlank(lhs, rhs)) continue;
      const double l = Sum(lhs), r = Sum(rhs);
      if (std::fabs(l - r) <= kEpsilon) continue;
      auto col_names = [&](const std::vector<std::string_view>& ids) {
        std::string s;
        for (size_t i = 0; i < ids.size(); ++i) {
          s += (i ? " + " : "") + ColumnName(*t.Column(ids[i]));
        }
        return s;
      };
      Finding f;
      f.rule = std::string(rule.id);
      const std::string row_name = row.label.empty() ? std::string(t.title) : ShortLabel(row);
      f.message_zh =
          fmt::format("“{}”行：{} {} ≠ {} = {}（{}）", row_name, col_names(rule.lhs),
                      FormatNumber(l), col_names(rule.rhs), FormatNumber(r), JoinValues(rhs));
      f.message_en =
          fmt::format("Row {}: {} is {} but {} sum to {} ({})", row.id, RowList(rule.lhs),
                      FormatNumber(l), RowList(rule.rhs), FormatNumber(r), JoinValues(rhs));
      std::vector<Operand> all = lhs;
      all.insert(all.end(), rhs.begin(), rhs.end());
      f.severity = Effective(rule, all);
      AddCellsAndLines(f, all);
      out_.push_back(std::move(f));
    }
  }

  const core::FormatDef& format_;
  CellIndex index_;
  std::vector<Finding> out_;
};

}  // namespace

std::string ShortLabel(const core::RowDef& row) {
  const std::string stripped = StripEnumerator(row.label);
  std::string out;
  int depth = 0;
  size_t pos = 0;
  while (pos < stripped.size()) {
    size_t l = 1;
    const char32_t c = DecodeAt(stripped, pos, &l);
    if (c == U'（' || c == U'(') {
      ++depth;
    } else if (c == U'）' || c == U')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out.append(stripped, pos, l);
    }
    pos += l;
  }
  return out.empty() ? std::string(row.label) : out;
}

std::vector<Finding> ApplyRules(const core::FormatDef& format, const Mapping& mapping) {
  return RuleRunner(format, mapping).Run(mapping);
}

}  // namespace gongkai::check
