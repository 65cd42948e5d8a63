// The phrase cache: sets read once per generation, a new generation empties it, the budget
// holds, a failed read is not kept; and (both backends) searches with the cache give the
// results of the index walk, also after the index changes.
#include "search/phrase_cache.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::search {
namespace {

TEST(PhraseCacheTest, ReadsEachSetOncePerGeneration) {
  PhraseCache cache(1 << 20);
  int reads = 0;
  auto read = [&] {
    ++reads;
    return MatchSet::FromAscending({1, 2, 3});
  };
  EXPECT_EQ(cache.Get("g1", "\"通知\"", read)->size(), 3);
  EXPECT_EQ(cache.Get("g1", "\"通知\"", read)->size(), 3);
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(cache.hits(), 1u);
  cache.Get("g2", "\"通知\"", read);  // the index changed: read again
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(cache.entries(), 1u);
}

TEST(PhraseCacheTest, AdmitsAPhraseFromItsSecondAskInAGeneration) {
  PhraseCache cache(1 << 20);
  EXPECT_FALSE(cache.Admit("g1", {"a", "b"}));
  EXPECT_FALSE(cache.Admit("g1", {"a", "c"}));  // c is new
  EXPECT_TRUE(cache.Admit("g1", {"a", "b"}));
  cache.Get("g1", "c", [] { return MatchSet(); });
  EXPECT_TRUE(cache.Admit("g1", {"c"}));   // kept
  EXPECT_FALSE(cache.Admit("g2", {"a"}));  // the index changed
  EXPECT_FALSE(PhraseCache(0).Admit("g1", {"a"}));
  EXPECT_FALSE(PhraseCache(0).Admit("g1", {"a"}));
}

TEST(PhraseCacheTest, KeepsWithinItsBudgetAndDropsFailedReads) {
  PhraseCache cache(64 << 10);
  std::vector<int64_t> ids;
  for (int64_t id = 0; id < 1000; id += 3) ids.push_back(id * 50);  // sparse: 2.7 KB
  for (int k = 0; k < 100; ++k) {
    cache.Get("g", "p" + std::to_string(k), [&] { return MatchSet::FromAscending(ids); });
  }
  EXPECT_LE(cache.bytes(), size_t{64} << 10);
  EXPECT_GT(cache.entries(), 5u);
  EXPECT_THROW(cache.Get("g", "bad", []() -> MatchSet { throw std::runtime_error("busy"); }),
               std::runtime_error);
  int reads = 0;
  cache.Get("g", "bad", [&] {
    ++reads;
    return MatchSet();
  });
  EXPECT_EQ(reads, 1);
  PhraseCache off(0);
  EXPECT_FALSE(off.enabled());
}

TEST(PhraseCacheTest, ConcurrentAsksReadOnce) {
  PhraseCache cache(1 << 20);
  std::atomic<int> reads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto set = cache.Get("g", "p", [&] {
        ++reads;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return MatchSet::FromAscending({4, 5});
      });
      EXPECT_TRUE(set->Contains(5));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reads.load(), 1);
}

class PhraseCacheSearchTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
    store_ = &db_.store();
    ASSERT_TRUE(store_
                    ->Transact([&](core::Repositories& r) -> core::Status {
                      core::Org root;
                      root.code = "QX";
                      root.name = "青溪市人民政府";
                      root.kind = core::OrgKind::kGovernment;
                      GONGKAI_ASSIGN_OR_RETURN(org_, r.orgs().Insert(root));
                      return core::Status::Ok();
                    })
                    .ok());
    const char* titles[] = {"关于春节值班安排的通知", "水利工程建设公告", "教育收费通知",
                            "道路施工安全通知",       "食品安全检查通报", "水费调整公告"};
    for (int n = 0; n < 300; ++n) Publish(std::string(titles[n % 6]) + "第" + std::to_string(n));
    ASSERT_TRUE(SearchIndex(*store_).Sync().ok());
    for (long long id : {5LL, 17LL, 40LL}) {
      store_->session() << "UPDATE items SET state = 'withdrawn' WHERE id = :id", soci::use(id);
    }
  }

  void Publish(const std::string& title) {
    ASSERT_TRUE(store_
                    ->Transact([&](core::Repositories& r) -> core::Status {
                      core::Item item;
                      item.org_id = org_;
                      item.title = title;
                      item.summary = title + "的摘要";
                      item.publisher = "青溪市人民政府";
                      item.formed_on = core::Date::FromYmd(2024, 3, 1);
                      item.published_on = core::Date::FromYmd(2024, 3, 2);
                      item.category = "法定主动公开内容/通知公告";
                      item.state = core::ItemState::kPublished;
                      item.body_md = "正文。";
                      item.channels.push_back({core::Channel::kWebsite, *item.published_on});
                      return r.items().Insert(item).status();
                    })
                    .ok());
  }

  // The result of `q` as a comparable line: count, flags, hit ids.
  std::string Line(const std::string& q, bool newest, int offset, PhraseCache* cache) {
    SearchRequest r;
    r.q = q;
    r.newest = newest;
    r.offset = offset;
    r.limit = 20;
    SearchIndex index(*store_);
    index.SetPhraseCache(cache);
    auto result = index.Search(r);
    if (!result.ok()) return result.status().ToString();
    std::string out = std::to_string(result->count) + (result->count_capped ? "+" : "") +
                      (result->ranked_bounded ? " bounded" : "") + ":";
    for (const auto& hit : result->hits) out += " " + std::to_string(hit.item.id);
    return out;
  }

  gongkai::testing::MigratedStore db_;
  store::SociStore* store_ = nullptr;
  core::Id org_ = 0;
};

TEST_P(PhraseCacheSearchTest, SameResultsAsTheIndexWalkAfterIndexChanges) {
  PhraseCache cache(8 << 20);
  const std::vector<std::string> queries = {
      "通知", "水", "通知 -教育", "安全 通知", "\"春节值班\"", "公告 水 -费", "不存在", "通 知"};
  auto compare = [&] {
    for (const std::string& q : queries) {
      for (bool newest : {false, true}) {
        for (int offset : {0, 20, 90}) {
          EXPECT_EQ(Line(q, newest, offset, &cache), Line(q, newest, offset, nullptr))
              << q << " newest " << newest << " offset " << offset;
        }
      }
    }
  };
  compare();
  // SQLite: the sets served all but each phrase's first search (PostgreSQL walks its index).
  if (GetParam() == "sqlite") {
    EXPECT_GT(cache.entries(), 5u);
  }
  const std::string before = Line("通知", true, 0, &cache);
  Publish("最新发布的通知");  // indexed by Sync below: the cached sets no longer hold
  ASSERT_TRUE(SearchIndex(*store_).Sync().ok());
  EXPECT_NE(Line("通知", true, 0, &cache), before);
  compare();
}

INSTANTIATE_TEST_SUITE_P(Backends, PhraseCacheSearchTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::search
