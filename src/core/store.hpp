// The persistence contract: repository interfaces the core declares and store/ implements
// (SOCI over SQLite or PostgreSQL) alongside the in-memory fake (core/fake_store.hpp).
//
// All access happens inside Store::Transact, so every operation is one transaction:
// either everything it wrote is committed or nothing is. Repository methods report
// failures as Status values; a database that cannot be reached is kUnavailable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/calendar.hpp"
#include "core/cases.hpp"
#include "core/item.hpp"
#include "core/org.hpp"
#include "core/report_inputs.hpp"
#include "core/report_snapshot.hpp"
#include "core/request.hpp"
#include "core/request_fee.hpp"
#include "core/user.hpp"

namespace gongkai::core {

// A bearer token for the JSON API (api_tokens). It acts as its user, with the user's
// grants; only a hash of the secret is stored.
struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string username;    // read back with the token (users.username); ignored on insert
  std::string name;        // the operator's label, e.g. "OA 系统"
  std::string token_hash;  // hex SHA-256 of the secret
  std::string created_at;  // UTC ISO 8601
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> expires_at;  // UTC ISO 8601; refused from then on
  bool read_only = false;                 // GET routes only
  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  // Inserts `org` (its id is ignored) with its reading points; returns the new id.
  // kAlreadyExists when the code is taken.
  virtual Result<Id> Insert(const Org& org) = 0;
  // Replaces every field and the reading points of the org with org.id. kNotFound.
  virtual Status Update(const Org& org) = 0;
  virtual Result<Org> Get(Id id) = 0;  // kNotFound
  virtual Result<std::optional<Org>> FindByCode(std::string_view code) = 0;
  // Every org, ordered by sort_order then id.
  virtual Result<std::vector<Org>> List() = 0;

  // Year facts are one row per (org, year): Put replaces.
  virtual Status PutYearFacts(const OrgYearFacts& facts) = 0;
  virtual Result<std::optional<OrgYearFacts>> GetYearFacts(Id org_id, int year) = 0;
  virtual Status PutAdminStats(const AdminStats& stats) = 0;
  virtual Result<std::optional<AdminStats>> GetAdminStats(Id org_id, int year) = 0;
  virtual Result<Id> InsertMeeting(const Meeting& meeting) = 0;
  // Meetings and trainings held in `year` by the org.
  virtual Result<std::vector<Meeting>> ListMeetings(Id org_id, int year) = 0;
  virtual Status DeleteMeeting(Id id) = 0;  // kNotFound
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<Id> Insert(const User& user) = 0;  // kAlreadyExists for a taken username
  virtual Status Update(const User& user) = 0;      // kNotFound
  virtual Result<std::optional<User>> FindByUsername(std::string_view username) = 0;
  virtual Result<std::vector<User>> List() = 0;  // by username
  virtual Result<Id> InsertGrant(const RoleGrant& grant) = 0;
  virtual Status RevokeGrant(Id grant_id, const std::string& at) = 0;
  // Grants of the user, revoked ones included, oldest first.
  virtual Result<std::vector<RoleGrant>> ListGrants(Id user_id) = 0;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // Stores a notice year, replacing the same year if present.
  virtual Status PutYear(const HolidayYear& year) = 0;
  virtual Result<std::vector<HolidayYear>> ListYears() = 0;  // by year
};

// One page of the back office's items list: every filter given must hold; newest first by
// id. Rows come without body and channels (a list, not the records).
struct ItemSearch {
  std::vector<Id> org_ids;  // empty: every org
  // A substring of the title, the 索引号 or the 文号 (empty: any); matched literally.
  std::string text;
  std::string category;              // exact 栏目 path (empty: any)
  std::optional<int> formed_year;    // items.formed_on in that year
  std::vector<ItemState> states;     // empty: every state
  std::optional<Validity> validity;  // empty: any
  // items.published_on within [from, to] (inclusive; either may be open).
  std::optional<Date> published_from, published_to;
  int limit = 50;  // rows per page (>= 1)
  int offset = 0;
};

