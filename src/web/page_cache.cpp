#include "web/page_cache.hpp"

namespace gongkai::web {

void PageCache::Reset(uint64_t generation) {
  pages_.clear();
  order_.clear();
  bytes_ = 0;
  generation_ = generation;
}

std::optional<HttpResponse> PageCache::Get(const std::string& key, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) Reset(generation);
  auto it = pages_.find(key);
  if (it == pages_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second;
}

void PageCache::Put(const std::string& key, uint64_t generation, const HttpResponse& response) {
  if (response.status != 200 || response.body.size() > max_bytes_ / 4) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) {
    // Rendered from older data than the cache holds now: not worth keeping.
    if (generation < generation_) return;
    Reset(generation);
  }
  if (pages_.count(key)) return;
  while (bytes_ + response.body.size() > max_bytes_ && !order_.empty()) {
    auto old = pages_.find(order_.front());
    if (old != pages_.end()) {
      bytes_ -= old->second.body.size();
      pages_.erase(old);
    }
    order_.pop_front();
  }
  pages_.emplace(key, response);
  order_.push_back(key);
  bytes_ += response.body.size();
}

uint64_t PageCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

uint64_t PageCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

size_t PageCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

HttpResponse Revalidate(const HttpRequest& request, HttpResponse response) {
  std::string etag = response.Get("ETag");
  std::string inm = request.Header("if-none-match");
  if (response.status == 200 && !etag.empty() && !inm.empty() &&
      (inm == "*" || inm.find(etag) != std::string::npos)) {
    response.status = 304;
    response.body.clear();
  }
  return response;
}

}  // namespace gongkai::web
