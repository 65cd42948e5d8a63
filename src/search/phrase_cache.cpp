#include "search/phrase_cache.hpp"

#include <exception>
#include <utility>

namespace gongkai::search {

void PhraseCache::Adopt(const std::string& generation) {
  if (generation == generation_) return;
  // Sets being read for the old generation finish for their own callers, unkept.
  generation_ = generation;
  lru_.clear();
  index_.clear();
  reading_.clear();
  asked_.clear();
  bytes_ = 0;
}

bool PhraseCache::Admit(const std::string& generation, const std::vector<std::string>& phrases) {
  if (!enabled()) return false;
  std::lock_guard<std::mutex> lock(mu_);
  Adopt(generation);
  if (asked_.size() > kMaxAsked) asked_.clear();  // bounds memory against unique queries
  bool admit = true;
  for (const std::string& phrase : phrases) {
    if (index_.count(phrase) != 0 || reading_.count(phrase) != 0) continue;
    if (!asked_.insert(phrase).second) continue;  // the second ask: read it
    admit = false;
  }
  return admit;
}

void PhraseCache::Keep(const std::string& phrase, std::shared_ptr<const MatchSet> set) {
  const size_t size = set->Bytes() + phrase.size();
  if (size > max_bytes_ / 4 || index_.count(phrase) != 0) return;
  lru_.push_front({phrase, std::move(set)});
  index_[phrase] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().set->Bytes() + lru_.back().phrase.size();
    index_.erase(lru_.back().phrase);
    lru_.pop_back();
  }
}

std::shared_ptr<const MatchSet> PhraseCache::Get(const std::string& generation,
                                                 const std::string& phrase,
                                                 const std::function<MatchSet()>& read) {
  if (!enabled()) return std::make_shared<const MatchSet>(read());
  std::promise<std::shared_ptr<const MatchSet>> promise;
  Pending pending;  // another thread's read of the same set
  {
    std::lock_guard<std::mutex> lock(mu_);
    Adopt(generation);
    if (auto it = index_.find(phrase); it != index_.end()) {
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->set;
    }
    ++misses_;
    if (auto it = reading_.find(phrase); it != reading_.end()) {
      pending = it->second;
    } else {
      reading_.emplace(phrase, promise.get_future().share());
    }
  }
  if (pending.valid()) {
    try {
      return pending.get();
    } catch (const std::exception&) {
      // That read failed (a busy database, say): read it here, unkept.
      return std::make_shared<const MatchSet>(read());
    }
  }
  std::shared_ptr<const MatchSet> set;
  try {
    set = std::make_shared<const MatchSet>(read());
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    promise.set_exception(std::current_exception());
    if (generation == generation_) reading_.erase(phrase);
    throw;
  }
  std::lock_guard<std::mutex> lock(mu_);
  promise.set_value(set);
  if (generation == generation_) {
    reading_.erase(phrase);
    Keep(phrase, set);
  }
  return set;
}

size_t PhraseCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

size_t PhraseCache::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

uint64_t PhraseCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

uint64_t PhraseCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace gongkai::search