// Per body and exact 栏目 path: the published (state published) items — how many, how many
// published within [since, until], and the latest publication date. What the column audit
// needs, aggregated in SQL instead of loading every item.
struct CategoryStat {
  Id org_id = 0;
  std::string category;
  int64_t total = 0;
  int64_t since_count = 0;
  Date last_published;
  friend bool operator==(const CategoryStat&, const CategoryStat&) = default;
};

struct ItemPage {
  std::vector<Item> items;
  int64_t total = 0;  // rows matching the filters, over every page
};

// A published item whose stored personal-data scan found unmasked values.
struct ExposedItem {
  Id id = 0;
  Id org_id = 0;
  std::string title;
  std::string index_no;
  int unmasked = 0;  // unmasked findings at the last scan
};
struct ExposedItemsPage {
  int64_t total = 0;  // all such items in the scope
  std::vector<ExposedItem> items;
};
// The stored result of one item's personal-data scan (counts only, never the values).
struct ExposureScan {
  Id item_id = 0;
  int unmasked = 0;
  int masked = 0;
};

class ItemRepository {
 public:
  virtual ~ItemRepository() = default;
  virtual Result<Id> Insert(const Item& item) = 0;  // with channels; kAlreadyExists (索引号)
  // Inserts many items in one statement per table; sets each item's id.
  virtual Status InsertMany(std::vector<Item>& items) = 0;
  // InsertMany, then what Insert does after storing one item (the store's publish hook for
  // each item stored as published): the batched path of core/item_bulk_import.hpp. The
  // caller has checked that the 索引号 are free; the unique index guards them anyway.
  virtual Status InsertBatch(std::vector<Item>& items) = 0;
  // Which of `index_nos` are stored (withdrawn items included), in no promised order.
  virtual Result<std::vector<std::string>> TakenIndexNos(
      const std::vector<std::string>& index_nos) = 0;
  virtual Status Update(const Item& item) = 0;  // replaces fields and channels; kNotFound
  virtual Result<Item> Get(Id id) = 0;          // kNotFound
  virtual Result<std::optional<Item>> FindByIndexNo(std::string_view index_no) = 0;
  // Items of the org, newest first by id, at most `limit`.
  virtual Result<std::vector<Item>> ListByOrg(Id org_id, int limit) = 0;
  virtual Result<int64_t> Count() = 0;
  // Published items (state published) whose 文号 equals `doc_no` (when not empty) or whose
  // title contains one of `title_phrases` as an exact substring (case-sensitive), newest
  // first by id, at most `limit`. A plain scan until the search index lands.
  virtual Result<std::vector<Item>> FindPublished(std::string_view doc_no,
                                                  const std::vector<std::string>& title_phrases,
                                                  int limit) = 0;

  virtual Result<Id> InsertResponse(const Response& response) = 0;
  virtual Result<std::vector<Response>> ListResponses(Id org_id, int year) = 0;
  // The responses interpreting item `item_id` (政策解读 linked to it), by date.
  virtual Result<std::vector<Response>> ListResponsesFor(Id item_id) = 0;

