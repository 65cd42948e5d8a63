// The filtering, ordering and paging of the back office's paged lists (issue 21) for the
// in-memory FakeStore: the same results as store/sql_back_office_lists.cpp, over rows the
// fake hands in. Internal to the fake; nothing else should call these.
#pragma once

#include <vector>

#include "core/store.hpp"

namespace gongkai::core::fake {

// `items` in any order → the page of ItemRepository::Search (newest id first, no bodies,
// `text` matched as a literal substring of title, 索引号 or 文号).
ItemPage SearchItems(std::vector<Item> items, const ItemSearch& search);

// `items` in any order → ItemRepository::CategoryStats over `org_ids`.
std::vector<CategoryStat> CategoryStats(const std::vector<Item>& items,
                                        const std::vector<Id>& org_ids, Date since, Date until);

// `requests` in any order → the page of RequestRepository::FindQueue.
RequestQueuePage QueueRequests(std::vector<Request> requests, const RequestQueueQuery& query);

}  // namespace gongkai::core::fake
