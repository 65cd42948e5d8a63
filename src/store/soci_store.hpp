// SociStore: the Store over one SOCI session, SQLite or PostgreSQL.
//
// One SociStore is one connection; it is not thread-safe (the server will hold a pool).
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "core/store.hpp"
#include "store/db_url.hpp"

namespace soci {
class session;
}

namespace gongkai::store {

enum class SchemaPolicy {
  kRequireCurrent,  // refuse a database that is not at this binary's schema version
  kMigrate,         // apply pending migrations first
};

class SociStore : public core::Store {
 public:
  // Connects to `url` (see db_url.hpp). SQLite is opened with WAL, synchronous=FULL,
  // foreign_keys=ON and a busy timeout, and the file is created if missing.
  // Fails with kInvalidArgument for a bad URL, kUnavailable when the database cannot be
  // reached (the message names the redacted URL), kFailedPrecondition when its schema is
  // newer than this binary knows or (kRequireCurrent) older than it expects.
  static core::Result<std::unique_ptr<SociStore>> Open(std::string_view url, SchemaPolicy policy);
  ~SociStore() override;

  core::Status Transact(const std::function<core::Status(core::Repositories&)>& work) override;

  // Run inside the transaction that stores an item as published (ItemRepository::Update or
  // Insert with state published), on this store's session: the search index uses it to
  // index the item in the same transaction as its publication. A failing hook fails the
  // repository call, so the publication rolls back with it.
  using PublishHook = std::function<core::Status(soci::session&, Backend, core::Id item_id)>;
  void SetPublishHook(PublishHook hook);

  Backend backend() const { return backend_; }
  // Refreshes the query planner's statistics (ANALYZE). Call after bulk loads: without them
  // SQLite picks poor indexes for report queries over millions of rows.
  core::Status Analyze();
  // Versions applied by Open (kMigrate), oldest first.
  const std::vector<int>& applied_migrations() const { return applied_; }
  int schema_version() const { return schema_version_; }
  // The session, for code in store/ that needs SQL the repositories do not offer (tests).
  soci::session& session() { return *sql_; }

 private:
  SociStore(std::unique_ptr<soci::session> sql, Backend backend);
  class Repos;
  std::unique_ptr<soci::session> sql_;
  Backend backend_;
  std::vector<int> applied_;
  int schema_version_ = 0;
  std::unique_ptr<Repos> repos_;
};

}  // namespace gongkai::store
