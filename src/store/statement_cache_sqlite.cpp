// StatementCache over an SQLite connection (sqlite3_stmt kept per SQL text). In a file of
// its own: it includes <sqlite3.h>, which SOCI's sqlite3 header wraps in a namespace.
#include <soci/error.h>
#include <sqlite3.h>

#include <string>

#include "store/internal/statement_lru.hpp"
#include "store/statement_cache.hpp"

namespace gongkai::store {

namespace {

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

class SqliteRow final : public StatementRow {
 public:
  explicit SqliteRow(sqlite3_stmt* st) : st_(st) {}
  bool IsNull(int column) const override { return sqlite3_column_type(st_, column) == SQLITE_NULL; }
  int64_t Int(int column) const override { return sqlite3_column_int64(st_, column); }
  std::string_view Text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st_, column));
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(sqlite3_column_bytes(st_, column))};
  }

 private:
  sqlite3_stmt* st_;
};

// Resets the statement (ends its read of the database) and drops its bindings on every
// path out of a query.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* st) : st_(st) {}
  ~ResetOnExit() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* st_;
};

class SqliteStatementCache final : public StatementCache {
 public:
  explicit SqliteStatementCache(sqlite3* db) : db_(db) {}
  ~SqliteStatementCache() override { Clear(); }

  using StatementCache::Query;
  void Query(std::string_view sql, std::span<const SqlParam> params,
             FunctionRef<void(const StatementRow&)> on_row) override {
    auto* entry = lru_.Find(sql);
    sqlite3_stmt* uncached = nullptr;  // finalized at the end (a nested use of a busy text)
    sqlite3_stmt* st = nullptr;
    if (entry != nullptr && !entry->in_use) {
      st = entry->handle;
    } else {
      st = Prepare(sql);
      if (entry == nullptr) {
        entry = &lru_.Add(sql, st, kMaxStatements, [](sqlite3_stmt* s) { sqlite3_finalize(s); });
      } else {
        uncached = st;
        entry = nullptr;
      }
    }
    struct Finalize {
      sqlite3_stmt* st;
      ~Finalize() { sqlite3_finalize(st); }
    } finalize{uncached};
    InUse<std::remove_pointer_t<decltype(entry)>> in_use(entry);
    ResetOnExit reset(st);
    int index = 1;
    for (const SqlParam& p : params) {
      int rc = std::holds_alternative<int64_t>(p)
                   ? sqlite3_bind_int64(st, index, std::get<int64_t>(p))
                   : sqlite3_bind_text(st, index, std::get<std::string_view>(p).data(),
                                       static_cast<int>(std::get<std::string_view>(p).size()),
                                       SQLITE_STATIC);
      if (rc != SQLITE_OK) Fail("bind", sql);
      ++index;
    }
    SqliteRow row(st);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        on_row(row);
      } else if (rc == SQLITE_DONE) {
        return;
      } else {
        Fail("step", sql);
      }
    }
  }

  void Clear() override {
    lru_.Clear([](sqlite3_stmt* s) { sqlite3_finalize(s); });
  }
  // An SQLite connection is never replaced under its statements: finalize them.
  void Forget() override { Clear(); }
  size_t size() const override { return lru_.size(); }
  uint64_t prepares() const override { return prepares_; }

 private:
  sqlite3_stmt* Prepare(std::string_view sql) {
    std::string text = ToSqlitePlaceholders(sql);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                           SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      Fail("prepare", sql);
    }
    ++prepares_;
    return st;
  }
  [[noreturn]] void Fail(const char* what, std::string_view sql) {
    throw soci::soci_error(std::string("sqlite3 ") + what + ": " + sqlite3_errmsg(db_) + " (" +
                           FirstLine(sql) + ")");
  }

  sqlite3* db_;
  StatementLru<sqlite3_stmt*> lru_;
  uint64_t prepares_ = 0;
};

}  // namespace

std::unique_ptr<StatementCache> MakeSqliteStatementCache(void* db) {
  return std::make_unique<SqliteStatementCache>(static_cast<sqlite3*>(db));
}

}  // namespace gongkai::store
