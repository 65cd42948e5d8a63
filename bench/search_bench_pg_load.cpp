#include "search_bench_pg_load.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <vector>

#include "search/search_index.hpp"
#include "store/soci_store.hpp"

namespace gongkai::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Column names of `table` in the current PostgreSQL schema, in table order.
std::vector<std::string> PgColumns(soci::session& pg, const std::string& table) {
  std::vector<std::string> cols;
  soci::rowset<std::string> rows =
      (pg.prepare << "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                     "current_schema() AND table_name = :t ORDER BY ordinal_position",
       soci::use(table));
  for (const auto& c : rows) cols.push_back(c);
  return cols;
}

// Whether SQLite's `table` has column `col`.
bool LiteHasColumn(soci::session& lite, const std::string& table, const std::string& col) {
  int n = 0;
  lite << "SELECT COUNT(*) FROM pragma_table_info(:t) WHERE name = :c", soci::use(table),
      soci::use(col), soci::into(n);
  return n > 0;
}

// Appends `value` in COPY's text format (backslash escapes; the caller writes \N for NULL).
void AppendCopyText(const std::string& value, std::string& out) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

PGconn* Conn(soci::session& pg) {
  return static_cast<soci::postgresql_session_backend*>(pg.get_backend())->conn_;
}

// Streams SQLite's `table` into PostgreSQL's with COPY, the columns both have, every value
// as text (both schemas store dates and codes as text and flags as integers). Returns rows.
long long CopyTable(soci::session& lite, soci::session& pg, const std::string& table) {
  std::vector<std::string> cols;
  for (const auto& c : PgColumns(pg, table)) {
    if (LiteHasColumn(lite, table, c)) cols.push_back(c);
  }
  if (cols.empty()) throw std::runtime_error("no common columns in " + table);
  std::string list, select;
  for (const auto& c : cols) {
    list += (list.empty() ? "" : ", ") + c;
    select += (select.empty() ? "" : ", ") + std::string("CAST(") + c + " AS TEXT)";
  }
  PGconn* conn = Conn(pg);
  PGresult* res = PQexec(conn, ("COPY " + table + " (" + list + ") FROM STDIN").c_str());
  const bool copying = PQresultStatus(res) == PGRES_COPY_IN;
  PQclear(res);
  if (!copying) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn));
  std::string buf;
  long long n = 0;
  auto flush = [&] {
    if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1)
      throw std::runtime_error(std::string("COPY data: ") + PQerrorMessage(conn));
    buf.clear();
  };
  soci::rowset<soci::row> rows =
      (lite.prepare << "SELECT " + select + " FROM " + table + " ORDER BY rowid");
  for (const auto& r : rows) {
    for (size_t k = 0; k < cols.size(); ++k) {
      if (k) buf += '\t';
      if (r.get_indicator(k) == soci::i_null) {
        buf += "\\N";
      } else {
        AppendCopyText(r.get<std::string>(k), buf);
      }
    }
    buf += '\n';
    ++n;
    if (buf.size() > (1u << 20)) flush();
  }
  flush();
  if (PQputCopyEnd(conn, nullptr) != 1)
    throw std::runtime_error(std::string("COPY end: ") + PQerrorMessage(conn));
  res = PQgetResult(conn);
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  while ((res = PQgetResult(conn)) != nullptr) PQclear(res);
  if (!ok) throw std::runtime_error("COPY " + table + ": " + PQerrorMessage(conn));
  return n;
}

struct IndexDef {
  std::string name, definition;
};

// The indexes of `table` that back no constraint (primary key, unique), with their
// definitions: what a bulk load may drop and recreate.
std::vector<IndexDef> SecondaryIndexes(soci::session& pg, const std::string& table) {
  std::vector<IndexDef> out;
  soci::rowset<soci::row> rows =
      (pg.prepare << "SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                     "JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = "
                     "to_regclass(:t) AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                     "WHERE k.conindid = x.indexrelid)",
       soci::use(table));
  for (const auto& r : rows) out.push_back({r.get<std::string>(0), r.get<std::string>(1)});
  return out;
}

}  // namespace

int LoadPostgresFromSqlite(const std::string& pg_url, const std::string& sqlite_url, bool index) {
  auto pg = store::SociStore::Open(pg_url, store::SchemaPolicy::kMigrate);
  // Only read: no migration step (which would take the write lock).
  auto lite = store::SociStore::Open(sqlite_url, store::SchemaPolicy::kRequireCurrent);
  if (!pg.ok() || !lite.ok()) {
    std::cerr << (pg.ok() ? lite.status() : pg.status()).ToString() << "\n";
    return 2;
  }
  if ((*pg)->backend() != store::Backend::kPostgres ||
      (*lite)->backend() != store::Backend::kSqlite) {
    std::cerr << "--db must be PostgreSQL and --load-from SQLite\n";
    return 2;
  }
  soci::session& sql = (*pg)->session();
  soci::session& src = (*lite)->session();
  auto total = Clock::now();
  try {
    auto step = Clock::now();
    sql << "TRUNCATE orgs, items, item_search RESTART IDENTITY CASCADE";
    std::vector<IndexDef> dropped;
    for (const char* table : {"items", "item_search"}) {
      for (auto& def : SecondaryIndexes(sql, table)) {
        sql << "DROP INDEX " + def.name;
        dropped.push_back(std::move(def));
      }
    }
    sql << "BEGIN";
    long long orgs = CopyTable(src, sql, "orgs");
    long long items = CopyTable(src, sql, "items");
    long long channels = CopyTable(src, sql, "item_channels");
    for (const char* table : {"orgs", "items"}) {
      sql << std::string("SELECT setval(pg_get_serial_sequence('") + table +
                 "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)";
    }
    sql << "COMMIT";
    std::printf("copied %lld orgs, %lld items, %lld channels in %.1f s\n", orgs, items, channels,
                Seconds(step));
    if (index) {
      step = Clock::now();
      search::SearchIndex search_index(**pg);
      search_index.SetBulkLoad(search::kBulkItems, 10000);
      auto n = search_index.Rebuild();
      if (!n.ok()) {
        std::cerr << n.status().ToString() << "\n";
        return 2;
      }
      std::printf("item_search: %lld documents in %.1f s\n", static_cast<long long>(*n),
                  Seconds(step));
    }
    step = Clock::now();
    sql << "SET maintenance_work_mem = '1GB'";
    for (const auto& def : dropped) {
      auto one = Clock::now();
      sql << def.definition;
      std::printf("index %s in %.1f s\n", def.name.c_str(), Seconds(one));
    }
    sql << "RESET maintenance_work_mem";
    step = Clock::now();
    sql << "VACUUM ANALYZE items";
    sql << "VACUUM ANALYZE item_search";
    std::printf("VACUUM ANALYZE in %.1f s\n", Seconds(step));
  } catch (const std::exception& e) {
    std::cerr << "load: " << e.what() << "\n";
    return 2;
  }
  std::printf("loaded in %.1f s\n", Seconds(total));
  return 0;
}

}  // namespace gongkai::bench
