#include "store/sqlite_memory.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

class SqliteMemoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
};

// The configured sizes reach the connection (sqlite_cache_mb, sqlite_mmap_mb); PostgreSQL has
// nothing to set and reports success.
TEST_P(SqliteMemoryTest, SetsTheConnectionsCacheAndMap) {
  ASSERT_TRUE(ApplySqliteMemory(*store_, SqliteMemory{3, 5}));
  if (store_->backend() != Backend::kSqlite) return;
  long long cache = 0, mmap = 0;
  store_->session() << "PRAGMA cache_size", soci::into(cache);
  store_->session() << "PRAGMA mmap_size", soci::into(mmap);
  EXPECT_EQ(cache, -3 * 1024);  // KiB
  EXPECT_EQ(mmap, 5LL << 20);
  ASSERT_TRUE(ApplySqliteMemory(*store_, SqliteMemory{1, 0}));  // 0: no map
  store_->session() << "PRAGMA mmap_size", soci::into(mmap);
  EXPECT_EQ(mmap, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteMemoryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