  // The largest serial of any 索引号 "{org_code}/{year}-NNNNN" ever stored, withdrawn
  // items included (0 when none), so that serials are never reused.
  virtual Result<int> MaxIndexSerial(std::string_view org_code, int year) = 0;
  // Items matching `query`, by id ascending, with their channels.
  virtual Result<std::vector<Item>> Find(const ItemQuery& query) = 0;
  // One page of the items matching `search` and how many match in all (SQL paging).
  virtual Result<ItemPage> Search(const ItemSearch& search) = 0;
  // The published items of `org_ids` that have a published_on, grouped by (org, category)
  // (in no promised order); since_count counts those published within [since, until].
  virtual Result<std::vector<CategoryStat>> CategoryStats(const std::vector<Id>& org_ids,
                                                          Date since, Date until) = 0;
  // The stored result of the item's last personal-data scan (issue 20; counts only, never
  // the values): replaces the previous one. Written when an item is published, masked or
  // imported and by `gongkai audit personal-data`.
  virtual Status SaveExposureScan(Id item_id, int unmasked, int masked) = 0;
  // SaveExposureScan for many items, with one prepared statement.
  virtual Status SaveExposureScans(const std::vector<ExposureScan>& scans) = 0;
  // The published items of `org_ids` whose stored scan has unmasked findings: how many,
  // and the `limit` most recent (by id, descending) for the dashboard to link to.
  virtual Result<ExposedItemsPage> PublishedWithPersonalData(const std::vector<Id>& org_ids,
                                                             int limit) = 0;
  // Appends an event with the next seq (the event's seq is ignored); returns its id.
  virtual Result<Id> AppendEvent(const ItemEvent& event) = 0;
  // AppendEvent for many events, in order (several may be of one item: seqs follow on).
  virtual Status AppendEvents(const std::vector<ItemEvent>& events) = 0;
  virtual Result<std::vector<ItemEvent>> ListEvents(Id item_id) = 0;  // by seq
  // Appends an attachment at the next position (its position is ignored).
  virtual Result<Id> AddAttachment(const ItemAttachment& attachment) = 0;
  virtual Result<std::vector<ItemAttachment>> ListAttachments(Id item_id) = 0;  // by position
  // Removes attachment `attachment_id` of item `item_id`; the others keep their positions.
  // kNotFound when the item has no such attachment.
  virtual Status RemoveAttachment(Id item_id, Id attachment_id) = 0;
  // Inserts a catalog column; kAlreadyExists when the org has that path.
  virtual Result<Id> InsertCategory(const CatalogCategory& category) = 0;
  // The org's stored columns by sort_order, then path (empty: it uses the default catalog).
  virtual Result<std::vector<CatalogCategory>> ListCategories(Id org_id) = 0;
};

class SubmissionRepository {
 public:
  virtual ~SubmissionRepository() = default;
  // kAlreadyExists when the item was already submitted to that org.
  virtual Result<Id> Insert(const Submission& submission) = 0;
  virtual Status Update(const Submission& submission) = 0;  // decision fields; kNotFound
  virtual Result<Submission> Get(Id id) = 0;                // kNotFound
  // Submissions sent to (`to` true) or from the org, submitted in `year`, by date then id.
  virtual Result<std::vector<Submission>> List(Id org_id, bool to, int year) = 0;
};

// One page of the requests queue across bodies and years: open requests (received,
// correction_requested, in_progress) first by due date — so overdue and due-soon ones lead —
// those without a due date after them, then closed requests newest received first.
struct RequestQueueQuery {
  std::vector<Id> org_ids;           // empty: every org
  std::vector<RequestState> states;  // empty: every state
  int limit = 50;                    // rows per page (>= 1)
  int offset = 0;
};

struct RequestQueuePage {
  std::vector<Request> requests;
  int64_t total = 0;  // rows matching the filters, over every page
};

