#include "search/postgres_search.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace gongkai::search {
namespace {

// "No upper bound on item_id" for the walks that take one (ids are below 2^52, see RumOrdered).
constexpr long long kNoBound = 4503599627370496LL;

// The schema of the rum extension when the current schema has the RUM index, else "".
std::string RumSchema(soci::session& sql) {
  std::string schema;
  soci::indicator ind = soci::i_null;
  sql << "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
         "WHERE e.extname = 'rum' AND to_regclass('item_search_rum') IS NOT NULL",
      soci::into(schema, ind);
  return ind == soci::i_ok ? schema : std::string();
}

std::string QuoteIdent(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A bulk fetch that finds no rows may leave the vector as it was sized; ids are positive, so
// drop the unfilled slots.
void DropUnfilled(std::vector<long long>& ids) {
  ids.erase(std::remove_if(ids.begin(), ids.end(), [](long long id) { return id <= 0; }),
            ids.end());
}

std::vector<long long> GinSort(soci::session& sql, const std::string& tsquery, size_t limit,
                               long long below = kNoBound) {
  std::vector<long long> ids(limit);
  sql << "SELECT item_id FROM item_search WHERE tsv @@ CAST(:q AS tsquery) AND item_id < :b "
         "ORDER BY item_id DESC LIMIT " +
             std::to_string(limit),
      soci::use(tsquery), soci::use(below), soci::into(ids);
  DropUnfilled(ids);
  return ids;
}

std::vector<long long> RumOrdered(soci::session& sql, const std::string& tsquery, size_t limit,
                                  const std::string& schema, long long below = kNoBound) {
  // `a <=| b` is b - a (a float8) for a <= b: ascending distance from 2^52 is descending
  // item_id, which the index returns in order and the LIMIT cuts short. Not the largest
  // bigint: the distances would round to the same float8 and come back in no order.
  // With the GIN index beside it the planner prefers a bitmap scan and a sort (it cannot
  // see that the ordered scan stops early): bitmap scans are off for this one statement.
  // RUM sorts every matching posting by the attached item_id before it returns the first
  // row; with the default work_mem (4 MB) that sort spills to temporary files at 1,000,000
  // items (156 MB written for `水 路`; tape reads and writes were ~20 % of the walk's CPU
  // profile). kPgRumWorkMem keeps it in memory, for this statement only.
  sql << "SET enable_bitmapscan = off";
  sql << "SET work_mem = '" + std::string(kPgRumWorkMem) + "'";
  struct Reset {
    soci::session& sql;
    ~Reset() {
      try {
        sql << "RESET enable_bitmapscan";
        sql << "RESET work_mem";
      } catch (...) {  // the connection is gone; a new one starts with the default
      }
    }
  } reset{sql};
  std::vector<long long> ids(limit);
  sql << "SELECT item_id FROM item_search WHERE tsv @@ CAST(:q AS tsquery) AND item_id < :b "
         "ORDER BY item_id OPERATOR(" +
             QuoteIdent(schema) + ".<=|) CAST(4503599627370496 AS bigint) LIMIT " +
             std::to_string(limit),
      soci::use(tsquery), soci::use(below), soci::into(ids);
  DropUnfilled(ids);
  return ids;
}

std::vector<long long> IdWindows(soci::session& sql, const std::string& tsquery, size_t limit,
                                 long long first_window) {
  std::vector<long long> out;
  long long hi = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(item_id) FROM item_search", soci::into(hi, ind);
  if (ind != soci::i_ok || limit == 0) return out;
  // The first window holds twice the ids needed: one window when most items match.
  long long width = first_window > 0 ? first_window
                                     : std::max<long long>(4096, 2 * static_cast<long long>(limit));
  long long lo = 0;
  std::vector<long long> ids;
  while (out.size() < limit && hi > 0) {
    lo = std::max<long long>(0, hi - width);
    const size_t rest = limit - out.size();
    ids.assign(rest, 0);
    long long n = static_cast<long long>(rest);
    sql << "SELECT item_id FROM item_search WHERE tsv @@ CAST(:q AS tsquery) "
           "AND item_id > :lo AND item_id <= :hi ORDER BY item_id DESC LIMIT :n",
        soci::use(tsquery), soci::use(lo), soci::use(hi), soci::use(n), soci::into(ids);
    DropUnfilled(ids);
    out.insert(out.end(), ids.begin(), ids.end());
    const long long found = static_cast<long long>(ids.size());
    hi = lo;
    if (out.size() >= limit) break;
    // Size the next window for what is still missing at the density just seen (twice that,
    // for safety), growing at least fourfold; eight-fold when this window found nothing.
    const long long missing = static_cast<long long>(limit - out.size());
    if (found == 0) {
      width *= 8;
    } else {
      long long need = (missing * width / found) * 2;
      width = std::max(width * 4, need);
    }
  }
  return out;
}

// The newest rows by primary key, the match tested on each row (not through an index: the
// `IS TRUE` keeps the planner off GIN and RUM), within the newest `width` ids. Cheap when
// most rows match: about limit / density rows are read, in id order. Sets `lo` to the
// window's lower end (ids at or above it were all examined).
std::vector<long long> NewestRows(soci::session& sql, const std::string& tsquery, size_t limit,
                                  long long width, long long& lo) {
  long long hi = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(item_id) FROM item_search", soci::into(hi, ind);
  lo = 0;
  if (ind != soci::i_ok) return {};
  lo = std::max<long long>(0, hi - width + 1);
  std::vector<long long> ids(limit);
  sql << "SELECT item_id FROM item_search WHERE (tsv @@ CAST(:q AS tsquery)) IS TRUE "
         "AND item_id >= :lo ORDER BY item_id DESC LIMIT " +
             std::to_string(limit),
      soci::use(tsquery), soci::use(lo), soci::into(ids);
  DropUnfilled(ids);
  return ids;
}

// The planner's estimate of the rows matching `tsquery` (from the tsvector statistics ANALYZE
// keeps: the frequencies of the most common lexemes), and of the rows of item_search.
struct MatchEstimate {
  double matches = 0;
  double rows = 0;
};

MatchEstimate EstimateMatches(soci::session& sql, const std::string& tsquery) {
  MatchEstimate e;
  soci::indicator ind = soci::i_null;
  sql << "SELECT reltuples FROM pg_class WHERE oid = to_regclass('item_search')",
      soci::into(e.rows, ind);
  if (ind != soci::i_ok) e.rows = 0;
  // The first line of the plan is the scan of item_search: "… (cost=… rows=N width=…)".
  std::string line;
  sql << "EXPLAIN SELECT 1 FROM item_search WHERE tsv @@ CAST(:q AS tsquery)", soci::use(tsquery),
      soci::into(line);
  const size_t at = line.find(" rows=");
  if (at != std::string::npos) e.matches = std::strtod(line.c_str() + at + 6, nullptr);
  return e;
}

PgWalk ChooseWalk(const MatchEstimate& e, size_t limit, bool has_rum) {
  if (e.rows > 0 && e.matches >= kPgDenseFraction * e.rows) return PgWalk::kNewestRows;
  if (has_rum && e.rows >= kPgRumMinRows &&
      e.matches > kPgSparseFactor * static_cast<double>(limit)) {
    return PgWalk::kRumOrdered;
  }
  return PgWalk::kGinSort;
}

// kAuto: the newest rows when the estimate says most rows match (bounded to the window such
// a density needs; the rest, if the estimate was wrong, by the walk for sparse matches),
// else RUM's ordered scan above kPgSparseFactor × limit estimated matches, else the GIN sort.
// `scan_width` (tests) overrides the width of the newest rows' window (0: limit over half the
// dense fraction, so a density half the estimate still fills it).
std::vector<long long> AutoWalk(soci::session& sql, const std::string& tsquery, size_t limit,
                                long long scan_width) {
  const std::string rum_schema = RumSchema(sql);
  const PgWalk walk = ChooseWalk(EstimateMatches(sql, tsquery), limit, !rum_schema.empty());
  if (walk == PgWalk::kNewestRows) {
    const long long width =
        scan_width > 0
            ? scan_width
            : static_cast<long long>(static_cast<double>(limit) / (kPgDenseFraction / 2)) + 1;
    long long lo = 0;
    std::vector<long long> ids = NewestRows(sql, tsquery, limit, width, lo);
    if (ids.size() >= limit || lo <= 1) return ids;
    // Fewer matches than the estimate promised: the rest below the window, sparse walk.
    const size_t rest = limit - ids.size();
    std::vector<long long> more = rum_schema.empty()
                                      ? GinSort(sql, tsquery, rest, lo)
                                      : RumOrdered(sql, tsquery, rest, rum_schema, lo);
    ids.insert(ids.end(), more.begin(), more.end());
    return ids;
  }
  if (walk == PgWalk::kRumOrdered && !rum_schema.empty()) {
    return RumOrdered(sql, tsquery, limit, rum_schema);
  }
  return GinSort(sql, tsquery, limit);
}

}  // namespace

PgWalk PostgresChooseWalk(soci::session& sql, const std::string& tsquery, size_t limit) {
  return ChooseWalk(EstimateMatches(sql, tsquery), limit, PostgresHasRumIndex(sql));
}

const char* PgWalkName(PgWalk walk) {
  switch (walk) {
    case PgWalk::kAuto:
      return "auto";
    case PgWalk::kGinSort:
      return "gin";
    case PgWalk::kRumOrdered:
      return "rum";
    case PgWalk::kIdWindows:
      return "windows";
    case PgWalk::kNewestRows:
      return "scan";
  }
  return "auto";
}

bool ParsePgWalk(const std::string& name, PgWalk& walk) {
  for (PgWalk w : {PgWalk::kAuto, PgWalk::kGinSort, PgWalk::kRumOrdered, PgWalk::kIdWindows,
                   PgWalk::kNewestRows}) {
    if (name == PgWalkName(w)) {
      walk = w;
      return true;
    }
  }
  return false;
}

bool PostgresHasRumIndex(soci::session& sql) { return !RumSchema(sql).empty(); }

std::vector<long long> PostgresNewestMatches(soci::session& sql, const std::string& tsquery,
                                             size_t limit, PgWalk walk, long long first_window) {
  if (limit == 0) return {};
  switch (walk) {
    case PgWalk::kGinSort:
      return GinSort(sql, tsquery, limit);
    case PgWalk::kRumOrdered: {
      std::string schema = RumSchema(sql);
      return schema.empty() ? GinSort(sql, tsquery, limit)
                            : RumOrdered(sql, tsquery, limit, schema);
    }
    case PgWalk::kAuto:
      return AutoWalk(sql, tsquery, limit, first_window);
    case PgWalk::kIdWindows:
      return IdWindows(sql, tsquery, limit, first_window);
    case PgWalk::kNewestRows: {
      long long lo = 0;  // alone (the bench, tests): the whole id range
      return NewestRows(sql, tsquery, limit, kNoBound, lo);
    }
  }
  return {};
}

}  // namespace gongkai::search
