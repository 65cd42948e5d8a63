// The repository implementations over one SOCI session (internal to store/). Each method's
// contract is the interface's in core/store.hpp; this header only says where each one lives
// and which tables it touches.
//
// Every method runs inside the transaction SociStore::Transact opened, on the session the
// repository was built with; none of them begins, commits or rolls back. They report
// expected outcomes (not found, a duplicate code checked beforehand) as a core::Status and
// let everything else throw: a soci_error (constraint failure -> kAlreadyExists, lost
// connection -> kUnavailable, otherwise kInternal) or CorruptRow (a stored value that cannot
// be read back -> kDataLoss), which Transact maps and answers with a rollback.
//
// Not thread-safe: a repository belongs to one SociStore, i.e. one connection, and is used
// by the one thread running that store's transaction. Repositories hold no cache; they read
// what the transaction sees. SQL is written with bound parameters only (soci::use).
//
// Column conventions (both backends, see migrations/): ids bind as long long; dates are
// ISO text (YYYY-MM-DD, read back with ToDate, which rejects what Date::Parse rejects);
// instants are ISO UTC text; booleans are integers 0/1; enums are stored as their code
// strings and parsed back with Unwrap; NULL goes through NullableText / NullableId
// (sql_util.hpp). Rows read by more than one repository are decoded once, in sql_rows.hpp.
#pragma once

#include <soci/soci.h>

#include "core/store.hpp"
#include "store/db_url.hpp"
#include "store/soci_store.hpp"

namespace gongkai::store {

// orgs with their reading_points, org_year_facts, admin_stats, meetings
// (sql_org_repository.cpp).
class SqlOrgRepository : public core::OrgRepository {
 public:
  explicit SqlOrgRepository(soci::session& sql) : sql_(sql) {}
  core::Result<core::Id> Insert(const core::Org& org) override;
  core::Status Update(const core::Org& org) override;
  core::Result<core::Org> Get(core::Id id) override;
  core::Result<std::optional<core::Org>> FindByCode(std::string_view code) override;
  core::Result<std::vector<core::Org>> List() override;
  core::Status PutYearFacts(const core::OrgYearFacts& facts) override;
  core::Result<std::optional<core::OrgYearFacts>> GetYearFacts(core::Id org_id, int year) override;
  core::Status PutAdminStats(const core::AdminStats& stats) override;
  core::Result<std::optional<core::AdminStats>> GetAdminStats(core::Id org_id, int year) override;
  core::Result<core::Id> InsertMeeting(const core::Meeting& meeting) override;
  core::Result<std::vector<core::Meeting>> ListMeetings(core::Id org_id, int year) override;
  core::Status DeleteMeeting(core::Id id) override;

 private:
  // The orgs matching `where` (binding `param` when given), with their reading points.
  std::vector<core::Org> Select(const std::string& where, const std::optional<std::string>& param);
  // Replaces the reading points of org `id` with `org`'s.
  void SavePoints(const core::Org& org, core::Id id);
  soci::session& sql_;
};

// users and role_grants (sql_user_repository.cpp). Grants are revoked, never deleted, so
// the audit trail can name who held a role when.
class SqlUserRepository : public core::UserRepository {
 public:
  explicit SqlUserRepository(soci::session& sql) : sql_(sql) {}
  core::Result<core::Id> Insert(const core::User& user) override;
  core::Status Update(const core::User& user) override;
  core::Result<std::optional<core::User>> FindByUsername(std::string_view username) override;
  core::Result<std::vector<core::User>> List() override;
  core::Result<core::Id> InsertGrant(const core::RoleGrant& grant) override;
  core::Status RevokeGrant(core::Id grant_id, const std::string& at) override;
  core::Result<std::vector<core::RoleGrant>> ListGrants(core::Id user_id) override;

 private:
  // The users matching `where` (binding `param` when given).
  std::vector<core::User> Select(const std::string& where, const std::optional<std::string>& param);
  soci::session& sql_;
};

// holiday_years and holiday_days (sql_calendar_repository.cpp): PutYear replaces a
// year's days as a whole.
class SqlCalendarRepository : public core::CalendarRepository {
 public:
  explicit SqlCalendarRepository(soci::session& sql) : sql_(sql) {}
  core::Status PutYear(const core::HolidayYear& year) override;
  core::Result<std::vector<core::HolidayYear>> ListYears() override;

