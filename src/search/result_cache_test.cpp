#include "search/result_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gongkai::search {
namespace {

SearchRequest Req(std::string q, int offset = 0) {
  SearchRequest r;
  r.q = std::move(q);
  r.offset = offset;
  r.limit = 20;
  return r;
}

SearchResult ResultWith(int hits, size_t snippet_bytes = 100) {
  SearchResult r;
  for (int i = 0; i < hits; ++i) {
    SearchHit h;
    h.item.id = i + 1;
    h.item.title = "青溪市人民政府关于印发政府信息公开工作要点的通知";
    h.title_html = h.item.title;
    h.snippet_html = std::string(snippet_bytes, 'x');
    r.hits.push_back(std::move(h));
  }
  r.count = hits;
  return r;
}

TEST(ResultCacheTest, AHitReturnsTheStoredResult) {
  ResultCache cache(10, 1 << 20);
  EXPECT_EQ(cache.Get(Req("政府"), 7), nullptr);
  auto stored = cache.Put(Req("政府"), 7, ResultWith(3));
  auto hit = cache.Get(Req("政府"), 7);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit, stored);  // shared, not copied
  EXPECT_EQ(hit->count, 3);
  ASSERT_EQ(hit->hits.size(), 3u);
  EXPECT_EQ(hit->hits[2].item.id, 3);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(ResultCacheTest, KeyedByNormalisedQueryFiltersAndPage) {
  EXPECT_EQ(ResultCache::Key(Req("  政府  信息 ")), ResultCache::Key(Req("政府 信息")));
  EXPECT_NE(ResultCache::Key(Req("政府信息")), ResultCache::Key(Req("政府 信息")));
  EXPECT_NE(ResultCache::Key(Req("政府")), ResultCache::Key(Req("政府", 20)));
  SearchRequest a = Req("政府"), b = Req("政府");
  b.org_ids = {2};
  EXPECT_NE(ResultCache::Key(a), ResultCache::Key(b));
  b = a;
  b.year = 2024;
  EXPECT_NE(ResultCache::Key(a), ResultCache::Key(b));
  b = a;
  b.category = "法定主动公开内容";
  EXPECT_NE(ResultCache::Key(a), ResultCache::Key(b));
  b = a;
  b.validity = "valid";
  EXPECT_NE(ResultCache::Key(a), ResultCache::Key(b));
  b = a;
  b.newest = true;
  EXPECT_NE(ResultCache::Key(a), ResultCache::Key(b));
  // Fields cannot run into each other.
  SearchRequest c = Req("政府"), d = Req("政府");
  c.category = "ab";
  d.validity = "ab";
  EXPECT_NE(ResultCache::Key(c), ResultCache::Key(d));
  ResultCache cache(10, 1 << 20);
  cache.Put(Req(" 政府"), 1, ResultWith(1));
  EXPECT_NE(cache.Get(Req("政府 "), 1), nullptr);
  EXPECT_EQ(cache.Get(Req("政府", 20), 1), nullptr);
}

TEST(ResultCacheTest, ANewGenerationInvalidatesEverything) {
  ResultCache cache(10, 1 << 20);
  cache.Put(Req("政府"), 5, ResultWith(1));
  cache.Put(Req("教育"), 5, ResultWith(2));
  ASSERT_NE(cache.Get(Req("政府"), 5), nullptr);
  // A publication moves the generation: nothing from before is served.
  EXPECT_EQ(cache.Get(Req("政府"), 6), nullptr);
  EXPECT_EQ(cache.Get(Req("教育"), 6), nullptr);
  EXPECT_EQ(cache.entries(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  cache.Put(Req("政府"), 6, ResultWith(4));
  EXPECT_EQ(cache.Get(Req("政府"), 6)->count, 4);
}

TEST(ResultCacheTest, AnOlderGenerationNeitherReadsNorFills) {
  ResultCache cache(10, 1 << 20);
  cache.Put(Req("政府"), 9, ResultWith(1));
  // A reader that read the generation before a publication, racing one that read it after.
  EXPECT_EQ(cache.Get(Req("政府"), 8), nullptr);
  auto stale = cache.Put(Req("教育"), 8, ResultWith(2));
  EXPECT_NE(stale, nullptr);  // answered
  EXPECT_EQ(cache.Get(Req("教育"), 9), nullptr);
  EXPECT_NE(cache.Get(Req("政府"), 9), nullptr);  // the newer entries stay
}

TEST(ResultCacheTest, TheEntryBoundEvictsTheLeastRecentlyUsed) {
  ResultCache cache(3, 1 << 20);
  cache.Put(Req("a"), 1, ResultWith(1));
  cache.Put(Req("b"), 1, ResultWith(1));
  cache.Put(Req("c"), 1, ResultWith(1));
  ASSERT_NE(cache.Get(Req("a"), 1), nullptr);  // a is now the most recently used
  cache.Put(Req("d"), 1, ResultWith(1));
  EXPECT_EQ(cache.entries(), 3u);
  EXPECT_EQ(cache.Get(Req("b"), 1), nullptr);  // evicted
  EXPECT_NE(cache.Get(Req("a"), 1), nullptr);
  EXPECT_NE(cache.Get(Req("c"), 1), nullptr);
  EXPECT_NE(cache.Get(Req("d"), 1), nullptr);
  for (int i = 0; i < 100; ++i) cache.Put(Req("q" + std::to_string(i)), 1, ResultWith(1));
  EXPECT_EQ(cache.entries(), 3u);
}

TEST(ResultCacheTest, TheByteBoundHolds) {
  size_t one = ResultCache::ApproxBytes(ResultWith(20, 1000));
  EXPECT_GT(one, 20u * 1000u);
  ResultCache cache(1000, one * 5);
  for (int i = 0; i < 50; ++i) {
    cache.Put(Req("q" + std::to_string(i)), 1, ResultWith(20, 1000));
    EXPECT_LE(cache.bytes(), one * 5);
  }
  EXPECT_EQ(cache.entries(), 5u);
  // A result larger than a quarter of the bound is answered but not kept.
  auto big = cache.Put(Req("big"), 1, ResultWith(20, one * 2));
  EXPECT_EQ(big->hits.size(), 20u);
  EXPECT_EQ(cache.Get(Req("big"), 1), nullptr);
  EXPECT_LE(cache.bytes(), one * 5);
}

TEST(ResultCacheTest, ReplacingAnEntryKeepsTheAccounting) {
  ResultCache cache(10, 1 << 20);
  cache.Put(Req("a"), 1, ResultWith(1));
  size_t before = cache.bytes();
  cache.Put(Req("a"), 1, ResultWith(1));
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.bytes(), before);
}

TEST(ResultCacheTest, ZeroEntriesTurnsItOff) {
  ResultCache cache(0, 1 << 20);
  auto r = cache.Put(Req("a"), 1, ResultWith(1));
  EXPECT_EQ(r->count, 1);
  EXPECT_EQ(cache.Get(Req("a"), 1), nullptr);
  EXPECT_EQ(cache.entries(), 0u);
}

}  // namespace
}  // namespace gongkai::search
