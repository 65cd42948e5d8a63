// Internal to search/: SQLite's side of SearchIndex::Search through SQLite's C API on the
// SOCI session's own connection (same transaction state, busy timeout and memory map).
//
// Why not SOCI: a search reads ~1,000 candidate rows and walks up to 10,001 index entries;
// SOCI copied every text column into a std::string and crossed its backend per row, which
// was a third of a search's CPU (bench/README.md, "Search CPU per uncached query"). Here
// the texts are read in place (string_views valid for one callback) and the count walk runs
// inside SQLite (one count(*) instead of 10,001 steps through the API).
//
// Every function throws std::runtime_error with SQLite's message on a database error
// (SearchIndex turns it into kUnavailable). Not thread-safe beyond the session's rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "search/phrase_cache.hpp"
#include "search/query.hpp"

struct sqlite3;

namespace soci {
class session;
}

namespace gongkai::search {

// One read transaction around a search's statements when the connection is in autocommit
// mode (otherwise the caller's transaction serves): one snapshot and one shared lock for
// all of them. Each autocommit statement takes and releases SQLite's file locks (fcntl
// system calls), which for 1,000 candidate reads cost more than the reads.
class SqliteReadSnapshot {
 public:
  explicit SqliteReadSnapshot(soci::session& sql);
  ~SqliteReadSnapshot();  // ends the transaction it began (a read: nothing to write)
  SqliteReadSnapshot(const SqliteReadSnapshot&) = delete;
  SqliteReadSnapshot& operator=(const SqliteReadSnapshot&) = delete;

 private:
  sqlite3* db_ = nullptr;  // set when this object began a transaction
};

// The ids of the withdrawn items, ascending.
std::vector<int64_t> SqliteWithdrawnIds(soci::session& sql);

// The newest matches of an FTS5 `match` expression in the index alone, without the ids in
// `withdrawn` (sorted ascending): at most `first` of them (`ids`), and how many there are
// among the newest `need` + withdrawn.size() index entries, at most `need` (`count`).
struct SqliteMatches {
  std::vector<int64_t> ids;
  int64_t count = 0;
};
SqliteMatches SqliteNewestMatches(soci::session& sql, const std::string& match, size_t first,
                                  size_t need, const std::vector<int64_t>& withdrawn);

// The state of the full-text index `item_search` as a string that changes with every write
// to it: the database's file name and FTS5's structure record (its segments; rewritten by
// every committed insert, merge or delete-all) and averages record (rows and tokens in
// all). Read inside the caller's snapshot (SqliteReadSnapshot).
std::string SqliteIndexGeneration(soci::session& sql);

// The same answer as SqliteNewestMatches for the FTS5 expression of `query` (query.hpp:
// the AND of its phrases without the excluded ones), from the match set of each phrase,
// read from the index into `cache` once per generation (phrase_cache.hpp) — or, when the
// cache does not admit the query (a phrase asked for the first time since the index
// changed: PhraseCache::Admit), from the index walk of SqliteNewestMatches.
SqliteMatches SqliteCachedMatches(soci::session& sql, PhraseCache& cache, const Query& query,
                                  size_t first, size_t need, const std::vector<int64_t>& withdrawn);

// Calls `row` with the id, title, summary and published_on ("" for NULL) of each item of
// `ids` that exists (in the order of `ids`); the views are valid during the call only.
using CandidateRow = std::function<void(int64_t id, std::string_view title,
                                        std::string_view summary, std::string_view published_on)>;
void SqliteReadCandidates(soci::session& sql, const std::vector<int64_t>& ids,
                          const CandidateRow& row);

}  // namespace gongkai::search
