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

namespace {

// The audit proper, over per-(body, 栏目) aggregates: a column counts the items filed under
// its path or below it.
ColumnAuditReport AuditStats(const std::vector<Id>& org_order,
                             const std::map<Id, std::vector<CatalogCategory>>& catalogs,
                             const std::vector<CategoryStat>& stats,
                             std::vector<OverdueDuty> overdue, Date today, int default_stale_days) {
  ColumnAuditReport report;
  report.orgs = org_order;
  report.overdue = std::move(overdue);
  std::map<Id, std::vector<const CategoryStat*>> by_org;
  for (const auto& st : stats) by_org[st.org_id].push_back(&st);
  for (Id org : org_order) {
    auto cat = catalogs.find(org);
    if (cat == catalogs.end()) continue;
    const auto& filed = by_org[org];
    for (const auto& c : cat->second) {
      ColumnAuditRow row;
      row.org_id = org;
      row.path = c.path;
      row.mandatory = c.mandatory;
      row.stale_limit_days = c.stale_days > 0 ? c.stale_days : default_stale_days;
      for (const CategoryStat* st : filed) {
        if (!InColumn(st->category, c.path)) continue;
        row.items_total += st->total;
        row.items_12_months += st->since_count;
        if (!row.last_published || st->last_published > *row.last_published) {
          row.last_published = st->last_published;
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

// The window of items_12_months: the 365 days up to today.
Date YearAgoPlusOne(Date today) { return today.AddDays(-364); }

}  // namespace

std::vector<CategoryStat> AggregatePublished(const std::vector<Item>& items, Date since,
                                             Date until) {
  std::map<std::pair<Id, std::string>, CategoryStat> by_key;
  for (const auto& it : items) {
    if (it.state != ItemState::kPublished || !it.published_on) continue;
    CategoryStat& st = by_key[{it.org_id, it.category}];
    if (st.total == 0 || st.last_published < *it.published_on) st.last_published = *it.published_on;
    st.org_id = it.org_id;
    st.category = it.category;
    ++st.total;
    if (*it.published_on >= since && *it.published_on <= until) ++st.since_count;
  }
  std::vector<CategoryStat> out;
  for (auto& [_, st] : by_key) out.push_back(std::move(st));
  return out;
}

ColumnAuditReport AuditColumns(const std::vector<Id>& org_order,
                               const std::map<Id, std::vector<CatalogCategory>>& catalogs,
                               const std::vector<Item>& published, std::vector<OverdueDuty> overdue,
                               Date today, int default_stale_days) {
  std::vector<CategoryStat> stats = AggregatePublished(published, YearAgoPlusOne(today), today);
  return AuditStats(org_order, catalogs, stats, std::move(overdue), today, default_stale_days);
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
  // Aggregated in the database: the published items are never loaded one by one.
  GONGKAI_ASSIGN_OR_RETURN(auto stats,
                           repos.items().CategoryStats(ids, YearAgoPlusOne(today), today));
  ItemQuery q;
  q.org_ids = ids;
  q.with_body = false;
  q.states = {ItemState::kDraft, ItemState::kSubmitted, ItemState::kApproved, ItemState::kRejected};
  GONGKAI_ASSIGN_OR_RETURN(auto pending, repos.items().Find(q));
  return AuditStats(ids, catalogs, stats, OverdueDuties(pending, calendar, today), today,
                    default_stale_days);
}

}  // namespace gongkai::core
