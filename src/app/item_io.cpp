#include "app/item_io.hpp"

#include <boost/json.hpp>
#include <map>
#include <optional>

#include "app/item_rows.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::app {
namespace {

namespace json = boost::json;
using item_rows::kColumns;

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
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  // Runs of ordinary characters are copied whole (a byte at a time was most of the parse).
  size_t i = 0;
  while (i < text.size()) {
    if (quoted) {
      size_t q = text.find('"', i);
      if (q == std::string_view::npos) return core::InvalidArgument("CSV 引号未闭合", "file");
      field.append(text.substr(i, q - i));
      if (q + 1 < text.size() && text[q + 1] == '"') {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    size_t stop = text.find_first_of(",\r\n\"", i);
    if (stop == std::string_view::npos) stop = text.size();
    if (stop > i) {
      field.append(text.substr(i, stop - i));
      field_started = true;
      i = stop;
      if (i == text.size()) break;
    }
    const char c = text[i++];
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (c == '"') {
      field += c;  // a quote inside an unquoted field is kept as it is
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else {  // '\r' or '\n'
      if (c == '\r' && i < text.size() && text[i] == '\n') ++i;
      end_field();
      records.push_back(std::move(record));
      record.clear();
      record.reserve(records.back().size());
    }
  }
  if (quoted) return core::InvalidArgument("CSV 引号未闭合", "file");
  if (field_started || !field.empty() || !record.empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  return records;
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
