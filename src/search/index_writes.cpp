// The write side of SearchIndex: tokenizing published items and inserting them into the
// index, in the caller's transaction (publish hook, Sync, bulk import) or in short
// transactions of its own (SyncInBatches: the background build of `gongkai serve`).
#include <soci/soci.h>

#include <algorithm>
#include <exception>
#include <future>
#include <thread>

#include "search/item_rows.hpp"
#include "search/search_index.hpp"
#include "search/tokenize.hpp"

namespace gongkai::search {
namespace {

// The tsvector literal of `tokens`: 'tok':1 'tok':2 … (tokens hold only letters and digits).
std::string TsvectorText(const std::vector<std::string>& tokens) {
  std::string out;
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (k) out += ' ';
    out += "'" + tokens[k] + "':" + std::to_string(k + 1);
  }
  return out;
}

// One document ready for the index: its id and its token stream (FTS5 text or tsvector).
struct Doc {
  long long id = 0;
  std::string tokens;
};

std::string TokenText(const core::Item& item, bool lite) {
  if (lite) {
    std::string out;
    AppendTokenText(IndexedText(item), kMaxDocumentTokens, out);
    return out;
  }
  auto toks = Tokenize(IndexedText(item));
  if (toks.size() > kMaxDocumentTokens) toks.resize(kMaxDocumentTokens);
  return TsvectorText(toks);
}

// Tokenizes `items` on `threads` threads (0: up to four, by hardware_concurrency), in
// contiguous slices so that the documents keep their order: the index built is the same
// whatever the number of threads (index_build_test.cpp). Normalisation is most of our side
// of an index build's CPU time, and it needs no database.
std::vector<Doc> TokenizeAll(const std::vector<core::Item>& items, bool lite, int threads) {
  std::vector<Doc> docs(items.size());
  auto work = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) docs[k] = {items[k].id, TokenText(items[k], lite)};
  };
  size_t parts = threads > 0 ? static_cast<size_t>(threads)
                             : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  // A thread is worth starting for a few dozen items, not for one.
  constexpr size_t kMinItemsPerThread = 32;
  parts = std::clamp<size_t>(items.size() / kMinItemsPerThread, 1, parts);
  std::vector<std::future<void>> rest;
  size_t step = (items.size() + parts - 1) / parts;
  for (size_t p = 1; p < parts; ++p) {
    rest.push_back(std::async(std::launch::async, work, std::min(items.size(), p * step),
                              std::min(items.size(), (p + 1) * step)));
  }
  work(0, std::min(items.size(), step));
  for (auto& f : rest) f.get();
  return docs;
}

// SQLite settings of this connection for a long index write, put back when it ends: a 256 MB
// page cache (FTS5 writes its segments through it), reads through a memory map (the
// segment merges re-read the index: page faults instead of a pread copy per page), and
// secure_delete FAST instead of Debian's compile-time ON. With ON every page a merge or a
// Clear frees is overwritten with zeros and written through the WAL and the checkpoint:
// the 1,000,000-item rebuild wrote 5.5 GB for a 1.1 GB index (bench/README.md, "Index
// build: the merge, secure_delete…"). FAST still zeroes deleted content inside the pages
// it writes anyway; the freed pages of the index hold tokens of published items only.
class BuildPragmas {
 public:
  BuildPragmas(soci::session& sql, bool lite) : sql_(sql), lite_(lite) {
    if (!lite_) return;
    sql_ << "PRAGMA cache_size", soci::into(cache_);
    sql_ << "PRAGMA mmap_size", soci::into(mmap_);
    sql_ << "PRAGMA secure_delete", soci::into(secure_delete_);
    sql_ << "PRAGMA cache_size = -262144";
    sql_ << "PRAGMA mmap_size = 2147418112";
    sql_ << "PRAGMA secure_delete = FAST";
  }
  ~BuildPragmas() {
    if (!lite_) return;
    try {
      sql_ << "PRAGMA cache_size = " + std::to_string(cache_);
      sql_ << "PRAGMA mmap_size = " + std::to_string(mmap_);
      // 0, 1 or 2 (FAST); the pragma reads "2" as a plain true, so FAST is spelled out.
      sql_ << std::string("PRAGMA secure_delete = ") +
                  (secure_delete_ == 2 ? "FAST" : std::to_string(secure_delete_));
    } catch (...) {  // the connection is gone: nothing left to restore
    }
  }
  BuildPragmas(const BuildPragmas&) = delete;
  BuildPragmas& operator=(const BuildPragmas&) = delete;

