// Internal to store/: the bookkeeping both StatementCache backends share — statements keyed
// by their SQL text, bounded, the least recently used evicted first, and a flag for the
// statement a query is walking (a nested query with the same text must not reset it).
// Not thread-safe (one per connection).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace gongkai::store {

template <typename Handle>
class StatementLru {
 public:
  struct Entry {
    Handle handle;
    uint64_t last_use = 0;
    bool in_use = false;
  };

  // The entry of `sql`, marked as just used; nullptr when not kept.
  Entry* Find(std::string_view sql) {
    auto it = entries_.find(sql);
    if (it == entries_.end()) return nullptr;
    it->second.last_use = ++clock_;
    return &it->second;
  }
  // Keeps `handle` for `sql` (not kept yet); first releases the least recently used entry
  // that is not in use through `release` when `bound` entries are kept already.
  template <typename Release>
  Entry& Add(std::string_view sql, Handle handle, size_t bound, Release&& release) {
    if (entries_.size() >= bound) {
      auto oldest = entries_.end();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (!it->second.in_use &&
            (oldest == entries_.end() || it->second.last_use < oldest->second.last_use)) {
          oldest = it;
        }
      }
      if (oldest != entries_.end()) {
        release(oldest->second.handle);
        entries_.erase(oldest);
      }
    }
    Entry& e = entries_[std::string(sql)];
    e.handle = std::move(handle);
    e.last_use = ++clock_;
    return e;
  }
  // Releases every entry through `release` and forgets them.
  template <typename Release>
  void Clear(Release&& release) {
    for (auto& [sql, e] : entries_) release(e.handle);
    entries_.clear();
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
  uint64_t clock_ = 0;
};

// Marks an entry in use for the scope of one query.
template <typename Entry>
class InUse {
 public:
  explicit InUse(Entry* e) : e_(e) {
    if (e_) e_->in_use = true;
  }
  ~InUse() {
    if (e_) e_->in_use = false;
  }
  InUse(const InUse&) = delete;
  InUse& operator=(const InUse&) = delete;

 private:
  Entry* e_;
};

}  // namespace gongkai::store
