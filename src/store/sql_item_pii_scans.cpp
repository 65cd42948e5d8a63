// The stored personal-data scan of each item (issue 20, migration 0017): the dashboard counts
// the published items with unmasked findings in SQL instead of rescanning every item.
#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

core::Status SqlItemRepository::SaveExposureScan(Id item_id, int unmasked, int masked) {
  long long item = item_id;
  // ON CONFLICT … DO UPDATE: SQLite ≥ 3.24 and PostgreSQL ≥ 9.5 both read it.
  sql_ << "INSERT INTO item_pii_scans (item_id, unmasked, masked) VALUES (:i, :u, :m) "
          "ON CONFLICT (item_id) DO UPDATE SET unmasked = excluded.unmasked, "
          "masked = excluded.masked",
      soci::use(item), soci::use(unmasked), soci::use(masked);
  return core::Status::Ok();
}

core::Result<core::ExposedItemsPage> SqlItemRepository::PublishedWithPersonalData(
    const std::vector<Id>& org_ids, int limit) {
  core::ExposedItemsPage page;
  if (org_ids.empty()) return page;
  // Only decimal ids are written into the SQL text.
  std::string scope;
  for (Id id : org_ids) scope += (scope.empty() ? "" : ",") + std::to_string(id);
  // Driven by the few scan rows with unmasked findings (item_pii_scans_unmasked), each
  // joined to its item by primary key.
  const std::string from =
      " FROM item_pii_scans s JOIN items i ON i.id = s.item_id WHERE s.unmasked > 0 AND "
      "i.state = 'published' AND i.org_id IN (" +
      scope + ")";
  long long total = 0;
  sql_ << "SELECT COUNT(*)" + from, soci::into(total);
  page.total = total;
  if (limit <= 0 || total == 0) return page;
  long long id = 0, org = 0;
  core::ExposedItem row;
  std::string index_no;
  soci::indicator index_ind = soci::i_null;
  soci::statement st =
      (sql_.prepare << "SELECT i.id, i.org_id, i.title, i.index_no, s.unmasked" + from +
                           " ORDER BY i.id DESC LIMIT " + std::to_string(limit),
       soci::into(id), soci::into(org), soci::into(row.title), soci::into(index_no, index_ind),
       soci::into(row.unmasked));
  st.execute();
  while (st.fetch()) {
    row.id = id;
    row.org_id = org;
    row.index_no = index_ind == soci::i_null ? "" : index_no;
    page.items.push_back(row);
  }
  return page;
}

}  // namespace gongkai::store
