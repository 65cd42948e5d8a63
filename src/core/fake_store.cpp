#include "core/fake_store.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "core/request_clock.hpp"

namespace gongkai::core {

namespace fake_store_internal {

// One table: rows by key, shared copy-on-write between the committed state and the
// working copy of a transaction (Transact is serialised, so use_count is exact).
template <typename K, typename V>
class Table {
 public:
  using Map = std::map<K, V>;
  const Map& rows() const { return *rows_; }
  Map& Mutable() {
    if (rows_.use_count() > 1) rows_ = std::make_shared<Map>(*rows_);
    return *rows_;
  }
  const V* Find(const K& key) const {
    auto it = rows_->find(key);
    return it == rows_->end() ? nullptr : &it->second;
  }
  bool Contains(const K& key) const { return rows_->contains(key); }
  int64_t Size() const { return static_cast<int64_t>(rows_->size()); }

 private:
  std::shared_ptr<Map> rows_ = std::make_shared<Map>();
};

using RequestKey = std::tuple<Id, int, int>;  // (org_id, year, serial)

struct Tables {
  Table<Id, Org> orgs;  // with their reading points
  Table<std::pair<Id, int>, OrgYearFacts> year_facts;
  Table<std::pair<Id, int>, AdminStats> admin_stats;
  Table<Id, Meeting> meetings;
  Table<Id, User> users;
  Table<Id, RoleGrant> grants;
  Table<int, HolidayYear> holiday_years;  // days sorted, as ListYears returns them
  Table<Id, Item> items;                  // channels as given; sorted when read
  Table<std::string, Id> items_by_index_no;
  Table<Id, Response> responses;
  Table<Id, ItemEvent> item_events;
  Table<Id, ItemAttachment> item_attachments;
  Table<Id, CatalogCategory> categories;
  Table<Id, Submission> submissions;
  Table<Id, Request> requests;
  Table<RequestKey, Id> requests_by_key;
  Table<Id, RequestEvent> request_events;
  Table<std::pair<Id, int>, Id> events_by_seq;  // (request_id, seq) -> event id
  Table<Id, RequestFee> request_fees;           // by request id
  Table<Id, RequestLetter> request_letters;     // issued letters (issue 21)
  Table<Id, Consultation> consultations;
  Table<Id, Complaint> complaints;
  Table<Id, LegalCase> legal_cases;
  Table<Id, AuditEvent> audit_events;
  Table<Id, ApiToken> api_tokens;
  Table<std::tuple<Id, int, int>, ReportNarrative> narratives;  // (org, year, section)
  Table<Id, ReportSnapshot> snapshots;
  Table<std::string, Session> sessions;  // by token hash
  Table<std::string, LoginFailures> login_failures;
  // audit_head: the last appended event, kept apart so deletions at the end show.
  Id audit_head_id = 0;
  std::string audit_head_hash;
};

}  // namespace fake_store_internal

namespace {

using fake_store_internal::RequestKey;
using fake_store_internal::Table;
using fake_store_internal::Tables;

constexpr const char* kConstraintPrefix = "违反数据约束（重复或引用不存在的记录）: ";
constexpr const char* kCorruptPrefix = "数据库中的记录无法读取: ";
constexpr const char* kInternalPrefix = "数据库错误: ";

// What a failed statement leaves behind in a transaction: it cannot commit any more.
struct TxContext {
  std::optional<std::string> violation;  // a constraint failed (kAlreadyExists)
  std::optional<std::string> corrupt;    // a stored row could not be read (kDataLoss)
};

// Thrown as SOCI throws soci_error for a constraint failure.
class ConstraintViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown as store/ throws CorruptRow for a row it cannot read back.
class CorruptRow : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename V>
Id NextId(const Table<Id, V>& table) {
  return table.rows().empty() ? 1 : table.rows().rbegin()->first + 1;
}

bool InYear(Date d, int year) { return d.year() == year; }

// Notices are one TEXT column in SQL: joined by '\n', split again as store/ splits them.
std::vector<std::string> AsStoredNotices(const std::vector<std::string>& notices) {
  std::string joined;
  for (const auto& n : notices) {
    if (!joined.empty()) joined += '\n';
    joined += n;
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string ChannelOrderKey(const ItemChannel& c) { return ChannelCode(c.channel); }

// The repositories of one transaction, over its working copy of the tables.
class Repos final : public Repositories {
 public:
  Repos(Tables& t, TxContext& ctx)
      : orgs_(*this),
        users_(*this),
        calendar_(*this),
        items_(*this),
        submissions_(*this),
        requests_(*this),
        cases_(*this),
        audit_(*this),
        api_tokens_(*this),
        reports_(*this),
        sessions_(*this),
        t_(t),
        ctx_(ctx) {}

  OrgRepository& orgs() override { return orgs_; }
  UserRepository& users() override { return users_; }
  CalendarRepository& calendar() override { return calendar_; }
  ItemRepository& items() override { return items_; }
  SubmissionRepository& submissions() override { return submissions_; }
  RequestRepository& requests() override { return requests_; }
  CaseRepository& cases() override { return cases_; }
  AuditRepository& audit() override { return audit_; }
  ApiTokenRepository& api_tokens() override { return api_tokens_; }
  ReportRepository& reports() override { return reports_; }
  SessionRepository& sessions() override { return sessions_; }

  Result<TableCounts> CountAll() override {
    int64_t points = 0, channels = 0;
    for (const auto& [_, o] : t_.orgs.rows())
      points += static_cast<int64_t>(o.reading_points.size());
    for (const auto& [_, it] : t_.items.rows())
      channels += static_cast<int64_t>(it.channels.size());
    TableCounts c;
    c.rows = {{"orgs", t_.orgs.Size()},
              {"reading_points", points},
              {"org_year_facts", t_.year_facts.Size()},
              {"admin_stats", t_.admin_stats.Size()},
              {"meetings", t_.meetings.Size()},
              {"users", t_.users.Size()},
              {"role_grants", t_.grants.Size()},
              {"holiday_years", t_.holiday_years.Size()},
              {"items", t_.items.Size()},
              {"item_channels", channels},
              {"responses", t_.responses.Size()},
              {"requests", t_.requests.Size()},
              {"request_events", t_.request_events.Size()},
              {"consultations", t_.consultations.Size()},
              {"complaints", t_.complaints.Size()},
              {"legal_cases", t_.legal_cases.Size()},
              {"audit_events", t_.audit_events.Size()}};
    return c;
  }

  Tables& t() { return t_; }

  // A failed constraint: poisons the transaction and throws, as the SQL statement would.
  [[noreturn]] void Violate(const std::string& what) {
    if (!ctx_.violation) ctx_.violation = what;
    throw ConstraintViolation(what);
  }
  void Unique(bool ok, const char* column) {
    if (!ok) Violate(std::string("UNIQUE constraint failed: ") + column);
  }
  void ForeignKey(bool ok) {
    if (!ok) Violate("FOREIGN KEY constraint failed");
  }
  void Check(bool ok, const char* expr) {
    if (!ok) Violate(std::string("CHECK constraint failed: ") + expr);
  }
  void OrgExists(Id org_id) { ForeignKey(t_.orgs.Contains(org_id)); }

  // A date as read back from SQL: Date::Parse accepts years 1900..2999 only.
  Date Read(Date d) {
    if (d.year() < 1900 || d.year() > 2999) {
      std::string what = "invalid stored date '" + d.ToIso() + "'";
      if (!ctx_.corrupt) ctx_.corrupt = what;
      throw CorruptRow(what);
    }
    return d;
  }
  void Read(const std::optional<Date>& d) {
    if (d) Read(*d);
  }
  Item ReadItem(const Item& stored) {
    Item it = stored;
    Read(it.formed_on);
    Read(it.published_on);
    Read(it.validity_changed_on);
    for (const auto& c : it.channels) Read(c.published_on);
    std::sort(it.channels.begin(), it.channels.end(),
              [](const ItemChannel& a, const ItemChannel& b) {
                return ChannelOrderKey(a) < ChannelOrderKey(b);
              });
    return it;
  }
  const Request& ReadRequest(const Request& r) {
    Read(r.submitted_on);
    Read(r.received_on);
    Read(r.due_on);
    Read(r.closed_on);
    return r;
  }

 private:
  class FakeOrgs final : public OrgRepository {
   public:
    explicit FakeOrgs(Repos& r) : r_(r) {}

    Result<Id> Insert(const Org& org) override {
      GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByCode(org.code));
      if (existing) return AlreadyExists("机构代码已存在: " + org.code, "code");
      Tables& t = r_.t();
      if (org.parent_id) r_.ForeignKey(t.orgs.Contains(*org.parent_id));
      Org stored = org;
      stored.id = NextId(t.orgs);
      t.orgs.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Status Update(const Org& org) override {
      Tables& t = r_.t();
      if (!t.orgs.Contains(org.id)) return NotFound("机构不存在: id " + std::to_string(org.id));
      for (const auto& [id, o] : t.orgs.rows()) {
        r_.Unique(id == org.id || o.code != org.code, "orgs.code");
      }
      if (org.parent_id) r_.ForeignKey(t.orgs.Contains(*org.parent_id));
      t.orgs.Mutable()[org.id] = org;
      return Status::Ok();
    }

    Result<Org> Get(Id id) override {
      const Org* o = r_.t().orgs.Find(id);
      if (!o) return NotFound("机构不存在: id " + std::to_string(id));
      return *o;
    }

    Result<std::optional<Org>> FindByCode(std::string_view code) override {
      for (const auto& [_, o] : r_.t().orgs.rows()) {
        if (o.code == code) return std::optional<Org>(o);
      }
      return std::optional<Org>();
    }

    Result<std::vector<Org>> List() override {
      std::vector<Org> out;
      for (const auto& [_, o] : r_.t().orgs.rows()) out.push_back(o);
      std::stable_sort(out.begin(), out.end(), [](const Org& a, const Org& b) {
        return a.sort_order < b.sort_order;  // ids already ascending
      });
      return out;
    }

    Status PutYearFacts(const OrgYearFacts& f) override {
      r_.OrgExists(f.org_id);
      r_.Check(f.dedicated_bodies >= 0, "dedicated_bodies >= 0");
      r_.Check(f.staff_full_time >= 0, "staff_full_time >= 0");
      r_.Check(f.staff_part_time >= 0, "staff_part_time >= 0");
      r_.Check(f.funding_yuan >= 0, "funding_yuan >= 0");
      r_.t().year_facts.Mutable()[{f.org_id, f.year}] = f;
      return Status::Ok();
    }

    Result<std::optional<OrgYearFacts>> GetYearFacts(Id org_id, int year) override {
      const OrgYearFacts* f = r_.t().year_facts.Find({org_id, year});
      return f ? std::optional<OrgYearFacts>(*f) : std::nullopt;
    }

    Status PutAdminStats(const AdminStats& s) override {
      r_.OrgExists(s.org_id);
      r_.t().admin_stats.Mutable()[{s.org_id, s.year}] = s;
      return Status::Ok();
    }

    Result<std::optional<AdminStats>> GetAdminStats(Id org_id, int year) override {
      const AdminStats* s = r_.t().admin_stats.Find({org_id, year});
      return s ? std::optional<AdminStats>(*s) : std::nullopt;
    }

    Result<Id> InsertMeeting(const Meeting& m) override {
      Tables& t = r_.t();
      r_.OrgExists(m.org_id);
      r_.Check(m.attendees >= 0, "attendees >= 0");
      Meeting stored = m;
      stored.id = NextId(t.meetings);
      t.meetings.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Result<std::vector<Meeting>> ListMeetings(Id org_id, int year) override {
      std::vector<Meeting> out;
      for (const auto& [_, m] : r_.t().meetings.rows()) {
        if (m.org_id == org_id && InYear(m.held_on, year)) out.push_back(m);
      }
      for (const auto& m : out) r_.Read(m.held_on);
      std::stable_sort(out.begin(), out.end(),
                       [](const Meeting& a, const Meeting& b) { return a.held_on < b.held_on; });
      return out;
    }

    Status DeleteMeeting(Id id) override {
      Tables& t = r_.t();
      if (!t.meetings.Contains(id)) return NotFound("会议或培训不存在: id " + std::to_string(id));
      t.meetings.Mutable().erase(id);
      return Status::Ok();
    }

   private:
    Repos& r_;
  };

  class FakeUsers final : public UserRepository {
   public:
    explicit FakeUsers(Repos& r) : r_(r) {}

    Result<Id> Insert(const User& u) override {
      GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByUsername(u.username));
      if (existing) return AlreadyExists("用户名已存在: " + u.username, "username");
      Tables& t = r_.t();
      User stored = u;
      stored.id = NextId(t.users);
      t.users.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Status Update(const User& u) override {
      Tables& t = r_.t();
      const User* old = t.users.Find(u.id);
      if (!old) return NotFound("用户不存在: " + u.username);
      for (const auto& [id, other] : t.users.rows()) {
        r_.Unique(id == u.id || other.username != u.username, "users.username");
      }
      User stored = u;
      stored.created_at = old->created_at;  // not among the updated columns
      t.users.Mutable()[u.id] = std::move(stored);
      return Status::Ok();
    }

    Result<std::optional<User>> FindByUsername(std::string_view username) override {
      for (const auto& [_, u] : r_.t().users.rows()) {
        if (u.username == username) return std::optional<User>(u);
      }
      return std::optional<User>();
    }

    Result<std::vector<User>> List() override {
      std::vector<User> out;
      for (const auto& [_, u] : r_.t().users.rows()) out.push_back(u);
      std::sort(out.begin(), out.end(),
                [](const User& a, const User& b) { return a.username < b.username; });
      return out;
    }

    Result<Id> InsertGrant(const RoleGrant& g) override {
      Tables& t = r_.t();
      r_.ForeignKey(t.users.Contains(g.user_id));
      r_.OrgExists(g.org_id);
      RoleGrant stored = g;
      stored.id = NextId(t.grants);
      t.grants.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Status RevokeGrant(Id grant_id, const std::string& at) override {
      Tables& t = r_.t();
      const RoleGrant* g = t.grants.Find(grant_id);
      if (!g || g->revoked_at) {
        return NotFound("授权不存在或已撤销: " + std::to_string(grant_id));
      }
      t.grants.Mutable()[grant_id].revoked_at = at;
      return Status::Ok();
    }

    Result<std::vector<RoleGrant>> ListGrants(Id user_id) override {
      std::vector<RoleGrant> out;
      for (const auto& [_, g] : r_.t().grants.rows()) {
        if (g.user_id == user_id) out.push_back(g);
      }
      return out;
    }

   private:
    Repos& r_;
  };

  class FakeCalendar final : public CalendarRepository {
   public:
    explicit FakeCalendar(Repos& r) : r_(r) {}

    Status PutYear(const HolidayYear& y) override {
      Tables& t = r_.t();
      // holiday_days has the day as its primary key, across all notice years.
      std::set<Date> taken;
      for (const auto& [year, stored] : t.holiday_years.rows()) {
        if (year == y.year) continue;
        taken.insert(stored.off_days.begin(), stored.off_days.end());
        taken.insert(stored.makeup_work_days.begin(), stored.makeup_work_days.end());
      }
      for (const auto* days : {&y.off_days, &y.makeup_work_days}) {
        for (Date d : *days) r_.Unique(taken.insert(d).second, "holiday_days.day");
      }
      HolidayYear stored;
      stored.year = y.year;
      stored.notices = AsStoredNotices(y.notices);
      stored.off_days = y.off_days;
      stored.makeup_work_days = y.makeup_work_days;
      std::sort(stored.off_days.begin(), stored.off_days.end());
      std::sort(stored.makeup_work_days.begin(), stored.makeup_work_days.end());
      t.holiday_years.Mutable()[y.year] = std::move(stored);
      return Status::Ok();
    }

    Result<std::vector<HolidayYear>> ListYears() override {
      std::vector<HolidayYear> out;
      for (const auto& [_, y] : r_.t().holiday_years.rows()) {
        for (Date d : y.off_days) r_.Read(d);
        for (Date d : y.makeup_work_days) r_.Read(d);
        out.push_back(y);
      }
      return out;
    }

   private:
    Repos& r_;
  };

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
          r_.Unique(
              !t.items_by_index_no.Contains(*it.index_no) && batch.insert(*it.index_no).second,
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

  class FakeRequests final : public RequestRepository {
   public:
    explicit FakeRequests(Repos& r) : r_(r) {}

    Result<Id> Insert(const Request& req) override {
      Tables& t = r_.t();
      RequestKey key{req.org_id, req.year, req.serial};
      if (t.requests_by_key.Contains(key)) {
        return AlreadyExists("申请编号已存在: " + req.tracking_no, "tracking_no");
      }
      r_.OrgExists(req.org_id);
      Request stored = req;
      stored.id = NextId(t.requests);
      t.requests.Mutable()[stored.id] = stored;
      t.requests_by_key.Mutable()[key] = stored.id;
      return stored.id;
    }

    Status Update(const Request& req) override {
      Tables& t = r_.t();
      const Request* old = t.requests.Find(req.id);
      if (!old) return NotFound("申请不存在: id " + std::to_string(req.id));
      RequestKey key{req.org_id, req.year, req.serial};
      const Id* holder = t.requests_by_key.Find(key);
      r_.Unique(!holder || *holder == req.id, "requests.org_id, requests.year, requests.serial");
      r_.OrgExists(req.org_id);
      RequestKey old_key{old->org_id, old->year, old->serial};
      auto& index = t.requests_by_key.Mutable();
      index.erase(old_key);
      index[key] = req.id;
      t.requests.Mutable()[req.id] = req;
      return Status::Ok();
    }

    Result<Request> Get(Id id) override {
      const Request* req = r_.t().requests.Find(id);
      if (!req) return NotFound("申请不存在: id " + std::to_string(id));
      return r_.ReadRequest(*req);
    }

    Result<std::vector<Request>> ListByOrgYear(Id org_id, int year) override {
      std::vector<Request> out;
      for (const auto& [_, req] : r_.t().requests.rows()) {
        if (req.org_id == org_id && InYear(req.received_on, year)) out.push_back(req);
      }
      for (const auto& req : out) r_.ReadRequest(req);
      std::stable_sort(out.begin(), out.end(), [](const Request& a, const Request& b) {
        return a.received_on < b.received_on;
      });
      return out;
    }

    Result<int> MaxSerial(Id org_id, int year) override {
      const auto& keys = r_.t().requests_by_key.rows();
      auto it = keys.upper_bound(RequestKey{org_id, year, INT_MAX});
      if (it == keys.begin()) return 0;
      --it;
      const auto& [org, y, serial] = it->first;
      return org == org_id && y == year ? serial : 0;
    }

    Result<int64_t> Count() override { return r_.t().requests.Size(); }

    Result<Id> AppendEvent(const RequestEvent& e) override {
      Tables& t = r_.t();
      const auto& seqs = t.events_by_seq.rows();
      int seq = 1;
      auto it = seqs.upper_bound({e.request_id, INT_MAX});
      if (it != seqs.begin() && std::prev(it)->first.first == e.request_id) {
        seq = std::prev(it)->first.second + 1;
      }
      r_.ForeignKey(t.requests.Contains(e.request_id));
      RequestEvent stored = e;
      stored.id = NextId(t.request_events);
      stored.seq = seq;
      t.request_events.Mutable()[stored.id] = stored;
      t.events_by_seq.Mutable()[{e.request_id, seq}] = stored.id;
      return stored.id;
    }

    Result<std::vector<Request>> ListOpen() override {
      std::vector<Request> out;
      for (const auto& [_, req] : r_.t().requests.rows()) {
        if (!IsClosed(req.state)) out.push_back(r_.ReadRequest(req));
      }
      std::stable_sort(out.begin(), out.end(), [](const Request& a, const Request& b) {
        if (a.due_on.has_value() != b.due_on.has_value()) return a.due_on.has_value();
        return a.due_on < b.due_on;
      });
      return out;
    }

    Status PutFee(const RequestFee& fee) override {
      Tables& t = r_.t();
      r_.ForeignKey(t.requests.Contains(fee.request_id));
      r_.Check(fee.quantity >= 1, "quantity >= 1");
      r_.Check(fee.prior >= 0, "prior_count >= 0");
      r_.Check(fee.amount_yuan >= 0, "amount_yuan >= 0");
      t.request_fees.Mutable()[fee.request_id] = fee;
      return Status::Ok();
    }

    Result<std::optional<RequestFee>> GetFee(Id request_id) override {
      const RequestFee* fee = r_.t().request_fees.Find(request_id);
      if (!fee) return std::optional<RequestFee>();
      r_.Read(fee->notified_on);
      r_.Read(fee->settled_on);
      return std::optional<RequestFee>(*fee);
    }

    Result<std::vector<RequestFee>> ListFees(Id org_id, int year) override {
      std::vector<RequestFee> out;
      const Tables& t = r_.t();
      for (const auto& [id, fee] : t.request_fees.rows()) {
        const Request* req = t.requests.Find(id);
        if (req && req->org_id == org_id && InYear(fee.notified_on, year)) out.push_back(fee);
      }
      for (const auto& fee : out) {
        r_.Read(fee.notified_on);
        r_.Read(fee.settled_on);
      }
      std::stable_sort(out.begin(), out.end(), [](const RequestFee& a, const RequestFee& b) {
        return a.notified_on < b.notified_on;
      });
      return out;
    }

    // Issued letters (issue 21): append-only, by id.
    Result<Id> InsertLetter(const RequestLetter& letter) override {
      Tables& t = r_.t();
      r_.ForeignKey(t.requests.Contains(letter.request_id));
      RequestLetter stored = letter;
      stored.id = NextId(t.request_letters);
      t.request_letters.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Result<std::vector<RequestLetter>> ListLetters(Id request_id) override {
      std::vector<RequestLetter> out;
      for (const auto& [_, letter] : r_.t().request_letters.rows()) {
        if (letter.request_id == request_id) {
          r_.Read(letter.issued_on);
          out.push_back(letter);
        }
      }
      return out;
    }

    Result<std::vector<RequestEvent>> ListEvents(Id request_id) override {
      std::vector<RequestEvent> out;
      const Tables& t = r_.t();
      const auto& seqs = t.events_by_seq.rows();
      for (auto it = seqs.lower_bound({request_id, INT_MIN});
           it != seqs.end() && it->first.first == request_id; ++it) {
        out.push_back(*t.request_events.Find(it->second));
      }
      for (const auto& e : out) r_.Read(e.on);
      return out;
    }

   private:
    Repos& r_;
  };

  class FakeCases final : public CaseRepository {
   public:
    explicit FakeCases(Repos& r) : r_(r) {}

    Status InsertConsultations(std::vector<Consultation>& rows) override {
      return InsertAll(r_.t().consultations, rows);
    }

    Result<std::vector<Consultation>> ListConsultations(Id org_id, int year) override {
      std::vector<Consultation> out;
      for (const auto& [_, c] : r_.t().consultations.rows()) {
        if (c.org_id == org_id && InYear(c.asked_on, year)) out.push_back(c);
      }
      for (const auto& c : out) r_.Read(c.asked_on);
      std::stable_sort(out.begin(), out.end(), [](const Consultation& a, const Consultation& b) {
        return a.asked_on < b.asked_on;
      });
      return out;
    }

    Status InsertComplaints(std::vector<Complaint>& rows) override {
      return InsertAll(r_.t().complaints, rows);
    }

    Result<std::vector<Complaint>> ListComplaints(Id org_id, int year) override {
      std::vector<Complaint> out;
      for (const auto& [_, c] : r_.t().complaints.rows()) {
        if (c.org_id == org_id && InYear(c.received_on, year)) out.push_back(c);
      }
      for (const auto& c : out) {
        r_.Read(c.received_on);
        r_.Read(c.replied_on);
      }
      std::stable_sort(out.begin(), out.end(), [](const Complaint& a, const Complaint& b) {
        return a.received_on < b.received_on;
      });
      return out;
    }

    Result<Complaint> GetComplaint(Id id) override {
      const Complaint* c = r_.t().complaints.Find(id);
      if (!c) return NotFound("投诉举报不存在: id " + std::to_string(id));
      r_.Read(c->received_on);
      r_.Read(c->replied_on);
      return *c;
    }

    Status SetComplaintReplied(Id id, std::optional<Date> replied_on) override {
      Tables& t = r_.t();
      if (!t.complaints.Contains(id)) return NotFound("投诉举报不存在: id " + std::to_string(id));
      t.complaints.Mutable()[id].replied_on = replied_on;
      return Status::Ok();
    }

    Result<Id> InsertLegalCase(const LegalCase& c) override {
      Tables& t = r_.t();
      CheckReferences(c);
      LegalCase stored = c;
      stored.id = NextId(t.legal_cases);
      t.legal_cases.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Status UpdateLegalCase(const LegalCase& c) override {
      Tables& t = r_.t();
      if (!t.legal_cases.Contains(c.id)) {
        return NotFound("案件不存在: id " + std::to_string(c.id));
      }
      CheckReferences(c);
      t.legal_cases.Mutable()[c.id] = c;
      return Status::Ok();
    }

    Result<LegalCase> GetLegalCase(Id id) override {
      const LegalCase* c = r_.t().legal_cases.Find(id);
      if (!c) return NotFound("案件不存在: id " + std::to_string(id));
      r_.Read(c->filed_on);
      r_.Read(c->closed_on);
      return *c;
    }

    Result<std::vector<LegalCase>> ListLegalCases(Id org_id, int year) override {
      std::vector<LegalCase> out;
      for (const auto& [_, c] : r_.t().legal_cases.rows()) {
        if (c.org_id == org_id && InYear(c.filed_on, year)) out.push_back(c);
      }
      for (const auto& c : out) {
        r_.Read(c.filed_on);
        r_.Read(c.closed_on);
      }
      std::stable_sort(out.begin(), out.end(), [](const LegalCase& a, const LegalCase& b) {
        return a.filed_on < b.filed_on;
      });
      return out;
    }

   private:
    // One multi-row INSERT: ids are set before the statement runs, so a failing row leaves
    // the caller's ids set, as in SQL.
    template <typename Row>
    Status InsertAll(Table<Id, Row>& table, std::vector<Row>& rows) {
      if (rows.empty()) return Status::Ok();
      Id next = NextId(table);
      for (auto& row : rows) row.id = next++;
      for (const auto& row : rows) r_.OrgExists(row.org_id);
      auto& stored = table.Mutable();
      for (const auto& row : rows) stored[row.id] = row;
      return Status::Ok();
    }

    void CheckReferences(const LegalCase& c) {
      r_.OrgExists(c.org_id);
      if (c.request_id) r_.ForeignKey(r_.t().requests.Contains(*c.request_id));
    }

    Repos& r_;
  };

  class FakeAudit final : public AuditRepository {
   public:
    explicit FakeAudit(Repos& r) : r_(r) {}

    Result<AuditEvent> Append(AuditEvent e) override {
      Tables& t = r_.t();
      e.prev_hash = t.audit_head_hash;
      e.hash = FakeStore::AuditDigest(AuditChainInput(e));
      e.id = NextId(t.audit_events);
      t.audit_events.Mutable()[e.id] = e;
      t.audit_head_id = e.id;
      t.audit_head_hash = e.hash;
      return e;
    }

    Result<std::vector<AuditEvent>> ListFor(std::string_view entity,
                                            std::string_view entity_id) override {
      std::vector<AuditEvent> out;
      for (const auto& [_, e] : r_.t().audit_events.rows()) {
        if (e.entity == entity && e.entity_id == entity_id) out.push_back(e);
      }
      return out;
    }

    Result<std::optional<Id>> Verify() override {
      const Tables& t = r_.t();
      std::string expected_prev;
      Id last_seen = 0;
      for (const auto& [id, e] : t.audit_events.rows()) {
        // A deleted event breaks the link of the next one; an edited one its own hash.
        if (e.prev_hash != expected_prev || FakeStore::AuditDigest(AuditChainInput(e)) != e.hash) {
          return std::optional<Id>(id);
        }
        expected_prev = e.hash;
        last_seen = id;
      }
      // Events deleted from the end leave the head pointing past the last one.
      if (t.audit_head_id != last_seen || t.audit_head_hash != expected_prev) {
        return std::optional<Id>(last_seen + 1);
      }
      return std::optional<Id>();
    }

    Result<int64_t> Count() override { return r_.t().audit_events.Size(); }

   private:
    Repos& r_;
  };

  class FakeReports final : public ReportRepository {
   public:
    explicit FakeReports(Repos& r) : r_(r) {}

    Result<ReportInputs> LoadInputs(const std::vector<Id>& org_ids, int year,
                                    bool count_items) override {
      const Tables& t = r_.t();
      std::set<Id> orgs(org_ids.begin(), org_ids.end());
      Date first = Date::FromYmd(year, 1, 1), last = Date::FromYmd(year, 12, 31);
      auto in_year = [&](const std::optional<Date>& d) { return d && first <= *d && *d <= last; };
      ReportInputs in;
      in.year = year;
      std::set<Id> extended;
      std::map<Id, std::pair<int, std::string>>
          answers;  // request → (seq, data) of its last answer
      std::map<Id, std::vector<RequestEvent>> by_request;
      for (const auto& [_, e] : t.request_events.rows()) {
        by_request[e.request_id].push_back(e);
        if (e.kind == RequestEventKindCode(RequestEventKind::kExtension))
          extended.insert(e.request_id);
        if (e.kind != RequestEventKindCode(RequestEventKind::kAnswer)) continue;
        auto [it, fresh] = answers.try_emplace(e.request_id, e.seq, e.data);
        if (!fresh && it->second.first < e.seq) it->second = {e.seq, e.data};
      }
      for (const auto& [_, q] : t.requests.rows()) {
        if (!orgs.contains(q.org_id) || q.received_on > last) continue;
        if (q.closed_on && *q.closed_on < first) continue;
        auto answer = answers.find(q.id);
        RequestFact fact{q.applicant_type,
                         q.channel,
                         q.received_on,
                         q.state,
                         q.outcome,
                         q.closed_on,
                         q.due_on,
                         extended.contains(q.id),
                         answer == answers.end() ? "" : answer->second.second,
                         q.tracking_no,
                         q.org_id,
                         {},
                         q.due_provisional};
        if (auto ev = by_request.find(q.id); ev != by_request.end()) fact.events = ev->second;
        std::sort(fact.events.begin(), fact.events.end(),
                  [](const RequestEvent& a, const RequestEvent& b) { return a.seq < b.seq; });
        in.requests.push_back(std::move(fact));
      }
      for (const auto& [_, it] : t.items.rows()) {
        if (!orgs.contains(it.org_id)) continue;
        if ((it.is_regulation || it.is_normative) && it.formed_on <= last) {
          in.kind_items.push_back({it.is_regulation, it.is_normative, it.formed_on, it.published_on,
                                   it.validity, it.validity_changed_on});
        }
        if (count_items && in_year(it.published_on) &&
            (it.state == ItemState::kPublished || it.state == ItemState::kWithdrawn)) {
          ++in.items_published;
          for (const auto& c : it.channels) ++in.items_by_channel[c.channel];
        }
      }
      for (const auto& [_, resp] : t.responses.rows()) {
        if (orgs.contains(resp.org_id) && in_year(resp.held_on)) in.responses.push_back(resp);
      }
      for (const auto& [_, c] : t.legal_cases.rows()) {
        if (orgs.contains(c.org_id) && (in_year(c.filed_on) || in_year(c.closed_on))) {
          in.legal_cases.push_back(c);
        }
      }
      for (const auto& [_, c] : t.complaints.rows()) {
        if (orgs.contains(c.org_id) && in_year(c.received_on)) ++in.complaints;
      }
      for (const auto& [_, c] : t.consultations.rows()) {
        if (orgs.contains(c.org_id) && in_year(c.asked_on)) ++in.consultations;
      }
      for (Id org : orgs) {
        if (const AdminStats* a = t.admin_stats.Find({org, year})) {
          in.admin.licensing_decisions += a->licensing_decisions;
          in.admin.punishment_decisions += a->punishment_decisions;
          in.admin.coercion_decisions += a->coercion_decisions;
          in.admin.fees_yuan += a->fees_yuan;
        }
        if (const OrgYearFacts* f = t.year_facts.Find({org, year})) {
          in.facts.dedicated_bodies += f->dedicated_bodies;
          in.facts.staff_full_time += f->staff_full_time;
          in.facts.staff_part_time += f->staff_part_time;
          in.facts.funding_yuan += f->funding_yuan;
        }
        if (const Org* o = t.orgs.Find(org)) {
          in.reading_points += static_cast<int64_t>(o->reading_points.size());
        }
      }
      for (const auto& [_, m] : t.meetings.rows()) {
        if (!orgs.contains(m.org_id) || !in_year(m.held_on)) continue;
        if (m.category == MeetingCategory::kTraining) {
          ++in.trainings;
          in.trainees += m.attendees;
        } else {
          ++in.meetings;
        }
      }
      for (const auto& [_, fee] : t.request_fees.rows()) {
        const Request* q = t.requests.Find(fee.request_id);
        if (q && orgs.contains(q->org_id) && fee.status == FeeStatus::kPaid &&
            in_year(fee.settled_on)) {
          in.fees_collected_yuan += fee.amount_yuan;
        }
      }
      return in;
    }

    Status PutNarrative(const ReportNarrative& n) override {
      r_.OrgExists(n.org_id);
      r_.t().narratives.Mutable()[{n.org_id, n.year, n.section}] = n;
      return Status::Ok();
    }

    Result<std::vector<ReportNarrative>> ListNarratives(Id org_id, int year) override {
      std::vector<ReportNarrative> out;
      for (const auto& [key, n] : r_.t().narratives.rows()) {
        if (n.org_id == org_id && n.year == year) out.push_back(n);
      }
      return out;
    }

    Result<Id> InsertSnapshot(const ReportSnapshot& s) override {
      r_.OrgExists(s.org_id);
      for (const auto& [_, other] : r_.t().snapshots.rows()) {
        if (other.org_id == s.org_id && other.year == s.year && other.subtree == s.subtree &&
            other.version == s.version) {
          return AlreadyExists("该版本年报已存在", "version");
        }
      }
      ReportSnapshot stored = s;
      stored.id = NextId(r_.t().snapshots);
      r_.t().snapshots.Mutable()[stored.id] = stored;
      return stored.id;
    }

    Result<std::vector<ReportSnapshot>> ListSnapshots(Id org_id, int year, bool subtree) override {
      std::vector<ReportSnapshot> out;
      for (const auto& [_, s] : r_.t().snapshots.rows()) {
        if (s.org_id == org_id && s.year == year && s.subtree == subtree) out.push_back(s);
      }
      std::sort(out.begin(), out.end(),
                [](const auto& a, const auto& b) { return a.version < b.version; });
      return out;
    }

   private:
    Repos& r_;
  };

  FakeOrgs orgs_;
  FakeUsers users_;
  FakeCalendar calendar_;
  FakeItems items_;
  FakeSubmissions submissions_;
  FakeRequests requests_;
  FakeCases cases_;
  FakeAudit audit_;
  class FakeApiTokens final : public ApiTokenRepository {
   public:
    explicit FakeApiTokens(Repos& r) : r_(r) {}
    Result<Id> Insert(const ApiToken& token) override {
      Tables& t = r_.t();
      for (const auto& [_, other] : t.api_tokens.rows()) {
        r_.Unique(other.token_hash != token.token_hash, "api_tokens.token_hash");
      }
      r_.ForeignKey(t.users.Contains(token.user_id));
      ApiToken stored = token;
      stored.id = NextId(t.api_tokens);
      stored.username.clear();
      stored.last_used_at.reset();
      stored.revoked_at.reset();
      t.api_tokens.Mutable()[stored.id] = stored;
      return stored.id;
    }
    Result<ApiToken> Get(Id id) override {
      const ApiToken* token = r_.t().api_tokens.Find(id);
      if (!token) return NotFound("API 令牌不存在: " + std::to_string(id), "id");
      return WithUsername(*token);
    }
    Result<std::optional<ApiToken>> FindByHash(std::string_view token_hash) override {
      for (const auto& [_, token] : r_.t().api_tokens.rows()) {
        if (token.token_hash == token_hash) return std::optional<ApiToken>(WithUsername(token));
      }
      return std::optional<ApiToken>();
    }
    Result<std::vector<ApiToken>> List() override {
      std::vector<ApiToken> out;
      for (const auto& [_, token] : r_.t().api_tokens.rows()) out.push_back(WithUsername(token));
      return out;
    }
    Status Revoke(Id id, const std::string& at) override {
      Tables& t = r_.t();
      const ApiToken* token = t.api_tokens.Find(id);
      if (!token || token->revoked_at) {
        return NotFound("API 令牌不存在或已撤销: " + std::to_string(id), "id");
      }
      t.api_tokens.Mutable()[id].revoked_at = at;
      return Status::Ok();
    }
    Status MarkUsed(Id id, const std::string& at) override {
      Tables& t = r_.t();
      if (!t.api_tokens.Contains(id)) {
        return NotFound("API 令牌不存在: " + std::to_string(id), "id");
      }
      t.api_tokens.Mutable()[id].last_used_at = at;
      return Status::Ok();
    }

   private:
    ApiToken WithUsername(ApiToken token) {
      if (const User* u = r_.t().users.Find(token.user_id)) token.username = u->username;
      return token;
    }
    Repos& r_;
  };
  FakeApiTokens api_tokens_;
  class FakeSessions final : public SessionRepository {
   public:
    explicit FakeSessions(Repos& r) : r_(r) {}
    Status Insert(const Session& s) override {
      Tables& t = r_.t();
      r_.Unique(!t.sessions.Contains(s.token_hash), "sessions.token_hash");
      r_.ForeignKey(t.users.Contains(s.user_id));
      Session stored = s;
      stored.username.clear();
      t.sessions.Mutable()[s.token_hash] = std::move(stored);
      return Status::Ok();
    }
    Result<std::optional<Session>> Find(std::string_view token_hash) override {
      const Session* s = r_.t().sessions.Find(std::string(token_hash));
      if (!s) return std::optional<Session>();
      Session out = *s;
      if (const User* u = r_.t().users.Find(s->user_id)) out.username = u->username;
      return std::optional<Session>(out);
    }
    Status Touch(std::string_view token_hash, const std::string& at) override {
      Tables& t = r_.t();
      if (t.sessions.Contains(std::string(token_hash))) {
        t.sessions.Mutable()[std::string(token_hash)].last_seen_at = at;
      }
      return Status::Ok();
    }
    Status Delete(std::string_view token_hash) override {
      Tables& t = r_.t();
      if (t.sessions.Contains(std::string(token_hash))) {
        t.sessions.Mutable().erase(std::string(token_hash));
      }
      return Status::Ok();
    }
    Result<int> DeleteForUser(Id user_id) override {
      return EraseIf([&](const Session& s) { return s.user_id == user_id; });
    }
    Result<int> DeleteExpired(const std::string& now) override {
      return EraseIf([&](const Session& s) { return s.expires_at < now; });
    }
    Result<std::optional<LoginFailures>> GetFailures(std::string_view key) override {
      const LoginFailures* f = r_.t().login_failures.Find(std::string(key));
      return f ? std::optional<LoginFailures>(*f) : std::optional<LoginFailures>();
    }
    Status PutFailures(const LoginFailures& f) override {
      r_.t().login_failures.Mutable()[f.key] = f;
      return Status::Ok();
    }
    Status ClearFailures(std::string_view key) override {
      Tables& t = r_.t();
      if (t.login_failures.Contains(std::string(key))) {
        t.login_failures.Mutable().erase(std::string(key));
      }
      return Status::Ok();
    }

   private:
    template <typename Pred>
    int EraseIf(Pred pred) {
      std::vector<std::string> keys;
      for (const auto& [k, s] : r_.t().sessions.rows()) {
        if (pred(s)) keys.push_back(k);
      }
      if (!keys.empty()) {
        auto& rows = r_.t().sessions.Mutable();
        for (const auto& k : keys) rows.erase(k);
      }
      return static_cast<int>(keys.size());
    }
    Repos& r_;
  };

  FakeReports reports_;
  FakeSessions sessions_;
  Tables& t_;
  TxContext& ctx_;
};

// Clears the owner mark when a transaction ends, however it ends.
class OwnerMark {
 public:
  explicit OwnerMark(std::atomic<std::thread::id>& owner) : owner_(owner) {
    owner_.store(std::this_thread::get_id());
  }
  ~OwnerMark() { owner_.store(std::thread::id()); }
  OwnerMark(const OwnerMark&) = delete;
  OwnerMark& operator=(const OwnerMark&) = delete;

 private:
  std::atomic<std::thread::id>& owner_;
};

}  // namespace

FakeStore::FakeStore() : state_(std::make_unique<Tables>()) {}

FakeStore::~FakeStore() = default;

std::string FakeStore::AuditDigest(std::string_view input) {
  constexpr uint64_t kOffsetBasis = 14695981039346656037ULL;
  constexpr uint64_t kPrime = 1099511628211ULL;
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned lane = 0; lane < 4; ++lane) {
    uint64_t h = kOffsetBasis;
    h = (h ^ lane) * kPrime;
    for (char c : input) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 0xF];
  }
  return out;
}

bool FakeStore::InTransactionOnThisThread() const {
  return owner_.load() == std::this_thread::get_id();
}

void FakeStore::FailNextTransactionWith(Status status, FailPoint at) {
  std::lock_guard<std::mutex> lock(injection_mutex_);
  if (status.ok()) {
    injected_.reset();
    return;
  }
  injected_ = std::move(status);
  injected_at_ = at;
}

Status FakeStore::Transact(const std::function<Status(Repositories&)>& work) {
  if (InTransactionOnThisThread()) {
    return Unavailable("数据库不可用: cannot start a transaction within a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  OwnerMark mark(owner_);
  return TransactLocked(work);
}

Status FakeStore::TransactLocked(const std::function<Status(Repositories&)>& work) {
  std::optional<Status> injected;
  FailPoint injected_at = FailPoint::kBegin;
  {
    std::lock_guard<std::mutex> lock(injection_mutex_);
    injected.swap(injected_);
    injected_at = injected_at_;
  }
  if (injected && injected_at == FailPoint::kBegin) return *injected;

  Tables working = *state_;  // shares every table until written
  TxContext ctx;
  Repos repos(working, ctx);
  Status status;
  try {
    status = work(repos);
  } catch (const ConstraintViolation& e) {
    return AlreadyExists(std::string(kConstraintPrefix) + e.what());
  } catch (const CorruptRow& e) {
    return DataLoss(std::string(kCorruptPrefix) + e.what());
  } catch (const std::exception& e) {
    return Internal(std::string(kInternalPrefix) + e.what());
  } catch (...) {
    return Internal(std::string(kInternalPrefix) + "unknown exception");
  }
  if (!status.ok()) return status;
  // `work` swallowed a failed statement: the transaction cannot commit.
  if (ctx.violation) return AlreadyExists(kConstraintPrefix + *ctx.violation);
  if (ctx.corrupt) return DataLoss(kCorruptPrefix + *ctx.corrupt);
  if (injected) return *injected;  // kCommit
  *state_ = std::move(working);
  return Status::Ok();
}

Status FakeStore::TamperAuditEventForTest(Id id, std::string new_after_json) {
  if (InTransactionOnThisThread()) {
    return FailedPrecondition("TamperAuditEventForTest called inside a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_->audit_events.Contains(id)) {
    return NotFound("审计事件不存在: id " + std::to_string(id));
  }
  state_->audit_events.Mutable()[id].after_json = std::move(new_after_json);
  return Status::Ok();
}

Status FakeStore::DeleteAuditEventForTest(Id id) {
  if (InTransactionOnThisThread()) {
    return FailedPrecondition("DeleteAuditEventForTest called inside a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_->audit_events.Contains(id)) {
    return NotFound("审计事件不存在: id " + std::to_string(id));
  }
  state_->audit_events.Mutable().erase(id);
  return Status::Ok();
}

}  // namespace gongkai::core
