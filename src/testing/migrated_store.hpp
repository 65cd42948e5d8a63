// A migrated SociStore on a throwaway database (TestDatabase) for a test's SetUp: the open,
// skip-or-fail and migrate steps every storage test starts with, written once.
//
//   class MyTest : public ::testing::TestWithParam<std::string> {
//     void SetUp() override {
//       ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
//       if (IsSkipped()) return;
//       ... db_.store() ...
//     }
//     gongkai::testing::MigratedStore db_;
//   };
//
// Open() marks the test skipped when the backend is unavailable, or fails it when
// PostgreSQL is required ($GONGKAI_TEST_REQUIRE_PG=1, CI); the caller returns on either.
// Header-only: it uses gtest's assertions, so only test binaries may include it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::testing {

class MigratedStore {
 public:
  // Creates the database of `backend` ("sqlite" or "postgres") and opens it migrated.
  void Open(const std::string& backend) {
    db_ = std::make_unique<TestDatabase>(backend);
    if (db_->url().empty()) {
      if (TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  const std::string& url() const { return db_->url(); }
  store::SociStore& store() { return *store_; }

 private:
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::SociStore> store_;
};

}  // namespace gongkai::testing
