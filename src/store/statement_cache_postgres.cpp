// StatementCache over a libpq connection: named prepared statements (PQprepare once per
// connection and SQL text, PQexecPrepared after), results in text format.
#include <libpq-fe.h>
#include <soci/error.h>

#include <atomic>
#include <charconv>
#include <memory>
#include <string>
#include <vector>

#include "store/internal/statement_lru.hpp"
#include "store/statement_cache.hpp"

namespace gongkai::store {

namespace {

std::atomic<uint64_t> named{0};  // statement names handed out, by every cache

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ClearResult>;

class PgRow final : public StatementRow {
 public:
  PgRow(PGresult* r, int row) : r_(r), row_(row) {}
  bool IsNull(int column) const override { return PQgetisnull(r_, row_, column) != 0; }
  int64_t Int(int column) const override {
    std::string_view text = Text(column);
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string_view Text(int column) const override {
    return {PQgetvalue(r_, row_, column), static_cast<size_t>(PQgetlength(r_, row_, column))};
  }

 private:
  PGresult* r_;
  int row_;
};

class PostgresStatementCache final : public StatementCache {
 public:
  explicit PostgresStatementCache(PGconn* conn) : conn_(conn) {}
  ~PostgresStatementCache() override { Clear(); }

  using StatementCache::Query;
  void Query(std::string_view sql, std::span<const SqlParam> params,
             FunctionRef<void(const StatementRow&)> on_row) override {
    // Text parameters: integers formatted, texts copied with their terminator.
    std::vector<std::string> values;
    values.reserve(params.size());
    std::vector<const char*> pointers;
    pointers.reserve(params.size());
    for (const SqlParam& p : params) {
      if (std::holds_alternative<int64_t>(p)) {
        values.push_back(std::to_string(std::get<int64_t>(p)));
      } else {
        values.emplace_back(std::get<std::string_view>(p));
      }
    }
    for (const auto& v : values) pointers.push_back(v.c_str());
    // Nested queries never reuse a statement in use: libpq has fetched the whole result,
    // so a prepared statement is free again once PQexecPrepared returns.
    auto* entry = lru_.Find(sql);
    if (entry == nullptr) {
      // Unique in the process, so that two caches on one connection (SearchIndex's
      // short-lived one beside the store's) never take the same name.
      std::string name = "gongkai_" + std::to_string(++named);
      Result prepared(PQprepare(conn_, name.c_str(), std::string(sql).c_str(),
                                static_cast<int>(params.size()), nullptr));
      if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) Fail("prepare", sql);
      ++prepares_;
      entry =
          &lru_.Add(sql, name, kMaxStatements, [this](const std::string& old) { Deallocate(old); });
    }
    Result r(PQexecPrepared(conn_, entry->handle.c_str(), static_cast<int>(pointers.size()),
                            pointers.data(), nullptr, nullptr, 0));
    ExecStatusType status = PQresultStatus(r.get());
    if (status == PGRES_COMMAND_OK) return;
    if (status != PGRES_TUPLES_OK) Fail("execute", sql);
    const int rows = PQntuples(r.get());
    for (int i = 0; i < rows; ++i) on_row(PgRow(r.get(), i));
  }

  void Clear() override {
    lru_.Clear([this](const std::string& name) { Deallocate(name); });
  }
  void Forget() override {
    lru_.Clear([](auto&) {});
  }
  size_t size() const override { return lru_.size(); }
  uint64_t prepares() const override { return prepares_; }

 private:
  void Deallocate(const std::string& name) {
    // Fails harmlessly on a dead connection (its statements died with it) or inside an
    // aborted transaction (the statement then lives until the connection closes).
    if (PQstatus(conn_) != CONNECTION_OK) return;
    Result r(PQexec(conn_, ("DEALLOCATE " + name).c_str()));
  }
  [[noreturn]] void Fail(const char* what, std::string_view sql) {
    throw soci::soci_error(std::string("libpq ") + what + ": " + FirstLine(PQerrorMessage(conn_)) +
                           " (" + FirstLine(sql) + ")");
  }

  PGconn* conn_;
  StatementLru<std::string> lru_;
  uint64_t prepares_ = 0;
};

}  // namespace

std::unique_ptr<StatementCache> MakePostgresStatementCache(void* conn) {
  return std::make_unique<PostgresStatementCache>(static_cast<PGconn*>(conn));
}

}  // namespace gongkai::store
