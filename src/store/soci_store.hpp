// SociStore: the Store over one SOCI session, SQLite or PostgreSQL.
//
// Ownership and threads: one SociStore owns one connection (its soci::session) and the
// repositories over it. It is not thread-safe: one thread at a time may call Transact or
// any other method; a server holds one store per worker (a pool), never one shared store.
// Several SociStores may open the same database; SQLite serialises their writers
// (BEGIN IMMEDIATE with a busy timeout), PostgreSQL runs them concurrently.
//
// Errors: every method returns a core::Status; nothing throws out of this class.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "core/store.hpp"
#include "store/db_url.hpp"
#include "store/statement_cache.hpp"

namespace soci {
class session;
}

namespace gongkai::store {

// What Open does with a database whose schema is older than this binary's.
enum class SchemaPolicy {
  kRequireCurrent,  // refuse a database that is not at this binary's schema version
  kMigrate,         // apply pending migrations first
};

// A statement cache over `sql`'s current connection, for code that holds a session but no
// store (search::SearchIndex); it must be destroyed before the session closes or
// reconnects. SociStore::statements() is the kept, per-connection one.
std::unique_ptr<StatementCache> MakeStatementCache(soci::session& sql, Backend backend);

class SociStore : public core::Store {
 public:
  // Connects to `url` (see db_url.hpp). SQLite is opened with WAL, synchronous=FULL,
  // foreign_keys=ON and a busy timeout, and the file is created if missing.
  // Fails with kInvalidArgument for a bad URL, kUnavailable when the database cannot be
  // reached (the message names the redacted URL), kFailedPrecondition when its schema is
  // newer than this binary knows or (kRequireCurrent) older than it expects.
  static core::Result<std::unique_ptr<SociStore>> Open(std::string_view url, SchemaPolicy policy);
  ~SociStore() override;

  // Runs `work` in one transaction (BEGIN IMMEDIATE on SQLite): committed when it returns
  // Ok, rolled back when it returns an error or throws. Exceptions from the repositories
  // become statuses (constraint -> kAlreadyExists, unreadable row -> kDataLoss, lost
  // connection or a failed BEGIN -> kUnavailable, other SQL errors -> kInternal). Not
  // re-entrant: `work` must not call Transact on the same store.
  core::Status Transact(const std::function<core::Status(core::Repositories&)>& work) override;

  // Run inside the transaction that stores an item as published (ItemRepository::Update or
  // Insert with state published), on this store's session: the search index uses it to
  // index the item in the same transaction as its publication. A failing hook fails the
  // repository call, so the publication rolls back with it.
  using PublishHook = std::function<core::Status(soci::session&, Backend, core::Id item_id)>;
  void SetPublishHook(PublishHook hook);
  // SQLite only: sets this connection's page cache (PRAGMA cache_size; negative = KiB) and
  // returns the previous setting, for a bulk job that must not spill its own transaction.
  // nullopt on PostgreSQL or when the pragma fails (the job is then only slower).
  std::optional<long long> SwapSqliteCacheSize(long long cache_size);

  // Reopens the connection when it is known to be broken: PostgreSQL restarted, failed over
  // to a promoted standby at the same address, or the network dropped it (libpq then marks
  // the connection bad after the statement that found out). Costs no round trip on a
  // healthy connection. A pool calls it before lending the store, so the server recovers
  // without a restart. Attempts are spaced by at least kReconnectInterval (a database that
  // is away costs one failed connect per interval, not one per request). Returns Ok when
  // the connection is usable, kUnavailable (the redacted URL and the cause) when it is not;
  // the store stays usable for another try. SQLite connections never break: always Ok.
  static constexpr std::chrono::milliseconds kReconnectInterval{200};
  core::Status ReconnectIfBroken();
  // Whether the connection is known to be broken (no round trip; see ReconnectIfBroken).
  bool broken();
  // Incremented by every successful reconnect: anything that keeps prepared statements of
  // this store's session must drop them when the generation changes (the old session's
  // statements died with its connection).
  uint64_t connection_generation() const { return generation_; }

  // This connection's prepared statements (store/statement_cache.hpp), for the hot read
  // paths. Created on first use; emptied when the connection is replaced by a reconnect,
  // so a statement never outlives the connection it was prepared on. Same thread rules as
  // the store. Must not be used while the connection is broken (ReconnectIfBroken first,
  // as the pool does before lending the store).
  StatementCache& statements();

  // Which database this store talks to (SQL dialect differences live in store/ and search/).
  Backend backend() const { return backend_; }
  // Refreshes the query planner's statistics (ANALYZE). Call after bulk loads: without them
  // SQLite picks poor indexes for report queries over millions of rows.
  core::Status Analyze();
  // Versions applied by Open (kMigrate), oldest first.
  const std::vector<int>& applied_migrations() const { return applied_; }
  // The schema version of the database after Open.
  int schema_version() const { return schema_version_; }
  // The session, for code in store/ that needs SQL the repositories do not offer (tests).
  soci::session& session() { return *sql_; }

 private:
  // Takes the open, migrated session; only Open constructs a store.
  SociStore(std::unique_ptr<soci::session> sql, Backend backend);
  // Per-connection settings applied after every (re)connect.
  void ConfigureSession();
  // The Repositories handed to Transact's `work`: the Sql… repositories over sql_, built
  // once and reused by every transaction of this store.
  class Repos;
  std::unique_ptr<soci::session> sql_;  // the one connection this store owns
  // Prepared on sql_'s current connection (declared after sql_: destroyed before it).
  std::unique_ptr<StatementCache> statements_;
  uint64_t statements_generation_ = 0;  // generation_ when statements_ was made
  Backend backend_;
  std::vector<int> applied_;  // migrations Open applied
  int schema_version_ = 0;
  std::unique_ptr<Repos> repos_;
  std::string redacted_url_;  // for messages: the URL without its password
  uint64_t generation_ = 0;   // successful reconnects so far
  std::chrono::steady_clock::time_point last_attempt_{};  // of the last reconnect attempt
};

}  // namespace gongkai::store
