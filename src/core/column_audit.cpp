#include "core/column_audit.hpp"

#include "core/catalog.hpp"
#include "core/org_tree.hpp"

namespace gongkai::core {

int64_t ColumnAuditReport::findings() const {
  int64_t n = static_cast<int64_t>(overdue.size());
  for (const auto& r : rows) n += (r.empty || r.stale) ? 1 : 0;
  return n;
}

namespace {

bool InColumn(const std::string& category, const std::string& path) {
  return category == path ||
         (category.size() > path.size() && category.compare(0, path.size(), path) == 0 &&
          category[path.size()] == '/');
}

}  // namespace

ColumnAuditReport AuditColumns(const std::vector<Id>& org_order,
                               const std::map<Id, std::vector<CatalogCategory>>& catalogs,
                               const std::vector<Item>& published, std::vector<OverdueDuty> overdue,
                               Date today, int default_stale_days) {
  ColumnAuditReport report;
  report.orgs = org_order;
  report.overdue = std::move(overdue);
  std::map<Id, std::vector<const Item*>> by_org;
  for (const auto& it : published) {
    if (it.state == ItemState::kPublished && it.published_on) by_org[it.org_id].push_back(&it);
  }
  const Date year_ago = today.AddDays(-365);
  for (Id org : org_order) {
    auto cat = catalogs.find(org);
    if (cat == catalogs.end()) continue;
    const auto& items = by_org[org];
    for (const auto& c : cat->second) {
      ColumnAuditRow row;
      row.org_id = org;
      row.path = c.path;
      row.mandatory = c.mandatory;
      row.stale_limit_days = c.stale_days > 0 ? c.stale_days : default_stale_days;
      for (const Item* it : items) {
        if (!InColumn(it->category, c.path)) continue;
        ++row.items_total;
        if (*it->published_on > year_ago && *it->published_on <= today) ++row.items_12_months;
        if (!row.last_published || *it->published_on > *row.last_published) {
          row.last_published = it->published_on;
        }
      }
      row.per_month = static_cast<double>(row.items_12_months) / 12.0;
      row.empty = c.mandatory && row.items_total == 0;
      row.stale = row.last_published && (today - *row.last_published) > row.stale_limit_days;
      report.rows.push_back(std::move(row));
    }
  }
  return report;
}

Result<ColumnAuditReport> AuditColumnsInSubtree(Repositories& repos, Id org_id,
                                                const Calendar& calendar, Date today,
                                                int default_stale_days) {
  if (default_stale_days <= 0) return InvalidArgument("--stale-days 须为正数", "stale_days");
  GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
  OrgTree tree(std::move(all));
  std::vector<const Org*> orgs;
  if (org_id == 0) {
    for (const Org* root : tree.Roots()) {
      auto sub = tree.Subtree(root->id);
      orgs.insert(orgs.end(), sub.begin(), sub.end());
    }
  } else {
    if (!tree.Find(org_id)) return NotFound("机构不存在: id " + std::to_string(org_id), "org");
    orgs = tree.Subtree(org_id);
  }
  std::vector<Id> ids;
  std::map<Id, std::vector<CatalogCategory>> catalogs;
  for (const Org* o : orgs) {
    ids.push_back(o->id);
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(o->id));
    catalogs[o->id] = EffectiveCatalog(*o, std::move(stored));
  }
  ItemQuery q;
  q.org_ids = ids;
  q.states = {ItemState::kPublished};
  q.with_body = false;
  GONGKAI_ASSIGN_OR_RETURN(auto published, repos.items().Find(q));
  q.states = {ItemState::kDraft, ItemState::kSubmitted, ItemState::kApproved, ItemState::kRejected};
  GONGKAI_ASSIGN_OR_RETURN(auto pending, repos.items().Find(q));
  return AuditColumns(ids, catalogs, published, OverdueDuties(pending, calendar, today), today,
                      default_stale_days);
}

}  // namespace gongkai::core
