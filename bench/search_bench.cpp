// Search over a generated corpus of published items (issue 7): the portal's first-page call
// (SearchIndex::Search, relevance, 20 hits with snippets and the count) on a mixed query set,
// and in the same run a LIKE '%…%' scan of the same items table with the same semantics
// (every word in title, summary, publisher, 文号 or body; exclusions; the newest 20 and the
// count).
//
//   search_bench --db URL [--generate N] [--no-index] [--reindex] [--reindex-one-transaction]
//                [--batch B] [--hashsize BYTES] [--crisismerge N] [--compact] [--runs R]
//                [--like-every K]
//                [--no-like] [-v]
//                [--compare sqlite:PATH [--walks gin,windows,rum]] [--load-from sqlite:PATH]
//                [--mmap-mb M] [--clients C [--seconds S] [--distinct N]] [--dump FILE]
//                [--list-queries [--distinct N]] [--phrase-cache-mb P]
//
// With --compare (and --db a PostgreSQL URL) it runs the PostgreSQL mode instead of the LIKE
// baseline: the same queries on both databases in one run (search_bench_postgres.hpp).
// --load-from (--db PostgreSQL) fills the PostgreSQL database by copying a generated SQLite
// corpus and builds its index (search_bench_pg_load.hpp): minutes instead of --generate's
// row-by-row inserts; with --no-index it stops there, else the queries run as usual.
// URL is sqlite:PATH or a postgresql:// URL. --generate N replaces the database's content
// with N items of a fictional city (deterministic: the same N gives the same corpus) and
// rebuilds the index; --no-index stops after generating (no queries), --reindex rebuilds
// the index of an existing database (SearchIndex::Rebuild: committed batches of B items,
// then the segment merge) and reports items/s and the process's CPU time;
// --reindex-one-transaction rebuilds it the way it was built before issue 19 (Clear, then
// one Sync transaction: automerge off, one 'optimize'), for a same-binary comparison;
// --hashsize and --crisismerge set FTS5's settings during the build (0: FTS5's default);
// --compact runs only the segment merge (SearchIndex::Compact) of the index as it is (a
// copy of a database stopped after its insert phase) and reports its time and CPU.
// --clients C runs the throughput mode instead of the sequential runs: C threads, one
// connection each, searching N distinct queries for S seconds (search_bench_clients.hpp);
// --dump FILE writes every query's result (count, exact ids, hit ids and a hash of their
// highlighting) for a before/after comparison. --mmap-mb sets PRAGMA mmap_size on SQLite
// connections (the portal's sqlite_mmap_mb; default 2047, SQLite's 2 GB limit).
// --phrase-cache-mb P gives every SQLite search a phrase cache of P MB (the portal's
// search_phrase_cache_mb; 0, the default: none, the index is walked as before); with
// --dump, --distinct N dumps the N distinct queries of --clients instead of the query set.
// --list-queries prints the N distinct queries of --clients, one a line (for
// bench/search_http_bench.sh).
// Figures and command lines:
// bench/README.md.
#include <soci/soci.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "search/search_index.hpp"
#include "search_bench_clients.hpp"
#include "search_bench_corpus.hpp"
#include "search_bench_pg_load.hpp"
#include "search_bench_postgres.hpp"
#include "store/soci_store.hpp"
#include "store/sqlite_memory.hpp"

