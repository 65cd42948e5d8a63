// Internal to search/: the sqlite3 connection under a SOCI session, for the calls SOCI has
// no fast path for (sqlite_matches.cpp). A separate file because SOCI's sqlite3 header
// wraps <sqlite3.h> in a namespace of its own: the two cannot meet in one file.
#pragma once

struct sqlite3;

namespace soci {
class session;
}

namespace gongkai::search {

// The connection of `sql`, which must be a SOCI sqlite3 session (store::Backend::kSqlite).
sqlite3* SqliteHandle(soci::session& sql);

}  // namespace gongkai::search
