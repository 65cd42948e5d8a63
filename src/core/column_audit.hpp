// The column self-audit (栏目自查): per body and catalog column, when it was last updated
// and how often, flagging what disclosure inspections flag — mandatory columns left empty,
// columns not updated for too long (少部分单位…不能常态化更新信息) — and the proactive
// duties (第二十六条) that are overdue.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/proactive_stats.hpp"

namespace gongkai::core {

struct ColumnAuditRow {
  Id org_id = 0;
  std::string path;
  bool mandatory = false;
  int stale_limit_days = 0;  // the column's own limit, or the default
  std::optional<Date> last_published;
  int64_t items_total = 0;      // published (not withdrawn) items in the column or below it
  int64_t items_12_months = 0;  // of which published in the 365 days up to today
  double per_month = 0;         // items_12_months / 12
  bool empty = false;           // mandatory and never published
  bool stale = false;           // has items, but none within stale_limit_days
  friend bool operator==(const ColumnAuditRow&, const ColumnAuditRow&) = default;
};

struct ColumnAuditReport {
  std::vector<ColumnAuditRow> rows;  // by body (tree order) then catalog order
  std::vector<OverdueDuty> overdue;  // as OverdueDuties
  std::vector<Id> orgs;              // the bodies audited, tree order
  int64_t findings() const;          // empty + stale rows + overdue duties
};

// Pure: audits `catalogs` (each body's effective catalog, in the order of `org_order`)
// against `published` items (only kPublished ones count; an item counts in the column whose
// path equals its category or is a '/'-prefix of it). Requires default_stale_days > 0.
ColumnAuditReport AuditColumns(const std::vector<Id>& org_order,
                               const std::map<Id, std::vector<CatalogCategory>>& catalogs,
                               const std::vector<Item>& published, std::vector<OverdueDuty> overdue,
                               Date today, int default_stale_days);

// Per (body, 栏目) aggregates of the published items among `items` — what
// ItemRepository::CategoryStats computes in SQL — counting in since_count those published
// within [since, until]. In no promised order.
std::vector<CategoryStat> AggregatePublished(const std::vector<Item>& items, Date since,
                                             Date until);

// Loads the subtree of `org_id` (every body when 0), its catalogs, published items and
// unpublished ones (for the duties, against `calendar`), and audits them.
Result<ColumnAuditReport> AuditColumnsInSubtree(Repositories& repos, Id org_id,
                                                const Calendar& calendar, Date today,
                                                int default_stale_days);

}  // namespace gongkai::core
