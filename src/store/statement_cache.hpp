// Prepared statements kept per connection: a query on the hot read paths (the portal's item
// and column pages) is parsed and planned once per connection, not once per request.
//
// Native, not SOCI: the statements run on the connection's own handle (sqlite3_stmt, libpq's
// named prepared statements), because parsing SQL was 28 % of an item page's CPU and
// SOCI's dynamic rows cost as much again in allocation (bench/README.md, issue 19).
//
// SQL text uses PostgreSQL's placeholders $1, $2, … on both backends (rewritten to ?1, ?2
// for SQLite, outside quoted literals). Values are always bound, never spliced.
//
// Ownership and threads: a StatementCache belongs to one SociStore (one connection) and is
// used by the one thread that holds that store, like the store itself; never shared.
// It is bounded (kMaxStatements; the least recently used is finalized/deallocated) and is
// emptied when the store's connection is replaced (SociStore::connection_generation).
//
// Errors: Query throws soci::soci_error (the message names the SQL's first line), as the
// SOCI calls around it do, so SociStore::Transact and the read paths' catch blocks treat it
// like any other database error.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace gongkai::store {

// One bound value: an integer or a text (the text must outlive the Query call).
using SqlParam = std::variant<int64_t, std::string_view>;

// One row of a result, valid only inside the callback that receives it. Columns count
// from 0. Integers and texts are converted as the backend converts them (SQLite's
// affinity rules; PostgreSQL's text output parsed as a decimal integer).
class StatementRow {
 public:
  virtual ~StatementRow() = default;
  virtual bool IsNull(int column) const = 0;
  // 0 for NULL.
  virtual int64_t Int(int column) const = 0;
  // "" for NULL; the view is valid until the callback returns.
  virtual std::string_view Text(int column) const = 0;
  std::string String(int column) const { return std::string(Text(column)); }
};

// A non-owning reference to a callable (the row callback): unlike std::function it never
// allocates, whatever the lambda captures. The callable must outlive the call.
template <typename Signature>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): takes lambdas in place
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

class StatementCache {
 public:
  // At most this many statements are kept per connection.
  static constexpr size_t kMaxStatements = 64;

  virtual ~StatementCache() = default;
  // Runs `sql` with `params` bound to $1, $2, … in order, calling `on_row` for each row
  // (none for a statement that returns no rows). The statement is prepared on first use
  // and kept. `on_row` may run other queries on the same cache (a statement in use is then
  // prepared again for the nested call, uncached). Throws soci::soci_error on a database
  // error and lets `on_row`'s exceptions through; the statement is reset either way (an
  // SQLite statement left mid-walk would pin a read snapshot).
  virtual void Query(std::string_view sql, std::span<const SqlParam> params,
                     FunctionRef<void(const StatementRow&)> on_row) = 0;
  void Query(std::string_view sql, std::initializer_list<SqlParam> params,
             FunctionRef<void(const StatementRow&)> on_row) {
    Query(sql, std::span<const SqlParam>(params.begin(), params.size()), on_row);
  }
  // Finalizes (SQLite) or deallocates (PostgreSQL) every kept statement.
  virtual void Clear() = 0;
  // Forgets every kept statement without touching the connection: for a connection that
  // broke and is about to be replaced (its statements die with it; PostgreSQL only).
  virtual void Forget() = 0;
  // Statements kept now.
  virtual size_t size() const = 0;
  // Statements prepared so far (cache misses, nested calls included): tests check reuse.
  virtual uint64_t prepares() const = 0;
};

// A cache over an SQLite connection (`db` is its sqlite3*, passed untyped because SOCI's
// sqlite3 header wraps <sqlite3.h> in a namespace). The connection must outlive the cache.
std::unique_ptr<StatementCache> MakeSqliteStatementCache(void* db);
// A cache over a libpq connection (`conn` is its PGconn*); `conn` must outlive the cache.
// Statement names are "gongkai_<n>" (SOCI's own are "st_<n>").
std::unique_ptr<StatementCache> MakePostgresStatementCache(void* conn);

// "$1 … $2" → "?1 … ?2", leaving quoted literals alone (SQLite's numbered parameters).
std::string ToSqlitePlaceholders(std::string_view sql);

}  // namespace gongkai::store
