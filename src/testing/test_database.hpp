// Throwaway databases for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL
// server named by $GONGKAI_TEST_PG (make test starts one). When that variable is unset the
// PostgreSQL cases skip, unless $GONGKAI_TEST_REQUIRE_PG=1, when they fail (CI).
#pragma once

#include <string>

namespace gongkai::testing {

class TestDatabase {
 public:
  // backend: "sqlite" or "postgres".
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Empty when the backend is unavailable; skip_reason() says why.
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }
  // True when an unavailable backend must fail the test rather than skip it.
  static bool PostgresRequired();

 private:
  std::string backend_;
  std::string url_;
  std::string skip_reason_;
  std::string path_;    // SQLite file
  std::string schema_;  // PostgreSQL schema
};

}  // namespace gongkai::testing
