// The portal's day counters (migration 0008): page visits (访问量) and searches that found
// nothing. Written in batches by web/counter_batch, read by `gongkai stats`. And the data
// generation that tells the portal's page cache when to let go.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "store/soci_store.hpp"

namespace gongkai::store {

// Each function below runs one transaction of its own on `store` (so it must not be called
// from inside a Transact of the same store) and, like the store, is not thread-safe: the
// counter batch (web/counter_batch) calls it with a store borrowed from the pool. Failures
// are the store's statuses (kUnavailable when the database is gone); AddCounters writes
// all its deltas or none.

// Which counter table: page visits by path, or searches that found nothing by query text
// (what visitors typed; listed by `gongkai site misses`, not on public pages).
enum class SiteCounter { kPageVisits, kSearchMisses };

// (day YYYY-MM-DD, key) → amount to add.
using CounterDeltas = std::map<std::pair<std::string, std::string>, int64_t>;

// Adds every delta in one transaction (an upsert per row). kUnavailable etc. as the store.
core::Status AddCounters(SociStore& store, SiteCounter counter, const CounterDeltas& deltas);

// One key's total over a date range.
struct CounterTotal {
  std::string key;
  int64_t count = 0;
};

// Totals per key over days in [from, to] (ISO dates), largest first, at most `limit`.
core::Result<std::vector<CounterTotal>> TopCounters(SociStore& store, SiteCounter counter,
                                                    const std::string& from, const std::string& to,
                                                    int limit);

// The sum over all keys and days in [from, to].
core::Result<int64_t> SumCounters(SociStore& store, SiteCounter counter, const std::string& from,
                                  const std::string& to);

// The data generation: the audit chain's last id. Every change to the records writes an
// audit event, so a page rendered at one generation is current until it moves.
core::Result<uint64_t> DataGeneration(SociStore& store);

}  // namespace gongkai::store