 private:
  soci::session& sql_;
  bool lite_;
  long long cache_ = 0, mmap_ = 0;
  int secure_delete_ = 1;
};

// FTS5's settings for a bulk load, put back when it ends (SearchIndex::Fts5Bulk):
//   - automerge off: automerge merges segments as they are written, which in a bulk load
//     re-reads the growing index again and again; the load merges once at its end instead
//     ('optimize', or Compact's steps);
//   - a larger hashsize: FTS5 flushes its in-memory hash of pending terms to a new level-0
//     segment whenever it holds this many bytes (default 1 MB, a few hundred items), so a
//     batch of thousands of items left dozens of small segments;
//   - crisismerge: whenever one level holds this many segments (default 16) FTS5 merges
//     them at once, automerge or not. A build of few segments turns it off (1000): the final
//     merge reads them all once. A build of many small batches (serve's) merges groups of 8
//     as it goes, since one merge's cost grows with the number of segments it reads.
// The settings are stored in the database (item_search_config): with no transaction open
// they are committed at once, so a crash leaves them set until the next build's end (the
// next `serve` resumes the build).
class Fts5BulkConfig {
 public:
  // `segments`: how many level-0 segments the build will write (its committed batches).
  Fts5BulkConfig(soci::session& sql, const SearchIndex::Fts5Bulk& bulk, int64_t segments)
      : sql_(sql) {
    Set("automerge", 0);
    if (bulk.hashsize > 0) Set("hashsize", bulk.hashsize);
    int crisis = bulk.crisismerge;
    if (crisis <= 0) crisis = segments <= SearchIndex::kFewSegments ? 1000 : 8;
    Set("crisismerge", crisis);
  }
  ~Fts5BulkConfig() {
    try {
      for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
        if (it->second.empty()) {  // FTS5's default
          sql_ << "DELETE FROM item_search_config WHERE k = :k", soci::use(it->first);
        } else {
          sql_ << "INSERT INTO item_search(item_search, rank) VALUES ('" + it->first + "', " +
                      it->second + ")";
        }
      }
    } catch (...) {  // the connection is gone: the next build puts them back
    }
  }
  Fts5BulkConfig(const Fts5BulkConfig&) = delete;
  Fts5BulkConfig& operator=(const Fts5BulkConfig&) = delete;

 private:
  // `key` is one of the literals above, `value` an integer: nothing from outside is spliced.
  void Set(const std::string& key, long long value) {
    soci::indicator ind = soci::i_null;
    std::string saved;
    sql_ << "SELECT v FROM item_search_config WHERE k = :k", soci::use(key), soci::into(saved, ind);
    saved_.emplace_back(key, ind == soci::i_ok ? saved : std::string());
    sql_ << "INSERT INTO item_search(item_search, rank) VALUES ('" + key + "', " +
                std::to_string(value) + ")";
  }
  soci::session& sql_;
  std::vector<std::pair<std::string, std::string>> saved_;
};

