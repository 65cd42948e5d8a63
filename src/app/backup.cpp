// Backups: dispatch by backend, and the SQLite side (the online backup API). Raw SQLite
// calls live here because SOCI's sqlite3 header wraps <sqlite3.h> in a namespace.
#include "app/backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "app/backup_postgres.hpp"
#include "store/db_url.hpp"
#include "store/migrations.hpp"
#include "store/soci_store.hpp"

namespace gongkai::app {
namespace {

namespace fs = std::filesystem;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

core::Status SqliteError(sqlite3* db, const std::string& what) {
  return core::Unavailable(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Opens `path` without creating it unless `create`; kNotFound when it does not exist.
core::Result<Db> OpenFile(const std::string& path, bool create) {
  if (!create && !fs::exists(path)) return core::NotFound("数据库文件不存在: " + path);
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, "无法打开 " + path);
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

// Runs `sql` and returns the first column of each row as text (NULL as "").
core::Result<std::vector<std::string>> Query(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return SqliteError(db, "SQLite 查询失败");
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  std::vector<std::string> rows;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(raw, 0);
    rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  if (rc != SQLITE_DONE) return SqliteError(db, "SQLite 查询失败");
  return rows;
}

core::Result<int> CountTables(sqlite3* db) {
  GONGKAI_ASSIGN_OR_RETURN(auto rows,
                           Query(db,
                                 "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
  return std::stoi(rows.at(0));
}

core::Result<int> SchemaVersion(sqlite3* db) {
  GONGKAI_ASSIGN_OR_RETURN(
      auto found, Query(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
  if (found.at(0) == "0") return 0;
  GONGKAI_ASSIGN_OR_RETURN(auto rows, Query(db, "SELECT MAX(version) FROM schema_migrations"));
  return rows.at(0).empty() ? 0 : std::stoi(rows.at(0));
}

core::Status IntegrityCheck(sqlite3* db, const std::string& path) {
  auto checked = Query(db, "PRAGMA integrity_check");
  if (!checked.ok()) {
    return core::DataLoss(path + " 不是完好的 SQLite 数据库（" + checked.status().message() + "）");
  }
  const std::vector<std::string>& rows = *checked;
  if (rows.size() == 1 && rows[0] == "ok") return core::Status::Ok();
  return core::DataLoss("完整性检查未通过（" + path + "）: " + (rows.empty() ? "" : rows[0]));
}

// Copies every page of `from` into `to` in one step: a single read transaction on `from`,
// so the copy is a consistent snapshot even while other connections write (WAL).
// With `progress`, the pages are copied 4096 at a time and reported after each step; SQLite
// restarts the copy when another connection writes to the source meanwhile, so the result
// is still one consistent snapshot.
core::Status CopyPages(sqlite3* from, sqlite3* to, const CopyProgress& progress = {}) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return SqliteError(to, "SQLite 备份无法开始");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int rc;
  for (;;) {
    rc = sqlite3_backup_step(backup, progress ? 4096 : -1);
    if (rc == SQLITE_OK || rc == SQLITE_DONE) {
      if (progress) {
        const int total = sqlite3_backup_pagecount(backup);
        progress(total - sqlite3_backup_remaining(backup), total);
      }
      if (rc == SQLITE_DONE) break;
      continue;
    }
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return core::Unavailable(std::string("SQLite 备份失败: ") + sqlite3_errstr(rc));
  }
  return core::Status::Ok();
}

core::Result<BackupSummary> BackupSqlite(const std::string& db_path, const std::string& path,
                                         const CopyProgress& progress) {
  GONGKAI_ASSIGN_OR_RETURN(Db source, OpenFile(db_path, false));
  std::string tmp = path + ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  BackupSummary summary;
  core::Status status = [&]() -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(Db copy, OpenFile(tmp, true));
    GONGKAI_RETURN_IF_ERROR(CopyPages(source.get(), copy.get(), progress));
    // A backup is one self-contained file: no -wal beside it.
    GONGKAI_RETURN_IF_ERROR(Query(copy.get(), "PRAGMA journal_mode = DELETE").status());
    GONGKAI_RETURN_IF_ERROR(IntegrityCheck(copy.get(), path));
    GONGKAI_ASSIGN_OR_RETURN(summary.schema_version, SchemaVersion(copy.get()));
    return core::Status::Ok();
  }();
  if (status.ok()) {
    fs::rename(tmp, path, ec);
    if (ec) status = core::Unavailable("无法写入备份文件 " + path + ": " + ec.message());
  }
  if (!status.ok()) {
    fs::remove(tmp, ec);
    return status;
  }
  summary.bytes = static_cast<int64_t>(fs::file_size(path, ec));
  return summary;
}

core::Status RestoreSqlite(const std::string& path, const std::string& db_path,
                           const RestoreOptions& options) {
  GONGKAI_ASSIGN_OR_RETURN(Db backup, OpenFile(path, false));
  GONGKAI_RETURN_IF_ERROR(IntegrityCheck(backup.get(), path));
  GONGKAI_ASSIGN_OR_RETURN(int version, SchemaVersion(backup.get()));
  int latest = store::LatestSchemaVersion(store::Backend::kSqlite);
  if (version > latest) {
    return core::FailedPrecondition("备份的数据库结构版本 " + std::to_string(version) +
                                    " 比本程序支持的 " + std::to_string(latest) +
                                    " 新，请使用更新版本的 gongkai 恢复");
  }
  GONGKAI_ASSIGN_OR_RETURN(Db target, OpenFile(db_path, true));
  GONGKAI_ASSIGN_OR_RETURN(int tables, CountTables(target.get()));
  if (tables > 0 && !options.force) {
    return core::FailedPrecondition("目标数据库 " + db_path + " 已有 " + std::to_string(tables) +
                                    " 张表；只能恢复到空数据库（或加 --force 覆盖）");
  }
  return CopyPages(backup.get(), target.get(), options.progress);
}

}  // namespace

core::Result<BackupSummary> BackupDatabase(const std::string& db_url, const std::string& path,
                                           const CopyProgress& progress) {
  GONGKAI_ASSIGN_OR_RETURN(store::DbUrl url, store::ParseDbUrl(db_url));
  std::error_code ec;
  if (fs::exists(path, ec)) return core::AlreadyExists("备份文件已存在: " + path, "path");
  if (url.backend == store::Backend::kSqlite) return BackupSqlite(url.target, path, progress);
  if (progress) progress(0, 1);
  auto dumped = BackupPostgres(url, path);
  if (dumped.ok() && progress) progress(1, 1);
  return dumped;
}

core::Result<RestoreSummary> RestoreDatabase(const std::string& path, const std::string& db_url,
                                             const RestoreOptions& options) {
  GONGKAI_ASSIGN_OR_RETURN(store::DbUrl url, store::ParseDbUrl(db_url));
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return core::NotFound("备份文件不存在: " + path, "path");
  if (url.backend == store::Backend::kSqlite) {
    GONGKAI_RETURN_IF_ERROR(RestoreSqlite(path, url.target, options));
  } else {
    if (options.progress) options.progress(0, 1);
    GONGKAI_RETURN_IF_ERROR(RestorePostgres(path, url, options.force));
    if (options.progress) options.progress(1, 1);
  }
  // The restored database may predate this binary: bring it up to date (Open refuses one
  // that is newer).
  GONGKAI_ASSIGN_OR_RETURN(auto store,
                           store::SociStore::Open(db_url, store::SchemaPolicy::kMigrate));
  return RestoreSummary{store->schema_version(), store->applied_migrations()};
}

}  // namespace gongkai::app
