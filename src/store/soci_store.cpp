#include "store/soci_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sodium.h>

#include <filesystem>

#include "store/internal/sql_util.hpp"
#include "store/migrations.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

class SociStore::Repos : public core::Repositories {
 public:
  Repos(soci::session& sql, Backend backend)
      : sql_(sql),
        orgs_(sql),
        users_(sql),
        calendar_(sql),
        items_(sql, backend),
        submissions_(sql),
        requests_(sql),
        cases_(sql, backend),
        audit_(sql, backend),
        api_tokens_(sql),
        reports_(sql, backend),
        sessions_(sql) {}
  void SetPublishHook(PublishHook hook) { items_.SetPublishHook(std::move(hook)); }
  core::OrgRepository& orgs() override { return orgs_; }
  core::UserRepository& users() override { return users_; }
  core::CalendarRepository& calendar() override { return calendar_; }
  core::ItemRepository& items() override { return items_; }
  core::SubmissionRepository& submissions() override { return submissions_; }
  core::RequestRepository& requests() override { return requests_; }
  core::CaseRepository& cases() override { return cases_; }
  core::AuditRepository& audit() override { return audit_; }
  core::ApiTokenRepository& api_tokens() override { return api_tokens_; }
  core::ReportRepository& reports() override { return reports_; }
  core::SessionRepository& sessions() override { return sessions_; }

  core::Result<core::TableCounts> CountAll() override {
    core::TableCounts counts;
    for (const char* table :
         {"orgs", "reading_points", "org_year_facts", "admin_stats", "meetings", "users",
          "role_grants", "holiday_years", "items", "item_channels", "responses", "requests",
          "request_events", "consultations", "complaints", "legal_cases", "audit_events"}) {
      long long n = 0;
      sql_ << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
      counts.rows.emplace_back(table, n);
    }
    return counts;
  }

 private:
  soci::session& sql_;
  SqlOrgRepository orgs_;
  SqlUserRepository users_;
  SqlCalendarRepository calendar_;
  SqlItemRepository items_;
  SqlSubmissionRepository submissions_;
  SqlRequestRepository requests_;
  SqlCaseRepository cases_;
  SqlAuditRepository audit_;
  SqlApiTokenRepository api_tokens_;
  SqlReportRepository reports_;
  SqlSessionRepository sessions_;
};

SociStore::SociStore(std::unique_ptr<soci::session> sql, Backend backend)
    : sql_(std::move(sql)), backend_(backend), repos_(std::make_unique<Repos>(*sql_, backend)) {}

void SociStore::SetPublishHook(PublishHook hook) { repos_->SetPublishHook(std::move(hook)); }

