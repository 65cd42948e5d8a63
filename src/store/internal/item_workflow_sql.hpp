// The partial index of the items still in the workflow (migration 0018, items_workflow):
// draft, submitted, approved and returned items — a few hundred among a city's ~200,000
// published ones. Neither SQLite (no histogram without STAT4) nor a query naming one state
// tells the planner how rare they are, so "newest first, LIMIT 50" scans the whole table by
// id; repeating the index's own condition in the query lets both backends read the tiny
// index instead. Internal to store/ (the item repository's list queries).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/item.hpp"

namespace gongkai::store {

// The condition of items_workflow, word for word as the migration writes it: the states
// for which core::IsInWorkflow holds (checked by back_office_lists_test.cpp).
inline constexpr const char* kItemsInWorkflow =
    "state IN ('draft', 'submitted', 'approved', 'rejected')";

// kItemsInWorkflow when every state of a non-empty filter is a workflow state (the query
// may then be answered from the partial index), else "".
inline std::string WorkflowIndexTerm(const std::vector<core::ItemState>& states) {
  bool workflow = !states.empty() && std::all_of(states.begin(), states.end(), core::IsInWorkflow);
  return workflow ? kItemsInWorkflow : "";
}

}  // namespace gongkai::store
