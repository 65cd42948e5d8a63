#include "api/fields.hpp"

#include <charconv>

namespace gongkai::api {

namespace {

core::Status WrongType(std::string_view key, const char* what) {
  return core::InvalidArgument("字段 " + std::string(key) + " 应为" + what, std::string(key));
}

}  // namespace

core::Status Fields::OnlyKnown(const std::vector<std::string_view>& known) const {
  for (const auto& kv : o_) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || kv.key() == k;
    if (!ok) {
      return core::InvalidArgument("未知字段: " + std::string(kv.key()), std::string(kv.key()));
    }
  }
  return core::Status::Ok();
}

const json::value* Fields::Find(std::string_view key) const {
  const json::value* v = o_.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

bool Fields::Has(std::string_view key) const { return Find(key) != nullptr; }

core::Result<std::string> Fields::String(std::string_view key, bool required) const {
  const json::value* v = Find(key);
  if (!v) {
    if (required) return core::InvalidArgument("缺少字段 " + std::string(key), std::string(key));
    return std::string();
  }
  if (!v->is_string()) return WrongType(key, "字符串");
  std::string s(v->as_string());
  if (required && s.empty()) {
    return core::InvalidArgument("字段 " + std::string(key) + " 不能为空", std::string(key));
  }
  return s;
}

core::Result<std::optional<std::string>> Fields::OptString(std::string_view key) const {
  if (!Find(key)) return std::optional<std::string>();
  GONGKAI_ASSIGN_OR_RETURN(std::string s, String(key));
  return std::optional<std::string>(std::move(s));
}

core::Result<std::optional<core::Date>> Fields::OptDate(std::string_view key) const {
  if (!Find(key)) return std::optional<core::Date>();
  GONGKAI_ASSIGN_OR_RETURN(std::string s, String(key));
  GONGKAI_ASSIGN_OR_RETURN(core::Date d, core::Date::Parse(s, key));
  return std::optional<core::Date>(d);
}

core::Result<core::Date> Fields::Date(std::string_view key) const {
  GONGKAI_ASSIGN_OR_RETURN(auto d, OptDate(key));
  if (!d) return core::InvalidArgument("缺少日期字段 " + std::string(key), std::string(key));
  return *d;
}

core::Result<std::optional<bool>> Fields::OptBool(std::string_view key) const {
  const json::value* v = Find(key);
  if (!v) return std::optional<bool>();
  if (!v->is_bool()) return WrongType(key, "true 或 false");
  return std::optional<bool>(v->as_bool());
}

core::Result<std::optional<int64_t>> Fields::OptInt(std::string_view key) const {
  const json::value* v = Find(key);
  if (!v) return std::optional<int64_t>();
  if (v->is_int64()) return std::optional<int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
    return std::optional<int64_t>(static_cast<int64_t>(v->as_uint64()));
  }
  return WrongType(key, "整数");
}

core::Result<std::vector<std::string>> Fields::Strings(std::string_view key) const {
  std::vector<std::string> out;
  const json::value* v = Find(key);
  if (!v) return out;
  if (!v->is_array()) return WrongType(key, "字符串数组");
  for (const auto& e : v->as_array()) {
    if (!e.is_string()) return WrongType(key, "字符串数组");
    out.emplace_back(e.as_string());
  }
  return out;
}

core::Result<const json::object*> Fields::Object(std::string_view key, bool required) const {
  const json::value* v = Find(key);
  if (!v) {
    if (required) return core::InvalidArgument("缺少字段 " + std::string(key), std::string(key));
    return static_cast<const json::object*>(nullptr);
  }
  if (!v->is_object()) return WrongType(key, "对象");
  return &v->as_object();
}

core::Result<core::Id> PathId(const RouteCall& call, const std::string& name) {
  auto it = call.params.find(name);
  core::Id id = 0;
  if (it != call.params.end()) {
    const std::string& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc() && end == s.data() + s.size() && id > 0) return id;
  }
  return core::NotFound("记录不存在", name);
}

core::Result<const core::Org*> OrgByCode(const core::OrgTree& tree, const std::string& code,
                                         std::string_view field) {
  const core::Org* org = tree.FindByCode(code);
  if (!org) return core::InvalidArgument("未知机构代码: " + code, std::string(field));
  return org;
}

core::Result<std::optional<core::Date>> QueryDate(const web::HttpRequest& r, std::string_view key) {
  std::string s = r.Param(key);
  if (s.empty()) return std::optional<core::Date>();
  GONGKAI_ASSIGN_OR_RETURN(core::Date d, core::Date::Parse(s, key));
  return std::optional<core::Date>(d);
}

core::Result<std::optional<int>> QueryInt(const web::HttpRequest& r, std::string_view key, int lo,
                                          int hi) {
  std::string s = r.Param(key);
  if (s.empty()) return std::optional<int>();
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi) {
    return core::InvalidArgument("参数 " + std::string(key) + " 应为 " + std::to_string(lo) + "-" +
                                     std::to_string(hi) + " 的整数",
                                 std::string(key));
  }
  return std::optional<int>(v);
}

core::Result<Page> ParsePage(const web::HttpRequest& r, int max_per_page) {
  Page p;
  GONGKAI_ASSIGN_OR_RETURN(auto page, QueryInt(r, "page", 1, 1000000));
  GONGKAI_ASSIGN_OR_RETURN(auto per_page, QueryInt(r, "per_page", 1, max_per_page));
  if (page) p.page = *page;
  if (per_page) p.per_page = *per_page;
  return p;
}

}  // namespace gongkai::api
