#include "app/item_io.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <iterator>
#include <map>
#include <optional>

#include "core/item_bulk_import.hpp"
#include "core/item_exposure.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "text/encoding.hpp"
#include "text/normalize.hpp"

namespace gongkai::app {
namespace {

namespace json = boost::json;

struct Column {
  const char* field;
  const char* label;
  bool required;
};

constexpr Column kColumns[] = {
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

// A row as field name → normalised text, with its number for error reports.
struct RawRow {
  size_t number = 0;
  std::map<std::string, std::string> fields;
};

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

// Builds the item of a row; the org is resolved by code.
core::Result<core::Item> RowToItem(const RawRow& row, const std::map<std::string, core::Id>& orgs,
                                   const std::string& default_org) {
  auto get = [&](const char* field) -> std::string {
    auto it = row.fields.find(field);
    return it == row.fields.end() ? std::string() : it->second;
  };
  core::Item it;
  std::string org = get("org").empty() ? default_org : get("org");
  if (org.empty()) return core::InvalidArgument("缺少机构代码（或用 --org 指定）", "org");
  auto found = orgs.find(org);
  if (found == orgs.end()) return core::NotFound("机构代码不存在: " + org, "org");
  it.org_id = found->second;
  if (!get("index_no").empty()) it.index_no = get("index_no");
  it.title = get("title");
  it.summary = get("summary");
  it.publisher = get("publisher");
  if (get("formed_on").empty()) return core::InvalidArgument("缺少生成日期", "formed_on");
  GONGKAI_ASSIGN_OR_RETURN(it.formed_on, ParseFlexibleDate(get("formed_on"), "formed_on"));
  if (!get("published_on").empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.published_on,
                             ParseFlexibleDate(get("published_on"), "published_on"));
  }
  it.doc_no = get("doc_no");
  it.topic = get("topic");
  it.category = get("category");
  it.disclosure_mode = get("disclosure_mode");
  if (!get("validity").empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.validity, core::ParseValidity(get("validity")));
  }
  if (!get("validity_changed_on").empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.validity_changed_on,
                             ParseFlexibleDate(get("validity_changed_on"), "validity_changed_on"));
  }
  GONGKAI_ASSIGN_OR_RETURN(it.is_regulation, ParseFlag(get("is_regulation"), "is_regulation"));
  GONGKAI_ASSIGN_OR_RETURN(it.is_normative, ParseFlag(get("is_normative"), "is_normative"));
  if (!get("state").empty()) {
    GONGKAI_ASSIGN_OR_RETURN(it.state, core::ParseItemState(get("state")));
  } else {
    it.state = it.index_no ? core::ItemState::kPublished : core::ItemState::kDraft;
  }
  GONGKAI_ASSIGN_OR_RETURN(it.channels, ParseChannels(get("channels"), it.published_on));
  it.body_md = get("body_md");
  return it;
}

