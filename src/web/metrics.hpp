// Operational metrics in the Prometheus text exposition format (version 0.0.4): requests by
// route label, method and status; a latency histogram per route label; database pool
// usage; page-cache hits and misses. Thread-safe: handlers on every server thread record
// into one Metrics.
//
// Route labels must be templates ("/item/{id}"), never raw paths, so the number of series
// stays bounded whatever clients ask for.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "web/http.hpp"

namespace gongkai::web {

class StorePool;

class Metrics {
 public:
  // The histogram's upper bounds in seconds (Prometheus' default buckets).
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10};

  void RecordRequest(std::string_view route, std::string_view method, int status, double seconds);
  void RecordCacheHit();
  void RecordCacheMiss();
  // Reports gongkai_db_pool_connections (size) and gongkai_db_pool_in_use from `pool` at
  // each Render. The pool must outlive this Metrics.
  void WatchPool(StorePool& pool);

  // Every series, in the text exposition format.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  // Orders (route, method, status) keys held as strings or as views alike, so recording a
  // known series looks it up by string_view and allocates nothing. (std::less<> would need
  // tuple<string_view…> < tuple<string…>, which libstdc++ 12 offers to GCC but not to Clang.)
  struct SeriesLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return View(a) < View(b);
    }
    template <class T>
    static std::tuple<std::string_view, std::string_view, int> View(const T& key) {
      return {std::get<0>(key), std::get<1>(key), std::get<2>(key)};
    }
  };
  std::map<std::tuple<std::string, std::string, int>, uint64_t, SeriesLess> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;
  std::atomic<uint64_t> cache_hits_{0};  // counted without the lock
  std::atomic<uint64_t> cache_misses_{0};
  StorePool* pool_ = nullptr;
};

// `handler`, recording each request's status and latency under route_label(request) (a
// template such as "/item/{id}"). A handler that throws is recorded as 500 and the
// exception passes on to the server.
Handler InstrumentHandler(Metrics& metrics, Handler handler,
                          std::function<std::string(const HttpRequest&)> route_label);

// The same for the server's cached-answer hook (ServerOptions::cached): a request it
// answers is recorded like any other; nullopt (handed to the pool) is recorded there.
std::function<std::optional<HttpResponse>(const HttpRequest&)> InstrumentCached(
    Metrics& metrics, std::function<std::optional<HttpResponse>(const HttpRequest&)> cached,
    std::function<std::string(const HttpRequest&)> route_label);

// A label value escaped for the exposition format (backslash, double quote, newline).
std::string EscapeLabelValue(std::string_view value);

}  // namespace gongkai::web
