// The search index over published items (SQLite FTS5 or a PostgreSQL tsvector column with a
// GIN index, both over the token stream of tokenize.hpp), and the read-side queries of the
// public portal (lists of published items, paged and counted).
//
// Everything here works on one SOCI session (a SociStore's) outside Store::Transact: reads
// run in autocommit mode, so portal pages never take SQLite's write lock. Not thread-safe
// (one per connection). Database failures are returned as kUnavailable.
//
// Indexing: published items' content never changes (core/item_workflow.hpp: a published
// item is withdrawn and replaced, never edited), so Sync() indexes the published items not
// yet indexed, and queries filter withdrawn items out by joining items.state — the index
// is correct after every Sync without deletions.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item.hpp"
#include "core/read_port.hpp"
#include "core/search_port.hpp"
#include "search/phrase_cache.hpp"
#include "search/postgres_search.hpp"
#include "search/query.hpp"
#include "store/db_url.hpp"
#include "store/soci_store.hpp"

namespace soci {
class session;
}

namespace gongkai::search {

// The request and result types are the search port's (core/search_port.hpp).
using SearchRequest = core::SearchRequest;
using SearchHit = core::SearchHit;
using SearchResult = core::SearchResult;
inline constexpr int64_t kCountCap = core::kSearchCountCap;
inline constexpr int kRankCandidates = core::kSearchRankCandidates;
// A Sync with at least this many pending items is a bulk load (SQLite: larger cache, no
// FTS5 automerge while inserting, one 'optimize' after).
inline constexpr int64_t kBulkItems = 10000;

// A page of published items (the read port's type, core/read_port.hpp).
using ItemPage = core::PublishedPage;

class SearchIndex {
 public:
  SearchIndex(soci::session& sql, store::Backend backend) : sql_(sql), backend_(backend) {}
  // On `store`'s connection (callers outside store/ and search/ never see the session).
  explicit SearchIndex(store::SociStore& store) : SearchIndex(store.session(), store.backend()) {}

  // Indexes every published item not yet indexed, in one transaction; returns how many.
  core::Result<int64_t> Sync();
  // Indexes item `id` if it is published and not yet indexed, inside the caller's open
  // transaction (see InstallPublishHook). kUnavailable on a database failure.
  core::Status IndexItem(core::Id id);
  // Indexes every published item not yet indexed inside the caller's open transaction,
  // as a bulk load when there are at least `bulk_items` of them (a bulk `item import`
  // stores its items without the publish hook, then calls this before committing).
  core::Result<int64_t> IndexPendingInTransaction();
  // Indexes every published item not yet indexed in batches (SetBulkLoad), each inserted in
  // a short transaction of its own, so that publications never wait for the whole build
  // (SQLite has one writer) and an interrupted build resumes where it stopped: indexed
  // items are skipped. The next batch is read and tokenized while the current one is
  // inserted, with no transaction open. Stops between batches once `*stop` is set.
  // Returns how many items it indexed. An item the publish hook indexes meanwhile is not
  // indexed twice. A bulk load (SQLite, at least `bulk_items` pending) inserts with FTS5's
  // automerge off and ends with Compact.
  core::Result<int64_t> SyncInBatches(const std::atomic<bool>* stop = nullptr);
  // SQLite: merges the FTS5 index's segments (left by committed batches) in steps of a
  // short transaction each, as 'optimize' would in one long one, so that queries read few
  // segments; stops between steps once `*stop` is set. Nothing to do on PostgreSQL.
  core::Status Compact(const std::atomic<bool>* stop = nullptr);
  // Empties the index (one short transaction).
  core::Status Clear();
  // Empties the index and indexes every published item again; returns how many.
  core::Result<int64_t> Rebuild();
  // Tuning (tests): a Sync of at least `bulk_items` pending items is a bulk load, and items
  // are read and tokenized `batch` at a time.
  void SetBulkLoad(int64_t bulk_items, int batch) {
    bulk_items_ = bulk_items;
    batch_ = batch;
  }
  // Threads that tokenize a batch beside the writer (0: up to four, by the hardware). The
  // index is the same for any number (index_build_test.cpp); tests compare 1 with several.
  void SetTokenizeThreads(int threads) { tokenize_threads_ = threads; }
  // FTS5 settings of a bulk load on SQLite (index_writes.cpp, Fts5BulkConfig); the bench
  // compares them. Measured in bench/README.md ("Import and index build", 6 Dec 12:00):
  // FTS5's final merge costs in proportion to the number of segments it reads at once
  // times their size, so a build should leave few segments — one per committed batch when
  // the hash holds a whole batch — or merge them in small groups as it goes.
  struct Fts5Bulk {
    // Bytes of pending postings FTS5 holds before it writes a level-0 segment (FTS5's
    // default is 1 MB: a few hundred items). 0: FTS5's default.
    long long hashsize = 256LL << 20;
    // Segments on one level that FTS5 merges at once, automerge or not (FTS5's default 16).
    // 0: chosen by the build — never, when the build leaves at most kFewSegments segments
    // (one final merge reads them all), else 8 (merged in groups as the build goes: a
    // serve build of small batches).
    int crisismerge = 0;
  };
  static constexpr int64_t kFewSegments = 32;
  void SetFts5Bulk(Fts5Bulk bulk) { fts5_bulk_ = bulk; }
  // SyncInBatches and Compact wait this long after each committed batch or merge step, so
  // that a writer waiting for SQLite's lock (a publication) gets it: SQLite's busy handler
  // polls at most every 100 ms, and the builder would otherwise take the lock again at once.
  void SetBatchPause(std::chrono::milliseconds pause) { pause_ = pause; }
  // Called during Sync and Rebuild after each batch with the items indexed so far and the
  // number pending when the work began (for a progress bar; cli/progress).
  void SetProgress(std::function<void(int64_t done, int64_t total)> progress) {
    progress_ = std::move(progress);
  }
  // PostgreSQL: how the newest matches are found (postgres_search.hpp; the bench compares).
  void SetPgWalk(PgWalk walk) { pg_walk_ = walk; }
  // SQLite: finds the matches of unfiltered searches from the match sets of their phrases
  // kept in `cache` (phrase_cache.hpp; shared by the process's connections to this
  // database, outliving this object) instead of walking the index: the same results.
  // Null or a disabled cache: the index is walked.
  void SetPhraseCache(PhraseCache* cache) { phrase_cache_ = cache; }
  // Items in the index (withdrawn ones included).
  core::Result<int64_t> IndexedCount();