// FTS5 deletes the pages a merge has consumed with "DELETE FROM item_search_data WHERE
// id>=? AND id<=?", planned from sqlite_stat1. After an ANALYZE of a small index (a corpus
// analyzed before its first build, or right after a Clear) the table's row count there is
// tiny, so SQLite scans the whole table instead of seeking the rowid range, and every merge
// step then reads the whole index: the 1,000,000-item first build spent 168–356 s of CPU in
// these scans (memcpy of every page out of the memory map; bench/README.md, "Index build:
// the merge's memmove…"). A build therefore tells the planner what it assumes of a table
// with no statistics (about a million rows) when the recorded count is nearly zero, and
// reloads the statistics, which also re-plans FTS5's cached statements on this connection.
// Only a near-empty count is replaced: SQLite 3.40 plans a scan, or a seek of the lower
// bound only, below 10 recorded rows and the range seek from there on (measured), so a true count
// of a real index is left alone; the next full ANALYZE records the true count again.
void PlanIndexWritesForALargeIndex(soci::session& sql) {
  constexpr long long kNearlyEmpty = 100;      // recorded rows below this are replaced
  constexpr long long kAssumedRows = 1000000;  // SQLite's guess for a table without stats
  long long has_stats = 0, small = 0;
  sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
      soci::into(has_stats);
  if (has_stats == 0) return;
  sql << "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'item_search_data' AND "
         "CAST(stat AS INTEGER) < :n",
      soci::use(kNearlyEmpty), soci::into(small);
  if (small == 0) return;
  const std::string rows = std::to_string(kAssumedRows);
  sql << "UPDATE sqlite_stat1 SET stat = :n WHERE tbl = 'item_search_data'", soci::use(rows);
  // ANALYZE of a one-row table: reloads sqlite_stat1 and expires the prepared statements.
  sql << "ANALYZE item_search_config";
}

}  // namespace

std::string IndexedText(const core::Item& item) {
  std::string text = item.title + " | " + item.doc_no + " | " + item.index_no.value_or("") + " | " +
                     item.publisher + " | " + item.summary + " | " + item.body_md;
  return text;
}

int64_t SearchIndex::IndexPending(const Walk& walk) {
  const bool lite = backend_ == store::Backend::kSqlite;
  // Published items not yet indexed, in batches by id: bounded memory however many there
  // are, and the next batch is read and tokenized while the current one is inserted.
  const int batch_size = std::max(1, batch_);
  std::string select = std::string("SELECT ") + kItemColumns +
                       ", i.body_md FROM items i WHERE i.state = "
                       "'published' AND NOT EXISTS (SELECT 1 FROM " +
                       (lite ? "item_search_docs d" : "item_search d") +
                       " WHERE d.item_id = i.id)" +
                       (walk.only ? " AND i.id = :only" : " AND i.id > :after") +
                       " ORDER BY i.id LIMIT " + std::to_string(batch_size);
  auto fetch = [&](long long key) {
    std::vector<core::Item> batch;
    soci::rowset<soci::row> rows = (sql_.prepare << select, soci::use(key));
    for (const auto& r : rows) batch.push_back(ReadItem(r, true));
    return batch;
  };
  long long id = 0;
  std::string tokens;
  // An item may have been indexed since it was read (by the publish hook or another
  // process's sync, when batches commit on their own): the marker insert skips it, and only
  // a new marker lets its tokens in, so no document is indexed twice.
  soci::statement mark =
      lite ? (sql_.prepare << "INSERT OR IGNORE INTO item_search_docs(item_id) VALUES (:id)",
              soci::use(id))
           : (sql_.prepare << "INSERT INTO item_search(item_id, tsv) VALUES "
                              "(:id, CAST(:t AS tsvector)) ON CONFLICT (item_id) DO NOTHING",
              soci::use(id), soci::use(tokens));
  std::optional<soci::statement> ins_fts;
  if (lite) {
    ins_fts.emplace((sql_.prepare << "INSERT INTO item_search(rowid, tokens) VALUES (:id, :t)",
                     soci::use(id), soci::use(tokens)));
  }
  int64_t n = 0;
  std::vector<core::Item> batch = fetch(walk.only ? static_cast<long long>(*walk.only) : 0);
  std::future<std::vector<Doc>> next =
      std::async(batch.size() > 1 ? std::launch::async : std::launch::deferred, TokenizeAll,
                 std::move(batch), lite, tokenize_threads_);
  for (;;) {
    std::vector<Doc> docs = next.get();
    if (docs.empty() || (walk.stop && walk.stop->load())) break;
    if (!walk.only && docs.size() == static_cast<size_t>(batch_size)) {
      batch = fetch(docs.back().id);  // outside this batch's transaction
      next = std::async(std::launch::async, TokenizeAll, std::move(batch), lite, tokenize_threads_);
    } else {
      next = std::async(std::launch::deferred, [] { return std::vector<Doc>(); });
    }
    if (walk.commit_batches) sql_ << (lite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      for (Doc& d : docs) {
        id = d.id;
        tokens = std::move(d.tokens);
        mark.execute(true);
        if (mark.get_affected_rows() == 0) continue;
        if (ins_fts) ins_fts->execute(true);
        ++n;
      }
      if (walk.commit_batches) {
        sql_ << "COMMIT";
        if (pause_.count() > 0) std::this_thread::sleep_for(pause_);
      }
    } catch (...) {
      if (walk.commit_batches) {
        try {
          sql_ << "ROLLBACK";
        } catch (...) {
        }
      }
      throw;
    }
    if (progress_ && !walk.only) progress_(n, std::max<int64_t>(pending_, n));
  }
  return n;
}