 private:
  soci::session& sql_;
};

// items with their item_channels, and responses (sql_item_repository.cpp); the catalog side
// (events, attachments, categories, index serials, ItemQuery) in sql_item_catalog_repository.cpp
// and the 文号/title suggestions in sql_item_suggest.cpp. The backend decides how bulk
// inserts reserve ids (InsertMany resynchronises the PostgreSQL sequence).
class SqlItemRepository : public core::ItemRepository {
 public:
  SqlItemRepository(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  // Run after storing an item as published, in the same transaction (see SociStore).
  void SetPublishHook(SociStore::PublishHook hook) { publish_hook_ = std::move(hook); }
  core::Result<core::Id> Insert(const core::Item& item) override;
  core::Status InsertMany(std::vector<core::Item>& items) override;
  // In sql_item_batches.cpp (bulk import):
  core::Status InsertBatch(std::vector<core::Item>& items) override;
  core::Result<std::vector<std::string>> TakenIndexNos(
      const std::vector<std::string>& index_nos) override;
  core::Status SaveExposureScans(const std::vector<core::ExposureScan>& scans) override;
  core::Status AppendEvents(const std::vector<core::ItemEvent>& events) override;
  core::Status Update(const core::Item& item) override;
  core::Result<core::Item> Get(core::Id id) override;
  core::Result<std::optional<core::Item>> FindByIndexNo(std::string_view index_no) override;
  core::Result<std::vector<core::Item>> ListByOrg(core::Id org_id, int limit) override;
  core::Result<int64_t> Count() override;
  core::Result<core::Id> InsertResponse(const core::Response& response) override;
  core::Result<std::vector<core::Response>> ListResponses(core::Id org_id, int year) override;
  core::Result<std::vector<core::Response>> ListResponsesFor(core::Id item_id) override;
  // In sql_item_suggest.cpp:
  core::Result<std::vector<core::Item>> FindPublished(std::string_view doc_no,
                                                      const std::vector<std::string>& title_phrases,
                                                      int limit) override;
  // In sql_item_catalog_repository.cpp:
  core::Result<int> MaxIndexSerial(std::string_view org_code, int year) override;
  core::Result<std::vector<core::Item>> Find(const core::ItemQuery& query) override;
  // In sql_back_office_lists.cpp:
  core::Result<core::ItemPage> Search(const core::ItemSearch& search) override;
  core::Result<std::vector<core::CategoryStat>> CategoryStats(const std::vector<core::Id>& org_ids,
                                                              core::Date since,
                                                              core::Date until) override;
  // In sql_item_pii_scans.cpp:
  core::Status SaveExposureScan(core::Id item_id, int unmasked, int masked) override;
  core::Result<core::ExposedItemsPage> PublishedWithPersonalData(
      const std::vector<core::Id>& org_ids, int limit) override;
  core::Result<core::Id> AppendEvent(const core::ItemEvent& event) override;
  core::Result<std::vector<core::ItemEvent>> ListEvents(core::Id item_id) override;
  core::Result<core::Id> AddAttachment(const core::ItemAttachment& attachment) override;
  core::Result<std::vector<core::ItemAttachment>> ListAttachments(core::Id item_id) override;
  core::Status RemoveAttachment(core::Id item_id, core::Id attachment_id) override;
  core::Result<core::Id> InsertCategory(const core::CatalogCategory& category) override;
  core::Result<std::vector<core::CatalogCategory>> ListCategories(core::Id org_id) override;

 private:
  // The items selected by `where_order_limit` (binding `param`), with their channels.
  std::vector<core::Item> Select(const std::string& where_order_limit, const std::string& param);
  // `tail` binds `params` in order; without the body, body_md comes back empty.
  std::vector<core::Item> Select(const std::string& tail, const std::vector<std::string>& params,
                                 bool with_body);
  // Replaces the item_channels rows of each of `items` (their ids must be set).
  void SaveChannels(const std::vector<core::Item>& items);
  // Runs the publish hook for `item` when it is stored as published.
  core::Status AfterStore(const core::Item& item);
  soci::session& sql_;  // the owning SociStore's session, in its open transaction
  Backend backend_;     // the SQL dialect: id reservation, upserts, locking
  SociStore::PublishHook publish_hook_;
};

// submissions: items sent to a superior org's portal and its decision
// (sql_item_catalog_repository.cpp).
class SqlSubmissionRepository : public core::SubmissionRepository {
 public:
  explicit SqlSubmissionRepository(soci::session& sql) : sql_(sql) {}
  core::Result<core::Id> Insert(const core::Submission& submission) override;
  core::Status Update(const core::Submission& submission) override;
  core::Result<core::Submission> Get(core::Id id) override;
  core::Result<std::vector<core::Submission>> List(core::Id org_id, bool to, int year) override;

