#include "web/metrics.hpp"

#include <charconv>
#include <chrono>

#include "web/store_pool.hpp"

namespace gongkai::web {

namespace {

// A number in its shortest round-trip form ("0.005", "12").
std::string Number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::RecordRequest(std::string_view route, std::string_view method, int status,
                            double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  auto key = std::make_tuple(route, method, status);
  auto series = requests_.find(key);
  if (series == requests_.end()) {
    series = requests_.emplace(std::make_tuple(std::string(route), std::string(method), status), 0)
                 .first;
  }
  ++series->second;
  auto histogram = latency_.find(route);
  if (histogram == latency_.end())
    histogram = latency_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = histogram->second;
  if (bucket < kBuckets.size()) ++h.buckets[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::RecordCacheHit() { cache_hits_.fetch_add(1, std::memory_order_relaxed); }

void Metrics::RecordCacheMiss() { cache_misses_.fetch_add(1, std::memory_order_relaxed); }

void Metrics::WatchPool(StorePool& pool) {
  std::lock_guard lock(mu_);
  pool_ = &pool;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP gongkai_http_requests_total HTTP requests by route template, method and status.\n";
  out += "# TYPE gongkai_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "gongkai_http_requests_total{route=\"" + EscapeLabelValue(route) + "\",method=\"" +
           EscapeLabelValue(method) + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(n) + "\n";
  }
  out += "# HELP gongkai_http_request_duration_seconds Time to produce a response.\n";
  out += "# TYPE gongkai_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = "route=\"" + EscapeLabelValue(route) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "gongkai_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "gongkai_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "gongkai_http_request_duration_seconds_sum{" + label + "} " + Number(h.sum) + "\n";
    out += "gongkai_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) +
           "\n";
  }
  out += "# HELP gongkai_page_cache_hits_total Page-cache lookups answered from the cache.\n";
  out += "# TYPE gongkai_page_cache_hits_total counter\n";
  out += "gongkai_page_cache_hits_total " + std::to_string(cache_hits_.load()) + "\n";
  out += "# HELP gongkai_page_cache_misses_total Page-cache lookups that rendered the page.\n";
  out += "# TYPE gongkai_page_cache_misses_total counter\n";
  out += "gongkai_page_cache_misses_total " + std::to_string(cache_misses_.load()) + "\n";
  if (pool_) {
    StorePool::Usage usage = pool_->usage();
    out += "# HELP gongkai_db_pool_connections Database connections in the pool.\n";
    out += "# TYPE gongkai_db_pool_connections gauge\n";
    out += "gongkai_db_pool_connections " + std::to_string(usage.size) + "\n";
    out += "# HELP gongkai_db_pool_in_use Database connections lent to requests.\n";
    out += "# TYPE gongkai_db_pool_in_use gauge\n";
    out += "gongkai_db_pool_in_use " + std::to_string(usage.in_use) + "\n";
  }
  return out;
}

namespace {

// The response's own label when its front end set one, else route_label's.
std::string LabelOf(const HttpResponse& response, const HttpRequest& request,
                    const std::function<std::string(const HttpRequest&)>& route_label) {
  if (!response.route_label.empty()) return std::string(response.route_label);
  return route_label(request);
}

}  // namespace

Handler InstrumentHandler(Metrics& metrics, Handler handler,
                          std::function<std::string(const HttpRequest&)> route_label) {
  return [&metrics, handler = std::move(handler),
          route_label = std::move(route_label)](const HttpRequest& request) {
    auto start = std::chrono::steady_clock::now();
    auto seconds = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    try {
      HttpResponse response = handler(request);
      metrics.RecordRequest(LabelOf(response, request, route_label), request.method,
                            response.status, seconds());
      return response;
    } catch (...) {
      metrics.RecordRequest(route_label(request), request.method, 500, seconds());
      throw;
    }
  };
}

std::function<std::optional<HttpResponse>(const HttpRequest&)> InstrumentCached(
    Metrics& metrics, std::function<std::optional<HttpResponse>(const HttpRequest&)> cached,
    std::function<std::string(const HttpRequest&)> route_label) {
  return [&metrics, cached = std::move(cached),
          route_label = std::move(route_label)](const HttpRequest& request) {
    auto start = std::chrono::steady_clock::now();
    std::optional<HttpResponse> response = cached(request);
    if (response) {
      metrics.RecordRequest(
          LabelOf(*response, request, route_label), request.method, response->status,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return response;
  };
}

}  // namespace gongkai::web
