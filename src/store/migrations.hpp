// Numbered schema migrations, embedded in the binary from migrations/<backend>/*.sql.
// Each migration is applied in its own transaction and recorded in schema_migrations.
// Both backends carry the same numbers: a migration exists for SQLite and PostgreSQL or
// for neither. The functions here take the session they work on and are not thread-safe
// with respect to it; SociStore::Open calls them before the store is handed out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "store/db_url.hpp"

namespace soci {
class session;
}

namespace gongkai::store {

class SociStore;

// One migration file as compiled into the binary (migrations_embedded.cpp, generated at
// build time); the strings are static.
struct EmbeddedMigration {
  const char* backend;  // "sqlite" or "postgres"
  int version;
  const char* name;
  const char* sql;
};
// Every embedded migration of both backends, by backend then version.
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

// The newest schema version this binary knows for `backend`.
int LatestSchemaVersion(Backend backend);

// Splits a migration script into statements at semicolons that end a statement,
// ignoring semicolons inside quotes, PostgreSQL dollar-quoted bodies ($$…$$, $tag$…$tag$:
// a DO block) and `--` comments.
std::vector<std::string> SplitSqlStatements(std::string_view sql);

// The schema version recorded in the database (0 for an empty database).
core::Result<int> CurrentSchemaVersion(soci::session& sql, Backend backend);

// The number of this binary's migrations the database has not applied.
core::Result<int> CountPendingMigrations(soci::session& sql, Backend backend);

// Fails with kFailedPrecondition when the database's schema is newer than this binary
// knows (a newer gongkai migrated it): such a database must not be written.
core::Status CheckSchemaNotNewer(soci::session& sql, Backend backend);

// Applies every migration newer than the database's version; returns the versions
// applied. Fails with kFailedPrecondition when the database is newer than this binary
// knows, without touching it.
// `up_to` stops at that version (tests of upgrades from an older schema); 0 means all.
core::Result<std::vector<int>> Migrate(soci::session& sql, Backend backend, int up_to = 0);

// Readiness (the /readyz probe): the store answers a query, its schema is exactly the one
// this binary knows (no pending migration, none newer). Returns the schema version, or
// kUnavailable whose message says what is wrong (in Chinese, for operators). Uses the
// store's connection outside any transaction; never throws.
core::Result<int> CheckReady(SociStore& store);

}  // namespace gongkai::store
