#include "search/search_index.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <exception>
#include <future>
#include <thread>

#include "core/doc_no.hpp"
#include "search/item_rows.hpp"
#include "search/postgres_search.hpp"
#include "search/snippet.hpp"
#include "search/tokenize.hpp"
#include "store/internal/sql_util.hpp"

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

}  // namespace

std::string IndexedText(const core::Item& item) {
  std::string text = item.title + " | " + item.doc_no + " | " + item.index_no.value_or("") + " | " +
                     item.publisher + " | " + item.summary + " | " + item.body_md;
  return text;
}

namespace {

// One document ready for the index: its id and its token stream (FTS5 text or tsvector).
struct Doc {
  long long id = 0;
  std::string tokens;
};

std::string TokenText(const core::Item& item, bool lite) {
  auto toks = Tokenize(IndexedText(item));
  if (toks.size() > kMaxDocumentTokens) toks.resize(kMaxDocumentTokens);
  if (!lite) return TsvectorText(toks);
  std::string out;
  for (const auto& t : toks) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// Tokenizes `items` on up to hardware_concurrency threads: normalisation (OpenCC) is most
// of an index build's CPU time, and it needs no database.
std::vector<Doc> TokenizeAll(const std::vector<core::Item>& items, bool lite) {
  std::vector<Doc> docs(items.size());
  auto work = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) docs[k] = {items[k].id, TokenText(items[k], lite)};
  };
  size_t parts = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  if (items.size() < 256) parts = 1;
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

}  // namespace

