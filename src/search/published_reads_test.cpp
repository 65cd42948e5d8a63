// The portal's published reads on both backends (published_reads.hpp): a column lists its
// category and those below it by path ('A' takes 'A' and 'A/B', never 'AB'), newest first,
// paged, with the total from the counts; the generic list agrees with it; an item comes
// back with its channels, attachments and interpretations — all on kept statements.
#include "search/published_reads.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/search_index.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::search {
namespace {

// Category and publication day of each fixture item (several share a day: id orders them).
struct Fixture {
  const char* category;
  int day;
};
constexpr Fixture kItems[] = {
    {"A", 3},    {"A/B", 5},  {"AB", 9}, {"A/B/C", 5}, {"A/B", 1},
    {"AB/C", 7}, {"A_/X", 8}, {"A", 5},  {"B", 6},     {"A/B/C", 2},
};

class PublishedReadsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
    core::Status s = db_.store().Transact([&](core::Repositories& r) -> core::Status {
      core::Org org;
      org.code = "QX";
      org.name = "青溪市人民政府";
      GONGKAI_ASSIGN_OR_RETURN(org_, r.orgs().Insert(org));
      int n = 0;
      for (const Fixture& f : kItems) {
        core::Item item;
        item.org_id = org_;
        item.title = std::string("事项") + std::to_string(++n);
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2025, 3, 1);
        item.published_on = core::Date::FromYmd(2025, 3, f.day);
        item.index_no = "QX/2025-" + std::to_string(10000 + n);
        item.category = f.category;
        item.state = core::ItemState::kPublished;
        item.body_md = "正文" + std::to_string(n);
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_ASSIGN_OR_RETURN(item.id, r.items().Insert(item));
        items_.push_back(item);
      }
      // A withdrawn item in the column: never listed.
      core::Item gone = items_[0];
      gone.index_no = "QX/2025-19999";
      gone.state = core::ItemState::kWithdrawn;
      GONGKAI_ASSIGN_OR_RETURN(gone_, r.items().Insert(gone));
      core::ItemAttachment a;
      a.item_id = items_[0].id;
      a.name = "附件.pdf";
      a.sha256 = std::string(64, 'a');
      a.media_type = "application/pdf";
      a.size_bytes = 1234;
      GONGKAI_RETURN_IF_ERROR(r.items().AddAttachment(a).status());
      core::Response resp;
      resp.org_id = org_;
      resp.kind = core::ResponseKind::kInterpretation;
      resp.held_on = core::Date::FromYmd(2025, 3, 4);
      resp.topic = "解读";
      resp.interpreted_item_id = items_[0].id;
      GONGKAI_ASSIGN_OR_RETURN(resp.id, r.items().InsertResponse(resp));
      response_ = resp;
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // The fixture's ids in `category` or below it, newest first (date, then id).
  std::vector<core::Id> Expected(const std::string& category) {
    std::vector<const core::Item*> in;
    for (const auto& item : items_) {
      if (item.category == category || item.category.rfind(category + "/", 0) == 0) {
        in.push_back(&item);
      }
    }
    std::sort(in.begin(), in.end(), [](const core::Item* a, const core::Item* b) {
      if (a->published_on != b->published_on) return *a->published_on > *b->published_on;
      return a->id > b->id;
    });
    std::vector<core::Id> ids;
    for (const auto* item : in) ids.push_back(item->id);
    return ids;
  }

  static std::vector<core::Id> Ids(const core::PublishedPage& page) {
    std::vector<core::Id> ids;
    for (const auto& item : page.items) ids.push_back(item.id);
    return ids;
  }

  gongkai::testing::MigratedStore db_;
  core::Id org_ = 0, gone_ = 0;
  std::vector<core::Item> items_;
  core::Response response_;
};

TEST_P(PublishedReadsTest, ColumnTakesItsPathAndBelowNeverASiblingPrefix) {
  PublishedReads reads(db_.store());
  auto counts = reads.CategoryCounts(org_);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  for (const std::string category : {"A", "A/B", "AB", "A_", "B", "Z"}) {
    std::vector<core::Id> want = Expected(category);
    auto column = reads.ListColumn(org_, category, *counts, 0, 20);
    ASSERT_TRUE(column.ok()) << column.status().ToString();
    EXPECT_EQ(Ids(*column), want) << category;
    EXPECT_EQ(column->total, static_cast<int64_t>(want.size())) << category;
    auto listed = reads.ListPublished({org_}, category, 0, 20);
    ASSERT_TRUE(listed.ok()) << listed.status().ToString();
    EXPECT_EQ(Ids(*listed), want) << category;
    EXPECT_EQ(listed->total, static_cast<int64_t>(want.size())) << category;
  }
  EXPECT_EQ(Expected("A").size(), 6u);  // the fixture has what the test is about
  // 'A_/X' only: LIKE 'A_/%' would take 'AB/C' too ('_' is a wildcard there).
  EXPECT_EQ(Expected("A_").size(), 1u);
}

TEST_P(PublishedReadsTest, ColumnPagesWalkOnInOrder) {
  PublishedReads reads(db_.store());
  auto counts = reads.CategoryCounts(org_);
  ASSERT_TRUE(counts.ok());
  std::vector<core::Id> want = Expected("A"), got;
  for (int offset = 0; offset < 8; offset += 4) {
    auto page = reads.ListColumn(org_, "A", *counts, offset, 4);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (core::Id id : Ids(*page)) got.push_back(id);
  }
  EXPECT_EQ(got, want);
  // The same statement served every page: one prepared per shape (column arms, counts).
  EXPECT_LE(db_.store().statements().prepares(), 2u);
}

TEST_P(PublishedReadsTest, ItemComesWithItsChannelsFilesAndInterpretations) {
  PublishedReads reads(db_.store());
  for (int round = 0; round < 2; ++round) {  // the second round on kept statements
    auto item = reads.GetPublished(items_[0].id);
    ASSERT_TRUE(item.ok()) << item.status().ToString();
    ASSERT_TRUE(item->has_value());
    EXPECT_EQ((*item)->title, items_[0].title);
    EXPECT_EQ((*item)->body_md, items_[0].body_md);
    EXPECT_EQ((*item)->index_no, items_[0].index_no);
    EXPECT_EQ((*item)->published_on, items_[0].published_on);
    EXPECT_EQ((*item)->channels.size(), 1u);
    auto files = reads.Attachments(items_[0].id);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    ASSERT_EQ(files->size(), 1u);
    EXPECT_EQ((*files)[0].name, "附件.pdf");
    EXPECT_EQ((*files)[0].position, 1);
    EXPECT_EQ((*files)[0].size_bytes, 1234);
    auto readings = reads.Interpretations(items_[0].id);
    ASSERT_TRUE(readings.ok()) << readings.status().ToString();
    ASSERT_EQ(readings->size(), 1u);
    EXPECT_EQ((*readings)[0], response_);
    auto gone = reads.GetPublished(gone_);
    ASSERT_TRUE(gone.ok());
    EXPECT_FALSE(gone->has_value());
  }
  EXPECT_EQ(db_.store().statements().prepares(), 4u);
  // SearchIndex answers the same on a cache of its own.
  auto again = SearchIndex(db_.store()).GetPublished(items_[0].id);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->channels.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishedReadsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace gongkai::search
