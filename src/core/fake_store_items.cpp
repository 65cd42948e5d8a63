// The fake store's published items and applicants' submissions.
// Part of FakeStore (core/fake_store.hpp); shared machinery in core/fake_store_internal.hpp.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/fake_store_internal.hpp"
#include "core/fake_store_lists.hpp"
#include "core/request_clock.hpp"

namespace gongkai::core::fake_store_internal {

namespace {
class FakeItems final : public ItemRepository {
 public:
  explicit FakeItems(Repos& r) : r_(r) {}

  Result<Id> Insert(const Item& item) override {
    std::vector<Item> one{item};
    GONGKAI_RETURN_IF_ERROR(InsertMany(one));
    return one.front().id;
  }

  Status InsertMany(std::vector<Item>& items) override {
    if (items.empty()) return Status::Ok();
    // As in SQL: the first item with an 索引号 is checked politely; the unique index
    // guards the rest.
    for (const auto& it : items) {
      if (!it.index_no) continue;
      GONGKAI_ASSIGN_OR_RETURN(auto taken, FindByIndexNo(*it.index_no));
      if (taken) return AlreadyExists("索引号已存在: " + *it.index_no, "index_no");
      break;
    }
    Tables& t = r_.t();
    Id next = NextId(t.items);
    for (auto& it : items) it.id = next++;
    std::set<std::string> batch;
    for (const auto& it : items) {
      r_.OrgExists(it.org_id);
      if (it.index_no) {
        r_.Unique(!t.items_by_index_no.Contains(*it.index_no) && batch.insert(*it.index_no).second,
                  "items.index_no");
      }
      CheckChannels(it);
    }
    auto& rows = t.items.Mutable();
    auto& index = t.items_by_index_no.Mutable();
    for (const auto& it : items) {
      rows[it.id] = it;
      if (it.index_no) index[*it.index_no] = it.id;
    }
    return Status::Ok();
  }

  // The fake has no publish hook: a batch is InsertMany.
  Status InsertBatch(std::vector<Item>& items) override { return InsertMany(items); }

  Result<std::vector<std::string>> TakenIndexNos(
      const std::vector<std::string>& index_nos) override {
    std::vector<std::string> out;
    for (const auto& ix : index_nos) {
      if (r_.t().items_by_index_no.Contains(ix)) out.push_back(ix);
    }
    return out;
  }

  Status Update(const Item& it) override {
    Tables& t = r_.t();
    const Item* old = t.items.Find(it.id);
    if (!old) return NotFound("信息不存在: id " + std::to_string(it.id));
    r_.OrgExists(it.org_id);
    if (it.index_no) {
      const Id* holder = t.items_by_index_no.Find(*it.index_no);
      r_.Unique(!holder || *holder == it.id, "items.index_no");
    }
    CheckChannels(it);
    std::optional<std::string> old_index_no = old->index_no;
    auto& index = t.items_by_index_no.Mutable();
    if (old_index_no) index.erase(*old_index_no);
    if (it.index_no) index[*it.index_no] = it.id;
    t.items.Mutable()[it.id] = it;
    return Status::Ok();
  }

  Result<Item> Get(Id id) override {
    const Item* it = r_.t().items.Find(id);
    if (!it) return NotFound("信息不存在: id " + std::to_string(id));
    return r_.ReadItem(*it);
  }

  Result<std::optional<Item>> FindByIndexNo(std::string_view index_no) override {
    const Id* id = r_.t().items_by_index_no.Find(std::string(index_no));
    if (!id) return std::optional<Item>();
    return std::optional<Item>(r_.ReadItem(*r_.t().items.Find(*id)));
  }

  Result<std::vector<Item>> ListByOrg(Id org_id, int limit) override {
    std::vector<Item> out;
    const auto& rows = r_.t().items.rows();
    for (auto it = rows.rbegin(); it != rows.rend() && std::ssize(out) < limit; ++it) {
      if (it->second.org_id == org_id) out.push_back(r_.ReadItem(it->second));
    }
    return out;
  }