int64_t SearchIndex::CountPending() {
  long long pending = 0;
  sql_ << std::string(
              "SELECT COUNT(*) FROM items i WHERE i.state = 'published' AND NOT EXISTS "
              "(SELECT 1 FROM ") +
              (backend_ == store::Backend::kSqlite ? "item_search_docs" : "item_search") +
              " d WHERE d.item_id = i.id)",
      soci::into(pending);
  return pending;
}

int64_t SearchIndex::IndexPendingBulk(int64_t pending) {
  const bool lite = backend_ == store::Backend::kSqlite;
  pending_ = pending;
  if (progress_ && pending > 0) progress_(0, pending);  // say so before the work starts
  if (!lite || pending < bulk_items_) return IndexPending(Walk{});
  PlanIndexWritesForALargeIndex(sql_);
  // Automerge off while inserting, then one 'optimize' merges everything once; the file is
  // read through a memory map meanwhile (BuildPragmas: no pread copies of merged pages).
  long long mmap = 0;
  sql_ << "PRAGMA mmap_size", soci::into(mmap);
  sql_ << "PRAGMA mmap_size = 2147418112";
  // 'optimize' rewrites the whole index into one segment: worth it when the load is most of
  // the index (a rebuild), not when it adds a year to a city's index (`item import`: the
  // new items' segment stays beside the old one, and FTS5's automerge, back on after the
  // load, merges as segments accumulate).
  long long indexed_before = 0;
  sql_ << "SELECT COUNT(*) FROM item_search_docs", soci::into(indexed_before);
  int64_t n = 0;
  {
    Fts5BulkConfig bulk_config(sql_, fts5_bulk_, 1);  // one transaction: flushes only
    n = IndexPending(Walk{});
    if (progress_) progress_(n, std::max<int64_t>(pending, n));
    if (indexed_before <= n) sql_ << "INSERT INTO item_search(item_search) VALUES ('optimize')";
  }
  sql_ << "PRAGMA mmap_size = " + std::to_string(mmap);
  return n;
}

