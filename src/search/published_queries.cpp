// SearchIndex's read-side queries of published items (the read port's SQL:
// published_reads.hpp): lists, one item, counts by column, the sitemap.
#include <soci/soci.h>

#include "search/item_rows.hpp"
#include "search/search_index.hpp"
#include "store/internal/sql_util.hpp"

namespace gongkai::search {

core::Result<ItemPage> SearchIndex::ListPublished(const std::vector<core::Id>& org_ids,
                                                  const std::string& category, int offset,
                                                  int limit) {
  ItemPage page;
  try {
    std::string where = " FROM items i WHERE 1 = 1" + Filters(org_ids, 0);
    std::string cat = category, like = category + "/%";
    if (!category.empty()) where += " AND (i.category = :c OR i.category LIKE :l)";
    long long total = 0;
    if (category.empty()) {
      sql_ << "SELECT COUNT(*)" + where, soci::into(total);
    } else {
      sql_ << "SELECT COUNT(*)" + where, soci::use(cat), soci::use(like), soci::into(total);
    }
    page.total = total;
    std::string q = std::string("SELECT ") + kItemColumns + where +
                    " ORDER BY i.published_on DESC, i.id DESC LIMIT " +
                    std::to_string(std::clamp(limit, 1, 200)) + " OFFSET " +
                    std::to_string(std::max(0, offset));
    auto read = [&](soci::rowset<soci::row>& rows) {
      for (const auto& r : rows) page.items.push_back(ReadItem(r, false));
    };
    if (category.empty()) {
      soci::rowset<soci::row> rows = (sql_.prepare << q);
      read(rows);
    } else {
      soci::rowset<soci::row> rows = (sql_.prepare << q, soci::use(cat), soci::use(like));
      read(rows);
    }
    return page;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<std::optional<core::Item>> SearchIndex::GetPublished(core::Id id) {
  try {
    std::optional<core::Item> out;
    long long key = id;
    std::string q = std::string("SELECT ") + kItemColumns +
                    ", i.body_md FROM items i WHERE i.id = :id AND i.state = 'published'";
    {
      soci::rowset<soci::row> rows = (sql_.prepare << q, soci::use(key));
      for (const auto& r : rows) out = ReadItem(r, true);
    }
    if (!out) return out;
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT channel, published_on FROM item_channels WHERE item_id = :id "
                         "ORDER BY published_on, channel",
         soci::use(key));
    for (const auto& r : rows) {
      core::ItemChannel c;
      c.channel = store::Unwrap(core::ParseChannel(GetText(r, 0)));
      c.published_on = store::ToDate(GetText(r, 1));
      out->channels.push_back(c);
    }
    return out;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<std::vector<std::pair<std::string, int64_t>>> SearchIndex::CategoryCounts(
    core::Id org_id) {
  try {
    std::vector<std::pair<std::string, int64_t>> out;
    long long key = org_id;
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT category, COUNT(*) FROM items WHERE org_id = :o AND state = "
                         "'published' GROUP BY category ORDER BY category",
         soci::use(key));
    for (const auto& r : rows) out.emplace_back(GetText(r, 0), GetInt(r, 1));
    return out;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<std::vector<std::pair<core::Id, std::string>>> SearchIndex::SitemapPage(int page,
                                                                                     int per_page) {
  try {
    std::vector<std::pair<core::Id, std::string>> out;
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT id, published_on FROM items WHERE state = 'published' ORDER BY "
                         "id LIMIT " +
                             std::to_string(per_page) + " OFFSET " +
                             std::to_string(static_cast<int64_t>(page) * per_page));
    for (const auto& r : rows) out.emplace_back(GetInt(r, 0), GetText(r, 1));
    return out;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<int64_t> SearchIndex::CountPublished() {
  try {
    long long n = 0;
    sql_ << "SELECT COUNT(*) FROM items WHERE state = 'published'", soci::into(n);
    return static_cast<int64_t>(n);
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

}  // namespace gongkai::search
