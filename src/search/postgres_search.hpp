// PostgreSQL's side of the full-text search (issue 19): finding the newest items whose
// tsvector (item_search.tsv, migrations/postgres/0006_search.sql) matches a tsquery,
// without a walk that grows with the number of matches.
//
// The portal needs, for a query, the first kCountCap + 1 matches newest first (for the count
// "up to 10,000" and the page). SQLite's FTS5 walks its rowids backwards and stops early.
// On PostgreSQL, `WHERE tsv @@ q ORDER BY item_id DESC LIMIT n` over the GIN index is a
// bitmap scan of every match, a heap visit (and for phrases a recheck) of each, and a sort:
// at 1,000,000 items a common word has ~900,000 matches. Two walks stop early instead:
//   - kRumOrdered: a RUM index (extension `rum`, Debian package postgresql-15-rum) with
//     item_id attached to each posting (migrations/postgres/0019_search_rum.sql), scanned in
//     item_id order: `ORDER BY item_id <=| max LIMIT n`.
//   - kIdWindows: the GIN index, bounded by windows of ids from the newest down; each window
//     is sized from the match density of the previous one, so a common word takes one
//     window, a rare one a few (each a scan of that word's posting list only).
//   - kNewestRows: no full-text index at all: the newest rows by primary key, the match
//     tested on each. Reads about limit / density rows: the cheapest walk when most items
//     match (a common word), hopeless when few do.
// No one walk is fast for every query (bench/README.md, "PostgreSQL at province scale"):
// RUM's ordered scan still merges a word's whole posting list before the first row (slow
// for a word in most items), the GIN sort visits every match (slow for a word in a few
// percent of a million), the newest rows read 1 / density rows per match. kAuto chooses per
// query from the planner's estimate of the matches (the lexeme frequencies ANALYZE keeps):
// newest rows when the estimate is at least kPgDenseFraction of the rows (in a window of
// ids sized for half that density, the rest by the sparse walk if the estimate was wrong),
// RUM when more than kPgSparseFactor × limit match (any, by default) in a table of at least
// kPgRumMinRows rows, the GIN sort otherwise.
//
// Every function runs on the caller's session (autocommit or the caller's transaction),
// binds the tsquery text as a parameter, and throws soci/std exceptions on database errors
// (SearchIndex turns them into kUnavailable). Not thread-safe beyond the session's rules.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace gongkai::search {

// How the newest matches are found (see the header comment).
enum class PgWalk {
  kAuto,        // chosen per query by the estimated density of the matches (above)
  kGinSort,     // one ORDER BY item_id DESC LIMIT n over the GIN index (the pre-0019 plan)
  kRumOrdered,  // the RUM index in item_id order; kGinSort when the index is absent
  kIdWindows,   // the GIN index in windows of ids, newest first
  kNewestRows,  // the newest rows by primary key, each tested (no full-text index)
};

// kAuto's thresholds (measured at 1,000,000 items, bench/README.md): the newest rows when
// at least this fraction of the rows is estimated to match…
inline constexpr double kPgDenseFraction = 0.2;
// …RUM when more than this many times the needed matches are estimated, else the GIN sort.
// 0: RUM for every query that is not dense. At 1M the planner's estimate of a phrase (the
// bigrams of a word, taken as independent) was far too low (topics estimated at a few
// hundred had 6,000–26,000 matches), and RUM was never much slower than GIN where GIN won.
inline constexpr double kPgSparseFactor = 0.0;
// …and RUM only over at least this many rows: at 20,000 items RUM cost twice GIN's server CPU
// (10.7 vs 5.3 ms per query), at 1,000,000 GIN cost twice RUM's. Between the two sizes this
// threshold is a choice, not a measurement.
inline constexpr double kPgRumMinRows = 200000;

// work_mem for the RUM walk's statement (a PostgreSQL memory size): the index sorts all the
// postings a query matches by item_id before the first row, and at 1,000,000 items that
// sort outgrew the default 4 MB (bench/README.md). Per concurrent search, at most this much.
inline constexpr const char* kPgRumWorkMem = "64MB";

// The name of a walk, for the bench's output ("auto", "gin", "rum", "windows", "scan").
const char* PgWalkName(PgWalk walk);
// The walk named `name` (as PgWalkName), or false when the name is unknown.
bool ParsePgWalk(const std::string& name, PgWalk& walk);

// Ids of the indexed items whose tsv matches `tsquery` (to_tsquery syntax, as ToTsquery
// writes it), highest id first, at most `limit` of them. Withdrawn items are included (the
// caller filters them, as on SQLite). `walk` chooses the plan; every walk returns the same
// ids. `first_window` (tests) overrides the width in ids of kIdWindows' first window (0:
// max(4096, 2 * limit)) and of kAuto's newest-rows window. Throws on database errors.
std::vector<long long> PostgresNewestMatches(soci::session& sql, const std::string& tsquery,
                                             size_t limit, PgWalk walk = PgWalk::kAuto,
                                             long long first_window = 0);

// The walk kAuto takes for `tsquery` (never kAuto or kIdWindows), from the planner's estimate
// of its matches (run ANALYZE for an estimate from statistics). Throws on database errors.
PgWalk PostgresChooseWalk(soci::session& sql, const std::string& tsquery, size_t limit);

// Whether the current schema has the RUM index of migration 0019 (the extension installed
// and usable when the migration ran). Throws on database errors.
bool PostgresHasRumIndex(soci::session& sql);

}  // namespace gongkai::search