class RequestRepository {
 public:
  virtual ~RequestRepository() = default;
  // kAlreadyExists when (org, year, serial) is taken.
  virtual Result<Id> Insert(const Request& request) = 0;
  virtual Status Update(const Request& request) = 0;  // kNotFound
  virtual Result<Request> Get(Id id) = 0;             // kNotFound
  // Requests of the org received in `year`, by received date then id.
  virtual Result<std::vector<Request>> ListByOrgYear(Id org_id, int year) = 0;
  // The largest serial used by the org in `year` (0 when none).
  virtual Result<int> MaxSerial(Id org_id, int year) = 0;
  virtual Result<int64_t> Count() = 0;
  // Appends an event with the next seq; returns its id.
  virtual Result<Id> AppendEvent(const RequestEvent& event) = 0;
  virtual Result<std::vector<RequestEvent>> ListEvents(Id request_id) = 0;  // by seq
  // Every request not closed (received, correction_requested, in_progress), of all orgs,
  // by due_on (those without one last) then id.
  virtual Result<std::vector<Request>> ListOpen() = 0;
  // One page of the queue (see RequestQueueQuery) and the number of matching requests.
  virtual Result<RequestQueuePage> FindQueue(const RequestQueueQuery& query) = 0;
  // Stores the fee of fee.request_id, replacing the one stored. FOREIGN KEY failure for
  // an unknown request.
  virtual Status PutFee(const RequestFee& fee) = 0;
  virtual Result<std::optional<RequestFee>> GetFee(Id request_id) = 0;
  // Fees of the org's requests notified in `year`, by notified_on then request id.
  virtual Result<std::vector<RequestFee>> ListFees(Id org_id, int year) = 0;
  // Stores an issued letter (its id is ignored); returns the new id. FOREIGN KEY failure
  // for an unknown request. Issued letters are never changed or deleted.
  virtual Result<Id> InsertLetter(const RequestLetter& letter) = 0;
  // The letters issued for the request, oldest first (by id).
  virtual Result<std::vector<RequestLetter>> ListLetters(Id request_id) = 0;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Status InsertConsultations(std::vector<Consultation>& rows) = 0;  // sets ids
  virtual Result<std::vector<Consultation>> ListConsultations(Id org_id, int year) = 0;
  virtual Status InsertComplaints(std::vector<Complaint>& rows) = 0;  // sets ids
  virtual Result<std::vector<Complaint>> ListComplaints(Id org_id, int year) = 0;
  virtual Result<Complaint> GetComplaint(Id id) = 0;  // kNotFound
  // Sets (or clears) the complaint's reply date. kNotFound.
  virtual Status SetComplaintReplied(Id id, std::optional<Date> replied_on) = 0;
  virtual Result<Id> InsertLegalCase(const LegalCase& legal_case) = 0;
  virtual Status UpdateLegalCase(const LegalCase& legal_case) = 0;  // kNotFound
  virtual Result<LegalCase> GetLegalCase(Id id) = 0;                // kNotFound
  virtual Result<std::vector<LegalCase>> ListLegalCases(Id org_id, int year) = 0;
};

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  // Inserts `token` (its id, username, last_used_at and revoked_at are ignored; expires_at
  // and read_only are stored); returns the
  // new id. kAlreadyExists for a taken hash; FOREIGN KEY failure for an unknown user.
  virtual Result<Id> Insert(const ApiToken& token) = 0;
  virtual Result<ApiToken> Get(Id id) = 0;  // kNotFound
  // The token (revoked or not) whose hash is `token_hash`, with its username.
  virtual Result<std::optional<ApiToken>> FindByHash(std::string_view token_hash) = 0;
  // Every token (revoked ones included) by id, with usernames.
  virtual Result<std::vector<ApiToken>> List() = 0;
  // Sets revoked_at; kNotFound for an unknown or already revoked token.
  virtual Status Revoke(Id id, const std::string& at) = 0;
  virtual Status MarkUsed(Id id, const std::string& at) = 0;  // kNotFound
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends `event` at the end of the chain: fills id, prev_hash and hash. Appends are
  // serialised across connections so the chain stays linear.
  virtual Result<AuditEvent> Append(AuditEvent event) = 0;
  // Appends `events` in order, as many Appends would (the same chain, byte for byte),
  // filling each one's id, prev_hash and hash. The default calls Append for each; stores
  // override it with one read of the head, prepared statements and one head update.
  virtual Status AppendMany(std::vector<AuditEvent>& events);
  // Events about one record, oldest first.
  virtual Result<std::vector<AuditEvent>> ListFor(std::string_view entity,
                                                  std::string_view entity_id) = 0;
  // Walks the whole chain. Returns the id of the first event whose hash or link does not
  // verify (an edited or deleted row), or nullopt when the chain is intact.
  virtual Result<std::optional<Id>> Verify() = 0;
  virtual Result<int64_t> Count() = 0;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Loads what an annual report for `year` counts, over the bodies `org_ids` (one body, or
  // a body and its subtree): see core/report_inputs.hpp for what each field holds. The
  // published-item and per-channel counts (legacy table only) are loaded when
  // `count_items`, and left 0 otherwise: at province scale they are the costliest part.
  virtual Result<ReportInputs> LoadInputs(const std::vector<Id>& org_ids, int year,
                                          bool count_items) = 0;

  // Narrative sections: Put replaces the (org, year, section) text.
  virtual Status PutNarrative(const ReportNarrative& narrative) = 0;
  virtual Result<std::vector<ReportNarrative>> ListNarratives(Id org_id,
                                                              int year) = 0;  // by section
  // Published versions. Insert returns the id; (org, year, subtree, version) is unique
  // (kAlreadyExists).
  virtual Result<Id> InsertSnapshot(const ReportSnapshot& snapshot) = 0;
  // Versions of the org's report for the year and scope, oldest first.
  virtual Result<std::vector<ReportSnapshot>> ListSnapshots(Id org_id, int year, bool subtree) = 0;
};

