// The text of attachments, remembered by content (issue 21): the item page scans an item's
// attachments for personal data on every view (core/item_exposure.hpp), and reading a
// PDF's text layer costs far more than scanning the text. Attachments are stored by their
// SHA-256, so the text read for a digest (and media type, which picks the reader) can
// never change: a cached entry needs no invalidation, only a bound on memory.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/item.hpp"
#include "core/status.hpp"

namespace gongkai::core {

// A least-recently-used map from (sha256, media type) to the reader's answer: the text,
// or an kInvalidArgument refusal (the format has no text layer: as permanent as the
// bytes). Other errors (a file that cannot be read now) are passed on and not kept, so
// the next call tries again. Thread-safe: the server's workers share one cache; the
// reader runs outside the lock, so two workers may read the same new attachment at once
// (both get the same answer; one is kept).
class AttachmentTextCache {
 public:
  using Reader = std::function<Result<std::string>(const ItemAttachment&)>;

  // Keeps at most `max_bytes` of text (an entry larger than that is never kept).
  explicit AttachmentTextCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The text of `a`: from the cache when its digest was read before, else from `read`.
  Result<std::string> Get(const ItemAttachment& a, const Reader& read);

  // How many entries are kept and how many bytes of text they hold (for tests).
  size_t size() const;
  size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    Result<std::string> text;
    size_t cost = 0;
  };
  void Put(std::string key, const Result<std::string>& text);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace gongkai::core
