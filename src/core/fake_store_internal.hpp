// Internal to FakeStore (core/fake_store.hpp): its tables, the errors a failed statement
// leaves behind, and the repositories of one transaction. Included only by the fake store's
// own files (fake_store*.cpp); nothing here is an interface for other code. Not thread-safe:
// FakeStore serialises transactions, and a Repos lives for one transaction on one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/fake_store.hpp"

namespace gongkai::core::fake_store_internal {

// One table: rows by key, shared copy-on-write between the committed state and the
// working copy of a transaction (Transact is serialised, so use_count is exact).
template <typename K, typename V>
class Table {
 public:
  using Map = std::map<K, V>;
  // The rows for reading, in key order (what ORDER BY id gives in SQL).
  const Map& rows() const { return *rows_; }
  // The rows for writing: copies them first when the committed state still shares them,
  // so a rolled-back transaction leaves the committed rows untouched.
  Map& Mutable() {
    if (rows_.use_count() > 1) rows_ = std::make_shared<Map>(*rows_);
    return *rows_;
  }
  // The row under `key`, or nullptr; valid until the next Mutable().
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

// Every table of the schema the fake mirrors (migrations/), keyed as its primary key or
// unique index is. Copying a Tables is cheap (shared rows): Transact works on a copy and
// swaps it in on commit.
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
  Table<Id, std::pair<int, int>> item_pii_scans;  // item -> (unmasked, masked)
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

// The message prefixes of SociStore::Transact's statuses, so that tests see the same text
// from both stores.
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

// The id an INSERT would get: one past the largest (SQLite's rowid rule without gaps reuse).
template <typename V>
Id NextId(const Table<Id, V>& table) {
  return table.rows().empty() ? 1 : table.rows().rbegin()->first + 1;
}

// True when `d` falls in calendar year `year` (the YearStart..YearEnd range of store/).
inline bool InYear(Date d, int year) { return d.year() == year; }

// Notices are one TEXT column in SQL: joined by '\n', split again as store/ splits them.
std::vector<std::string> AsStoredNotices(const std::vector<std::string>& notices);

// The order store/ reads an item's channels in.
inline std::string ChannelOrderKey(const ItemChannel& c) { return ChannelCode(c.channel); }

// Defined below; the repository families hold a reference to it for the tables and the
// constraint helpers.
class Repos;

// Factories of the repositories of one transaction (one per fake_store_*.cpp family).
std::unique_ptr<OrgRepository> MakeFakeOrgs(Repos& r);
std::unique_ptr<UserRepository> MakeFakeUsers(Repos& r);
std::unique_ptr<CalendarRepository> MakeFakeCalendar(Repos& r);
std::unique_ptr<ItemRepository> MakeFakeItems(Repos& r);
std::unique_ptr<SubmissionRepository> MakeFakeSubmissions(Repos& r);
std::unique_ptr<RequestRepository> MakeFakeRequests(Repos& r);
std::unique_ptr<CaseRepository> MakeFakeCases(Repos& r);
std::unique_ptr<AuditRepository> MakeFakeAudit(Repos& r);
std::unique_ptr<ReportRepository> MakeFakeReports(Repos& r);
std::unique_ptr<ApiTokenRepository> MakeFakeApiTokens(Repos& r);
std::unique_ptr<SessionRepository> MakeFakeSessions(Repos& r);

// The repositories of one transaction, over its working copy of the tables. Built by
// FakeStore::Transact for one call of `work` and destroyed with it; the repository
// families (fake_store_orgs/items/requests/records.cpp) reach the tables and the checks
// below through it. The checks throw, as the SQL statement would fail, and remember the
// first failure in the TxContext so the transaction cannot commit after a caught throw.
class Repos final : public Repositories {
 public:
  Repos(Tables& t, TxContext& ctx)
      : orgs_(MakeFakeOrgs(*this)),
        users_(MakeFakeUsers(*this)),
        calendar_(MakeFakeCalendar(*this)),
        items_(MakeFakeItems(*this)),
        submissions_(MakeFakeSubmissions(*this)),
        requests_(MakeFakeRequests(*this)),
        cases_(MakeFakeCases(*this)),
        audit_(MakeFakeAudit(*this)),
        api_tokens_(MakeFakeApiTokens(*this)),
        reports_(MakeFakeReports(*this)),
        sessions_(MakeFakeSessions(*this)),
        t_(t),
        ctx_(ctx) {}

  OrgRepository& orgs() override { return *orgs_; }
  UserRepository& users() override { return *users_; }
  CalendarRepository& calendar() override { return *calendar_; }
  ItemRepository& items() override { return *items_; }
  SubmissionRepository& submissions() override { return *submissions_; }
  RequestRepository& requests() override { return *requests_; }
  CaseRepository& cases() override { return *cases_; }
  AuditRepository& audit() override { return *audit_; }
  ApiTokenRepository& api_tokens() override { return *api_tokens_; }
  ReportRepository& reports() override { return *reports_; }
  SessionRepository& sessions() override { return *sessions_; }

  // Rows per table, named as store/'s tables are (fake_store.cpp).
  Result<TableCounts> CountAll() override;

  // The transaction's working copy of the tables.
  Tables& t() { return t_; }

  // A failed constraint: poisons the transaction and throws, as the SQL statement would.
  [[noreturn]] void Violate(const std::string& what) {
    if (!ctx_.violation) ctx_.violation = what;
    throw ConstraintViolation(what);
  }
  // Checks a UNIQUE constraint on `column`.
  void Unique(bool ok, const char* column) {
    if (!ok) Violate(std::string("UNIQUE constraint failed: ") + column);
  }
  // Checks a FOREIGN KEY (the referenced row exists).
  void ForeignKey(bool ok) {
    if (!ok) Violate("FOREIGN KEY constraint failed");
  }
  // Checks a CHECK constraint; `expr` names it as the migration writes it.
  void Check(bool ok, const char* expr) {
    if (!ok) Violate(std::string("CHECK constraint failed: ") + expr);
  }
  // The org_id foreign key most tables have.
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
  // An item as store/ reads it back: dates checked, channels in store/'s order.
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
  // A request as store/ reads it back: its dates checked (throws CorruptRow).
  const Request& ReadRequest(const Request& r) {
    Read(r.submitted_on);
    Read(r.received_on);
    Read(r.due_on);
    Read(r.closed_on);
    return r;
  }

 private:
  // One per family, built by the Make… factories above; they refer back to *this.
  std::unique_ptr<OrgRepository> orgs_;
  std::unique_ptr<UserRepository> users_;
  std::unique_ptr<CalendarRepository> calendar_;
  std::unique_ptr<ItemRepository> items_;
  std::unique_ptr<SubmissionRepository> submissions_;
  std::unique_ptr<RequestRepository> requests_;
  std::unique_ptr<CaseRepository> cases_;
  std::unique_ptr<AuditRepository> audit_;
  std::unique_ptr<ApiTokenRepository> api_tokens_;
  std::unique_ptr<ReportRepository> reports_;
  std::unique_ptr<SessionRepository> sessions_;
  Tables& t_;
  TxContext& ctx_;
};

}  // namespace gongkai::core::fake_store_internal
