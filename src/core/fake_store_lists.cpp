#include "core/fake_store_lists.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/column_audit.hpp"

namespace gongkai::core::fake {

namespace {

bool Open(RequestState s) {
  return s == RequestState::kReceived || s == RequestState::kCorrectionRequested ||
         s == RequestState::kInProgress;
}

template <typename T>
std::vector<T> Slice(std::vector<T> rows, int limit, int offset) {
  size_t from = std::min(rows.size(), static_cast<size_t>(std::max(0, offset)));
  size_t to = std::min(rows.size(), from + static_cast<size_t>(std::max(1, limit)));
  return std::vector<T>(std::make_move_iterator(rows.begin() + from),
                        std::make_move_iterator(rows.begin() + to));
}

}  // namespace

ItemPage SearchItems(std::vector<Item> items, const ItemSearch& q) {
  std::set<Id> orgs(q.org_ids.begin(), q.org_ids.end());
  std::set<ItemState> states(q.states.begin(), q.states.end());
  auto contains = [&](const std::string& field) { return field.find(q.text) != std::string::npos; };
  std::vector<Item> kept;
  for (Item& it : items) {
    if (!orgs.empty() && !orgs.contains(it.org_id)) continue;
    if (!states.empty() && !states.contains(it.state)) continue;
    if (q.validity && it.validity != *q.validity) continue;
    if (!q.category.empty() && it.category != q.category) continue;
    if (q.formed_year && it.formed_on.year() != *q.formed_year) continue;
    if ((q.published_from || q.published_to) && !it.published_on) continue;
    if (q.published_from && *it.published_on < *q.published_from) continue;
    if (q.published_to && *it.published_on > *q.published_to) continue;
    if (!q.text.empty() && !contains(it.title) && !contains(it.index_no.value_or("")) &&
        !contains(it.doc_no)) {
      continue;
    }
    it.body_md.clear();
    kept.push_back(std::move(it));
  }
  std::sort(kept.begin(), kept.end(), [](const Item& a, const Item& b) { return a.id > b.id; });
  ItemPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Slice(std::move(kept), q.limit, q.offset);
  return page;
}

std::vector<CategoryStat> CategoryStats(const std::vector<Item>& items,
                                        const std::vector<Id>& org_ids, Date since, Date until) {
  std::set<Id> orgs(org_ids.begin(), org_ids.end());
  std::vector<Item> mine;
  for (const Item& it : items) {
    if (orgs.contains(it.org_id)) mine.push_back(it);
  }
  return AggregatePublished(mine, since, until);
}

RequestQueuePage QueueRequests(std::vector<Request> requests, const RequestQueueQuery& q) {
  std::set<Id> orgs(q.org_ids.begin(), q.org_ids.end());
  std::set<RequestState> states(q.states.begin(), q.states.end());
  std::erase_if(requests, [&](const Request& r) {
    return (!orgs.empty() && !orgs.contains(r.org_id)) ||
           (!states.empty() && !states.contains(r.state));
  });
  const Date undated = Date::FromYmd(9999, 12, 31);
  std::sort(requests.begin(), requests.end(), [&](const Request& a, const Request& b) {
    bool ao = Open(a.state), bo = Open(b.state);
    if (ao != bo) return ao;
    if (ao) {
      Date ad = a.due_on.value_or(undated), bd = b.due_on.value_or(undated);
      if (ad != bd) return ad < bd;
    }
    if (a.received_on != b.received_on) return b.received_on < a.received_on;
    return a.id > b.id;
  });
  RequestQueuePage page;
  page.total = static_cast<int64_t>(requests.size());
  page.requests = Slice(std::move(requests), q.limit, q.offset);
  return page;
}

}  // namespace gongkai::core::fake
