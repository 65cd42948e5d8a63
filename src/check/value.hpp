// Numbers as published: in table cells ("1,234", "/", "", "0件") and in prose ("9000余人次").
#pragma once

#include <string>
#include <string_view>

namespace gongkai::check {

enum class CellState {
  kNumber,         // a number was read
  kEmpty,          // the cell is blank
  kNotApplicable,  // "/", "-", "—", "无", "——": the publisher marks no value
  kText,           // anything else (a label, a unit, a note)
};

struct CellValue {
  CellState state = CellState::kText;
  double number = 0;         // valid when state == kNumber
  bool approximate = false;  // "约", "余", "多", "左右" around the number
  bool is_integer = true;    // no fractional part was written
};

// Reads a table cell. Accepts half- and full-width digits, a sign ('+', '-', '−'),
// thousands separators (',' '，' and thin spaces between digit groups), one decimal point,
// a trailing unit (件 条 次 个 人 人次 篇 万元 元 期 起 名 家 项 %, "%" included) and the
// approximation markers above. Never fails: what is not a number is kText.
CellValue ParseCellValue(std::string_view text);

// True when `text` is one of the units that the legacy table's 单位 column holds
// (条 件 次 篇 个 人 人次 万元 元 项 家), used to skip that column.
bool IsUnitCell(std::string_view text);

// Formats a number for messages and JSON: integers without a decimal point, others with up
// to four decimals and no trailing zeros.
std::string FormatNumber(double value);

}  // namespace gongkai::check