  // Runs a search. An empty query (nothing but exclusions or punctuation) returns no hits.
  core::Result<SearchResult> Search(const SearchRequest& request);

  // Published items, newest first (published_on, then id), of `org_ids` (empty: all) and in
  // category `category` or below it ("" : every category), with the total.
  core::Result<ItemPage> ListPublished(const std::vector<core::Id>& org_ids,
                                       const std::string& category, int offset, int limit);
  // A published item with its body and channels; nullopt when unknown or not published.
  core::Result<std::optional<core::Item>> GetPublished(core::Id id);
  // (category, count) of the org's published items, by category.
  core::Result<std::vector<std::pair<std::string, int64_t>>> CategoryCounts(core::Id org_id);
  // (id, published_on ISO) of published items by id, page `page` (0-based) of `per_page`.
  core::Result<std::vector<std::pair<core::Id, std::string>>> SitemapPage(int page, int per_page);
  core::Result<int64_t> CountPublished();

 private:
  // What IndexPending walks: item `only` or every pending item; on the caller's transaction
  // or committing each batch in one of its own (then stopping between batches once `*stop`).
  struct Walk {
    std::optional<core::Id> only;
    bool commit_batches = false;
    const std::atomic<bool>* stop = nullptr;
  };
  // Indexes the published items not yet indexed that `walk` names; returns how many.
  // Throws on database errors.
  int64_t IndexPending(const Walk& walk);
  // Published items not yet indexed. Throws on database errors.
  int64_t CountPending();
  // IndexPending of all `pending` items on the current transaction, with FTS5 automerge off
  // when they are a bulk load, and one 'optimize' at the end when they are at least as many
  // as the items indexed before (else their segment stays beside the old ones: optimize
  // would rewrite the whole index). Throws on database errors.
  int64_t IndexPendingBulk(int64_t pending);
  soci::session& sql_;
  store::Backend backend_;
  int64_t bulk_items_ = kBulkItems;
  // Items per batch: each committed batch of a bulk build is one FTS5 segment, so large
  // batches leave few segments to merge (50,000 items ≈ 150 MB of items and tokens).
  int batch_ = 50000;
  int tokenize_threads_ = 0;
  std::chrono::milliseconds pause_{0};
  std::function<void(int64_t, int64_t)> progress_;
  int64_t pending_ = 0;
  PgWalk pg_walk_ = PgWalk::kAuto;
  Fts5Bulk fts5_bulk_;
  PhraseCache* phrase_cache_ = nullptr;
};

// Makes `store` index every item it stores as published in the same transaction (so a
// published item is findable the moment its publication commits).
void InstallPublishHook(store::SociStore& store);

// The text indexed for an item: title, 文号, 索引号, publisher, summary and body, separated
// so that phrases cannot run from one field into the next.
std::string IndexedText(const core::Item& item);

}  // namespace gongkai::search