  Result<int64_t> Count() override { return r_.t().items.Size(); }

  Result<std::vector<Item>> FindPublished(std::string_view doc_no,
                                          const std::vector<std::string>& phrases,
                                          int limit) override {
    std::vector<Item> out;
    const auto& rows = r_.t().items.rows();
    for (auto it = rows.rbegin(); it != rows.rend() && std::ssize(out) < limit; ++it) {
      const Item& item = it->second;
      if (item.state != ItemState::kPublished) continue;
      bool hit = !doc_no.empty() && item.doc_no == doc_no;
      for (const auto& p : phrases) hit = hit || item.title.find(p) != std::string::npos;
      if (hit) out.push_back(r_.ReadItem(item));
    }
    return out;
  }

  Result<Id> InsertResponse(const Response& resp) override {
    Tables& t = r_.t();
    r_.OrgExists(resp.org_id);
    if (resp.interpreted_item_id) r_.ForeignKey(t.items.Contains(*resp.interpreted_item_id));
    Response stored = resp;
    stored.id = NextId(t.responses);
    t.responses.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Result<std::vector<Response>> ListResponses(Id org_id, int year) override {
    std::vector<Response> out;
    for (const auto& [_, resp] : r_.t().responses.rows()) {
      if (resp.org_id == org_id && InYear(resp.held_on, year)) out.push_back(resp);
    }
    for (const auto& resp : out) r_.Read(resp.held_on);
    std::stable_sort(out.begin(), out.end(),
                     [](const Response& a, const Response& b) { return a.held_on < b.held_on; });
    return out;
  }

  Result<std::vector<Response>> ListResponsesFor(Id item_id) override {
    std::vector<Response> out;
    for (const auto& [_, resp] : r_.t().responses.rows()) {
      if (resp.interpreted_item_id == item_id) out.push_back(resp);
    }
    for (const auto& resp : out) r_.Read(resp.held_on);
    std::stable_sort(out.begin(), out.end(),
                     [](const Response& a, const Response& b) { return a.held_on < b.held_on; });
    return out;
  }

  Result<int> MaxIndexSerial(std::string_view org_code, int year) override {
    // As SQL: the largest index_no in ["CODE/YEAR-", "CODE/YEAR.") by text order.
    std::string lo = std::string(org_code) + "/" + std::to_string(year) + "-";
    std::string hi = std::string(org_code) + "/" + std::to_string(year) + ".";
    const auto& index = r_.t().items_by_index_no.rows();
    auto it = index.lower_bound(hi);
    if (it == index.begin()) return 0;
    --it;
    if (it->first < lo) return 0;
    return ParseIndexSerial(it->first.substr(lo.size()));
  }

  Result<std::vector<Item>> Find(const ItemQuery& q) override {
    std::vector<Item> out;
    std::set<Id> orgs(q.org_ids.begin(), q.org_ids.end());
    std::set<ItemState> states(q.states.begin(), q.states.end());
    for (const auto& [id, stored] : r_.t().items.rows()) {
      if (!orgs.empty() && !orgs.contains(stored.org_id)) continue;
      if (!states.empty() && !states.contains(stored.state)) continue;
      if (q.published_from && (!stored.published_on || *stored.published_on < *q.published_from))
        continue;
      if (q.published_to && (!stored.published_on || *stored.published_on > *q.published_to))
        continue;
      if (q.channel_from || q.channel_to) {
        bool any = false;
        for (const auto& c : stored.channels) {
          if (q.channel_from && c.published_on < *q.channel_from) continue;
          if (q.channel_to && c.published_on > *q.channel_to) continue;
          any = true;
        }
        if (!any) continue;
      }
      Item it = r_.ReadItem(stored);
      if (!q.with_body) it.body_md.clear();
      out.push_back(std::move(it));
      if (q.limit > 0 && std::ssize(out) >= q.limit) break;
    }
    return out;
  }

  // The back office's paged list (fake_store_lists.cpp does the filtering).
  Result<ItemPage> Search(const ItemSearch& q) override {
    std::vector<Item> all;
    for (const auto& [_, stored] : r_.t().items.rows()) all.push_back(r_.ReadItem(stored));
    return fake::SearchItems(std::move(all), q);
  }
  Result<std::vector<CategoryStat>> CategoryStats(const std::vector<Id>& org_ids, Date since,
                                                  Date until) override {
    std::vector<Item> all;
    for (const auto& [_, stored] : r_.t().items.rows()) all.push_back(r_.ReadItem(stored));
    return fake::CategoryStats(all, org_ids, since, until);
  }

  Status SaveExposureScan(Id item_id, int unmasked, int masked) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.items.Contains(item_id));
    t.item_pii_scans.Mutable()[item_id] = {unmasked, masked};
    return Status::Ok();
  }

