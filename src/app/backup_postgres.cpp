#include "app/backup_postgres.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "app/run_tool.hpp"

namespace gongkai::app {
namespace {

namespace fs = std::filesystem;

// The URL's settings as PG* environment variables (PGHOST, PGPASSWORD, PGOPTIONS, …), so
// pg_dump and pg_restore connect as our own connections do without a secret in argv.
core::Result<std::map<std::string, std::string>> ToolEnvironment(const store::DbUrl& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.target.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "out of memory";
    PQfreemem(error);
    return core::InvalidArgument("数据库 URL 无效（" + url.redacted + "）: " + FirstLine(message),
                                 "db");
  }
  std::map<std::string, std::string> env;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (o->val && o->envvar) env[o->envvar] = o->val;
  }
  PQconninfoFree(options);
  return env;
}

struct CloseConn {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ClearResult {
  void operator()(PGresult* result) const { PQclear(result); }
};

class Connection {
 public:
  static core::Result<Connection> Open(const store::DbUrl& url) {
    Connection c;
    c.conn_.reset(PQconnectdb(url.target.c_str()));
    if (!c.conn_ || PQstatus(c.conn_.get()) != CONNECTION_OK) {
      return core::Unavailable("无法连接数据库 " + url.redacted + ": " +
                               FirstLine(c.conn_ ? PQerrorMessage(c.conn_.get()) : ""));
    }
    // Notices (DROP … CASCADE lists every table) must not reach the CLI's stderr.
    PQsetNoticeProcessor(
        c.conn_.get(), [](void*, const char*) {}, nullptr);
    return c;
  }

  // Runs `sql` with text parameters; returns the first column of each row ("" for NULL).
  core::Result<std::vector<std::string>> Query(const std::string& sql,
                                               const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    std::unique_ptr<PGresult, ClearResult> result(
        PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, 0));
    ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return core::Unavailable("PostgreSQL 查询失败: " + FirstLine(PQerrorMessage(conn_.get())));
    }
    std::vector<std::string> rows;
    for (int i = 0; i < PQntuples(result.get()); ++i)
      rows.emplace_back(PQgetvalue(result.get(), i, 0));
    return rows;
  }

 private:
  std::unique_ptr<PGconn, CloseConn> conn_;
};

// The schema the URL selects: current_schema(), or, when that schema does not exist yet
// (a restore target), the first entry of the search_path.
core::Result<std::string> TargetSchema(Connection& conn) {
  GONGKAI_ASSIGN_OR_RETURN(auto current, conn.Query("SELECT COALESCE(current_schema(), '')"));
  if (!current.at(0).empty()) return current[0];
  GONGKAI_ASSIGN_OR_RETURN(auto path, conn.Query("SELECT current_setting('search_path')"));
  std::string first = path.at(0).substr(0, path[0].find(','));
  if (first.size() >= 2 && first.front() == '"' && first.back() == '"') {
    first = first.substr(1, first.size() - 2);
  }
  if (first.empty() || first == "$user") {
    return core::InvalidArgument("数据库 URL 未选定模式（search_path 为空）", "db");
  }
  return first;
}

core::Result<ToolOutput> RunChecked(const std::string& program,
                                    const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& env) {
  GONGKAI_ASSIGN_OR_RETURN(ToolOutput run, RunTool(program, args, env));
  if (run.exit_code != 0) {
    return core::Unavailable(program + " 失败（退出码 " + std::to_string(run.exit_code) +
                             "）: " + FirstLine(run.err));
  }
  return run;
}

// The schema of the tables in an archive, from pg_restore's table of contents, whose
// lines read "215; 1259 16390 TABLE <schema> <name> <owner>".
core::Result<std::string> ArchiveSchema(const std::string& path,
                                        const std::map<std::string, std::string>& env) {
  GONGKAI_ASSIGN_OR_RETURN(ToolOutput list, RunChecked("pg_restore", {"--list", path}, env));
  std::istringstream lines(list.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == ';') continue;
    std::istringstream words(line);
    std::string id, catalog, oid, kind, schema;
    if (words >> id >> catalog >> oid >> kind >> schema && kind == "TABLE") return schema;
  }
  return core::DataLoss("备份文件中没有数据表: " + path);
}

// An archive's table of contents split in two: every entry but the RUM search index, and
// that index alone. The RUM access method comes from an extension, which a per-schema dump
// does not carry and the target database may lack (or lose: dropping the public schema
// drops an extension installed in it), so the index is restored last and only where the
// extension can be had, as migration 0019 creates it.
struct RestoreLists {
  std::string main;
  std::string rum_index;
};

core::Result<RestoreLists> SplitRestoreList(const std::string& path,
                                            const std::map<std::string, std::string>& env) {
  GONGKAI_ASSIGN_OR_RETURN(ToolOutput list, RunChecked("pg_restore", {"--list", path}, env));
  RestoreLists lists;
  std::istringstream lines(list.out);
  std::string line;
  while (std::getline(lines, line)) {
    bool rum = line.find(" INDEX ") != std::string::npos &&
               line.find(" item_search_rum ") != std::string::npos;
    (rum ? lists.rum_index : lists.main) += line + "\n";
  }
  return lists;
}