core::Result<int64_t> SearchIndex::IndexPendingInTransaction() {
  try {
    return IndexPendingBulk(CountPending());
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<int64_t> SearchIndex::Sync() {
  const bool lite = backend_ == store::Backend::kSqlite;
  try {
    // A bulk load on SQLite (the first Sync of a big database, Rebuild) also gets a 256 MB
    // page cache instead of 2 MB and no foreign-key probe per row (the ids come from items);
    // both settings are restored afterwards. The count of pending items decides.
    long long pending = (lite || progress_) ? CountPending() : 0, cache = 0, fk = 0;
    const bool bulk = lite && pending >= bulk_items_;
    if (bulk) {
      sql_ << "PRAGMA cache_size", soci::into(cache);
      sql_ << "PRAGMA foreign_keys", soci::into(fk);
      sql_ << "PRAGMA cache_size = -262144";
      sql_ << "PRAGMA foreign_keys = OFF";
    }
    auto restore = [&] {
      if (!bulk) return;
      sql_ << "PRAGMA cache_size = " + std::to_string(cache);
      sql_ << "PRAGMA foreign_keys = " + std::to_string(fk);
    };
    sql_ << (lite ? "BEGIN IMMEDIATE" : "BEGIN");
    int64_t n = 0;
    try {
      n = IndexPendingBulk(pending);
      sql_ << "COMMIT";
    } catch (...) {
      try {
        sql_ << "ROLLBACK";
        restore();
      } catch (...) {
      }
      throw;
    }
    restore();
    return n;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Result<int64_t> SearchIndex::SyncInBatches(const std::atomic<bool>* stop) {
  try {
    pending_ = CountPending();
    if (progress_) progress_(0, pending_);
    const bool lite = backend_ == store::Backend::kSqlite;
    const bool bulk = lite && pending_ >= bulk_items_;
    BuildPragmas pragmas(sql_, lite);
    if (lite) PlanIndexWritesForALargeIndex(sql_);  // serve's build merges as it goes
    int64_t n = 0;
    {
      // A bulk load merges at its end (Compact) instead of while inserting.
      std::optional<Fts5BulkConfig> bulk_config;
      if (bulk)
        bulk_config.emplace(sql_, fts5_bulk_, (pending_ + batch_ - 1) / std::max(1, batch_));
      n = IndexPending(Walk{std::nullopt, true, stop});
    }
    if (bulk && !(stop && stop->load())) GONGKAI_RETURN_IF_ERROR(Compact(stop));
    return n;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Status SearchIndex::Compact(const std::atomic<bool>* stop) {
  if (backend_ != store::Backend::kSqlite) return core::Status::Ok();
  // FTS5's incremental merge: each 'merge' step does about this many pages (4 KB) of work;
  // a negative count also merges segments of different levels (an optimize in steps).
  // A step that changed fewer than two rows found nothing left to merge.
  constexpr int kMergePages = 4000;
  try {
    BuildPragmas pragmas(sql_, true);
    PlanIndexWritesForALargeIndex(sql_);
    for (;;) {
      if (stop && stop->load()) break;
      long long before = 0, after = 0;
      sql_ << "SELECT total_changes()", soci::into(before);
      sql_ << "BEGIN IMMEDIATE";
      try {
        sql_ << "INSERT INTO item_search(item_search, rank) VALUES ('merge', -" +
                    std::to_string(kMergePages) + ")";
        sql_ << "COMMIT";
      } catch (...) {
        try {
          sql_ << "ROLLBACK";
        } catch (...) {
        }
        throw;
      }
      sql_ << "SELECT total_changes()", soci::into(after);
      if (after - before < 2) break;
      if (pause_.count() > 0) std::this_thread::sleep_for(pause_);
    }
    return core::Status::Ok();
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

core::Status SearchIndex::IndexItem(core::Id id) {
  try {
    IndexPending(Walk{id, false, nullptr});
    return core::Status::Ok();
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

void InstallPublishHook(store::SociStore& store) {
  store.SetPublishHook([](soci::session& sql, store::Backend backend, core::Id id) {
    return SearchIndex(sql, backend).IndexItem(id);
  });
}

core::Status SearchIndex::Clear() {
  try {
    if (backend_ == store::Backend::kSqlite) {
      // 'delete-all' frees every page of the index: no zeroes written over them.
      BuildPragmas pragmas(sql_, true);
      sql_ << "BEGIN IMMEDIATE";
      sql_ << "DELETE FROM item_search_docs";
      sql_ << "INSERT INTO item_search(item_search) VALUES ('delete-all')";
      sql_ << "COMMIT";
    } else {
      sql_ << "DELETE FROM item_search";
    }
    return core::Status::Ok();
  } catch (const std::exception& e) {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {
    }
    return Unavailable(e);
  }
}

core::Result<int64_t> SearchIndex::Rebuild() {
  GONGKAI_RETURN_IF_ERROR(Clear());
  GONGKAI_ASSIGN_OR_RETURN(int64_t n, SyncInBatches());
  GONGKAI_RETURN_IF_ERROR(Compact());
  return n;
}

core::Result<int64_t> SearchIndex::IndexedCount() {
  try {
    long long n = 0;
    sql_ << (backend_ == store::Backend::kSqlite ? "SELECT COUNT(*) FROM item_search_docs"
                                                 : "SELECT COUNT(*) FROM item_search"),
        soci::into(n);
    return static_cast<int64_t>(n);
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

}  // namespace gongkai::search