core::Result<std::vector<RawRow>> ParseCsvRows(const std::string& text) {
  GONGKAI_ASSIGN_OR_RETURN(auto records, ParseCsv(text));
  while (!records.empty() && records.back().size() == 1 && records.back()[0].empty()) {
    records.pop_back();
  }
  if (records.empty()) return core::InvalidArgument("文件为空", "file");
  std::vector<const Column*> columns;
  for (const auto& h : records[0]) {
    const Column* c = FindColumn(h);
    if (!c) return core::InvalidArgument("未知的列: '" + h + "'", "file");
    columns.push_back(c);
  }
  for (const auto& c : kColumns) {
    if (c.required && std::find(columns.begin(), columns.end(), &c) == columns.end()) {
      return core::InvalidArgument(std::string("缺少必需的列: ") + c.label, "file");
    }
  }
  std::vector<RawRow> rows;
  for (size_t r = 1; r < records.size(); ++r) {
    RawRow row;
    row.number = r + 1;
    bool blank = true;
    for (size_t i = 0; i < records[r].size() && i < columns.size(); ++i) {
      row.fields[columns[i]->field] = records[r][i];
      blank = blank && records[r][i].empty();
    }
    if (records[r].size() > columns.size()) {
      row.fields["#extra"] = "1";
      blank = false;
    }
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
    const json::object* obj = (*arr)[i].if_object();
    if (!obj) {
      row.fields["#error"] = "不是对象";
      rows.push_back(std::move(row));
      continue;
    }
    for (const auto& [key, value] : *obj) {
      std::string k(key);
      if (k == "channels" && value.is_array()) {
        std::string joined;
        for (const auto& c : value.as_array()) {
          const json::object* co = c.if_object();
          if (!co || !co->contains("channel")) continue;
          const json::value& channel = co->at("channel");
          if (!channel.is_string()) {
            row.fields["#error"] = "发布渠道的 channel 应为字符串";
            break;
          }
          if (!joined.empty()) joined += ';';
          joined += std::string(channel.as_string());
          if (co->contains("published_on") && co->at("published_on").is_string()) {
            joined += ":" + std::string(co->at("published_on").as_string());
          }
        }
        row.fields[k] = joined;
      } else if (value.is_string()) {
        row.fields[k] = std::string(value.as_string());
      } else if (value.is_bool()) {
        row.fields[k] = value.as_bool() ? "1" : "0";
      } else if (value.is_int64()) {
        row.fields[k] = std::to_string(value.as_int64());
      } else if (!value.is_null()) {
        row.fields["#error"] = "字段 " + k + " 的类型不正确";
      }
    }
    for (const auto& field : row.fields) {
      const std::string& k = field.first;  // not a structured binding: clang 14 cannot capture one
      bool known = k[0] == '#' || std::any_of(std::begin(kColumns), std::end(kColumns),
                                              [&](const Column& c) { return k == c.field; });
      if (!known) {
        row.fields["#error"] = "未知字段 " + k;
        break;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// A sentinel: rolls back the import transaction when rows failed.
constexpr const char* kRollback = "import rolled back: row errors";

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

core::Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  size_t i = 0;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) return core::InvalidArgument("CSV 引号未闭合", "file");
  if (field_started || !field.empty() || !record.empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  return records;
}

namespace {

// Scans the row's item before it is stored (imported items have no attachments: title,
// summary and body) and lists its unmasked findings in the report. Sets `refused` (a row
// error) for an item imported as published with unmasked personal data, unless
// options.allow_personal_data.
core::Result<core::ItemExposure> ScreenPersonalData(core::Repositories& repos,
                                                    const core::Item& item, const core::Org& org,
                                                    size_t row, const ImportOptions& options,
                                                    ImportReport& report, bool& refused) {
  refused = false;
  GONGKAI_ASSIGN_OR_RETURN(auto exposure, core::ScanItemExposure(repos, item, org));
  const int unmasked = exposure.unmasked();
  if (unmasked == 0) return exposure;
  ImportFindings found{row, item.title, core::ItemStateCode(item.state), {}};
  for (const auto& f : exposure.personal_data) {
    if (!f.masked) found.findings.push_back(f);
  }
  report.findings.push_back(std::move(found));
  if (item.state == core::ItemState::kPublished && !options.allow_personal_data) {
    refused = true;
    report.errors.push_back(
        {row, "personal_data",
         "已发布的信息含未遮盖的个人信息 " + std::to_string(unmasked) +
             " 处：遮盖后再导入，或确认依法公开后使用 --allow-personal-data 导入"});
  }
  return exposure;
}

}  // namespace

core::Result<ImportReport> ImportItems(core::Store& store, const core::ChangeContext& ctx,
                                       std::string_view bytes, const ImportOptions& options) {
  std::string decoded;
  if (options.encoding == "auto" || options.encoding.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(decoded, text::DecodeToUtf8(bytes));
  } else {
    GONGKAI_ASSIGN_OR_RETURN(decoded, text::DecodeAs(bytes, options.encoding));
  }
  std::vector<RawRow> rows;
  if (options.format == "csv") {
    GONGKAI_ASSIGN_OR_RETURN(rows, ParseCsvRows(decoded));
  } else if (options.format == "json") {
    GONGKAI_ASSIGN_OR_RETURN(rows, ParseJsonRows(decoded));
  } else {
    return core::InvalidArgument("未知的格式: " + options.format + "（可选 csv, json）", "format");
  }
  ImportReport report;
  report.rows = rows.size();
  if (options.parsed) options.parsed(rows.size());
  // Normalise every field (full-width, traditional → simplified); a bad field is a row error.
  std::vector<bool> bad(rows.size(), false);
  auto fail = [&](size_t i, const core::Status& s) {
    report.errors.push_back({rows[i].number, s.field(), s.message()});
    bad[i] = true;
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].fields.contains("#error")) {
      fail(i, core::InvalidArgument(rows[i].fields["#error"]));
      continue;
    }
    if (rows[i].fields.contains("#extra")) {
      fail(i, core::InvalidArgument("该行的列数多于表头"));
      continue;
    }
    for (auto& [field, value] : rows[i].fields) {
      auto normalized = text::NormalizeInput(value);
      if (!normalized.ok()) {
        fail(i, core::InvalidArgument(normalized.status().message(), field));
        break;
      }
      value = *normalized;
    }
  }
  core::Status status = store.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    std::map<std::string, core::Id> orgs;
    std::map<core::Id, const core::Org*> org_by_id;
    for (const auto& o : all) {
      orgs[o.code] = o.id;
      org_by_id[o.id] = &o;
    }
    // Rows to items and the personal-data screen, row by row; then the rules of
    // core::ImportItem for every candidate at once (core/item_bulk_import.hpp).
    std::vector<core::Item> items;
    std::vector<size_t> row_of;  // index in `rows` of each of `items`
    std::vector<core::ItemExposure> exposures;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (bad[i]) continue;
      auto item = RowToItem(rows[i], orgs, options.default_org);
      if (!item.ok()) {
        fail(i, item.status());
        continue;
      }
      auto org = org_by_id.find(item->org_id);
      core::ItemExposure exposure;
      if (org != org_by_id.end()) {
        bool refused = false;
        GONGKAI_ASSIGN_OR_RETURN(
            exposure, ScreenPersonalData(repos, *item, *org->second, rows[i].number, options,
                                         report, refused));
        if (refused) {
          bad[i] = true;
          continue;
        }
      }
      items.push_back(std::move(*item));
      row_of.push_back(i);
      exposures.push_back(std::move(exposure));
    }
    GONGKAI_ASSIGN_OR_RETURN(auto snapshot, core::LoadImportSnapshot(repos, options.actor, items));
    auto checked = core::PrepareImportedItems(snapshot, options.actor, items, options.today);
    std::vector<core::Item> good;
    std::vector<core::ExposureScan> scans;
    for (size_t k = 0; k < items.size(); ++k) {
      if (!checked[k].ok()) {
        fail(row_of[k], checked[k]);
        continue;
      }
      good.push_back(std::move(items[k]));
      const int unmasked = exposures[k].unmasked();
      scans.push_back(
          {0, unmasked, static_cast<int>(exposures[k].personal_data.size()) - unmasked});
    }
    if (!report.errors.empty() && !options.skip_bad) return core::Internal(kRollback);
    if (good.empty()) return core::Internal(kRollback);
    // Stored in chunks so that the progress bar moves and the bound vectors stay small.
    constexpr size_t kChunk = 4096;
    for (size_t begin = 0; begin < good.size(); begin += kChunk) {
      const size_t end = std::min(good.size(), begin + kChunk);
      std::vector<core::Item> chunk(std::make_move_iterator(good.begin() + begin),
                                    std::make_move_iterator(good.begin() + end));
      GONGKAI_RETURN_IF_ERROR(core::StoreImportedItems(repos, ctx, options.actor, chunk));
      // Stored for the dashboard's count of published items with personal data.
      for (size_t k = begin; k < end; ++k) scans[k].item_id = chunk[k - begin].id;
      GONGKAI_RETURN_IF_ERROR(repos.items().SaveExposureScans(
          std::vector<core::ExposureScan>(scans.begin() + begin, scans.begin() + end)));
      report.imported = end;
      if (options.progress) options.progress(end, good.size());
    }
    if (options.before_commit) return options.before_commit();
    return core::Status::Ok();
  });
  std::sort(report.errors.begin(), report.errors.end(),
            [](const RowError& a, const RowError& b) { return a.row < b.row; });
  if (status.ok()) {
    report.written = true;
    return report;
  }
  if (status.message() == kRollback) {
    report.imported = 0;
    return report;
  }
  return status;
}

