// The columns of the user's bodies against their update limits (core/column_audit), shared
// by the dashboard (the 20 longest without update) and /admin/columns (the whole list with
// filters and CSV). Every row links to the new-item form of its body with the column
// chosen, so that a stale column can be acted on at once.
#pragma once

#include <vector>

#include "admin/office.hpp"
#include "core/column_audit.hpp"

namespace gongkai::admin {

// A column without updates for this many days is stale unless it sets its own limit, as
// `gongkai audit columns` counts by default.
inline constexpr int kStaleDays = 90;

// Audits the subtrees of `orgs` (a body below another in `orgs` is audited with it) as of
// `today`; every row, catalog order per body.
std::vector<core::ColumnAuditRow> AuditColumnsOf(Office& o, const Ctx& ctx,
                                                 const std::vector<core::Id>& orgs,
                                                 core::Date today);

// Longest without an update first (never-published ones first of all).
void SortByStaleness(std::vector<core::ColumnAuditRow>& rows);

// "/admin/items/new?org=…&category=…": publish in this column.
std::string PublishHref(const core::Org& org, const std::string& path);

// GET /admin/columns and /admin/columns/csv.
web::HttpResponse ColumnsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts);

}  // namespace gongkai::admin