// Writes `text` to a fresh file in the temporary directory and removes it when destroyed.
class TempListFile {
 public:
  explicit TempListFile(const std::string& text) {
    static std::atomic<int> serial{0};
    path_ = (fs::temp_directory_path() / ("gongkai-restore-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(serial++) + ".list"))
                .string();
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempListFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempListFile(const TempListFile&) = delete;
  TempListFile& operator=(const TempListFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

core::Result<BackupSummary> BackupPostgres(const store::DbUrl& url, const std::string& path) {
  GONGKAI_ASSIGN_OR_RETURN(auto env, ToolEnvironment(url));
  GONGKAI_ASSIGN_OR_RETURN(Connection conn, Connection::Open(url));
  GONGKAI_ASSIGN_OR_RETURN(auto current, conn.Query("SELECT COALESCE(current_schema(), '')"));
  if (current.at(0).empty()) {
    return core::NotFound("数据库 URL 选定的模式不存在（" + url.redacted + "）", "db");
  }
  std::string schema = current[0];
  BackupSummary summary;
  GONGKAI_ASSIGN_OR_RETURN(auto has_migrations,
                           conn.Query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1 "
                                      "AND tablename = 'schema_migrations'",
                                      {schema}));
  if (has_migrations.at(0) != "0") {
    GONGKAI_ASSIGN_OR_RETURN(auto version,
                             conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    summary.schema_version = std::stoi(version.at(0));
  }

  std::string tmp = path + ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  // A quoted pattern matches exactly this schema, whatever characters its name holds.
  core::Status status =
      RunChecked(
          "pg_dump",
          {"--format=custom", "--no-password", "--schema=\"" + schema + "\"", "--file=" + tmp}, env)
          .status();
  if (status.ok()) status = ArchiveSchema(tmp, env).status();
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

core::Status RestorePostgres(const std::string& path, const store::DbUrl& url, bool force) {
  GONGKAI_ASSIGN_OR_RETURN(auto env, ToolEnvironment(url));
  GONGKAI_ASSIGN_OR_RETURN(std::string archived, ArchiveSchema(path, env));
  GONGKAI_ASSIGN_OR_RETURN(Connection conn, Connection::Open(url));
  GONGKAI_ASSIGN_OR_RETURN(std::string schema, TargetSchema(conn));
  if (schema != archived) {
    return core::FailedPrecondition("备份是模式 " + archived + " 的，而目标 URL 选定模式 " +
                                    schema + "；请在 URL 中加 options=-csearch_path%3D" + archived);
  }
  GONGKAI_ASSIGN_OR_RETURN(
      auto tables, conn.Query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1", {schema}));
  if (tables.at(0) != "0" && !force) {
    return core::FailedPrecondition("目标数据库的模式 " + schema + " 已有 " + tables[0] +
                                    " 张表；只能恢复到空数据库（或加 --force 覆盖）");
  }
  // The archive creates its schema (even public, when dumped by name): drop the target's,
  // which holds nothing unless forced.
  GONGKAI_ASSIGN_OR_RETURN(auto quoted, conn.Query("SELECT quote_ident($1)", {schema}));
  GONGKAI_ASSIGN_OR_RETURN(
      auto exists, conn.Query("SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1", {schema}));
  if (exists.at(0) != "0") {
    GONGKAI_RETURN_IF_ERROR(conn.Query("DROP SCHEMA " + quoted.at(0) + " CASCADE").status());
  }
  GONGKAI_ASSIGN_OR_RETURN(RestoreLists lists, SplitRestoreList(path, env));
  auto restore = [&](const std::string& list) {
    TempListFile file(list);
    return RunChecked("pg_restore",
                      {"--no-password", "--no-owner", "--no-privileges", "--single-transaction",
                       "--exit-on-error", "--use-list=" + file.path(),
                       "--dbname=" + env["PGDATABASE"], path},
                      env)
        .status();
  };
  GONGKAI_RETURN_IF_ERROR(restore(lists.main));
  if (lists.rum_index.empty()) return core::Status::Ok();
  // The data is restored and committed by now. Without the RUM index the search walks the
  // GIN index (search/postgres_search.hpp): slower on rare words, same answers, so a missing
  // extension or a failed index build is a warning, not a failed restore.
  if (!conn.Query("CREATE EXTENSION IF NOT EXISTS rum SCHEMA public").ok()) {
    spdlog::warn(
        "恢复：目标数据库没有 rum 扩展，搜索改用 GIN 索引（安装 postgresql-15-rum 后重建）");
    return core::Status::Ok();
  }
  if (auto rum = restore(lists.rum_index); !rum.ok()) {
    spdlog::warn("恢复：RUM 搜索索引未能重建，搜索改用 GIN 索引：{}", rum.ToString());
  }
  return core::Status::Ok();
}

}  // namespace gongkai::app
