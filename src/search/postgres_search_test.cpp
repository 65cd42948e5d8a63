// PostgreSQL's newest-matches walks (postgres_search.hpp) return the same ids as the plain
// ORDER BY over the GIN index, newest first, for every kind of query and limit — including
// windows much narrower than the id range, so the window sizing and the walk down the ids
// are exercised on a small corpus. PostgreSQL only; the RUM walk runs when the extension is
// installed (scripts/with-postgres creates it when postgresql-15-rum is present).
#include "search/postgres_search.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <memory>

#include "search/query.hpp"
#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::search {
namespace {

class PostgresSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open("postgres"));
    if (IsSkipped()) return;
    // 97 items: every one is a 通知, every 7th about 森林防火, one about 水库; ids grow with n.
    core::Status s = db_.store().Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id org, r.orgs().Insert(root));
      for (int n = 1; n <= 97; ++n) {
        core::Item item;
        item.org_id = org;
        item.title = std::string("关于") + (n % 7 == 0 ? "森林防火" : "道路维修") +
                     (n == 50 ? "和水库安全" : "") + "工作的通知 第" + std::to_string(n) + "号";
        item.summary = "摘要";
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2024, 3, 1);
        item.published_on = core::Date::FromYmd(2024, 3, 2);
        item.index_no = "QX/2024-" + std::to_string(10000 + n);
        item.category = "法定主动公开内容/通知公告";
        item.state = core::ItemState::kPublished;
        item.body_md = "正文。";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_RETURN_IF_ERROR(r.items().Insert(item).status());
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto n = SearchIndex(db_.store()).Sync();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    ASSERT_EQ(*n, 97);
  }

  gongkai::testing::MigratedStore db_;
};

TEST_F(PostgresSearchTest, EveryWalkReturnsTheNewestMatchesInOrder) {
  soci::session& sql = db_.store().session();
  const bool rum = PostgresHasRumIndex(sql);
  std::printf("RUM index: %s\n", rum ? "present" : "absent (walk 'rum' falls back to GIN)");
  for (const char* q : {"通知", "森林防火", "水库", "通知 -森林", "防", "不存在的词", "第5"}) {
    const std::string tsquery = ToTsquery(ParseQuery(q));
    for (size_t limit : {1u, 5u, 13u, 200u}) {
      auto expected = PostgresNewestMatches(sql, tsquery, limit, PgWalk::kGinSort);
      ASSERT_TRUE(std::is_sorted(expected.rbegin(), expected.rend())) << q;
      for (PgWalk walk :
           {PgWalk::kAuto, PgWalk::kIdWindows, PgWalk::kRumOrdered, PgWalk::kNewestRows}) {
        for (long long window : {0LL, 1LL, 3LL, 40LL}) {
          auto got = PostgresNewestMatches(sql, tsquery, limit, walk, window);
          EXPECT_EQ(got, expected) << q << " walk " << PgWalkName(walk) << " limit " << limit
                                   << " first window " << window;
        }
      }
    }
  }
  // The corpus is what the queries assume: all 97 match 通知, 13 森林防火, one 水库.
  EXPECT_EQ(PostgresNewestMatches(sql, ToTsquery(ParseQuery("通知")), 1000).size(), 97u);
  EXPECT_EQ(PostgresNewestMatches(sql, ToTsquery(ParseQuery("森林防火")), 1000).size(), 13u);
  EXPECT_EQ(PostgresNewestMatches(sql, ToTsquery(ParseQuery("水库")), 1000).size(), 1u);
}

// kAuto chooses by the planner's estimate: with statistics, a word in every item is read
// from the newest rows, a word in one item (97 rows: too few for RUM) through GIN; and whatever the
// choice, the newest rows' window narrower than the matches (first_window 1, 3, 40: the fallback
// below the window) still gives the same ids as the plain GIN sort.
TEST_F(PostgresSearchTest, AutoChoosesByEstimatedDensityAndFallsBackBelowItsWindow) {
  soci::session& sql = db_.store().session();
  sql << "ANALYZE item_search";
  const std::string common = ToTsquery(ParseQuery("通知"));
  EXPECT_EQ(PostgresChooseWalk(sql, common, 1000), PgWalk::kNewestRows);
  // Not dense, and far fewer rows than kPgRumMinRows: GIN.
  EXPECT_EQ(PostgresChooseWalk(sql, ToTsquery(ParseQuery("水库")), 1000), PgWalk::kGinSort);
  for (const char* q : {"通知", "森林防火", "通知 -森林", "防", "水库"}) {
    const std::string tsquery = ToTsquery(ParseQuery(q));
    for (size_t limit : {1u, 13u, 200u}) {
      auto expected = PostgresNewestMatches(sql, tsquery, limit, PgWalk::kGinSort);
      for (long long window : {0LL, 1LL, 3LL, 40LL}) {
        EXPECT_EQ(PostgresNewestMatches(sql, tsquery, limit, PgWalk::kAuto, window), expected)
            << q << " limit " << limit << " window " << window;
      }
    }
  }
}