  Status SaveExposureScans(const std::vector<ExposureScan>& scans) override {
    for (const auto& scan : scans) {
      GONGKAI_RETURN_IF_ERROR(SaveExposureScan(scan.item_id, scan.unmasked, scan.masked));
    }
    return Status::Ok();
  }

  Result<ExposedItemsPage> PublishedWithPersonalData(const std::vector<Id>& org_ids,
                                                     int limit) override {
    Tables& t = r_.t();
    std::set<Id> scope(org_ids.begin(), org_ids.end());
    ExposedItemsPage page;
    // Most recent first, as the SQL stores order by id descending.
    for (auto it = t.item_pii_scans.rows().rbegin(); it != t.item_pii_scans.rows().rend(); ++it) {
      const auto& [item_id, counts] = *it;
      const Item* item = t.items.Find(item_id);
      if (counts.first <= 0 || !item || item->state != ItemState::kPublished ||
          !scope.contains(item->org_id)) {
        continue;
      }
      ++page.total;
      if (static_cast<int>(page.items.size()) < limit) {
        page.items.push_back(
            {item->id, item->org_id, item->title, item->index_no.value_or(""), counts.first});
      }
    }
    return page;
  }

  Result<Id> AppendEvent(const ItemEvent& e) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.items.Contains(e.item_id));
    int seq = 0;
    for (const auto& [_, other] : t.item_events.rows()) {
      if (other.item_id == e.item_id) seq = std::max(seq, other.seq);
    }
    ItemEvent stored = e;
    stored.id = NextId(t.item_events);
    stored.seq = seq + 1;
    t.item_events.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status AppendEvents(const std::vector<ItemEvent>& events) override {
    for (const auto& e : events) GONGKAI_RETURN_IF_ERROR(AppendEvent(e).status());
    return Status::Ok();
  }

  Result<std::vector<ItemEvent>> ListEvents(Id item_id) override {
    std::vector<ItemEvent> out;
    for (const auto& [_, e] : r_.t().item_events.rows()) {
      if (e.item_id == item_id) out.push_back(e);
    }
    std::sort(out.begin(), out.end(),
              [](const ItemEvent& a, const ItemEvent& b) { return a.seq < b.seq; });
    return out;
  }

