#include "search/item_rows.hpp"

#include <soci/soci.h>

#include "store/internal/sql_util.hpp"

namespace gongkai::search {

int64_t GetInt(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      return 0;
  }
}

std::string GetText(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  return r.get<std::string>(i);
}

std::string IdList(const std::vector<core::Id>& ids) {
  std::string out;
  for (core::Id id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

core::Status Unavailable(const std::exception& e) {
  return core::Status(core::ErrorCode::kUnavailable, std::string("数据库错误: ") + e.what());
}

core::Item ReadItem(const soci::row& r, bool with_body) {
  core::Item item;
  item.id = GetInt(r, 0);
  item.org_id = GetInt(r, 1);
  if (r.get_indicator(2) != soci::i_null) item.index_no = r.get<std::string>(2);
  item.title = GetText(r, 3);
  item.summary = GetText(r, 4);
  item.publisher = GetText(r, 5);
  item.formed_on = store::ToDate(GetText(r, 6));
  if (r.get_indicator(7) != soci::i_null) item.published_on = store::ToDate(GetText(r, 7));
  item.doc_no = GetText(r, 8);
  item.topic = GetText(r, 9);
  item.category = GetText(r, 10);
  item.validity = store::Unwrap(core::ParseValidity(GetText(r, 11)));
  if (r.get_indicator(12) != soci::i_null) item.validity_changed_on = store::ToDate(GetText(r, 12));
  item.state = store::Unwrap(core::ParseItemState(GetText(r, 13)));
  if (with_body) item.body_md = GetText(r, 14);
  return item;
}

std::string Filters(const std::vector<core::Id>& org_ids, int year) {
  std::string where = " AND i.state = 'published'";
  if (!org_ids.empty()) where += " AND i.org_id IN (" + IdList(org_ids) + ")";
  if (year > 0) {
    std::string y = std::to_string(year);
    where += " AND i.published_on >= '" + y + "-01-01' AND i.published_on <= '" + y + "-12-31'";
  }
  return where;
}

}  // namespace gongkai::search
