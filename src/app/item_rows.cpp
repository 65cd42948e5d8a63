#include "app/item_rows.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <iterator>

#include "app/item_io.hpp"
#include "text/normalize.hpp"

namespace gongkai::app::item_rows {
namespace {

namespace json = boost::json;

const Column* FindColumn(std::string_view header) {
  std::string key = text::NormalizeForMatch(header);
  for (const auto& c : kColumns) {
    if (key == c.field || key == text::NormalizeForMatch(c.label)) return &c;
  }
  // Common synonyms in portal exports.
  if (key == "标题" || key == "名称") return &kColumns[1];
  if (key == "成文日期") return &kColumns[5];
  if (key == "栏目" || key == "目录" || key == "分类") return &kColumns[9];
  if (key == "发文字号") return &kColumns[7];
  if (key == "规范性文件") return &kColumns[14];
  if (key == "失效日期" || key == "废止日期") return &kColumns[12];
  return nullptr;
}

std::optional<size_t> ColumnIndex(std::string_view field) {
  for (size_t i = 0; i < kColumnCount; ++i) {
    if (field == kColumns[i].field) return i;
  }
  return std::nullopt;
}

// Column indexes in the order of their field names: rows were once maps by field name, and
// the first field to fail normalisation is the one reported.
const std::array<size_t, kColumnCount>& FieldNameOrder() {
  static const auto order = [] {
    std::array<size_t, kColumnCount> o;
    for (size_t i = 0; i < kColumnCount; ++i) o[i] = i;
    std::sort(o.begin(), o.end(), [](size_t a, size_t b) {
      return std::string_view(kColumns[a].field) < std::string_view(kColumns[b].field);
    });
    return o;
  }();
  return order;
}

core::Result<core::Date> ParseFlexibleDate(std::string_view raw, const char* field) {
  std::string s(raw);
  // 2024年3月1日 → 2024-3-1; 2024/3/1 → 2024-3-1
  for (std::string_view from : {"年", "月", "/", "."}) {
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), "-");
  }
  for (size_t p; (p = s.find("日")) != std::string::npos;) s.erase(p, 3);
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) == 3) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return core::Date::Parse(buf, field);
  }
  return core::Date::Parse(raw, field);  // for its error message
}

core::Result<bool> ParseFlag(std::string_view s, const char* field) {
  if (s.empty() || s == "否" || s == "0" || s == "false" || s == "FALSE" || s == "N") return false;
  if (s == "是" || s == "1" || s == "true" || s == "TRUE" || s == "Y") return true;
  return core::InvalidArgument(std::string(field) + " 应为 是/否: '" + std::string(s) + "'", field);
}

core::Result<std::vector<core::ItemChannel>> ParseChannels(std::string_view s,
                                                           std::optional<core::Date> on) {
  std::vector<core::ItemChannel> out;
  std::string all(s);
  for (std::string_view sep : {"、", ",", "，", "；"}) {
    for (size_t p; (p = all.find(sep)) != std::string::npos;) all.replace(p, sep.size(), ";");
  }
  for (size_t p; (p = all.find("：")) != std::string::npos;) all.replace(p, 3, ":");
  size_t start = 0;
  while (start <= all.size()) {
    size_t end = all.find(';', start);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(start, end - start);
    start = end + 1;
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (part.empty()) continue;
    std::string name = part, date;
    size_t colon = part.find(':');
    if (colon != std::string::npos) {
      name = part.substr(0, colon);
      date = part.substr(colon + 1);
    }
    GONGKAI_ASSIGN_OR_RETURN(core::Channel ch, core::ParseChannel(name));
    core::Date d;
    if (!date.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(d, ParseFlexibleDate(date, "channels"));
    } else if (on) {
      d = *on;
    } else {
      return core::InvalidArgument("发布渠道缺少日期（且无发布日期）", "channels");
    }
    out.push_back({ch, d});
  }
  return out;
}

// The fields of one JSON array element by key, with "#error" for an element that is not an
// object of known fields of the right types. Collected by key first: an unknown key is
// reported in the order of the keys.
std::map<std::string, std::string> JsonFields(const json::value& element) {
  std::map<std::string, std::string> fields;
  const json::object* obj = element.if_object();
  if (!obj) fields["#error"] = "不是对象";
  for (const auto& [key, value] : obj ? *obj : json::object()) {
    std::string k(key);
    if (k == "channels" && value.is_array()) {
      std::string joined;
      for (const auto& c : value.as_array()) {
        const json::object* co = c.if_object();
        if (!co || !co->contains("channel")) continue;
        const json::value& channel = co->at("channel");
        if (!channel.is_string()) {
          fields["#error"] = "发布渠道的 channel 应为字符串";
          break;
        }
        if (!joined.empty()) joined += ';';
        joined += std::string(channel.as_string());
        if (co->contains("published_on") && co->at("published_on").is_string()) {
          joined += ":" + std::string(co->at("published_on").as_string());
        }
      }
      fields[k] = joined;
    } else if (value.is_string()) {
      fields[k] = std::string(value.as_string());
    } else if (value.is_bool()) {
      fields[k] = value.as_bool() ? "1" : "0";
    } else if (value.is_int64()) {
      fields[k] = std::to_string(value.as_int64());
    } else if (!value.is_null()) {
      fields["#error"] = "字段 " + k + " 的类型不正确";
    }
  }
  for (const auto& field : fields) {
    const std::string& k = field.first;  // not a structured binding: clang 14 cannot capture one
    if (k[0] != '#' && !ColumnIndex(k)) {
      fields["#error"] = "未知字段 " + k;
      break;
    }
  }
  return fields;
}