int64_t SearchIndex::IndexPending(std::optional<core::Id> only) {
  const bool lite = backend_ == store::Backend::kSqlite;
  // Published items not yet indexed, in batches by id: bounded memory however many there
  // are, and the next batch is tokenized while the current one is inserted.
  const int batch_size = std::max(1, batch_);
  std::string select = std::string("SELECT ") + kItemColumns +
                       ", i.body_md FROM items i WHERE i.state = "
                       "'published' AND NOT EXISTS (SELECT 1 FROM " +
                       (lite ? "item_search_docs d" : "item_search d") +
                       " WHERE d.item_id = i.id)" +
                       (only ? " AND i.id = :only" : " AND i.id > :after") +
                       " ORDER BY i.id LIMIT " + std::to_string(batch_size);
  auto fetch = [&](long long key) {
    std::vector<core::Item> batch;
    soci::rowset<soci::row> rows = (sql_.prepare << select, soci::use(key));
    for (const auto& r : rows) batch.push_back(ReadItem(r, true));
    return batch;
  };
  long long id = 0;
  std::string tokens;
  soci::statement ins =
      lite ? (sql_.prepare << "INSERT INTO item_search(rowid, tokens) VALUES (:id, :t)",
              soci::use(id), soci::use(tokens))
           : (sql_.prepare << "INSERT INTO item_search(item_id, tsv) VALUES "
                              "(:id, CAST(:t AS tsvector))",
              soci::use(id), soci::use(tokens));
  std::optional<soci::statement> ins_doc;
  if (lite) {
    ins_doc.emplace(
        (sql_.prepare << "INSERT INTO item_search_docs(item_id) VALUES (:id)", soci::use(id)));
  }
  int64_t n = 0;
  std::vector<core::Item> batch = fetch(only ? static_cast<long long>(*only) : 0);
  std::future<std::vector<Doc>> next =
      std::async(batch.size() > 1 ? std::launch::async : std::launch::deferred, TokenizeAll,
                 std::move(batch), lite);
  for (;;) {
    std::vector<Doc> docs = next.get();
    if (docs.empty()) break;
    if (!only && docs.size() == static_cast<size_t>(batch_size)) {
      batch = fetch(docs.back().id);
      next = std::async(std::launch::async, TokenizeAll, std::move(batch), lite);
    } else {
      next = std::async(std::launch::deferred, [] { return std::vector<Doc>(); });
    }
    for (Doc& d : docs) {
      id = d.id;
      tokens = std::move(d.tokens);
      ins.execute(true);
      if (ins_doc) ins_doc->execute(true);
      ++n;
    }
    if (progress_ && !only) progress_(n, std::max<int64_t>(pending_, n));
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
  if (!lite || pending < bulk_items_) return IndexPending(std::nullopt);
  // FTS5 merges its segments while documents are inserted (automerge); in a bulk load that
  // re-reads the growing index again and again. Off while inserting, then one 'optimize'
  // merges everything once. The file is read through a memory map meanwhile (no pread
  // copies of the pages the merge reads), and the setting is restored.
  std::string automerge;
  soci::indicator ind = soci::i_null;
  long long mmap = 0;
  sql_ << "SELECT v FROM item_search_config WHERE k = 'automerge'", soci::into(automerge, ind);
  if (ind != soci::i_ok) automerge.clear();
  sql_ << "PRAGMA mmap_size", soci::into(mmap);
  sql_ << "PRAGMA mmap_size = 2147418112";
  sql_ << "INSERT INTO item_search(item_search, rank) VALUES ('automerge', 0)";
  int64_t n = IndexPending(std::nullopt);
  if (progress_) progress_(n, std::max<int64_t>(pending, n));
  sql_ << "INSERT INTO item_search(item_search) VALUES ('optimize')";
  if (automerge.empty()) {
    sql_ << "DELETE FROM item_search_config WHERE k = 'automerge'";
  } else {
    sql_ << "INSERT INTO item_search(item_search, rank) VALUES ('automerge', " + automerge + ")";
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

core::Status SearchIndex::IndexItem(core::Id id) {
  try {
    IndexPending(id);
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

core::Result<int64_t> SearchIndex::Rebuild() {
  try {
    if (backend_ == store::Backend::kSqlite) {
      sql_ << "BEGIN IMMEDIATE";
      sql_ << "DELETE FROM item_search_docs";
      sql_ << "INSERT INTO item_search(item_search) VALUES ('delete-all')";
      sql_ << "COMMIT";
    } else {
      sql_ << "DELETE FROM item_search";
    }
  } catch (const std::exception& e) {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {
    }
    return Unavailable(e);
  }
  return Sync();
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

core::Result<SearchResult> SearchIndex::Search(const SearchRequest& request) {
  SearchResult result;
  const Query query = ParseQuery(request.q);
  result.nothing_to_search = query.empty();
  try {
    // Exact lookup: the whole query as a 索引号 or a 文号.
    std::string trimmed = request.q;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    if (!trimmed.empty() && trimmed.size() <= 100 && trimmed.find(' ') == std::string::npos) {
      auto doc_no = core::NormalizeDocNo(trimmed);
      std::string d = doc_no.ok() && !doc_no->empty() ? *doc_no : trimmed;
      std::string q = std::string("SELECT ") + kItemColumns +
                      " FROM items i WHERE (i.index_no = :a OR i.doc_no = :b)" +
                      Filters(request.org_ids, request.year) + " ORDER BY i.id DESC LIMIT 20";
      soci::rowset<soci::row> rows = (sql_.prepare << q, soci::use(trimmed), soci::use(d));
      for (const auto& r : rows) result.exact.push_back(ReadItem(r, false));
    }
    if (query.empty()) return result;

    const bool lite = backend_ == store::Backend::kSqlite;
    // Read the database file through a memory map (up to SQLite's 2 GB limit) instead of
    // pread copies into a 2 MB page cache: a search touches the index and ~1,000 items rows.
    if (lite) sql_ << "PRAGMA mmap_size = 2147418112";
    std::string match = lite ? ToFts5(query) : ToTsquery(query);
    std::string from =
        // CROSS JOIN makes SQLite read the FTS index first: with the MATCH string bound as a
        // parameter its planner otherwise walks every published item and probes the index
        // for each (23 s instead of 11 ms for a common word over 200,000 items).
        lite ? " FROM item_search s CROSS JOIN items i ON i.id = s.rowid WHERE item_search MATCH :q"
             : " FROM item_search s JOIN items i ON i.id = s.item_id WHERE s.tsv @@ "
               "CAST(:q AS tsquery)";
    std::string key = lite ? "s.rowid" : "s.item_id";
    std::string filters = Filters(request.org_ids, request.year);

    int limit = std::clamp(request.limit, 1, 100);
    int offset = std::max(0, request.offset);
    // The matching published items, newest first: at least the first kCountCap + 1 (for the
    // count) and the first offset + limit (for the page), or all of them.
    std::vector<core::Id> matches;
    const size_t need = static_cast<size_t>(std::max<int64_t>(kCountCap + 1, offset + limit));
    std::vector<long long> withdrawn;
    const bool unfiltered = request.org_ids.empty() && request.year <= 0 &&
                            request.category.empty() && request.validity.empty();
    if (unfiltered) {
      // No filter: walk the full-text index alone and drop the withdrawn items (the index
      // holds only items that were published, and a published item can only be withdrawn),
      // instead of joining every match with its items row (one random row read per match:
      // 10,000 of them for the count of a common word).
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT id FROM items WHERE state = 'withdrawn'");
      for (const auto& r : rows) withdrawn.push_back(GetInt(r, 0));
      std::sort(withdrawn.begin(), withdrawn.end());
    }
    if (unfiltered && withdrawn.size() <= kCountCap) {
      std::vector<long long> ids(need + withdrawn.size());
      if (lite) {
        sql_ << "SELECT s.rowid FROM item_search s WHERE item_search MATCH :q ORDER BY s.rowid "
                "DESC LIMIT " +
                    std::to_string(ids.size()),
            soci::use(match), soci::into(ids);
      } else {
        ids = PostgresNewestMatches(sql_, match, ids.size(), pg_walk_);
      }
      for (long long id : ids) {
        if (std::binary_search(withdrawn.begin(), withdrawn.end(), id)) continue;
        if (matches.size() < need) matches.push_back(id);
      }
    } else {
      // Column and validity are typed by people: bound, never spliced into the SQL. An empty
      // value switches its clause off.
      std::string cat = request.category, cat_below = request.category + "/";
      int cat_len = static_cast<int>(ToUtf32(cat_below).size());
      std::string val = request.validity, val2 = request.validity;
      std::string cat_on = cat;
      std::vector<long long> ids(need);
      sql_ << "SELECT " + key + from + filters +
                  " AND (:c0 = '' OR i.category = :c1 OR substr(i.category, 1, :cn) = :c2)"
                  " AND (:v0 = '' OR i.validity = :v1) ORDER BY " +
                  key + " DESC LIMIT " + std::to_string(need),
          soci::use(match), soci::use(cat_on), soci::use(cat), soci::use(cat_len),
          soci::use(cat_below), soci::use(val), soci::use(val2), soci::into(ids);
      matches.assign(ids.begin(), ids.end());
    }
    const int64_t count = static_cast<int64_t>(matches.size());
    result.count = std::min<int64_t>(count, kCountCap);
    result.count_capped = count > kCountCap;

    std::vector<core::Id> page_ids;
    if (request.newest) {
      for (size_t k = static_cast<size_t>(offset);
           k < matches.size() && page_ids.size() < static_cast<size_t>(limit); ++k) {
        page_ids.push_back(matches[k]);
      }
    } else {
      // Relevance: score the newest kRankCandidates matches by their title and summary (read
      // without the other columns), then read the page's items in full.
      std::vector<core::Id> candidates(
          matches.begin(),
          matches.begin() + std::min<size_t>(matches.size(), static_cast<size_t>(kRankCandidates)));
      result.ranked_bounded = count > kRankCandidates;
      struct Scored {
        double score;
        std::string published_on;
        core::Id id;
      };
      std::vector<Scored> scored;
      if (!candidates.empty()) {
        Matcher matcher(query);
        // One bulk fetch into column vectors: a rowset of soci::row allocates per row and
        // column, which was most of a search's CPU time.
        const size_t n = candidates.size();
        std::vector<long long> ids(n);
        std::vector<std::string> titles(n), summaries(n), dates(n);
        std::vector<soci::indicator> title_ind(n), summary_ind(n), date_ind(n);
        sql_ << "SELECT i.id, i.title, i.summary, i.published_on FROM items i WHERE i.id IN (" +
                    IdList(candidates) + ")",
            soci::into(ids), soci::into(titles, title_ind), soci::into(summaries, summary_ind),
            soci::into(dates, date_ind);
        for (size_t r = 0; r < ids.size(); ++r) {
          static const std::string kEmpty;
          const std::string& title = title_ind[r] == soci::i_null ? kEmpty : titles[r];
          const std::string& summary = summary_ind[r] == soci::i_null ? kEmpty : summaries[r];
          double score = 0;
          for (size_t k = 0; k < query.must.size(); ++k) {
            const Phrase& p = query.must[k];
            score += 4.0 * std::min(3, matcher.Count(title, k));
            score += 1.0 * std::min(3, matcher.Count(summary, k));
            if (!p.text.empty() && title.rfind(p.text, 0) == 0) score += 2.0;
          }
          scored.push_back(
              {score, date_ind[r] == soci::i_null ? std::string() : std::move(dates[r]), ids[r]});
        }
      }
      std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.published_on != b.published_on) return a.published_on > b.published_on;
        return a.id > b.id;
      });
      for (size_t k = static_cast<size_t>(offset);
           k < scored.size() && page_ids.size() < static_cast<size_t>(limit); ++k) {
        page_ids.push_back(scored[k].id);
      }
    }
    if (!page_ids.empty()) {
      std::string q = std::string("SELECT ") + kItemColumns + " FROM items i WHERE i.id IN (" +
                      IdList(page_ids) + ")";
      std::vector<core::Item> items;
      soci::rowset<soci::row> rows = (sql_.prepare << q);
      for (const auto& r : rows) items.push_back(ReadItem(r, false));
      for (core::Id id : page_ids) {  // in page order
        for (auto& item : items) {
          if (item.id != id) continue;
          SearchHit hit;
          hit.item = std::move(item);
          result.hits.push_back(std::move(hit));
          break;
        }
      }
    }
    Matcher matcher(query);
    for (SearchHit& hit : result.hits) {
      hit.title_html = matcher.Highlight(hit.item.title, 200);
      hit.snippet_html = matcher.Highlight(hit.item.summary, 120);
    }
    return result;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

}  // namespace gongkai::search