std::optional<long long> SociStore::SwapSqliteCacheSize(long long cache_size) {
  if (backend_ != Backend::kSqlite) return std::nullopt;
  try {
    long long previous = 0;
    *sql_ << "PRAGMA cache_size", soci::into(previous);
    *sql_ << "PRAGMA cache_size = " + std::to_string(cache_size);
    return previous;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

SociStore::~SociStore() {
  statements_.reset();  // finalized on the connection before it closes
}

StatementCache& SociStore::statements() {
  if (statements_ && statements_generation_ != generation_) {
    statements_->Forget();
    statements_.reset();
  }
  if (!statements_) {
    statements_ = MakeStatementCache(*sql_, backend_);
    statements_generation_ = generation_;
  }
  return *statements_;
}

std::unique_ptr<StatementCache> MakeStatementCache(soci::session& sql, Backend backend) {
  // After a failed reconnect SOCI leaves the session without a backend.
  if (sql.get_backend() == nullptr) throw soci::soci_error("数据库连接中断");
  if (backend == Backend::kSqlite) {
    auto* lite = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    return MakeSqliteStatementCache(static_cast<void*>(lite->conn_));
  }
  auto* pg = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return MakePostgresStatementCache(static_cast<void*>(pg->conn_));
}

namespace {

// SOCI's messages carry the statement; keep only the first line for people.
std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string QuoteSqliteConnectValue(const std::string& path) {
  std::string out = "\"";
  for (char c : path) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

core::Result<std::unique_ptr<SociStore>> SociStore::Open(std::string_view url,
                                                         SchemaPolicy policy) {
  if (sodium_init() < 0) return core::Internal("libsodium 初始化失败");
  GONGKAI_ASSIGN_OR_RETURN(DbUrl parsed, ParseDbUrl(url));
  if (parsed.backend == Backend::kSqlite && policy == SchemaPolicy::kRequireCurrent &&
      parsed.target != ":memory:" && !std::filesystem::exists(parsed.target)) {
    // Opening would create an empty file; only init and migrate may do that.
    return core::FailedPrecondition("数据库文件不存在: " + parsed.target +
                                    "（请先运行 gongkai init）");
  }
  auto sql = std::make_unique<soci::session>();
  std::unique_ptr<SociStore> store;
  try {
    if (parsed.backend == Backend::kSqlite) {
      sql->open(soci::sqlite3, "db=" + QuoteSqliteConnectValue(parsed.target) + " timeout=10");
    } else {
      sql->open(soci::postgresql, parsed.target);
    }
    store.reset(new SociStore(std::move(sql), parsed.backend));
    store->redacted_url_ = parsed.redacted;
    store->ConfigureSession();
  } catch (const std::exception& e) {
    return core::Unavailable("无法打开数据库 " + parsed.redacted + ": " + FirstLine(e.what()));
  }
  try {
    GONGKAI_RETURN_IF_ERROR(CheckSchemaNotNewer(*store->sql_, parsed.backend));
    if (policy == SchemaPolicy::kMigrate) {
      GONGKAI_ASSIGN_OR_RETURN(store->applied_, Migrate(*store->sql_, parsed.backend));
    }
    GONGKAI_ASSIGN_OR_RETURN(store->schema_version_,
                             CurrentSchemaVersion(*store->sql_, parsed.backend));
  } catch (const std::exception& e) {
    return core::Unavailable("数据库迁移失败 " + parsed.redacted + ": " + FirstLine(e.what()));
  }
  int pending = 0;
  try {
    GONGKAI_ASSIGN_OR_RETURN(pending, CountPendingMigrations(*store->sql_, parsed.backend));
  } catch (const std::exception& e) {
    return core::Unavailable("无法读取数据库结构版本 " + parsed.redacted + ": " +
                             FirstLine(e.what()));
  }
  if (pending > 0) {
    return core::FailedPrecondition("数据库 " + parsed.redacted +
                                    " 尚未初始化或结构版本过旧：请先运行 gongkai init 或 "
                                    "gongkai migrate");
  }
  return store;
}

void SociStore::ConfigureSession() {
  if (backend_ == Backend::kSqlite) {
    *sql_ << "PRAGMA journal_mode = WAL";
    *sql_ << "PRAGMA synchronous = FULL";
    *sql_ << "PRAGMA foreign_keys = ON";
    *sql_ << "PRAGMA busy_timeout = 10000";
  } else {
    *sql_ << "SET client_min_messages = WARNING";
  }
}

bool SociStore::broken() {
  if (backend_ != Backend::kPostgres) return false;
  // After a failed reconnect SOCI leaves the session without a backend.
  auto* pg = static_cast<soci::postgresql_session_backend*>(sql_->get_backend());
  return pg == nullptr || pg->conn_ == nullptr || PQstatus(pg->conn_) != CONNECTION_OK;
}

core::Status SociStore::ReconnectIfBroken() {
  if (!broken()) return core::Status::Ok();
  auto now = std::chrono::steady_clock::now();
  if (last_attempt_ != std::chrono::steady_clock::time_point{} &&
      now - last_attempt_ < kReconnectInterval) {
    return core::Unavailable("数据库连接中断，稍后重试: " + redacted_url_);
  }
  last_attempt_ = now;
  if (statements_) {
    statements_->Forget();  // prepared on the connection about to be closed
    statements_.reset();
  }
  try {
    sql_->reconnect();  // the same connection string; a promoted standby at that address works
    ConfigureSession();
  } catch (const std::exception& e) {
    return core::Unavailable("无法重新连接数据库 " + redacted_url_ + ": " + FirstLine(e.what()));
  }
  ++generation_;
  return core::Status::Ok();
}

core::Status SociStore::Analyze() {
  try {
    *sql_ << "ANALYZE";
  } catch (const std::exception& e) {
    return core::Unavailable(std::string("ANALYZE 失败: ") + FirstLine(e.what()));
  }
  return core::Status::Ok();
}

core::Status SociStore::Transact(const std::function<core::Status(core::Repositories&)>& work) {
  auto rollback = [this] {
    try {
      *sql_ << "ROLLBACK";
    } catch (...) {
      // The connection may be gone; the server discards the transaction then.
    }
  };
  auto begin = [this] { *sql_ << (backend_ == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"); };
  const bool was_broken = broken();
  if (was_broken) GONGKAI_RETURN_IF_ERROR(ReconnectIfBroken());
  try {
    begin();
  } catch (const std::exception& e) {
    // A connection that died while idle (the server restarted) fails its first statement;
    // nothing was done yet, so reconnect at once and begin again.
    if (was_broken || !broken()) return core::Unavailable("数据库不可用: " + FirstLine(e.what()));
    last_attempt_ = {};
    GONGKAI_RETURN_IF_ERROR(ReconnectIfBroken());
    try {
      begin();
    } catch (const std::exception& again) {
      return core::Unavailable("数据库不可用: " + FirstLine(again.what()));
    }
  }
  try {
    core::Status status = work(*repos_);
    if (!status.ok()) {
      rollback();
      return status;
    }
    *sql_ << "COMMIT";
    return core::Status::Ok();
  } catch (const CorruptRow& e) {
    rollback();
    return core::DataLoss(std::string("数据库中的记录无法读取: ") + e.what());
  } catch (const soci::soci_error& e) {
    rollback();
    // Whatever the error says, a connection lost mid-transaction means the work may or may
    // not have committed: the caller got no acknowledgement, and may retry later.
    if (broken()) return core::Unavailable("数据库连接中断: " + FirstLine(e.get_error_message()));
    switch (e.get_error_category()) {
      case soci::soci_error::constraint_violation:
        return core::AlreadyExists("违反数据约束（重复或引用不存在的记录）: " +
                                   FirstLine(e.get_error_message()));
      case soci::soci_error::connection_error:
        return core::Unavailable("数据库连接中断: " + FirstLine(e.get_error_message()));
      default:
        // SQLite reports constraint failures without a category.
        if (e.get_error_message().find("constraint") != std::string::npos) {
          return core::AlreadyExists("违反数据约束（重复或引用不存在的记录）: " +
                                     FirstLine(e.get_error_message()));
        }
        return core::Internal("数据库错误: " + FirstLine(e.get_error_message()));
    }
  } catch (const std::exception& e) {
    rollback();
    if (broken()) return core::Unavailable(std::string("数据库连接中断: ") + FirstLine(e.what()));
    return core::Internal(std::string("数据库错误: ") + FirstLine(e.what()));
  }
}

}  // namespace gongkai::store
