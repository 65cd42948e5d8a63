#include "testing/test_database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace gongkai::testing {
namespace {
std::atomic<int> counter{0};

// Removes a SQLite database file and its WAL and shared-memory files.
void RemoveSqliteFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(path + suffix, ignored);
  }
}

std::string UniqueSuffix() {
  return std::to_string(getpid()) + "_" + std::to_string(counter.fetch_add(1));
}
}  // namespace

bool TestDatabase::PostgresRequired() {
  const char* required = std::getenv("GONGKAI_TEST_REQUIRE_PG");
  return required && std::string(required) == "1";
}

TestDatabase::TestDatabase(const std::string& backend) : backend_(backend) {
  if (backend == "sqlite") {
    path_ = (std::filesystem::temp_directory_path() / ("gongkai_test_" + UniqueSuffix() + ".db"))
                .string();
    url_ = "sqlite:" + path_;
    // A test process killed earlier (a crash round, a stopped ctest) leaves its file behind,
    // and process ids are reused: a leftover with our name is not ours to open.
    RemoveSqliteFiles(path_);
    return;
  }
  const char* pg = std::getenv("GONGKAI_TEST_PG");
  if (!pg || !*pg) {
    skip_reason_ = "GONGKAI_TEST_PG is not set (make test starts a PostgreSQL server)";
    return;
  }
  schema_ = "t_" + UniqueSuffix();
  soci::session admin(soci::postgresql, pg);
  admin << "SET client_min_messages = WARNING";
  admin << "CREATE SCHEMA " + schema_;
  std::string base = pg;
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_;
}

TestDatabase::~TestDatabase() {
  if (!path_.empty()) RemoveSqliteFiles(path_);
  if (!schema_.empty()) {
    try {
      soci::session admin(soci::postgresql, std::getenv("GONGKAI_TEST_PG"));
      admin << "SET client_min_messages = WARNING";
      admin << "DROP SCHEMA " + schema_ + " CASCADE";
    } catch (...) {
      // The cluster is thrown away after the run anyway.
    }
  }
}

}  // namespace gongkai::testing
