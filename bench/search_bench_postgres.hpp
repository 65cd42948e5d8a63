// search_bench's PostgreSQL mode (issue 19): the same query set on a PostgreSQL database and
// on a SQLite database holding the same generated corpus, in one run, alternating engines
// query by query, with every result checked against SQLite's.
//
//   search_bench --db postgresql://… --compare sqlite:PATH [--walks auto,gin,windows,rum,scan]
//                [--runs R] [-v]
//
// For each walk (postgres_search.hpp: how the newest matches are found) and for SQLite it
// prints wall-time p50/p95/p99 over every call, per-kind p95, and the PostgreSQL server's
// CPU time per query (utime + stime of the connection's backend process from /proc, so the
// database must run on this machine). Equality: for every query and walk, the count, the
// "10,000+" flag and the ids of the first page of 20 (relevance order) must equal SQLite's;
// any difference is printed and makes the exit status 1.
#pragma once

#include <string>
#include <vector>

#include "search_bench_corpus.hpp"

namespace gongkai::bench {

struct PostgresCompareOptions {
  std::string pg_url;      // the PostgreSQL database (already generated and indexed)
  std::string sqlite_url;  // the SQLite database with the same corpus
  std::vector<std::string> walks = {"auto", "gin", "windows", "rum"};
  int runs = 3;          // timed passes over the query set
  bool verbose = false;  // per-query lines
};

// Runs the comparison and prints the figures; returns the process exit status (0: every
// result equal, 1: a difference or a failed query, 2: a database could not be opened).
int ComparePostgres(const PostgresCompareOptions& options, const std::vector<Q>& queries);

}  // namespace gongkai::bench
