#include "web/page_cache.hpp"

namespace gongkai::web {
namespace {

// What an entry costs in memory, as the bound counts it: the body and the serialised head,
// the copy of the header fields, the key (held twice: map and eviction order) and the
// allocations' bookkeeping. Counting the body alone understated small pages by a third.
size_t EntryBytes(const std::string& key, const PageCache::Entry& entry) {
  size_t fields = entry.etag.size() + entry.fields.content_type.size() + entry.count_miss.size();
  for (const auto& [name, value] : entry.fields.headers) fields += name.size() + value.size() + 64;
  return entry.wire->body.size() + entry.wire->head.size() + fields + 2 * key.size() + 256;
}

}  // namespace

void PageCache::Reset(uint64_t generation) {
  pages_.clear();
  order_.clear();
  bytes_ = 0;
  generation_ = generation;
}

std::shared_ptr<const PageCache::Entry> PageCache::Get(const std::string& key, uint64_t generation,
                                                       bool count_miss, int64_t period) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation > generation_) Reset(generation);
  auto it = generation == generation_ ? pages_.find(key) : pages_.end();
  if (it == pages_.end() || it->second->period != period) {
    if (count_miss) ++misses_;
    return nullptr;
  }
  ++hits_;
  return it->second;
}

std::shared_ptr<const PageCache::Entry> PageCache::Put(const std::string& key, uint64_t generation,
                                                       HttpResponse response,
                                                       std::string count_miss, int64_t period) {
  if (response.status != 200) return nullptr;
  // Serialised outside the lock: other threads keep hitting while this one renders.
  auto entry = std::make_shared<Entry>();
  entry->etag = response.Get("ETag");
  entry->count_miss = std::move(count_miss);
  entry->period = period;
  entry->fields = response;
  entry->fields.body.clear();
  entry->wire = Serialize(std::move(response));
  size_t size = EntryBytes(key, *entry);
  if (size > max_bytes_ / 4) return entry;  // answered, not kept
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) {
    // Rendered from older data than the cache holds now: not worth keeping.
    if (generation < generation_) return entry;
    Reset(generation);
  }
  auto [it, inserted] = pages_.emplace(key, entry);
  if (!inserted) {
    if (it->second->period >= period) return it->second;  // another thread rendered it first
    bytes_ -= EntryBytes(it->first, *it->second);         // its predecessor: replaced in place
    it->second = entry;
  } else {
    order_.push_back(key);
  }
  bytes_ += size;
  while (bytes_ > max_bytes_ && !order_.empty()) {
    auto old = pages_.find(order_.front());
    if (old != pages_.end()) {
      bytes_ -= EntryBytes(old->first, *old->second);
      pages_.erase(old);
    }
    order_.pop_front();
  }
  return entry;
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

HttpResponse Revalidate(const HttpRequest& request, const PageCache::Entry& entry) {
  if (!entry.etag.empty()) {
    auto it = request.headers.find("if-none-match");
    if (it != request.headers.end() && !it->second.empty() &&
        (it->second == "*" || it->second.find(entry.etag) != std::string::npos)) {
      HttpResponse r = entry.fields;
      r.status = 304;
      return r;
    }
  }
  HttpResponse r;
  r.status = entry.wire->status;
  r.wire = entry.wire;
  return r;
}

}  // namespace gongkai::web