namespace {

using namespace gongkai;
using namespace gongkai::bench;
using Clock = std::chrono::steady_clock;

// CPU time of this thread in ms: on a shared, overloaded machine wall time also measures the
// waits for a core; CPU time is the work the query did.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// ---------------------------------------------------------------------------------------
// The LIKE scan with the portal's semantics.

std::string LikeText(const std::string& word) {
  std::string out = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string Contains(const std::string& pattern) {
  // Every text field the index holds (IndexedText). Numbers and Latin words differ by design:
  // the index matches whole tokens ("110" is not found in "1100"), LIKE substrings.
  std::string p = "'" + pattern + "' ESCAPE '\\'";  // patterns hold no quotes (checked)
  std::string out = "(";
  for (const char* field : {"title", "summary", "publisher", "doc_no", "index_no", "body_md"}) {
    if (out.size() > 1) out += " OR ";
    out += std::string(field) + " LIKE " + p;
  }
  return out + ")";
}

// WHERE clause for `query` (state published, every must word, no excluded word), or "" when
// the query cannot be expressed (never for this query set).
std::string LikeWhere(const search::Query& query) {
  std::string where = "state = 'published'";
  auto words = [](const search::Phrase& p) {
    // Phrase::text joins the runs of one word with spaces ("2021 年"); in the text they may
    // be adjacent or separated, so each run must occur.
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
      size_t sp = p.text.find(' ', start);
      out.push_back(p.text.substr(start, sp - start));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    return out;
  };
  for (const auto& p : query.must) {
    for (const auto& w : words(p)) {
      if (w.find('\'') != std::string::npos) return "";
      where += " AND " + Contains(LikeText(w));
    }
  }
  for (const auto& p : query.exclude) {
    std::string all;
    for (const auto& w : words(p)) all += (all.empty() ? "" : " AND ") + Contains(LikeText(w));
    where += " AND NOT (" + all + ")";
  }
  return where;
}

// "a,b,c" → {"a", "b", "c"}.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  int64_t generate = 0;
  int runs = 3;
  int like_every = 4;
  bool like = true;
  bool verbose = false;
  bool no_index = false, reindex = false, one_transaction = false;
  bool compact_only = false;  // --compact: only the segment merge of an existing index
  int batch = 0;
  search::SearchIndex::Fts5Bulk fts5_bulk;  // FTS5 settings of the bulk build (0: FTS5's own)
  PostgresCompareOptions pg_compare;        // PostgreSQL mode (search_bench_postgres.hpp)
  std::string load_from;                    // a SQLite corpus to copy into PostgreSQL
  ClientsOptions clients;                   // throughput mode (search_bench_clients.hpp)
  clients.clients = 0;
  clients.mmap_mb = 2047;
  size_t distinct = 20000;
  bool distinct_given = false;
  std::string dump;
  bool list_queries = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) url = argv[++i];
    if (a == "--generate" && i + 1 < argc) generate = std::stoll(argv[++i]);
    if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
    if (a == "--like-every" && i + 1 < argc) like_every = std::stoi(argv[++i]);
    if (a == "--no-like") like = false;
    if (a == "-v") verbose = true;
    if (a == "--no-index") no_index = true;
    if (a == "--reindex") reindex = true;
    if (a == "--reindex-one-transaction") reindex = one_transaction = true;
    if (a == "--batch" && i + 1 < argc) batch = std::stoi(argv[++i]);
    if (a == "--compact") compact_only = true;
    if (a == "--hashsize" && i + 1 < argc) fts5_bulk.hashsize = std::stoll(argv[++i]);
    if (a == "--crisismerge" && i + 1 < argc) fts5_bulk.crisismerge = std::stoi(argv[++i]);
    if (a == "--compare" && i + 1 < argc) pg_compare.sqlite_url = argv[++i];
    if (a == "--walks" && i + 1 < argc) pg_compare.walks = SplitList(argv[++i]);
    if (a == "--load-from" && i + 1 < argc) load_from = argv[++i];
    if (a == "--clients" && i + 1 < argc) clients.clients = std::stoi(argv[++i]);
    if (a == "--seconds" && i + 1 < argc) clients.seconds = std::stod(argv[++i]);
    if (a == "--distinct" && i + 1 < argc) {
      distinct = std::stoull(argv[++i]);
      distinct_given = true;
    }
    if (a == "--phrase-cache-mb" && i + 1 < argc) clients.phrase_cache_mb = std::stoll(argv[++i]);
    if (a == "--mmap-mb" && i + 1 < argc) clients.mmap_mb = std::stoll(argv[++i]);
    if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    if (a == "--list-queries") list_queries = true;
  }
  if (url.empty() || runs < 1 || like_every < 1) {
    std::cerr << "usage: search_bench --db URL [--generate N] [--runs R] [--like-every K] "
                 "[--no-like] [-v]\n";
    return 2;
  }
  if (generate > 0 && url.starts_with("sqlite:")) {
    std::filesystem::remove(url.substr(7));
    std::filesystem::remove(url.substr(7) + "-wal");
    std::filesystem::remove(url.substr(7) + "-shm");
  }
  if (!load_from.empty()) {
    int status = LoadPostgresFromSqlite(url, load_from, !no_index);
    if (status != 0 || no_index) return status;
  }
  auto opened = store::SociStore::Open(url, store::SchemaPolicy::kMigrate);
  if (!opened.ok()) {
    std::cerr << opened.status().ToString() << "\n";
    return 2;
  }
  store::SociStore& st = **opened;
  clients.url = url;
  if (clients.mmap_mb > 0) store::ApplySqliteMemory(st, store::SqliteMemory{2, clients.mmap_mb});
  search::SearchIndex index(st.session(), st.backend());
  search::PhraseCache phrases(static_cast<size_t>(clients.phrase_cache_mb) << 20);
  index.SetPhraseCache(&phrases);
  std::shared_ptr<Corpus> corpus_owner = MakeCorpus(std::max<int64_t>(generate, 1));
  Corpus& corpus = *corpus_owner;
  if (generate > 0) {
    auto start = Clock::now();
    core::Status s = Generate(st, generate, corpus);
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 2;
    }
    std::printf("generated %lld items in %.1f s\n", static_cast<long long>(generate),
                Ms(start) / 1000);
    if (no_index) return 0;
  }
  if (compact_only) {
    auto start = Clock::now();
    double cpu = ProcessCpuSeconds();
    core::Status merged = index.Compact();
    if (!merged.ok()) {
      std::cerr << merged.ToString() << "\n";
      return 2;
    }
    std::printf("compact: %.1f s, CPU %.1f s\n", Ms(start) / 1000, ProcessCpuSeconds() - cpu);
  }
  if (generate > 0 || reindex) {
    if (batch > 0) index.SetBulkLoad(search::kBulkItems, batch);
    index.SetFts5Bulk(fts5_bulk);
    auto start = Clock::now();
    double cpu = ProcessCpuSeconds();
    // Phases: a line every tenth of the insert phase, and where it ends (the rest is the
    // segment merge: Compact, or 'optimize' in the one-transaction build).
    // The writer (this thread: SQLite) is the build's critical path on an idle machine; the
    // tokenizing threads run beside it. Its CPU time bounds the wall time from below.
    const double writer_start = CpuMs();
    double insert_s = 0, insert_cpu = 0, insert_writer = 0;
    int64_t last_tenth = -1;
    index.SetProgress([&](int64_t done, int64_t total) {
      const int64_t tenth = total > 0 ? done * 10 / total : 10;
      if (tenth == last_tenth && done < total) return;
      last_tenth = tenth;
      insert_s = Ms(start) / 1000;
      insert_cpu = ProcessCpuSeconds() - cpu;
      insert_writer = (CpuMs() - writer_start) / 1000;
      std::printf("  insert %lld/%lld at %.1f s, CPU %.1f s (writer thread %.1f s)\n",
                  static_cast<long long>(done), static_cast<long long>(total), insert_s, insert_cpu,
                  insert_writer);
      std::fflush(stdout);
    });
    core::Result<int64_t> n = 0;
    if (one_transaction) {
      core::Status cleared = index.Clear();
      n = cleared.ok() ? index.Sync() : core::Result<int64_t>(cleared);
    } else {
      n = index.Rebuild();
    }
    if (!n.ok()) {
      std::cerr << n.status().ToString() << "\n";
      return 2;
    }
    double s = Ms(start) / 1000;
    cpu = ProcessCpuSeconds() - cpu;
    std::printf(
        "indexed %lld items in %.1f s (%.0f items/s), CPU %.1f s (%.0f items per CPU-s)%s\n",
        static_cast<long long>(*n), s, static_cast<double>(*n) / s, cpu,
        static_cast<double>(*n) / cpu, one_transaction ? " [one transaction]" : "");
    const double writer = (CpuMs() - writer_start) / 1000;
    std::printf(
        "phases: insert %.1f s (CPU %.1f s, writer thread %.1f s), merge %.1f s (CPU %.1f s, "
        "writer thread %.1f s)\n",
        insert_s, insert_cpu, insert_writer, s - insert_s, cpu - insert_cpu,
        writer - insert_writer);
    core::Status a = st.Analyze();
    if (!a.ok()) std::cerr << a.ToString() << "\n";
  }
  auto published = index.CountPublished();
  auto indexed = index.IndexedCount();
  if (!published.ok() || !indexed.ok()) return 2;
  std::printf("published items: %lld, indexed: %lld\n", static_cast<long long>(*published),
              static_cast<long long>(*indexed));

  std::vector<Q> queries = Queries(corpus);
  if (!pg_compare.sqlite_url.empty()) {
    pg_compare.pg_url = url;
    pg_compare.runs = runs;
    pg_compare.verbose = verbose;
    return ComparePostgres(pg_compare, queries);
  }
  if (list_queries) {
    for (const std::string& q : DistinctQueries(queries, distinct)) std::cout << q << "\n";
    return 0;
  }
  if (!dump.empty() && distinct_given) {
    std::vector<Q> listed;
    for (const std::string& q : DistinctQueries(queries, distinct))
      listed.push_back({"distinct", q});
    return DumpResults(clients, listed, dump);
  }
  if (!dump.empty()) return DumpResults(clients, queries, dump);
  if (clients.clients > 0) return RunClients(clients, DistinctQueries(queries, distinct));
  std::printf("queries: %zu, timed runs of each: %d\n", queries.size(), runs);

  // Warm-up pass (page cache and SQLite's cache), then the timed runs.
  std::vector<int64_t> counts(queries.size());
  std::vector<bool> capped(queries.size());
  for (size_t k = 0; k < queries.size(); ++k) {
    search::SearchRequest r;
    r.q = queries[k].text;
    auto res = index.Search(r);
    if (!res.ok()) {
      std::cerr << queries[k].text << ": " << res.status().ToString() << "\n";
      return 1;
    }
    counts[k] = res->count;
    capped[k] = res->count_capped;
  }
  std::vector<double> all, all_cpu;
  std::vector<std::vector<double>> per_query(queries.size()), per_query_cpu(queries.size());
  for (int run = 0; run < runs; ++run) {
    for (size_t k = 0; k < queries.size(); ++k) {
      search::SearchRequest r;
      r.q = queries[k].text;
      auto start = Clock::now();
      double cpu = CpuMs();
      auto res = index.Search(r);
      all_cpu.push_back(CpuMs() - cpu);
      per_query_cpu[k].push_back(all_cpu.back());
      double ms = Ms(start);
      if (!res.ok()) return 1;
      all.push_back(ms);
      per_query[k].push_back(ms);
    }
  }
  std::printf(
      "\nindex (SearchIndex::Search, relevance, first page of 20 with snippets and count):\n");
  std::printf("  all %zu calls: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", all.size(),
              Percentile(all, 0.5), Percentile(all, 0.95), Percentile(all, 0.99),
              Percentile(all, 1.0));
  std::printf("  CPU time:      p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              Percentile(all_cpu, 0.5), Percentile(all_cpu, 0.95), Percentile(all_cpu, 0.99),
              Percentile(all_cpu, 1.0));
  std::vector<std::string> kinds;
  for (const auto& q : queries) {
    if (std::find(kinds.begin(), kinds.end(), q.kind) == kinds.end()) kinds.push_back(q.kind);
  }
  for (const auto& kind : kinds) {
    std::vector<double> v, c;
    int n = 0;
    for (size_t k = 0; k < queries.size(); ++k) {
      if (queries[k].kind != kind) continue;
      ++n;
      v.insert(v.end(), per_query[k].begin(), per_query[k].end());
      c.insert(c.end(), per_query_cpu[k].begin(), per_query_cpu[k].end());
    }
    std::printf(
        "  %-8s %3d queries: wall p50 %7.2f ms, p95 %7.2f ms, max %7.2f ms; CPU p50 %6.2f ms, "
        "p95 %6.2f ms\n",
        kind.c_str(), n, Percentile(v, 0.5), Percentile(v, 0.95), Percentile(v, 1.0),
        Percentile(c, 0.5), Percentile(c, 0.95));
  }
  if (verbose) {
    for (size_t k = 0; k < queries.size(); ++k) {
      std::printf("  %-8s %-28s count %6lld%s  median %.2f ms (CPU %.2f ms)\n",
                  queries[k].kind.c_str(), queries[k].text.c_str(),
                  static_cast<long long>(counts[k]), capped[k] ? "+" : " ",
                  Percentile(per_query[k], 0.5), Percentile(per_query_cpu[k], 0.5));
    }
  }
  if (!like) return 0;

  // The LIKE baseline on every like_every-th query: newest 20 ids and the count.
  std::vector<double> like_ms, index_ms;
  int mismatches = 0, compared = 0;
  for (size_t k = 0; k < queries.size(); k += static_cast<size_t>(like_every)) {
    search::Query parsed = search::ParseQuery(queries[k].text);
    std::string where = LikeWhere(parsed);
    if (parsed.empty() || where.empty()) continue;
    auto start = Clock::now();
    std::vector<long long> ids(20);
    long long count = 0;
    st.session() << "SELECT id FROM items WHERE " + where + " ORDER BY id DESC LIMIT 20",
        soci::into(ids);
    st.session() << "SELECT COUNT(*) FROM items WHERE " + where, soci::into(count);
    double ms = Ms(start);
    like_ms.push_back(ms);
    index_ms.push_back(Percentile(per_query[k], 0.5));
    ++compared;
    int64_t expected = std::min<int64_t>(count, search::kCountCap);
    bool same = expected == counts[k] && (count > search::kCountCap) == capped[k];
    if (!same) ++mismatches;
    if (verbose || !same) {
      std::printf("  LIKE %-28s count %7lld (index %lld%s)%s  %.0f ms\n", queries[k].text.c_str(),
                  count, static_cast<long long>(counts[k]), capped[k] ? "+" : "",
                  same ? "" : "  MISMATCH", ms);
    }
  }
  double lm = Percentile(like_ms, 0.5), im = Percentile(index_ms, 0.5);
  std::printf("\nLIKE '%%…%%' scan (newest 20 + COUNT(*), %zu queries, every %d-th):\n",
              like_ms.size(), like_every);
  std::printf("  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n", lm, Percentile(like_ms, 0.95),
              Percentile(like_ms, 0.99));
  std::printf("  index on the same queries: p50 %.2f ms, p95 %.2f ms\n", im,
              Percentile(index_ms, 0.95));
  std::printf("  ratio of medians LIKE / index: %.0fx\n", lm / im);
  std::printf("  counts equal (index capped at %lld): %d of %d\n",
              static_cast<long long>(search::kCountCap), compared - mismatches, compared);
  return 0;
}
