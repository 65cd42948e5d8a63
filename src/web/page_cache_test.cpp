// web::PageCache and the response serialisation it stores (SerializeHead / Serialize).
#include "web/page_cache.hpp"

#include <gtest/gtest.h>

#include <string>

#include "web/http.hpp"

namespace gongkai::web {
namespace {

HttpResponse Page(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  r.Set("ETag", "\"" + HashHex(r.body) + "\"");
  r.Set("Cache-Control", "public, max-age=60");
  return r;
}

HttpRequest WithIfNoneMatch(std::string value) {
  HttpRequest request;
  request.method = "GET";
  request.headers.emplace("if-none-match", std::move(value));
  return request;
}

TEST(SerializeHeadTest, StatusLineFieldsAndLength) {
  HttpResponse r = Page("<p>你好</p>");
  std::string head = SerializeHead(r);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\nServer: gongkai\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(head.find("Cache-Control: public, max-age=60\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: " + std::to_string(r.body.size()) + "\r\n"),
            std::string::npos);
  EXPECT_EQ(head.substr(head.size() - 2), "\r\n");
  EXPECT_EQ(head.find("\r\n\r\n"), std::string::npos);  // the server ends the head
  EXPECT_EQ(head.find("Connection"), std::string::npos);
}

TEST(SerializeHeadTest, NotModifiedHasNoTypeNorLength) {
  HttpResponse r;
  r.status = 304;
  std::string head = SerializeHead(r);
  EXPECT_EQ(head.rfind("HTTP/1.1 304 Not Modified\r\n", 0), 0u);
  EXPECT_EQ(head.find("Content-Type"), std::string::npos);
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
}

TEST(SerializeHeadTest, LineBreaksInFieldsCannotAddHeaders) {
  HttpResponse r;
  r.status = 303;
  r.Set("Location", "/x\r\nSet-Cookie: a=b");
  std::string head = SerializeHead(r);
  EXPECT_EQ(head.rfind("HTTP/1.1 303 See Other\r\n", 0), 0u);
  EXPECT_NE(head.find("Location: /xSet-Cookie: a=b\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("\r\nSet-Cookie"), std::string::npos);
}

TEST(PageCacheTest, HitsShareOneSerialisedCopyWithSecurityHeaders) {
  PageCache cache(1 << 20);
  EXPECT_EQ(cache.Get("/item/1", 7), nullptr);
  auto stored = cache.Put("/item/1", 7, Page("<p>a</p>"));
  ASSERT_NE(stored, nullptr);
  auto hit = cache.Get("/item/1", 7);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->wire.get(), stored->wire.get());  // the same bytes, not a copy
  EXPECT_EQ(hit->wire->body, "<p>a</p>");
  EXPECT_TRUE(hit->fields.body.empty());
  EXPECT_NE(hit->wire->head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_NE(hit->wire->head.find("Content-Security-Policy: "), std::string::npos);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  // The bound counts what the entry holds, not just its 8-byte body: the head, the key.
  EXPECT_GT(cache.bytes(), hit->wire->body.size() + hit->wire->head.size() + 2 * 7);
}

TEST(PageCacheTest, NewGenerationEmptiesAndOldRendersAreNotKept) {
  PageCache cache(1 << 20);
  cache.Put("/", 1, Page("old"));
  EXPECT_EQ(cache.Get("/", 2), nullptr);                 // data changed: re-rendered
  EXPECT_NE(cache.Put("/", 1, Page("stale")), nullptr);  // answered, but not kept
  EXPECT_EQ(cache.Get("/", 2), nullptr);
  cache.Put("/", 2, Page("new"));
  auto hit = cache.Get("/", 2);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->wire->body, "new");
}

TEST(PageCacheTest, OnlyOkPagesAndBoundedBytes) {
  PageCache cache(10000);
  HttpResponse missing = Page("nope");
  missing.status = 404;
  EXPECT_EQ(cache.Put("/item/9", 1, missing), nullptr);
  EXPECT_EQ(cache.Get("/item/9", 1), nullptr);
  EXPECT_NE(cache.Put("/big", 1, Page(std::string(2600, 'x'))), nullptr);  // > max/4
  EXPECT_EQ(cache.Get("/big", 1), nullptr);
  for (int i = 0; i < 12; ++i) cache.Put("/p" + std::to_string(i), 1, Page(std::string(20, 'y')));
  EXPECT_LE(cache.bytes(), 10000u);
  EXPECT_GT(cache.bytes(), 5000u);          // several entries kept, each ~1 KB with its head
  EXPECT_EQ(cache.Get("/p0", 1), nullptr);  // the oldest went first
  EXPECT_NE(cache.Get("/p11", 1), nullptr);
}

TEST(PageCacheTest, APageOfANewPeriodReplacesItsPredecessor) {
  PageCache cache(1 << 20);
  cache.Put("/search?q=a", 1, Page("first"), "", 7);
  ASSERT_NE(cache.Get("/search?q=a", 1, true, 7), nullptr);
  EXPECT_EQ(cache.Get("/search?q=a", 1, true, 8), nullptr);  // its interval is over
  const size_t one = cache.bytes();
  for (int64_t period = 8; period < 40; ++period) {
    cache.Put("/search?q=a", 1, Page("again"), "", period);
  }
  EXPECT_EQ(cache.bytes(), one);  // one entry, however many intervals passed
  auto hit = cache.Get("/search?q=a", 1, true, 39);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->wire->body, "again");
  // A render that started in an earlier interval does not displace the newer page.
  EXPECT_EQ(cache.Put("/search?q=a", 1, Page("late"), "", 38)->wire->body, "again");
  EXPECT_EQ(cache.Get("/search?q=a", 1, true, 39)->wire->body, "again");
}

TEST(PageCacheTest, RevalidateAnswers304OnlyForTheEntrysETag) {
  PageCache cache(1 << 20);
  auto entry = cache.Put("/item/2", 1, Page("body"));
  ASSERT_NE(entry, nullptr);
  HttpResponse full = Revalidate(WithIfNoneMatch("\"other\""), *entry);
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(full.wire.get(), entry->wire.get());
  HttpResponse plain = Revalidate(HttpRequest{}, *entry);
  EXPECT_EQ(plain.wire.get(), entry->wire.get());
  HttpResponse same = Revalidate(WithIfNoneMatch(entry->etag), *entry);
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.wire, nullptr);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.Get("ETag"), entry->etag);
  EXPECT_EQ(Revalidate(WithIfNoneMatch("*"), *entry).status, 304);
}

}  // namespace
}  // namespace gongkai::web
