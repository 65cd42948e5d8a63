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

namespace {

// A soci::row seen through StatementRow's accessors, so that one decoder reads both.
class SociRowView {
 public:
  explicit SociRowView(const soci::row& r) : r_(r) {}
  bool IsNull(int i) const { return r_.get_indicator(i) == soci::i_null; }
  int64_t Int(int i) const { return GetInt(r_, i); }
  std::string String(int i) const { return GetText(r_, i); }
  std::string Text(int i) const { return GetText(r_, i); }

 private:
  const soci::row& r_;
};

// A stored date read without a copy of its text; throws CorruptRow as store::ToDate.
core::Date DateOf(std::string_view text) {
  auto parsed = core::Date::Parse(text);
  if (!parsed.ok()) throw store::CorruptRow("invalid stored date '" + std::string(text) + "'");
  return *parsed;
}

template <typename Row>
core::Item DecodeItem(const Row& r, bool with_body) {
  core::Item item;
  item.id = r.Int(0);
  item.org_id = r.Int(1);
  if (!r.IsNull(2)) item.index_no = r.String(2);
  item.title = r.String(3);
  item.summary = r.String(4);
  item.publisher = r.String(5);
  item.formed_on = DateOf(r.Text(6));
  if (!r.IsNull(7)) item.published_on = DateOf(r.Text(7));
  item.doc_no = r.String(8);
  item.topic = r.String(9);
  item.category = r.String(10);
  item.validity = store::Unwrap(core::ParseValidity(r.Text(11)));
  if (!r.IsNull(12)) item.validity_changed_on = DateOf(r.Text(12));
  item.state = store::Unwrap(core::ParseItemState(r.Text(13)));
  if (with_body) item.body_md = r.String(14);
  return item;
}

}  // namespace

core::Item ReadItem(const soci::row& r, bool with_body) {
  return DecodeItem(SociRowView(r), with_body);
}

core::Item ReadItem(const store::StatementRow& r, bool with_body) {
  return DecodeItem(r, with_body);
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