// Field indexes (kColumns order) under readable names.
enum Field : size_t {
  kIndexNo,
  kTitle,
  kSummary,
  kPublisher,
  kOrg,
  kFormedOn,
  kPublishedOn,
  kDocNo,
  kTopic,
  kCategory,
  kDisclosureMode,
  kValidity,
  kValidityChangedOn,
  kIsRegulation,
  kIsNormative,
  kState,
  kChannels,
  kBodyMd,
};

}  // namespace

core::Result<std::vector<RawRow>> ParseCsvRows(std::string text) {
  GONGKAI_ASSIGN_OR_RETURN(auto records, ParseCsv(text));
  text = std::string();  // the records hold their own copies; free the text early
  while (!records.empty() && records.back().size() == 1 && records.back()[0].empty()) {
    records.pop_back();
  }
  if (records.empty()) return core::InvalidArgument("文件为空", "file");
  std::vector<size_t> columns;  // column index of each cell of a record
  for (const auto& h : records[0]) {
    const Column* c = FindColumn(h);
    if (!c) return core::InvalidArgument("未知的列: '" + h + "'", "file");
    columns.push_back(static_cast<size_t>(c - kColumns));
  }
  for (size_t i = 0; i < kColumnCount; ++i) {
    if (kColumns[i].required && std::find(columns.begin(), columns.end(), i) == columns.end()) {
      return core::InvalidArgument(std::string("缺少必需的列: ") + kColumns[i].label, "file");
    }
  }
  std::vector<RawRow> rows;
  rows.reserve(records.size() - 1);
  for (size_t r = 1; r < records.size(); ++r) {
    RawRow row;
    row.number = r + 1;
    bool blank = true;
    auto& record = records[r];
    for (size_t i = 0; i < record.size() && i < columns.size(); ++i) {
      blank = blank && record[i].empty();
      row.fields[columns[i]] = std::move(record[i]);  // a repeated column: the last one wins
    }
    if (record.size() > columns.size()) {
      row.extra = true;
      blank = false;
    }
    std::vector<std::string>().swap(record);
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

core::Result<std::vector<RawRow>> ParseJsonRows(const std::string& text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return core::InvalidArgument("不是有效的 JSON: " + ec.message(), "file");
  const json::array* arr = root.if_array();
  if (!arr) return core::InvalidArgument("JSON 应为信息对象的数组", "file");
  std::vector<RawRow> rows;
  for (size_t i = 0; i < arr->size(); ++i) {
    RawRow row;
    row.number = i + 1;
    for (auto& [k, v] : JsonFields((*arr)[i])) {
      if (k == "#error") {
        row.error = std::move(v);
      } else if (auto c = ColumnIndex(k)) {
        row.fields[*c] = std::move(v);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

core::Status NormalizeRow(RawRow& row) {
  for (size_t c : FieldNameOrder()) {
    std::string& value = row.fields[c];
    if (value.empty()) continue;  // nothing to normalise
    auto normalized = text::NormalizeInput(value);
    if (!normalized.ok()) {
      return core::InvalidArgument(normalized.status().message(), kColumns[c].field);
    }
    value = std::move(*normalized);
  }
  return core::Status::Ok();
}

core::Result<core::Item> RowToItem(RawRow& row, const std::map<std::string, core::Id>& orgs,
                                   const std::string& default_org) {
  auto& f = row.fields;
  core::Item it;
  const std::string& org = f[kOrg].empty() ? default_org : f[kOrg];
  if (org.empty()) return core::InvalidArgument("缺少机构代码（或用 --org 指定）", "org");
  auto found = orgs.find(org);
  if (found == orgs.end()) return core::NotFound("机构代码不存在: " + org, "org");
  it.org_id = found->second;
  if (!f[kIndexNo].empty()) it.index_no = std::move(f[kIndexNo]);
  it.title = std::move(f[kTitle]);
  it.summary = std::move(f[kSummary]);
  it.publisher = std::move(f[kPublisher]);
  if (f[kFormedOn].empty()) return core::InvalidArgument("缺少生成日期", "formed_on");
  GONGKAI_ASSIGN_OR_RETURN(it.formed_on, ParseFlexibleDate(f[kFormedOn], "formed_on"));
  if (!f[kPublishedOn].empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.published_on, ParseFlexibleDate(f[kPublishedOn], "published_on"));
  }
  it.doc_no = std::move(f[kDocNo]);
  it.topic = std::move(f[kTopic]);
  it.category = std::move(f[kCategory]);
  it.disclosure_mode = std::move(f[kDisclosureMode]);
  if (!f[kValidity].empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.validity, core::ParseValidity(f[kValidity]));
  }
  if (!f[kValidityChangedOn].empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.validity_changed_on,
                             ParseFlexibleDate(f[kValidityChangedOn], "validity_changed_on"));
  }
  GONGKAI_ASSIGN_OR_RETURN(it.is_regulation, ParseFlag(f[kIsRegulation], "is_regulation"));
  GONGKAI_ASSIGN_OR_RETURN(it.is_normative, ParseFlag(f[kIsNormative], "is_normative"));
  if (!f[kState].empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.state, core::ParseItemState(f[kState]));
  } else {
    it.state = it.index_no ? core::ItemState::kPublished : core::ItemState::kDraft;
  }
  GONGKAI_ASSIGN_OR_RETURN(it.channels, ParseChannels(f[kChannels], it.published_on));
  it.body_md = std::move(f[kBodyMd]);
  return it;
}

}  // namespace gongkai::app::item_rows
