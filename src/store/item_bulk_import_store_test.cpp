// The batched import (core/item_bulk_import.hpp) on SQLite and PostgreSQL: the same rows
// imported row by row through core::ImportItem and in one batch into two databases give the
// same statuses, item rows, events and audit events, and the batched chain verifies.
#include <gtest/gtest.h>

#include "core/item_import_equivalence.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

const core::ChangeContext kCtx{"cli:test", "2024-03-05T08:00:00Z"};

class ItemBulkImportStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  // A fresh database with the bodies and users of the equivalence rows.
  std::unique_ptr<SociStore> Open(std::unique_ptr<gongkai::testing::TestDatabase>& db,
                                  std::pair<core::Id, core::Id>& ids) {
    db = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db->url().empty()) return nullptr;
    auto opened = SociStore::Open(db->url(), SchemaPolicy::kMigrate);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return nullptr;
    auto store = std::move(opened).value();
    core::Status s = store->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(ids, core::testing::SetUpImportBodies(r, kCtx));
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return store;
  }
};

TEST_P(ItemBulkImportStoreTest, BatchedImportEqualsRowByRow) {
  std::unique_ptr<gongkai::testing::TestDatabase> db_a, db_b;
  std::pair<core::Id, core::Id> ids_a, ids_b;
  auto per_row_store = Open(db_a, ids_a);
  if (!per_row_store) {
    if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_a->skip_reason();
    GTEST_SKIP() << db_a->skip_reason();
  }
  auto batched_store = Open(db_b, ids_b);
  ASSERT_TRUE(batched_store);
  ASSERT_EQ(ids_a, ids_b);
  const core::Date today = core::Date::Parse("2024-03-05").value();
  auto rows = core::testing::EquivalenceRows(ids_a.first, ids_a.second);
  auto per_row = core::testing::ImportRowByRow(*per_row_store, kCtx, "zhang.san", rows, today);
  auto batched = core::testing::ImportBatched(*batched_store, kCtx, "zhang.san", rows, today);
  ASSERT_TRUE(per_row.ok()) << per_row.status().ToString();
  ASSERT_TRUE(batched.ok()) << batched.status().ToString();
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(batched->statuses[i].ToString(), per_row->statuses[i].ToString()) << rows[i].title;
  }
  ASSERT_EQ(batched->items.size(), 4u);
  EXPECT_EQ(batched->items, per_row->items);
  EXPECT_EQ(batched->events, per_row->events);
  EXPECT_EQ(batched->audit, per_row->audit);
  EXPECT_EQ(batched->audit_count, per_row->audit_count);
  EXPECT_EQ(per_row->broken_link, std::nullopt);
  EXPECT_EQ(batched->broken_link, std::nullopt);
  // The chain goes on after a batch: a later single append links to its last event.
  core::Status s = batched_store->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(
        core::RecordChange(r.audit(), kCtx, "test.after", "test", "1", "", "{}"));
    GONGKAI_ASSIGN_OR_RETURN(auto broken, r.audit().Verify());
    EXPECT_EQ(broken, std::nullopt);
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, ItemBulkImportStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
