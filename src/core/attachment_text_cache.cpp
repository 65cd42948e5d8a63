#include "core/attachment_text_cache.hpp"

namespace gongkai::core {

Result<std::string> AttachmentTextCache::Get(const ItemAttachment& a, const Reader& read) {
  std::string key = a.sha256 + '\n' + a.media_type;
  {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->text;
    }
  }
  Result<std::string> text = read(a);
  // Transient failures (the file store unreachable) are retried on the next view.
  if (text.ok() || text.status().code() == ErrorCode::kInvalidArgument) Put(std::move(key), text);
  return text;
}

void AttachmentTextCache::Put(std::string key, const Result<std::string>& text) {
  // The key and the message count too, so that refusals cannot fill memory unbounded.
  size_t cost = key.size() + (text.ok() ? text->size() : text.status().message().size());
  if (cost > max_bytes_) return;
  std::lock_guard lock(mu_);
  if (index_.contains(key)) return;  // another worker read it meanwhile
  while (!lru_.empty() && bytes_ + cost > max_bytes_) {
    bytes_ -= lru_.back().cost;
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
  lru_.push_front(Entry{key, text, cost});
  index_.emplace(std::move(key), lru_.begin());
  bytes_ += cost;
}

size_t AttachmentTextCache::size() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

size_t AttachmentTextCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace gongkai::core
