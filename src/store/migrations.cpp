#include "store/migrations.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>

namespace gongkai::store {
namespace {

const char* BackendName(Backend b) { return b == Backend::kSqlite ? "sqlite" : "postgres"; }

std::vector<const EmbeddedMigration*> MigrationsFor(Backend backend) {
  std::vector<const EmbeddedMigration*> out;
  for (const auto& m : EmbeddedMigrations()) {
    if (std::string_view(m.backend) == BackendName(backend)) out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->version < b->version; });
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

}  // namespace

int LatestSchemaVersion(Backend backend) {
  auto all = MigrationsFor(backend);
  return all.empty() ? 0 : all.back()->version;
}

std::vector<std::string> SplitSqlStatements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      current += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '$') {
      // PostgreSQL dollar quoting ($$ or $tag$), as in a DO block: copy up to the closing tag.
      size_t end = i + 1;
      while (end < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) {
        ++end;
      }
      if (end < sql.size() && sql[end] == '$') {
        std::string_view tag = sql.substr(i, end - i + 1);
        size_t close = sql.find(tag, end + 1);
        size_t stop = close == std::string_view::npos ? sql.size() : close + tag.size();
        current.append(sql.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == ';') {
      if (!IsBlank(current)) out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!IsBlank(current)) out.push_back(current);
  return out;
}

core::Result<int> CurrentSchemaVersion(soci::session& sql, Backend backend) {
  long long tables = 0;
  if (backend == Backend::kSqlite) {
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(tables);
  } else {
    sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
           "AND table_name = 'schema_migrations'",
        soci::into(tables);
  }
  if (tables == 0) return 0;
  long long version = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_null ? 0 : static_cast<int>(version);
}

core::Result<int> CountPendingMigrations(soci::session& sql, Backend backend) {
  GONGKAI_ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(sql, backend));
  int pending = 0;
  for (const EmbeddedMigration* m : MigrationsFor(backend)) {
    if (current == 0) {
      ++pending;
      continue;
    }
    long long applied = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m->version),
        soci::into(applied);
    if (applied == 0) ++pending;
  }
  return pending;
}

core::Status CheckSchemaNotNewer(soci::session& sql, Backend backend) {
  GONGKAI_ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(sql, backend));
  int known = LatestSchemaVersion(backend);
  if (current > known) {
    return core::FailedPrecondition("数据库结构版本 " + std::to_string(current) +
                                    " 比本程序支持的版本 " + std::to_string(known) +
                                    " 新：请升级 gongkai 后再使用此数据库");
  }
  return core::Status::Ok();
}

core::Result<std::vector<int>> Migrate(soci::session& sql, Backend backend, int up_to) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
  GONGKAI_RETURN_IF_ERROR(CheckSchemaNotNewer(sql, backend));
  std::vector<int> applied;
  for (const EmbeddedMigration* m : MigrationsFor(backend)) {
    if (up_to > 0 && m->version > up_to) break;
    sql << (backend == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      if (backend == Backend::kPostgres) {
        // Several servers may start at once: one migrates, the others wait and skip.
        sql << "SELECT pg_advisory_xact_lock(7460961)";
      }
      // Applied versions, not just the newest: a migration merged later with a lower number
      // than one already applied must still run.
      long long already = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m->version),
          soci::into(already);
      if (already > 0) {
        sql << "COMMIT";
        continue;
      }
      for (const std::string& statement : SplitSqlStatements(m->sql)) sql << statement;
      std::string name = m->name;
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, "
          << (backend == Backend::kSqlite ? "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                          : "to_char(now() AT TIME ZONE 'UTC', "
                                            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
          << ")",
          soci::use(m->version), soci::use(name);
      sql << "COMMIT";
      applied.push_back(m->version);
    } catch (...) {
      sql << "ROLLBACK";
      throw;
    }
  }
  return applied;
}

}  // namespace gongkai::store