core::Result<std::string> ExportItems(core::Store& store, const ExportOptions& options,
                                      size_t* count) {
  if (options.format != "csv" && options.format != "json") {
    return core::InvalidArgument("未知的格式: " + options.format + "（可选 csv, json）", "format");
  }
  std::vector<core::Item> items;
  std::map<core::Id, std::string> codes;
  GONGKAI_RETURN_IF_ERROR(store.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org root, core::ResolveOrg(repos, options.org));
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    core::OrgTree tree(std::move(all));
    core::ItemQuery q;
    for (const core::Org* o : tree.Subtree(root.id)) {
      q.org_ids.push_back(o->id);
      codes[o->id] = o->code;
    }
    if (options.org.empty()) {  // every body, not only the root's subtree
      for (const auto& o : tree.orgs()) codes[o.id] = o.code;
      q.org_ids.clear();
    }
    q.states = {core::ItemState::kPublished};
    if (options.year) {
      q.published_from = core::Date::FromYmd(options.year, 1, 1);
      q.published_to = core::Date::FromYmd(options.year, 12, 31);
    }
    GONGKAI_ASSIGN_OR_RETURN(items, repos.items().Find(q));
    return core::Status::Ok();
  }));
  if (count) *count = items.size();
  auto channels_text = [](const core::Item& it) {
    std::string s;
    for (const auto& c : it.channels) {
      if (!s.empty()) s += ';';
      s += std::string(core::ChannelLabel(c.channel)) + ":" + c.published_on.ToIso();
    }
    return s;
  };
  auto date = [](const std::optional<core::Date>& d) { return d ? d->ToIso() : std::string(); };
  if (options.format == "json") {
    json::array arr;
    for (const auto& it : items) {
      json::array channels;
      for (const auto& c : it.channels) {
        channels.push_back(json::object{{"channel", core::ChannelCode(c.channel)},
                                        {"published_on", c.published_on.ToIso()}});
      }
      arr.push_back(json::object{
          {"index_no", it.index_no.value_or("")},
          {"title", it.title},
          {"summary", it.summary},
          {"publisher", it.publisher},
          {"org", codes[it.org_id]},
          {"formed_on", it.formed_on.ToIso()},
          {"published_on", date(it.published_on)},
          {"doc_no", it.doc_no},
          {"topic", it.topic},
          {"category", it.category},
          {"disclosure_mode", it.disclosure_mode},
          {"validity", core::ValidityCode(it.validity)},
          {"validity_changed_on", date(it.validity_changed_on)},
          {"is_regulation", it.is_regulation},
          {"is_normative", it.is_normative},
          {"state", core::ItemStateCode(it.state)},
          {"channels", channels},
          {"body_md", it.body_md},
      });
    }
    return json::serialize(arr) + "\n";
  }
  std::string out = "\xEF\xBB\xBF";  // Excel reads UTF-8 only with a BOM
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    out += (i ? "," : "") + std::string(kColumns[i].label);
  }
  out += "\r\n";
  for (const auto& it : items) {
    std::vector<std::string> f = {it.index_no.value_or(""),
                                  it.title,
                                  it.summary,
                                  it.publisher,
                                  codes[it.org_id],
                                  it.formed_on.ToIso(),
                                  date(it.published_on),
                                  it.doc_no,
                                  it.topic,
                                  it.category,
                                  it.disclosure_mode,
                                  core::ValidityLabel(it.validity),
                                  date(it.validity_changed_on),
                                  it.is_regulation ? "是" : "否",
                                  it.is_normative ? "是" : "否",
                                  core::ItemStateCode(it.state),
                                  channels_text(it),
                                  it.body_md};
    for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + CsvField(f[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace gongkai::app