  Result<Id> AddAttachment(const ItemAttachment& a) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.items.Contains(a.item_id));
    r_.Check(a.size_bytes >= 0, "size_bytes >= 0");
    int position = 0;
    for (const auto& [_, other] : t.item_attachments.rows()) {
      if (other.item_id == a.item_id) position = std::max(position, other.position);
    }
    ItemAttachment stored = a;
    stored.id = NextId(t.item_attachments);
    stored.position = position + 1;
    t.item_attachments.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status RemoveAttachment(Id item_id, Id attachment_id) override {
    Tables& t = r_.t();
    auto it = t.item_attachments.rows().find(attachment_id);
    if (it == t.item_attachments.rows().end() || it->second.item_id != item_id) {
      return NotFound("附件不存在: " + std::to_string(attachment_id), "attachment");
    }
    t.item_attachments.Mutable().erase(attachment_id);
    return Status::Ok();
  }

  Result<std::vector<ItemAttachment>> ListAttachments(Id item_id) override {
    std::vector<ItemAttachment> out;
    for (const auto& [_, a] : r_.t().item_attachments.rows()) {
      if (a.item_id == item_id) out.push_back(a);
    }
    std::sort(out.begin(), out.end(), [](const ItemAttachment& a, const ItemAttachment& b) {
      return a.position < b.position;
    });
    return out;
  }

  Result<Id> InsertCategory(const CatalogCategory& c) override {
    Tables& t = r_.t();
    for (const auto& [_, other] : t.categories.rows()) {
      if (other.org_id == c.org_id && other.path == c.path) {
        return AlreadyExists("目录栏目已存在: " + c.path, "path");
      }
    }
    r_.OrgExists(c.org_id);
    CatalogCategory stored = c;
    stored.id = NextId(t.categories);
    t.categories.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Result<std::vector<CatalogCategory>> ListCategories(Id org_id) override {
    std::vector<CatalogCategory> out;
    for (const auto& [_, c] : r_.t().categories.rows()) {
      if (c.org_id == org_id) out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const CatalogCategory& a, const CatalogCategory& b) {
      return std::tie(a.sort_order, a.path) < std::tie(b.sort_order, b.path);
    });
    return out;
  }

 private:
  static int ParseIndexSerial(const std::string& digits) {
    int n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9' || n > 100000000) return n;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  // item_channels' primary key is (item_id, channel).
  void CheckChannels(const Item& it) {
    std::set<Channel> seen;
    for (const auto& c : it.channels) {
      r_.Unique(seen.insert(c.channel).second, "item_channels.item_id, item_channels.channel");
    }
  }

  Repos& r_;
};

class FakeSubmissions final : public SubmissionRepository {
 public:
  explicit FakeSubmissions(Repos& r) : r_(r) {}

  Result<Id> Insert(const Submission& s) override {
    Tables& t = r_.t();
    for (const auto& [_, other] : t.submissions.rows()) {
      if (other.item_id == s.item_id && other.to_org_id == s.to_org_id) {
        return AlreadyExists("该信息已报送至该机构", "to");
      }
    }
    r_.ForeignKey(t.items.Contains(s.item_id));
    r_.OrgExists(s.from_org_id);
    r_.OrgExists(s.to_org_id);
    Submission stored = s;
    stored.id = NextId(t.submissions);
    t.submissions.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status Update(const Submission& s) override {
    Tables& t = r_.t();
    const Submission* old = t.submissions.Find(s.id);
    if (!old) return NotFound("报送记录不存在: id " + std::to_string(s.id));
    Submission stored = *old;  // only the decision columns are updated
    stored.decision = s.decision;
    stored.decided_on = s.decided_on;
    t.submissions.Mutable()[s.id] = stored;
    return Status::Ok();
  }

  Result<Submission> Get(Id id) override {
    const Submission* s = r_.t().submissions.Find(id);
    if (!s) return NotFound("报送记录不存在: id " + std::to_string(id));
    r_.Read(s->submitted_on);
    r_.Read(s->decided_on);
    return *s;
  }

  Result<std::vector<Submission>> List(Id org_id, bool to, int year) override {
    std::vector<Submission> out;
    for (const auto& [_, s] : r_.t().submissions.rows()) {
      if ((to ? s.to_org_id : s.from_org_id) == org_id && InYear(s.submitted_on, year)) {
        out.push_back(s);
      }
    }
    for (const auto& s : out) {
      r_.Read(s.submitted_on);
      r_.Read(s.decided_on);
    }
    std::stable_sort(out.begin(), out.end(), [](const Submission& a, const Submission& b) {
      return a.submitted_on < b.submitted_on;
    });
    return out;
  }

 private:
  Repos& r_;
};
}  // namespace

std::unique_ptr<ItemRepository> MakeFakeItems(Repos& r) { return std::make_unique<FakeItems>(r); }
std::unique_ptr<SubmissionRepository> MakeFakeSubmissions(Repos& r) {
  return std::make_unique<FakeSubmissions>(r);
}

}  // namespace gongkai::core::fake_store_internal