 private:
  // The submissions matching `where`, binding `params` in order.
  std::vector<core::Submission> Select(const std::string& where,
                                       const std::vector<std::string>& params);
  soci::session& sql_;
};

// requests, their append-only request_events (seq per request) and request_fees
// (sql_request_repository.cpp). Applicants' personal data arrives sealed (app/) and is
// stored as the opaque blob it is.
class SqlRequestRepository : public core::RequestRepository {
 public:
  explicit SqlRequestRepository(soci::session& sql) : sql_(sql) {}
  core::Result<core::Id> Insert(const core::Request& request) override;
  core::Status Update(const core::Request& request) override;
  core::Result<core::Request> Get(core::Id id) override;
  core::Result<std::vector<core::Request>> ListByOrgYear(core::Id org_id, int year) override;
  core::Result<int> MaxSerial(core::Id org_id, int year) override;
  core::Result<int64_t> Count() override;
  core::Result<core::Id> AppendEvent(const core::RequestEvent& event) override;
  core::Result<std::vector<core::RequestEvent>> ListEvents(core::Id request_id) override;
  // Every request not closed, over all orgs, in core's order (due_on, then id): what a
  // calendar change replays. One statement; events are read per request by ListEvents.
  core::Result<std::vector<core::Request>> ListOpen() override;
  // In sql_back_office_lists.cpp:
  core::Result<core::RequestQueuePage> FindQueue(const core::RequestQueueQuery& query) override;
  core::Status PutFee(const core::RequestFee& fee) override;
  core::Result<std::optional<core::RequestFee>> GetFee(core::Id request_id) override;
  core::Result<std::vector<core::RequestFee>> ListFees(core::Id org_id, int year) override;
  core::Result<core::Id> InsertLetter(const core::RequestLetter& letter) override;
  core::Result<std::vector<core::RequestLetter>> ListLetters(core::Id request_id) override;

 private:
  // `where` binds `params` in order (ids as decimal text).
  std::vector<core::Request> Select(const std::string& where,
                                    const std::vector<std::string>& params);
  soci::session& sql_;
};

// consultations, complaints and legal_cases (sql_case_repository.cpp); legal_cases rows are
// decoded by LegalCaseRow (sql_rows.hpp), shared with the report inputs.
class SqlCaseRepository : public core::CaseRepository {
 public:
  SqlCaseRepository(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  core::Status InsertConsultations(std::vector<core::Consultation>& rows) override;
  core::Result<std::vector<core::Consultation>> ListConsultations(core::Id org_id,
                                                                  int year) override;
  core::Status InsertComplaints(std::vector<core::Complaint>& rows) override;
  core::Result<std::vector<core::Complaint>> ListComplaints(core::Id org_id, int year) override;
  core::Result<core::Complaint> GetComplaint(core::Id id) override;
  core::Status SetComplaintReplied(core::Id id, std::optional<core::Date> replied_on) override;
  core::Result<core::Id> InsertLegalCase(const core::LegalCase& c) override;
  core::Status UpdateLegalCase(const core::LegalCase& c) override;
  core::Result<std::vector<core::LegalCase>> ListLegalCases(core::Id org_id, int year) override;
  core::Result<core::LegalCase> GetLegalCase(core::Id id) override;

 private:
  soci::session& sql_;  // the owning SociStore's session, in its open transaction
  Backend backend_;     // the SQL dialect: id reservation, upserts, locking
};

// api_tokens (sql_api_token_repository.cpp): only the SHA-256 of a secret is stored
// (store/sha256.hpp), so FindByHash is the only lookup by secret.
class SqlApiTokenRepository : public core::ApiTokenRepository {
 public:
  explicit SqlApiTokenRepository(soci::session& sql) : sql_(sql) {}
  core::Result<core::Id> Insert(const core::ApiToken& token) override;
  core::Result<core::ApiToken> Get(core::Id id) override;
  core::Result<std::optional<core::ApiToken>> FindByHash(std::string_view token_hash) override;
  core::Result<std::vector<core::ApiToken>> List() override;
  core::Status Revoke(core::Id id, const std::string& at) override;
  core::Status MarkUsed(core::Id id, const std::string& at) override;

