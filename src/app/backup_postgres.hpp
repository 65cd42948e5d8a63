// The PostgreSQL side of app/backup.hpp: pg_dump and pg_restore run as child processes.
#pragma once

#include <string>

#include "app/backup.hpp"
#include "store/db_url.hpp"

namespace gongkai::app {

// `pg_dump -Fc` of the URL's schema into `path` (written as PATH.tmp, renamed when the
// archive's table of contents reads back).
core::Result<BackupSummary> BackupPostgres(const store::DbUrl& url, const std::string& path);

// `pg_restore` of the archive at `path` into the URL's database. The URL must select the
// schema the archive holds; a schema holding tables is refused unless `force`, when it is
// dropped first.
core::Status RestorePostgres(const std::string& path, const store::DbUrl& url, bool force);

}  // namespace gongkai::app