// Migration 0021: a search vector larger than the ~2 KB PostgreSQL moves out of line by
// default stays in its heap row (STORAGE MAIN, toast_tuple_target 8160), so a recheck reads
// no TOAST; and a phrase over that long document is still found by every walk.
TEST_F(PostgresSearchTest, LongSearchVectorsStayInTheirRows) {
  soci::session& sql = db_.store().session();
  std::string body;  // 300 distinct characters: ~600 lexemes (characters and bigrams)
  for (char32_t c = 0x4E00; c < 0x4E00 + 300; ++c) {
    body += static_cast<char>(0xE0 | (c >> 12));
    body += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    body += static_cast<char>(0x80 | (c & 0x3F));
  }
  long long org = 0;
  sql << "SELECT MIN(id) FROM orgs", soci::into(org);
  core::Status s = db_.store().Transact([&](core::Repositories& r) -> core::Status {
    core::Item item;
    item.org_id = org;
    item.title = "长文档的通知";
    item.summary = "摘要";
    item.publisher = "青溪市人民政府";
    item.formed_on = core::Date::FromYmd(2024, 3, 1);
    item.published_on = core::Date::FromYmd(2024, 3, 3);
    item.index_no = "QX/2024-20000";
    item.category = "法定主动公开内容/通知公告";
    item.state = core::ItemState::kPublished;
    item.body_md = body;
    item.channels.push_back({core::Channel::kWebsite, *item.published_on});
    return r.items().Insert(item).status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto n = SearchIndex(db_.store()).Sync();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  ASSERT_EQ(*n, 1);

  long long largest = 0, toast_bytes = -1;
  std::string storage;
  sql << "SELECT MAX(pg_column_size(tsv)) FROM item_search", soci::into(largest);
  sql << "SELECT pg_relation_size(reltoastrelid) FROM pg_class "
         "WHERE oid = to_regclass('item_search')",
      soci::into(toast_bytes);
  sql << "SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass('item_search') "
         "AND attname = 'tsv'",
      soci::into(storage);
  EXPECT_GT(largest, 2100) << "the long document's vector is not long enough to test";
  EXPECT_LT(largest, 8000);
  EXPECT_EQ(storage, "m");
  EXPECT_EQ(toast_bytes, 0) << "a search vector went to TOAST";

  // 丐丑丒 (U+4E10..U+4E12) is a phrase of the long body and of no other item.
  const std::string phrase = ToTsquery(ParseQuery("丐丑丒"));
  auto expected = PostgresNewestMatches(sql, phrase, 10, PgWalk::kGinSort);
  ASSERT_EQ(expected.size(), 1u);
  for (PgWalk walk :
       {PgWalk::kAuto, PgWalk::kIdWindows, PgWalk::kRumOrdered, PgWalk::kNewestRows}) {
    EXPECT_EQ(PostgresNewestMatches(sql, phrase, 10, walk), expected) << PgWalkName(walk);
  }
}

TEST(PgWalkTest, NamesRoundTrip) {
  for (PgWalk w : {PgWalk::kAuto, PgWalk::kGinSort, PgWalk::kRumOrdered, PgWalk::kIdWindows,
                   PgWalk::kNewestRows}) {
    PgWalk parsed = PgWalk::kAuto;
    ASSERT_TRUE(ParsePgWalk(PgWalkName(w), parsed));
    EXPECT_EQ(parsed, w);
  }
  PgWalk unused;
  EXPECT_FALSE(ParsePgWalk("bitmap", unused));
}

}  // namespace
}  // namespace gongkai::search