 private:
  // The tokens matching `where` (binding `param` when given); hashes only, never secrets.
  std::vector<core::ApiToken> Select(const std::string& where,
                                     const std::optional<std::string>& param);
  soci::session& sql_;
};

// audit_events, a hash chain (each event's hash covers the previous one), and the
// audit_head row that makes deleting the newest events detectable
// (sql_audit_repository.cpp). Append serialises on the head row.
class SqlAuditRepository : public core::AuditRepository {
 public:
  SqlAuditRepository(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  core::Result<core::AuditEvent> Append(core::AuditEvent event) override;
  // In sql_item_batches.cpp: one head read, one prepared insert, one head update.
  core::Status AppendMany(std::vector<core::AuditEvent>& events) override;
  core::Result<std::vector<core::AuditEvent>> ListFor(std::string_view entity,
                                                      std::string_view entity_id) override;
  core::Result<std::optional<core::Id>> Verify() override;
  core::Result<int64_t> Count() override;

 private:
  soci::session& sql_;  // the owning SociStore's session, in its open transaction
  Backend backend_;     // the SQL dialect: id reservation, upserts, locking
};

// The annual report's reads over a subtree of orgs (a temporary report_orgs table joined
// by every query), report_narratives and the published report_snapshots
// (sql_report_repository.cpp).
class SqlReportRepository : public core::ReportRepository {
 public:
  SqlReportRepository(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  // Fills the temporary report_orgs table with `org_ids` (a temp table is per connection,
  // so concurrent stores do not see each other's), then reads every input with joins on it:
  // one statement per table whatever the subtree's size, instead of one per org.
  core::Result<core::ReportInputs> LoadInputs(const std::vector<core::Id>& org_ids, int year,
                                              bool count_items) override;
  core::Status PutNarrative(const core::ReportNarrative& narrative) override;
  core::Result<std::vector<core::ReportNarrative>> ListNarratives(core::Id org_id,
                                                                  int year) override;
  core::Result<core::Id> InsertSnapshot(const core::ReportSnapshot& snapshot) override;
  core::Result<std::vector<core::ReportSnapshot>> ListSnapshots(core::Id org_id, int year,
                                                                bool subtree) override;

 private:
  soci::session& sql_;  // the owning SociStore's session, in its open transaction
  Backend backend_;     // the SQL dialect: id reservation, upserts, locking
};

// sessions (by token hash) and login_failures (sql_session_repository.cpp).
class SqlSessionRepository : public core::SessionRepository {
 public:
  explicit SqlSessionRepository(soci::session& sql) : sql_(sql) {}
  core::Status Insert(const core::Session& session) override;
  core::Result<std::optional<core::Session>> Find(std::string_view token_hash) override;
  core::Status Touch(std::string_view token_hash, const std::string& last_seen_at) override;
  core::Status Delete(std::string_view token_hash) override;
  core::Result<int> DeleteForUser(core::Id user_id) override;
  core::Result<int> DeleteExpired(const std::string& now) override;
  core::Result<std::optional<core::LoginFailures>> GetFailures(std::string_view key) override;
  core::Status PutFailures(const core::LoginFailures& failures) override;
  core::Status ClearFailures(std::string_view key) override;

 private:
  soci::session& sql_;
};

// Reserves `count` consecutive ids in `table` for a bulk insert and returns the first.
// Requires the caller's transaction to hold the table's write lock (taken here on
// PostgreSQL; SQLite's BEGIN IMMEDIATE holds the database's).
long long ReserveIds(soci::session& sql, Backend backend, const std::string& table, size_t count);

// Moves the PostgreSQL identity sequence of `table` past its largest id after explicit ids
// were inserted. No-op on SQLite.
void SyncIdentity(soci::session& sql, Backend backend, const std::string& table);

// The range of ISO dates of one calendar year, for `col >= :from AND col <= :to`.
inline std::string YearStart(int year) { return std::to_string(year) + "-01-01"; }
inline std::string YearEnd(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace gongkai::store
