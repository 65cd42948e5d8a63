// Database URLs: `sqlite:PATH` (the embedded default), `sqlite::memory:`, and
// `postgresql://…` / `postgres://…` (any libpq connection URI).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::store {

// The two supported databases; everything above store/ and search/ is independent of it.
enum class Backend { kSqlite, kPostgres };

// A parsed --db / GONGKAI_DB value. Log `redacted`, never `target`.
struct DbUrl {
  Backend backend = Backend::kSqlite;
  std::string target;    // file path for SQLite, the libpq URI for PostgreSQL
  std::string redacted;  // safe to show and log: any password replaced by ***
};

// Fails with kInvalidArgument (field "db") for an empty or unknown scheme.
core::Result<DbUrl> ParseDbUrl(std::string_view url);

}  // namespace gongkai::store