// A signed-in back-office session. Only a hash of the token is stored, so a leaked table
// does not hand out sessions. Times are UTC ISO 8601 (lexical order is time order).
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string username;  // read back by Find (joined from users); ignored by Insert
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;  // absolute expiry; idle expiry is last_seen_at + the idle limit
};

// Failed sign-in attempts under one key (a hash of a username or a client address), kept
// in the database so that every server behind a load balancer sees the same count.
struct LoginFailures {
  std::string key;
  int failures = 0;
  std::string first_failed_at;
  std::optional<std::string> locked_until;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const Session& session) = 0;  // kAlreadyExists for a taken hash
  virtual Result<std::optional<Session>> Find(std::string_view token_hash) = 0;
  virtual Status Touch(std::string_view token_hash, const std::string& last_seen_at) = 0;
  virtual Status Delete(std::string_view token_hash) = 0;  // no-op when absent
  virtual Result<int> DeleteForUser(Id user_id) = 0;       // how many were deleted
  // Deletes sessions whose expires_at is before `now`.
  virtual Result<int> DeleteExpired(const std::string& now) = 0;
  virtual Result<std::optional<LoginFailures>> GetFailures(std::string_view key) = 0;
  virtual Status PutFailures(const LoginFailures& failures) = 0;  // replaces
  virtual Status ClearFailures(std::string_view key) = 0;
};

// Record counts per table, for summaries and tests.
struct TableCounts {
  std::vector<std::pair<std::string, int64_t>> rows;  // (table, count)
};

class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual OrgRepository& orgs() = 0;
  virtual UserRepository& users() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual ItemRepository& items() = 0;
  virtual SubmissionRepository& submissions() = 0;
  virtual RequestRepository& requests() = 0;
  virtual CaseRepository& cases() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual ReportRepository& reports() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual Result<TableCounts> CountAll() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one transaction: commits when it returns OK, rolls back when it
  // returns an error or throws. Database failures become Status values (kUnavailable for
  // a lost or busy database, kAlreadyExists for a violated constraint, kDataLoss for a
  // stored row that cannot be read back, kInternal otherwise).
  //
  // Thread-safety: one Store is one connection and is not thread-safe; use one per thread
  // (the server's web::StorePool lends one to each request). FakeStore alone may be shared
  // between threads: its transactions are serialised.
  //
  // Nesting: transactions do not nest. `work` must not call Transact on the same store
  // (nor keep the Repositories& beyond its return); to compose operations, pass the
  // Repositories& down to the services instead. FakeStore and SQLite refuse a nested call
  // with kUnavailable; PostgreSQL would take the inner BEGIN as a no-op and its COMMIT
  // would end the outer transaction early, so the rule is the contract, not a detail.
  //
  // Locking: on SQLite every transaction is BEGIN IMMEDIATE (it takes the write lock at
  // once, so two writers never deadlock on an upgrade); public pages therefore read
  // published items through core::PublicReads (core/read_port.hpp), outside Transact.
  virtual Status Transact(const std::function<Status(Repositories&)>& work) = 0;
};

}  // namespace gongkai::core
