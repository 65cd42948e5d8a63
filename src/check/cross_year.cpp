#include "check/cross_year.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "check/rules.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

constexpr double kEpsilon = 1e-4;

// Cells by (table, row, column) id, numbers only.
class Ids {
 public:
  explicit Ids(const CheckReport& r) {
    for (const Cell& c : r.cells) {
      if (c.table == nullptr || c.row == nullptr || c.column == nullptr) continue;
      if (c.value.state != CellState::kNumber) continue;
      cells_[Key(c.table->id, c.row->id, c.column->id)] = &c;
    }
  }
  const Cell* Get(std::string_view t, std::string_view r, std::string_view c) const {
    auto it = cells_.find(Key(t, r, c));
    return it == cells_.end() ? nullptr : it->second;
  }

 private:
  static std::string Key(std::string_view t, std::string_view r, std::string_view c) {
    return std::string(t) + "/" + std::string(r) + "/" + std::string(c);
  }
  std::map<std::string, const Cell*> cells_;
};

FindingCell Of(const Cell& c, bool previous) {
  FindingCell fc;
  fc.table = std::string(c.table->id);
  fc.row = std::string(c.row->id);
  fc.column = std::string(c.column->id);
  fc.value = c.value.number;
  fc.line = previous ? 0 : c.line;  // lines are those of the file checked
  return fc;
}

std::string ColumnLabel(const core::ColumnDef& c) {
  return c.group.empty() ? std::string(c.label) : std::string(c.group) + "·" + std::string(c.label);
}

}  // namespace

std::vector<Finding> CompareWithPrevious(const CheckReport& current, const CheckReport& previous,
                                         std::vector<std::string>& notes) {
  std::vector<Finding> out;
  if (!current.format || !previous.format) return out;
  if (current.year && previous.year && *previous.year != *current.year - 1) {
    notes.push_back(fmt::format("上年报告（--previous）的年度为 {}，不是 {}，未做跨年度比较",
                                *previous.year, *current.year - 1));
    return out;
  }
  if (!current.body.empty() && !previous.body.empty() && current.body != previous.body) {
    notes.push_back(fmt::format("上年报告的机关为“{}”，本年为“{}”，请确认是同一机关", previous.body,
                                current.body));
  }
  const core::FormatDef& def = core::GetReportFormat(*current.format);
  const Ids now(current), before(previous);
  const std::string year_now = current.year ? std::to_string(*current.year) + "年" : "本年";
  const std::string year_before = previous.year ? std::to_string(*previous.year) + "年" : "上年";
  int compared = 0;
  for (const core::RuleDef& rule : def.rules) {
    if (rule.kind != core::RuleKind::kCrossYear) continue;
    if (rule.id == "t3_carry_link") {
      const core::TableDef* t3 = def.Table("table3");
      for (const core::ColumnDef& col : t3->columns) {
        if (!col.value) continue;
        const Cell* in = now.Get("table3", "carried_in", col.id);
        const Cell* out_before = before.Get("table3", "carried_out", col.id);
        if (in == nullptr || out_before == nullptr) continue;
        ++compared;
        if (std::fabs(in->value.number - out_before->value.number) <= kEpsilon) continue;
        Finding f;
        f.severity = rule.severity;
        f.rule = std::string(rule.id);
        f.message_zh = fmt::format("“{}”列：{}报告上年结转 {} ≠ {}报告结转下年度继续办理 {}",
                                   ColumnLabel(col), year_now, FormatNumber(in->value.number),
                                   year_before, FormatNumber(out_before->value.number));
        f.message_en = fmt::format(
            "Column {}: carried in {} this year but {} carried over in the previous report", col.id,
            FormatNumber(in->value.number), FormatNumber(out_before->value.number));
        f.cells = {Of(*in, false), Of(*out_before, true)};
        if (in->line > 0) f.lines = {in->line};
        out.push_back(std::move(f));
      }
    } else if (rule.id == "t2_valid_roll") {
      for (std::string_view row : {"regulations", "normative_docs"}) {
        const Cell* valid = now.Get("table2", row, "valid");
        const Cell* made = now.Get("table2", row, "made");
        const Cell* repealed = now.Get("table2", row, "repealed");
        const Cell* valid_before = before.Get("table2", row, "valid");
        if (!valid || !made || !repealed || !valid_before) continue;
        ++compared;
        const double expected =
            valid_before->value.number + made->value.number - repealed->value.number;
        if (std::fabs(valid->value.number - expected) <= kEpsilon) continue;
        Finding f;
        f.severity = rule.severity;
        f.rule = std::string(rule.id);
        f.message_zh = fmt::format(
            "“{}”：{}现行有效 {} ≠ {}现行有效 {} + 本年制发 {} − 本年废止 {} = {}",
            ShortLabel(*valid->row), year_now, FormatNumber(valid->value.number), year_before,
            FormatNumber(valid_before->value.number), FormatNumber(made->value.number),
            FormatNumber(repealed->value.number), FormatNumber(expected));
        f.message_en =
            fmt::format("{}: {} in force but {} last year + {} made − {} repealed = {}", row,
                        FormatNumber(valid->value.number), FormatNumber(valid_before->value.number),
                        FormatNumber(made->value.number), FormatNumber(repealed->value.number),
                        FormatNumber(expected));
        f.cells = {Of(*valid, false), Of(*valid_before, true), Of(*made, false),
                   Of(*repealed, false)};
        for (const Cell* c : {valid, made, repealed}) {
          if (c->line > 0) f.lines.push_back(c->line);
        }
        std::sort(f.lines.begin(), f.lines.end());
        f.lines.erase(std::unique(f.lines.begin(), f.lines.end()), f.lines.end());
        out.push_back(std::move(f));
      }
    }
  }
  if (compared == 0) {
    notes.push_back(
        "两份报告没有可比较的跨年度数据（上年结转/结转下年度、现行有效件数），"
        "未做跨年度比较");
  } else {
    notes.push_back(fmt::format("已与{}报告做跨年度比较（{} 项）", year_before, compared));
  }
  return out;
}

}  // namespace gongkai::check
