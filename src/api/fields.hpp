// Reading request bodies and query parameters: typed accessors that fail with
// kInvalidArgument naming the field, and pagination. web::MapError turns those failures
// into 422 with {"error":{"field": …}}, in a body or a query alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/route.hpp"
#include "core/date.hpp"

namespace gongkai::api {

// A view of one JSON object (the request body or a nested object of it); it must outlive
// the Fields. A present field of the wrong JSON type is kInvalidArgument naming it.
class Fields {
 public:
  explicit Fields(const json::object& object) : o_(object) {}
  // kInvalidArgument naming the first key not in `known` (catches misspelt fields).
  core::Status OnlyKnown(const std::vector<std::string_view>& known) const;
  bool Has(std::string_view key) const;
  // A string field; "" when absent (kInvalidArgument when `required` and absent or empty).
  core::Result<std::string> String(std::string_view key, bool required = false) const;
  // nullopt when absent (distinguishes "not given" from "" in partial updates).
  core::Result<std::optional<std::string>> OptString(std::string_view key) const;
  // ISO dates (YYYY-MM-DD), checked against the calendar (2024-02-30 is refused).
  core::Result<std::optional<core::Date>> OptDate(std::string_view key) const;
  core::Result<core::Date> Date(std::string_view key) const;  // required
  // JSON true or false only: "true" or 1 are refused.
  core::Result<std::optional<bool>> OptBool(std::string_view key) const;
  core::Result<std::optional<int64_t>> OptInt(std::string_view key) const;
  // An array of strings; empty when absent.
  core::Result<std::vector<std::string>> Strings(std::string_view key) const;
  // A nested object; nullptr when absent.
  core::Result<const json::object*> Object(std::string_view key, bool required = false) const;

 private:
  // The value of `key`, or nullptr when absent (a JSON null counts as absent).
  const json::value* Find(std::string_view key) const;
  const json::object& o_;
};

// The numeric id in path parameter `name`; kNotFound when it is not a positive number.
core::Result<core::Id> PathId(const RouteCall& call, const std::string& name = "id");

// The body named by code `code` (query or body field `field`); kInvalidArgument when unknown.
core::Result<const core::Org*> OrgByCode(const core::OrgTree& tree, const std::string& code,
                                         std::string_view field = "org");

// An optional date query parameter; kInvalidArgument naming it.
core::Result<std::optional<core::Date>> QueryDate(const web::HttpRequest& r, std::string_view key);
// An optional integer query parameter in [lo, hi].
core::Result<std::optional<int>> QueryInt(const web::HttpRequest& r, std::string_view key, int lo,
                                          int hi);

// A page of a list: page number from 1, and its size.
struct Page {
  int page = 1;
  int per_page = 20;
};
// ?page= (from 1) and ?per_page= (1..max, default 20).
core::Result<Page> ParsePage(const web::HttpRequest& r, int max_per_page);
// {"items": [to_json(row) for the page's rows], "page":…, "per_page":…, "total":…}.
template <typename T, typename F>
json::object PageOf(const std::vector<T>& rows, const Page& page, F to_json) {
  json::array slice;
  size_t start = static_cast<size_t>(page.page - 1) * static_cast<size_t>(page.per_page);
  for (size_t i = start; i < rows.size() && i < start + static_cast<size_t>(page.per_page); ++i) {
    slice.push_back(to_json(rows[i]));
  }
  json::object out;
  out["items"] = std::move(slice);
  out["page"] = page.page;
  out["per_page"] = page.per_page;
  out["total"] = rows.size();
  return out;
}

}  // namespace gongkai::api
