#include "store/sqlite_memory.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "testing/migrated_store.hpp"

namespace gongkai::store {
namespace {

class SqliteMemoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
  }

  gongkai::testing::MigratedStore db_;
};

// The configured sizes reach the connection (sqlite_cache_mb, sqlite_mmap_mb); PostgreSQL has
// nothing to set and reports success.
TEST_P(SqliteMemoryTest, SetsTheConnectionsCacheAndMap) {
  ASSERT_TRUE(ApplySqliteMemory(db_.store(), SqliteMemory{3, 5}));
  if (db_.store().backend() != Backend::kSqlite) return;
  long long cache = 0, mmap = 0;
  db_.store().session() << "PRAGMA cache_size", soci::into(cache);
  db_.store().session() << "PRAGMA mmap_size", soci::into(mmap);
  EXPECT_EQ(cache, -3 * 1024);  // KiB
  EXPECT_EQ(mmap, 5LL << 20);
  ASSERT_TRUE(ApplySqliteMemory(db_.store(), SqliteMemory{1, 0}));  // 0: no map
  db_.store().session() << "PRAGMA mmap_size", soci::into(mmap);
  EXPECT_EQ(mmap, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteMemoryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
