#include "search/result_cache.hpp"

namespace gongkai::search {

namespace {

void AppendField(std::string& key, std::string_view field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

size_t ItemBytes(const core::Item& item) {
  return sizeof(core::Item) + item.title.size() + item.summary.size() + item.publisher.size() +
         item.doc_no.size() + item.topic.size() + item.category.size() +
         item.disclosure_mode.size() + item.body_md.size() + item.author.size() +
         item.index_no.value_or("").size();
}

}  // namespace

std::string ResultCache::Key(const SearchRequest& request) {
  std::string q;
  q.reserve(request.q.size());
  for (char c : request.q) {
    if (c == ' ' && (q.empty() || q.back() == ' ')) continue;
    q += c;
  }
  if (!q.empty() && q.back() == ' ') q.pop_back();
  std::string key;
  AppendField(key, q);
  key += 'o';
  for (core::Id id : request.org_ids) {
    key += std::to_string(id);
    key += ',';
  }
  key += 'y' + std::to_string(request.year);
  AppendField(key, request.category);
  AppendField(key, request.validity);
  key += request.newest ? 'n' : 'r';
  key += std::to_string(request.offset) + '+' + std::to_string(request.limit);
  return key;
}

size_t ResultCache::ApproxBytes(const SearchResult& result) {
  size_t n = sizeof(SearchResult);
  for (const auto& item : result.exact) n += ItemBytes(item);
  for (const auto& hit : result.hits) {
    n += sizeof(SearchHit) - sizeof(core::Item) + ItemBytes(hit.item) + hit.title_html.size() +
         hit.snippet_html.size();
  }
  return n;
}

void ResultCache::Reset(uint64_t generation) {
  lru_.clear();
  index_.clear();
  bytes_ = 0;
  generation_ = generation;
}

std::shared_ptr<const SearchResult> ResultCache::Get(const SearchRequest& request,
                                                     uint64_t generation) {
  if (max_entries_ == 0) return nullptr;
  std::string key = Key(request);
  std::lock_guard<std::mutex> lock(mu_);
  if (generation > generation_) Reset(generation);
  auto it = generation == generation_ ? index_.find(key) : index_.end();
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);  // most recently used
  return it->second->result;
}

std::shared_ptr<const SearchResult> ResultCache::Put(const SearchRequest& request,
                                                     uint64_t generation, SearchResult result) {
  size_t size = ApproxBytes(result);
  auto shared = std::make_shared<const SearchResult>(std::move(result));
  if (max_entries_ == 0 || size > max_bytes_ / 4) return shared;
  std::string key = Key(request);
  std::lock_guard<std::mutex> lock(mu_);
  if (generation < generation_) return shared;  // computed from older data
  if (generation > generation_) Reset(generation);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, shared, size});
  index_.emplace(std::move(key), lru_.begin());
  bytes_ += size;
  while (lru_.size() > max_entries_ || bytes_ > max_bytes_) {
    const Entry& last = lru_.back();
    bytes_ -= last.bytes;
    index_.erase(last.key);
    lru_.pop_back();
  }
  return shared;
}

size_t ResultCache::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

size_t ResultCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

uint64_t ResultCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

uint64_t ResultCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace gongkai::search
