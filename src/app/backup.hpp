// Backups of the whole database, and restores from them.
//
// SQLite: the online backup API copies a consistent snapshot (one read transaction) while
// other connections keep writing (WAL), into PATH.tmp, which is checked with
// `PRAGMA integrity_check` and then renamed to PATH. A backup is an ordinary SQLite file.
//
// PostgreSQL: `pg_dump -Fc` of the schema the URL selects (its search_path, see
// store/db_url.hpp) and `pg_restore --no-owner --no-privileges`. Connection settings reach
// the tools through the PG* environment variables (PGPASSWORD included), never through the
// command line, where `ps` would show them. A dump restores into a schema of the same name
// in the target database (pg_restore cannot rename schemas), so restoring a dump of schema
// `s` needs a target URL that selects `s` (`options=-csearch_path%3Ds`) — the default
// `public` for most installations.
//
// Restore refuses a target that already holds tables unless `force` (then the target's
// tables are dropped first), and afterwards migrates the restored database to this
// binary's schema version; a backup newer than the binary is refused.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace gongkai::app {

// Progress of a copy: pages copied of pages in all (SQLite), or steps of the dump or
// restore (PostgreSQL: 0 of 1 when it starts, 1 of 1 when it ends). A copy reported in
// steps is still one consistent snapshot: SQLite restarts it when another connection
// writes to the source meanwhile.
using CopyProgress = std::function<void(int64_t done, int64_t total)>;

struct BackupSummary {
  int64_t bytes = 0;       // size of the backup file
  int schema_version = 0;  // of the database backed up
};

// Backs the database at `db_url` up into the file `path`, which must not exist
// (kAlreadyExists). kInvalidArgument for a bad URL, kNotFound for a missing SQLite file,
// kUnavailable when pg_dump is missing or fails (the message gives its first error line),
// kDataLoss when the copy fails its integrity check. Nothing is left at `path` on error.
core::Result<BackupSummary> BackupDatabase(const std::string& db_url, const std::string& path,
                                           const CopyProgress& progress = {});

struct RestoreOptions {
  bool force = false;  // replace the target's tables
  CopyProgress progress;
};

struct RestoreSummary {
  int schema_version = 0;               // after migrating
  std::vector<int> applied_migrations;  // migrations applied after the restore
};

// Restores the backup file `path` into the database at `db_url`. kNotFound for a missing
// backup, kFailedPrecondition for a target holding tables (without force), for a backup
// newer than this binary, or for a PostgreSQL dump of another schema; kDataLoss for a file
// that is not a sound SQLite backup; kUnavailable when pg_restore is missing or fails.
core::Result<RestoreSummary> RestoreDatabase(const std::string& path, const std::string& db_url,
                                             const RestoreOptions& options);

}  // namespace gongkai::app
