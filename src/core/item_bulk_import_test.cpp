// The batched import against core::ImportItem row by row, over the in-memory store.
#include "core/item_bulk_import.hpp"

#include <gtest/gtest.h>

#include "core/fake_store.hpp"
#include "core/item_import_equivalence.hpp"

namespace gongkai::core {
namespace {

const ChangeContext kCtx{"cli:test", "2024-03-05T08:00:00Z"};
const Date kToday = Date::Parse("2024-03-05").value();

std::pair<Id, Id> SetUpBodies(FakeStore& store) {
  std::pair<Id, Id> ids;
  Status s = store.Transact([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(ids, testing::SetUpImportBodies(r, kCtx));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ids;
}

TEST(ItemBulkImportTest, GivesTheSameStatusesRowsEventsAndAuditChainAsRowByRow) {
  FakeStore per_row_store, batched_store;
  auto [root, fgw] = SetUpBodies(per_row_store);
  ASSERT_EQ(SetUpBodies(batched_store), std::make_pair(root, fgw));
  auto rows = testing::EquivalenceRows(root, fgw);
  auto per_row = testing::ImportRowByRow(per_row_store, kCtx, "zhang.san", rows, kToday);
  auto batched = testing::ImportBatched(batched_store, kCtx, "zhang.san", rows, kToday);
  ASSERT_TRUE(per_row.ok()) << per_row.status().ToString();
  ASSERT_TRUE(batched.ok()) << batched.status().ToString();
  ASSERT_EQ(per_row->statuses.size(), rows.size());
  ASSERT_EQ(batched->statuses.size(), rows.size());
  int stored = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(batched->statuses[i].ToString(), per_row->statuses[i].ToString()) << rows[i].title;
    stored += per_row->statuses[i].ok();
  }
  EXPECT_EQ(stored, 4) << "the good rows: two publications, a draft, a withdrawn item";
  EXPECT_EQ(batched->statuses[2].code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(batched->statuses[8].code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(batched->items, per_row->items);
  EXPECT_EQ(batched->events, per_row->events);
  EXPECT_EQ(batched->audit, per_row->audit);
  EXPECT_EQ(batched->audit_count, per_row->audit_count);
  EXPECT_EQ(batched->broken_link, std::nullopt);
  ASSERT_EQ(batched->items.size(), 4u);
  EXPECT_EQ(batched->items[0].title, "价格工作总结") << "trimmed";
  EXPECT_EQ(batched->items[2].channels.size(), 2u) << "the withdrawn item keeps both channels";
}

TEST(ItemBulkImportTest, RefusesEveryRowOfAnUnknownOrDisabledActorAsRowByRow) {
  for (const char* actor : {"nobody", "off.duty"}) {
    FakeStore per_row_store, batched_store;
    auto [root, fgw] = SetUpBodies(per_row_store);
    SetUpBodies(batched_store);
    auto rows = testing::EquivalenceRows(root, fgw);
    auto per_row = testing::ImportRowByRow(per_row_store, kCtx, actor, rows, kToday);
    auto batched = testing::ImportBatched(batched_store, kCtx, actor, rows, kToday);
    ASSERT_TRUE(per_row.ok() && batched.ok());
    for (size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(batched->statuses[i].ToString(), per_row->statuses[i].ToString()) << actor;
      EXPECT_FALSE(batched->statuses[i].ok()) << actor;
    }
    EXPECT_TRUE(batched->items.empty());
  }
}

TEST(ItemBulkImportTest, AppendManyChainsLikeAppend) {
  FakeStore one, many;
  std::vector<AuditEvent> events;
  for (int i = 0; i < 3; ++i) {
    events.push_back(MakeAuditEvent(kCtx, "item.import", "item", std::to_string(i + 1), "",
                                    "{\"n\":" + std::to_string(i) + "}"));
  }
  ASSERT_TRUE(one.Transact([&](Repositories& r) -> Status {
                   for (const auto& e : events)
                     GONGKAI_RETURN_IF_ERROR(r.audit().Append(e).status());
                   return Status::Ok();
                 })
                  .ok());
  std::vector<AuditEvent> appended = events;
  ASSERT_TRUE(many.Transact([&](Repositories& r) { return r.audit().AppendMany(appended); }).ok());
  ASSERT_TRUE(one.Transact([&](Repositories& r) -> Status {
                   for (const auto& e : appended) {
                     GONGKAI_ASSIGN_OR_RETURN(auto listed, r.audit().ListFor("item", e.entity_id));
                     EXPECT_EQ(listed, std::vector<AuditEvent>{e});
                   }
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_NE(appended[1].prev_hash, appended[2].prev_hash);
  EXPECT_EQ(appended[2].prev_hash, appended[1].hash);
}

}  // namespace
}  // namespace gongkai::core
