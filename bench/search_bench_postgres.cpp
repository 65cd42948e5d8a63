#include "search_bench_postgres.hpp"

#include <soci/soci.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "search/postgres_search.hpp"
#include "search/query.hpp"
#include "search/search_index.hpp"
#include "store/soci_store.hpp"

namespace gongkai::bench {
namespace {

using Clock = std::chrono::steady_clock;

// utime + stime of process `pid` in ms (0 when /proc cannot be read).
double ProcessCpuMs(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return 0;
  // The command name (field 2) may hold spaces: count fields after its closing ')'.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int k = 3; k <= 15 && rest >> field; ++k) {
    if (k == 14) utime = std::stoull(field);
    if (k == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU time of this thread in ms.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

// One engine of the comparison: SQLite, or PostgreSQL with one walk.
struct Engine {
  std::string name;
  search::SearchIndex* index = nullptr;
  long backend_pid = 0;  // PostgreSQL's backend process, for its CPU time
  std::vector<double> wall;
  std::vector<std::vector<double>> per_query;
  double server_cpu_ms = 0;
  double client_cpu_ms = 0;  // this thread: tokenising, scoring, reading rows
  int calls = 0;
};

// "ids of the page | count | capped": what must be equal across engines.
std::string Fingerprint(const search::SearchResult& r) {
  std::string out;
  for (const auto& hit : r.hits) out += std::to_string(hit.item.id) + ",";
  return out + "|" + std::to_string(r.count) + (r.count_capped ? "+" : "");
}

}  // namespace

int ComparePostgres(const PostgresCompareOptions& options, const std::vector<Q>& queries) {
  auto pg = store::SociStore::Open(options.pg_url, store::SchemaPolicy::kMigrate);
  auto lite = store::SociStore::Open(options.sqlite_url, store::SchemaPolicy::kMigrate);
  if (!pg.ok() || !lite.ok()) {
    std::cerr << (pg.ok() ? lite.status() : pg.status()).ToString() << "\n";
    return 2;
  }
  if ((*pg)->backend() != store::Backend::kPostgres ||
      (*lite)->backend() != store::Backend::kSqlite) {
    std::cerr << "--db must be PostgreSQL and --compare SQLite\n";
    return 2;
  }
  long pid = 0;
  (*pg)->session() << "SELECT pg_backend_pid()", soci::into(pid);
  search::SearchIndex lite_index(**lite);
  std::vector<std::unique_ptr<search::SearchIndex>> pg_indexes;
  std::vector<Engine> engines;
  engines.push_back({"sqlite", &lite_index, 0, {}, {}, 0, 0, 0});
  for (const auto& name : options.walks) {
    search::PgWalk walk;
    if (!search::ParsePgWalk(name, walk)) {
      std::cerr << "unknown walk " << name << " (auto, gin, windows, rum)\n";
      return 2;
    }
    pg_indexes.push_back(std::make_unique<search::SearchIndex>(**pg));
    pg_indexes.back()->SetPgWalk(walk);
    engines.push_back({"pg/" + name, pg_indexes.back().get(), pid, {}, {}, 0, 0, 0});
  }
  auto published = lite_index.CountPublished();
  auto pg_published = pg_indexes.empty() ? published : pg_indexes[0]->CountPublished();
  if (!published.ok() || !pg_published.ok()) return 2;
  bool rum = search::PostgresHasRumIndex((*pg)->session());
  std::printf("published items: SQLite %lld, PostgreSQL %lld; RUM index: %s\n",
              static_cast<long long>(*published), static_cast<long long>(*pg_published),
              rum ? "yes" : "no");
  if (*published != *pg_published) std::printf("  (the corpora differ: expect mismatches)\n");

  // Equality pass (also the warm-up): every engine's result against SQLite's.
  int mismatches = 0;
  for (size_t k = 0; k < queries.size(); ++k) {
    search::SearchRequest r;
    r.q = queries[k].text;
    std::string expected;
    for (size_t e = 0; e < engines.size(); ++e) {
      auto res = engines[e].index->Search(r);
      if (!res.ok()) {
        std::cerr << engines[e].name << " " << r.q << ": " << res.status().ToString() << "\n";
        return 1;
      }
      std::string got = Fingerprint(*res);
      if (e == 0) {
        expected = got;
      } else if (got != expected) {
        ++mismatches;
        std::printf("  MISMATCH %s %s: %s, SQLite %s\n", engines[e].name.c_str(), r.q.c_str(),
                    got.substr(got.find('|')).c_str(), expected.substr(expected.find('|')).c_str());
      }
      if (options.verbose && e == 0) {
        // What kAuto chooses for it (from the planner's estimate of the matches).
        const std::string tsquery = search::ToTsquery(search::ParseQuery(r.q));
        const char* choice = tsquery.empty()
                                 ? "-"
                                 : search::PgWalkName(search::PostgresChooseWalk(
                                       (*pg)->session(), tsquery, search::kCountCap + 1));
        std::printf("  %-8s %-28s count %-7s auto: %s\n", queries[k].kind.c_str(), r.q.c_str(),
                    expected.substr(expected.find('|') + 1).c_str(), choice);
      }
    }
  }
  std::printf("equality: %zu queries x %zu PostgreSQL walks, %d differ from SQLite\n",
              queries.size(), engines.size() - 1, mismatches);

  // Timed runs, engines alternating query by query (the first engine rotates) so that the
  // machine's load falls on all of them alike.
  for (auto& e : engines) e.per_query.assign(queries.size(), {});
  for (int run = 0; run < options.runs; ++run) {
    for (size_t k = 0; k < queries.size(); ++k) {
      search::SearchRequest r;
      r.q = queries[k].text;
      for (size_t j = 0; j < engines.size(); ++j) {
        Engine& e = engines[(j + k + static_cast<size_t>(run)) % engines.size()];
        double cpu0 = e.backend_pid ? ProcessCpuMs(e.backend_pid) : 0;
        double client0 = ThreadCpuMs();
        auto start = Clock::now();
        auto res = e.index->Search(r);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        e.client_cpu_ms += ThreadCpuMs() - client0;
        if (e.backend_pid) e.server_cpu_ms += ProcessCpuMs(e.backend_pid) - cpu0;
        if (!res.ok()) return 1;
        e.wall.push_back(ms);
        e.per_query[k].push_back(ms);
        ++e.calls;
      }
    }
  }
  std::printf("\n%zu queries x %d runs, wall time per call (relevance, first page + count):\n",
              queries.size(), options.runs);
  for (const auto& e : engines) {
    std::printf("  %-12s p50 %7.2f ms, p95 %7.2f ms, p99 %7.2f ms, max %7.2f ms", e.name.c_str(),
                Pct(e.wall, 0.5), Pct(e.wall, 0.95), Pct(e.wall, 0.99), Pct(e.wall, 1.0));
    std::printf("; CPU/query: client %.2f ms", e.client_cpu_ms / e.calls);
    if (e.backend_pid) std::printf(", server %.2f ms", e.server_cpu_ms / e.calls);
    std::printf("\n");
  }
  std::vector<std::string> kinds;
  for (const auto& q : queries) {
    if (std::find(kinds.begin(), kinds.end(), q.kind) == kinds.end()) kinds.push_back(q.kind);
  }
  std::printf("per kind, wall p95 (ms):\n  %-8s", "");
  for (const auto& e : engines) std::printf(" %12s", e.name.c_str());
  std::printf("\n");
  for (const auto& kind : kinds) {
    std::printf("  %-8s", kind.c_str());
    for (const auto& e : engines) {
      std::vector<double> v;
      for (size_t k = 0; k < queries.size(); ++k) {
        if (queries[k].kind == kind)
          v.insert(v.end(), e.per_query[k].begin(), e.per_query[k].end());
      }
      std::printf(" %12.2f", Pct(v, 0.95));
    }
    std::printf("\n");
  }
  if (options.verbose) {
    for (size_t k = 0; k < queries.size(); ++k) {
      std::printf("  %-28s", queries[k].text.c_str());
      for (const auto& e : engines)
        std::printf(" %s %.2f", e.name.c_str(), Pct(e.per_query[k], 0.5));
      std::printf("\n");
    }
  }
  return mismatches == 0 ? 0 : 1;
}

}  // namespace gongkai::bench
