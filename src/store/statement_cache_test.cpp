// The per-connection statement cache (statement_cache.hpp) on both backends: a statement is
// prepared once and re-run with new values, nested and failing queries leave it usable, the
// bound holds, and (PostgreSQL) a reconnect drops the statements of the dead connection.
#include "store/statement_cache.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "store/soci_store.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::store {
namespace {

class StatementCacheTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
    for (const char* code : {"A", "B", "C"}) {
      core::Status s = db_.store().Transact([&](core::Repositories& r) -> core::Status {
        core::Org org;
        org.code = code;
        org.name = std::string("机关") + code;
        GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.orgs().Insert(org));
        ids_.push_back(id);
        return core::Status::Ok();
      });
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }

  // The codes of orgs with id >= `from`, as the cached statement reads them.
  std::vector<std::string> CodesFrom(int64_t from) {
    std::vector<std::string> out;
    db_.store().statements().Query("SELECT code FROM orgs WHERE id >= $1 ORDER BY id", {from},
                                   [&](const StatementRow& r) { out.push_back(r.String(0)); });
    return out;
  }

  gongkai::testing::MigratedStore db_;
  std::vector<int64_t> ids_;
};

TEST_P(StatementCacheTest, PreparesOnceAndRebindsEachRun) {
  StatementCache& cache = db_.store().statements();
  EXPECT_EQ(CodesFrom(ids_[0]), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(CodesFrom(ids_[1]), (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(CodesFrom(ids_[2] + 1), std::vector<std::string>{});
  EXPECT_EQ(cache.prepares(), 1u);
  EXPECT_EQ(cache.size(), 1u);
  // Texts, NULLs and integers come back as stored.
  std::string name;
  bool null_parent = false;
  int64_t id = 0;
  cache.Query("SELECT name, parent_id, id FROM orgs WHERE code = $1", {std::string_view("B")},
              [&](const StatementRow& r) {
                name = r.String(0);
                null_parent = r.IsNull(1);
                id = r.Int(2);
              });
  EXPECT_EQ(name, "机关B");
  EXPECT_TRUE(null_parent);
  EXPECT_EQ(id, ids_[1]);
  EXPECT_EQ(cache.prepares(), 2u);
}

TEST_P(StatementCacheTest, NestedUseOfTheSameTextAndFailuresLeaveItUsable) {
  StatementCache& cache = db_.store().statements();
  // The outer walk is not disturbed by an inner run of the same statement.
  std::vector<std::string> outer;
  size_t inner_rows = 0;
  cache.Query("SELECT code FROM orgs WHERE id >= $1 ORDER BY id", {ids_[0]},
              [&](const StatementRow& r) {
                outer.push_back(r.String(0));
                inner_rows += CodesFrom(ids_[0]).size();
              });
  EXPECT_EQ(outer, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(inner_rows, 9u);
  // A callback that throws mid-walk: the statement is reset, the next run reads it all.
  EXPECT_THROW(cache.Query("SELECT code FROM orgs WHERE id >= $1 ORDER BY id", {ids_[0]},
                           [](const StatementRow&) { throw std::runtime_error("stop"); }),
               std::runtime_error);
  EXPECT_EQ(CodesFrom(ids_[0]).size(), 3u);
  // SQL that does not prepare is a soci_error naming it, and nothing is kept for it.
  size_t kept = cache.size();
  EXPECT_THROW(cache.Query("SELECT nothing FROM no_such_table WHERE x = $1", {int64_t{1}},
                           [](const StatementRow&) {}),
               soci::soci_error);
  EXPECT_EQ(cache.size(), kept);
  EXPECT_EQ(CodesFrom(ids_[1]).size(), 2u);
  // A write afterwards is seen by the next run (no read snapshot left pinned).
  core::Status s = db_.store().Transact([&](core::Repositories& r) -> core::Status {
    core::Org org;
    org.code = "D";
    org.name = "机关D";
    return r.orgs().Insert(org).status();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(CodesFrom(ids_[0]).size(), 4u);
}

TEST_P(StatementCacheTest, KeepsAtMostTheBoundAndStaysCorrect) {
  StatementCache& cache = db_.store().statements();
  const size_t n = StatementCache::kMaxStatements + 10;
  for (size_t i = 0; i < n; ++i) {
    // Distinct texts (the constant differs), the same answer plus i.
    int64_t got = -1;
    cache.Query("SELECT COUNT(*) + " + std::to_string(i) + " FROM orgs WHERE id >= $1", {ids_[0]},
                [&](const StatementRow& r) { got = r.Int(0); });
    ASSERT_EQ(got, static_cast<int64_t>(3 + i));
  }
  EXPECT_EQ(cache.size(), StatementCache::kMaxStatements);
  EXPECT_EQ(cache.prepares(), n);
  // The most recent ones are kept: running the last again prepares nothing.
  cache.Query("SELECT COUNT(*) + " + std::to_string(n - 1) + " FROM orgs WHERE id >= $1", {ids_[0]},
              [](const StatementRow&) {});
  EXPECT_EQ(cache.prepares(), n);
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(CodesFrom(ids_[0]).size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatementCacheTest, ::testing::Values("sqlite", "postgres"));

TEST(SqlitePlaceholdersTest, RewritesNumberedParametersOutsideLiterals) {
  EXPECT_EQ(ToSqlitePlaceholders("SELECT $1, '$2', \"$3\" FROM t WHERE a = $12 AND b = $x"),
            "SELECT ?1, '$2', \"$3\" FROM t WHERE a = ?12 AND b = $x");
}

}  // namespace
}  // namespace gongkai::store
