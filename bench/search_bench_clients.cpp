#include "search_bench_clients.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "search/phrase_cache.hpp"
#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "store/sqlite_memory.hpp"

namespace gongkai::bench {
namespace {

using Clock = std::chrono::steady_clock;

// A connection as the portal's pool gives it (migrations are the caller's: the database
// is opened once with kMigrate before any client starts).
core::Result<std::unique_ptr<store::SociStore>> Connect(const std::string& url, long long mmap_mb) {
  auto st = store::SociStore::Open(url, store::SchemaPolicy::kRequireCurrent);
  if (st.ok() && mmap_mb > 0) {
    store::ApplySqliteMemory(**st, store::SqliteMemory{2, mmap_mb});
  }
  return st;
}

// FNV-1a: a stable hash of the highlighted text (std::hash may differ between builds).
uint64_t Fnv(const std::string& text, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

std::vector<std::string> DistinctQueries(const std::vector<Q>& queries, size_t count) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::vector<std::string> words;
  for (const Q& q : queries) {
    if (seen.insert(q.text).second) out.push_back(q.text);
    if (q.kind == "common" || q.kind == "topic" || q.kind == "rare" || q.kind == "single") {
      words.push_back(q.text);
    }
  }
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t a = 0; a < words.size(); ++a) {
    for (size_t b = 0; b < words.size(); ++b) {
      if (a != b) pairs.emplace_back(a, b);
    }
  }
  std::mt19937_64 rng(19);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  for (const auto& [a, b] : pairs) {
    if (out.size() >= count) break;
    std::string text = words[a] + " " + words[b];
    if (seen.insert(text).second) out.push_back(text);
  }
  if (out.size() > count) out.resize(count);
  return out;
}

int RunClients(const ClientsOptions& options, const std::vector<std::string>& queries) {
  search::PhraseCache phrases(static_cast<size_t>(options.phrase_cache_mb) << 20);
  std::vector<std::unique_ptr<store::SociStore>> connections;
  for (int c = 0; c < options.clients; ++c) {
    auto st = Connect(options.url, options.mmap_mb);
    if (!st.ok()) {
      std::cerr << st.status().ToString() << "\n";
      return 1;
    }
    connections.push_back(std::move(*st));
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(options.seconds));
  const double cpu_before = ProcessCpuSeconds();
  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      search::SearchIndex index(*connections[static_cast<size_t>(c)]);
      index.SetPhraseCache(&phrases);
      std::vector<double> mine;
      while (Clock::now() < deadline && !failed) {
        size_t k = next.fetch_add(1);
        if (k >= queries.size()) break;
        search::SearchRequest r;
        r.q = queries[k];
        auto t0 = Clock::now();
        auto res = index.Search(r);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!res.ok()) {
          std::cerr << queries[k] << ": " << res.status().ToString() << "\n";
          failed = true;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = ProcessCpuSeconds() - cpu_before;
  const double n = static_cast<double>(latencies.size());
  std::printf(
      "clients %d, distinct queries %zu, searches %zu in %.1f s: %.1f searches/s; CPU %.1f s "
      "= %.2f ms per search (%.0f searches per CPU-second); latency p50 %.1f ms, p95 %.1f ms, "
      "p99 %.1f ms, max %.1f ms\n",
      options.clients, queries.size(), latencies.size(), wall, n / wall, cpu, 1e3 * cpu / n,
      n / cpu, Percentile(latencies, 0.5), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
      Percentile(latencies, 1.0));
  if (phrases.enabled()) {
    std::printf("  phrase cache: %zu sets, %.1f MB, %llu hits, %llu misses\n", phrases.entries(),
                static_cast<double>(phrases.bytes()) / (1 << 20),
                static_cast<unsigned long long>(phrases.hits()),
                static_cast<unsigned long long>(phrases.misses()));
  }
  if (next >= queries.size() && wall < options.seconds) {
    std::printf("  (ran out of queries before the time: pass a larger --distinct)\n");
  }
  return failed ? 1 : 0;
}

int DumpResults(const ClientsOptions& options, const std::vector<Q>& queries,
                const std::string& path) {
  auto st = Connect(options.url, options.mmap_mb);
  if (!st.ok()) {
    std::cerr << st.status().ToString() << "\n";
    return 1;
  }
  search::PhraseCache phrases(static_cast<size_t>(options.phrase_cache_mb) << 20);
  search::SearchIndex index(**st);
  index.SetPhraseCache(&phrases);
  std::ofstream out(path);
  // Each query as the portal asks it: relevance (pages 1 and 2), newest first, and with a
  // year filter (the joined path instead of the index walk alone).
  struct Variant {
    const char* name;
    bool newest;
    int offset;
    int year;
  };
  const Variant variants[] = {{"rel", false, 0, 0},
                              {"rel+20", false, 20, 0},
                              {"new", true, 0, 0},
                              {"rel/2021", false, 0, 2021}};
  for (const Q& q : queries) {
    for (const Variant& v : variants) {
      search::SearchRequest r;
      r.q = q.text;
      r.newest = v.newest;
      r.offset = v.offset;
      r.year = v.year;
      auto res = index.Search(r);
      if (!res.ok()) {
        std::cerr << q.text << ": " << res.status().ToString() << "\n";
        return 1;
      }
      out << v.name << '\t' << q.text << "\tcount " << res->count << (res->count_capped ? "+" : "")
          << (res->ranked_bounded ? " bounded" : "") << "\texact";
      for (const auto& item : res->exact) out << ' ' << item.id;
      out << "\thits";
      for (const auto& hit : res->hits) {
        out << ' ' << hit.item.id << ':' << std::hex << Fnv(hit.title_html, Fnv(hit.snippet_html))
            << std::dec;
      }
      out << '\n';
    }
  }
  std::printf("wrote %zu queries x %zu variants to %s\n", queries.size(), std::size(variants),
              path.c_str());
  return 0;
}

}  // namespace gongkai::bench
