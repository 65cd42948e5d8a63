// The list shape shared by the consultations and complaints screens (issue 21): one body's
// year of cases with their counts by channel, the open ones first (they are the work to
// do), then newest first, 50 to a page. Each screen keeps only what differs: its record
// type, its channels, what "open" means and the cells of a row.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "admin/office.hpp"

namespace gongkai::admin {

// One record of the list, as the shared code sees it.
struct CaseListEntry {
  core::Id id = 0;
  bool open = false;   // still waits for an answer: listed first, marked
  size_t channel = 0;  // index into CaseList::channel_labels
  size_t source = 0;   // the screen's own index of the record (passed back to `cells`)
};

struct CaseList {
  std::string path;                         // the list's URL, e.g. /admin/complaints
  std::vector<std::string> channel_labels;  // the count columns, in order
  std::vector<CaseListEntry> entries;       // oldest first, as the repository lists them
  // Adds the screen's own cells of the record `source` to its row (only the rows of the
  // page shown are rendered).
  std::function<void(size_t source, web::View& row)> cells;
};

// Sets "rows" (each with open, id, channel and the screen's cells), "channel_counts",
// "total_count", "paging", "org_options", "org_name" and "sel_year" of `v` for `scope`.
// `focus`: a record whose page is shown instead of ?page= (a refused row form is shown
// beside its record); 0 for none. Throws HttpError 400 for a bad ?page=.
void AddCaseList(const Ctx& ctx, const OrgYear& scope, CaseList list, core::Id focus, web::View& v);

// The body of the case a row's own form (a legal case's result, a complaint's reply) posts
// to, for a user who may record cases there: HttpError 403 otherwise, 404 when the body is
// gone.
const core::Org& CaseRowBody(const Ctx& ctx, core::Id org_id);

// The body chosen in a new case's form (field "org"), checked for kCaseRecord (HttpError
// 403); nullptr with the form's "org" error when none or an unknown one was chosen.
const core::Org* FormCaseBody(const Ctx& ctx, FormState& form);

}  // namespace gongkai::admin
