// search_bench's fast PostgreSQL corpus (issue 19): copies the generated corpus of a SQLite
// bench database into a PostgreSQL database and builds its search index, in minutes rather
// than the 39 minutes `--generate` took through ItemRepository::InsertMany at 1,000,000 items.
//
//   search_bench --db postgresql://… --load-from sqlite:PATH [--no-index]
//
// What it does, in order:
//   1. migrates the PostgreSQL schema and empties orgs, items and everything that refers to
//      them (TRUNCATE … CASCADE: meant for a bench database);
//   2. drops the secondary indexes of items and item_search (those that back no constraint;
//      their definitions are kept), so the copy does not maintain them row by row;
//   3. streams orgs, items and item_channels from SQLite with COPY (the columns both schemas
//      have; values as text), then moves the id sequences past the copied ids;
//   4. builds item_search with SearchIndex::Rebuild (the product's own tokenizer and tsvector
//      text: the same documents as the portal would index), without the GIN index to update;
//   5. recreates the dropped indexes (GIN and, when migration 0019 made it, RUM) with a large
//      maintenance_work_mem, then VACUUM ANALYZE (the visibility map and the statistics the
//      search's walk chooser reads).
// The SQLite database is only read; it must hold the generated corpus (`--generate N
// --no-index` or a full run) at this binary's schema version.
#pragma once

#include <string>

namespace gongkai::bench {

// Runs the steps above and prints the time of each; returns the process exit status (0:
// loaded, 2: a database could not be opened or a step failed; the message is on stderr).
// `index` false stops after step 3 and recreates the indexes over the empty item_search.
int LoadPostgresFromSqlite(const std::string& pg_url, const std::string& sqlite_url, bool index);

}  // namespace gongkai::bench
