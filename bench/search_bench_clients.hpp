// search_bench's throughput mode (issue 19, deliverable 2): many clients searching distinct
// queries at once, each on a connection of its own, as the portal's workers would when its
// result cache misses; and a dump of every result for a before/after comparison.
//
// Not the HTTP path: this measures SearchIndex::Search alone (no parsing, rendering or
// sockets), so its CPU per search is a floor for the portal's.
#pragma once

#include <string>
#include <vector>

#include "search_bench_corpus.hpp"

namespace gongkai::bench {

// User + system CPU time of the whole process in s (getrusage; every thread included).
double ProcessCpuSeconds();
// The `p` quantile (0–1) of `v` (nearest rank; 0 when empty).
double Percentile(std::vector<double> v, double p);

// `count` distinct query texts: the query set first, then pairs "a b" of its one-word
// queries (common, topic, rare and single-character words) in a fixed pseudo-random
// order; never the same text twice, so a result cache would never hit.
std::vector<std::string> DistinctQueries(const std::vector<Q>& queries, size_t count);

struct ClientsOptions {
  std::string url;        // database (sqlite:PATH or postgresql://…)
  int clients = 64;       // threads, one connection each
  double seconds = 20;    // run length (every client stops after its current search)
  long long mmap_mb = 0;  // SQLite: PRAGMA mmap_size of each connection (0: SQLite's)
  // SQLite: the phrase cache all clients share (search/phrase_cache.hpp; 0: none, the
  // index is walked for every search as before).
  long long phrase_cache_mb = 0;
};

// Runs `queries` (each once, in order, handed out to whichever client is free) until they
// or the time run out; prints searches/s, the process's CPU time per search (user + sys,
// getrusage) and the latency percentiles. Returns 0, or 1 when a search failed.
int RunClients(const ClientsOptions& options, const std::vector<std::string>& queries);

// Writes one line per query to `path`: the text, the count (+ when capped), whether ranking
// was bounded, the exact-match ids and the hit ids in order with a hash of their
// highlighted title and snippet. Two runs over the same database give identical files
// exactly when their results are the same. Returns 0, or 1 when a search failed.
int DumpResults(const ClientsOptions& options, const std::vector<Q>& queries,
                const std::string& path);

}  // namespace gongkai::bench
