#include "search/sqlite_matches.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "search/sqlite_handle.hpp"

namespace gongkai::search {
namespace {

// One prepared statement, finalized on every path out (exceptions included).
class Statement {
 public:
  Statement(sqlite3* db, std::string_view text) : db_(db) {
    if (sqlite3_prepare_v2(db, text.data(), static_cast<int>(text.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
      Fail();
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void Bind(int k, int64_t value) { Check(sqlite3_bind_int64(stmt_, k, value)); }
  void Bind(int k, const std::string& text) {
    Check(
        sqlite3_bind_text(stmt_, k, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  // True while there is a row.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) Fail();
    return false;
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string_view Blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    if (p == nullptr) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  std::string_view Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) Fail();
  }
  [[noreturn]] void Fail() { throw std::runtime_error(sqlite3_errmsg(db_)); }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

SqliteReadSnapshot::SqliteReadSnapshot(soci::session& sql) {
  sqlite3* db = SqliteHandle(sql);
  if (sqlite3_get_autocommit(db) == 0) return;
  if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
  db_ = db;
}

SqliteReadSnapshot::~SqliteReadSnapshot() {
  // A transaction left open would pin this connection to an old snapshot for good.
  if (db_ != nullptr && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

std::vector<int64_t> SqliteWithdrawnIds(soci::session& sql) {
  // Sorted here: with ORDER BY id SQLite scans the whole table by rowid instead of reading
  // the few withdrawn ids from an index on state (50 ms instead of 0.01 at 200,000 items).
  Statement st(SqliteHandle(sql), "SELECT id FROM items WHERE state = 'withdrawn'");
  std::vector<int64_t> out;
  while (st.Step()) out.push_back(st.Int(0));
  std::sort(out.begin(), out.end());
  return out;
}

SqliteMatches SqliteNewestMatches(soci::session& sql, const std::string& match, size_t first,
                                  size_t need, const std::vector<int64_t>& withdrawn) {
  sqlite3* db = SqliteHandle(sql);
  SqliteMatches out;
  first = std::min(first, need);
  const auto walk_limit = static_cast<int64_t>(need + withdrawn.size());
  bool more = false;    // the walk stopped before the index ran out of entries
  int64_t walked = 0;   // entries stepped over, withdrawn ones included
  int64_t last_id = 0;  // the last (lowest) of them
  {
    // The newest entries one by one only until `first` of them are kept.
    Statement st(db,
                 "SELECT rowid FROM item_search WHERE item_search MATCH ?1 ORDER BY rowid DESC "
                 "LIMIT ?2");
    st.Bind(1, match);
    st.Bind(2, walk_limit);
    while (out.ids.size() < first && st.Step()) {
      ++walked;
      last_id = st.Int(0);
      if (!std::binary_search(withdrawn.begin(), withdrawn.end(), last_id)) {
        out.ids.push_back(last_id);
      }
    }
    more = out.ids.size() == first && walked < walk_limit && st.Step();
  }
  out.count = static_cast<int64_t>(out.ids.size());
  if (!more) return out;
  // The rest of the count inside SQLite: the entries after the last one stepped over, up to
  // the same limit, counted without leaving the VM (FTS5 seeks to the rowid bound instead of
  // walking the first entries' doclists and positions again).
  std::string text =
      "SELECT count(*) FROM (SELECT rowid AS id FROM item_search WHERE item_search MATCH ?1 "
      "AND rowid < ?3 ORDER BY rowid DESC LIMIT ?2)";
  if (!withdrawn.empty()) {
    text += " WHERE id NOT IN (SELECT id FROM items WHERE state = 'withdrawn')";
  }
  Statement count(db, text);
  count.Bind(1, match);
  count.Bind(2, walk_limit - walked);
  count.Bind(3, last_id);
  if (count.Step()) {
    out.count = std::min<int64_t>(out.count + count.Int(0), static_cast<int64_t>(need));
  }
  return out;
}

std::string SqliteIndexGeneration(soci::session& sql) {
  sqlite3* db = SqliteHandle(sql);
  const char* file = sqlite3_db_filename(db, "main");
  std::string out = file != nullptr ? file : "";
  // FTS5's averages (id 1) and structure (id 10) records (fts5_index.c).
  Statement st(db, "SELECT id, block FROM item_search_data WHERE id IN (1, 10) ORDER BY id");
  while (st.Step()) {
    std::string_view block = st.Blob(1);
    out += '\0' + std::to_string(st.Int(0)) + ':' + std::to_string(block.size()) + ':';
    out += block;
  }
  return out;
}

namespace {

// Every item `phrase` (an FTS5 phrase expression) matches, withdrawn ones included.
MatchSet ReadPhraseSet(sqlite3* db, const std::string& phrase) {
  Statement st(db, "SELECT rowid FROM item_search WHERE item_search MATCH ?1 ORDER BY rowid");
  st.Bind(1, phrase);
  std::vector<int64_t> ids;
  while (st.Step()) ids.push_back(st.Int(0));
  return MatchSet::FromAscending(std::move(ids));
}

}  // namespace

SqliteMatches SqliteCachedMatches(soci::session& sql, PhraseCache& cache, const Query& query,
                                  size_t first, size_t need,
                                  const std::vector<int64_t>& withdrawn) {
  sqlite3* db = SqliteHandle(sql);
  const std::string generation = SqliteIndexGeneration(sql);
  std::vector<std::string> phrases;  // one FTS5 expression per phrase: must, then exclude
  for (const auto* list : {&query.must, &query.exclude}) {
    for (const Phrase& p : *list) {
      Query one;
      one.must.push_back(p);
      phrases.push_back(ToFts5(one));
    }
  }
  if (!cache.Admit(generation, phrases)) {
    return SqliteNewestMatches(sql, ToFts5(query), first, need, withdrawn);
  }
  std::vector<std::shared_ptr<const MatchSet>> held;  // keeps the sets alive
  std::vector<const MatchSet*> must, exclude;
  for (size_t k = 0; k < phrases.size(); ++k) {
    const std::string& phrase = phrases[k];
    held.push_back(cache.Get(generation, phrase, [&] { return ReadPhraseSet(db, phrase); }));
    (k < query.must.size() ? must : exclude).push_back(held.back().get());
  }
  NewestIds found = NewestOf(must, exclude, withdrawn, first, need);
  return {std::move(found.ids), found.count};
}

void SqliteReadCandidates(soci::session& sql, const std::vector<int64_t>& ids,
                          const CandidateRow& row) {
  // One statement stepped per id: the ids arrive newest first, so consecutive reads mostly
  // land on pages the previous one touched; no 1,000-value IN list to build and parse.
  Statement st(SqliteHandle(sql), "SELECT title, summary, published_on FROM items WHERE id = ?1");
  for (int64_t id : ids) {
    st.Bind(1, id);
    if (st.Step()) row(id, st.Text(0), st.Text(1), st.Text(2));
    st.Reset();
  }
}

}  // namespace gongkai::search
