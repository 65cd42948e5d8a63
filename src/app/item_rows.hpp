// The rows of an item import file before they become items (app-internal: used by
// item_io.cpp and item_import.cpp only). ImportItems (app/item_io.hpp) reads a file in three
// steps, declared here:
//
//   ParseCsvRows / ParseJsonRows  the whole file into RawRows (one per data row), failing
//                                 only on file-level problems (unknown or missing columns,
//                                 bad JSON);
//   NormalizeRow                  every field through text::NormalizeInput;
//   RowToItem                     the fields into a core::Item (dates, flags, channels, the
//                                 body by code).
//
// NormalizeRow and RowToItem touch nothing but their arguments: import runs them on worker
// threads, several rows at once, while the database writer stores earlier rows.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/item.hpp"
#include "core/status.hpp"

namespace gongkai::app::item_rows {

// One importable column: its field name (JSON key, English CSV header), the label a
// disclosure catalog prints, and whether a file must have it.
struct Column {
  const char* field;
  const char* label;
  bool required;
};

// The columns in the order ExportItems writes them; a RawRow's fields use the same indexes.
inline constexpr Column kColumns[] = {
    {"index_no", "索引号", false},
    {"title", "信息名称", true},
    {"summary", "内容概述", false},
    {"publisher", "发布机构", false},
    {"org", "机构代码", false},
    {"formed_on", "生成日期", true},
    {"published_on", "发布日期", false},
    {"doc_no", "文号", false},
    {"topic", "主题分类", false},
    {"category", "目录栏目", true},
    {"disclosure_mode", "公开方式", false},
    {"validity", "有效性", false},
    {"validity_changed_on", "失效或废止日期", false},
    {"is_regulation", "规章", false},
    {"is_normative", "行政规范性文件", false},
    {"state", "状态", false},
    {"channels", "发布渠道", false},
    {"body_md", "正文", false},
};
inline constexpr size_t kColumnCount = std::size(kColumns);

// A data row: its fields by column index (absent ones empty) and its number for errors.
struct RawRow {
  size_t number = 0;  // CSV: the spreadsheet row (header = 1); JSON: 1-based array index
  std::array<std::string, kColumnCount> fields;
  std::optional<std::string> error;  // JSON: the row is not an object of known fields
  bool extra = false;                // CSV: more cells than the header has columns
};

// The data rows of a CSV text (UTF-8), blank rows dropped. kInvalidArgument (field "file")
// for an empty file, an unknown column or a missing required one, or a CSV syntax error.
core::Result<std::vector<RawRow>> ParseCsvRows(std::string text);

// The rows of a JSON array of objects with the English field names. kInvalidArgument (field
// "file") when the text is not JSON or not an array; a malformed element is a row with
// `error` set.
core::Result<std::vector<RawRow>> ParseJsonRows(const std::string& text);

// Normalises every field of `row` in place (text::NormalizeInput), in the order of the field
// names. The first field that fails gives kInvalidArgument naming that field; the row is
// then partly normalised and must not be used.
core::Status NormalizeRow(RawRow& row);

// The item of a normalised row; the body is resolved by its code through `orgs` (code → id),
// `default_org` serving rows without one. Moves the fields out of `row`. Row errors are
// kInvalidArgument or kNotFound naming the field.
core::Result<core::Item> RowToItem(RawRow& row, const std::map<std::string, core::Id>& orgs,
                                   const std::string& default_org);

}  // namespace gongkai::app::item_rows
