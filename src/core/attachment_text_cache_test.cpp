#include "core/attachment_text_cache.hpp"

#include <gtest/gtest.h>

namespace gongkai::core {
namespace {

ItemAttachment Attachment(char digest, std::string media_type = "application/pdf") {
  ItemAttachment a;
  a.sha256 = std::string(64, digest);
  a.media_type = std::move(media_type);
  return a;
}

TEST(AttachmentTextCacheTest, ReadsEachDigestOnce) {
  AttachmentTextCache cache(1 << 20);
  int reads = 0;
  auto read = [&](const ItemAttachment& a) -> Result<std::string> {
    ++reads;
    return "text of " + a.sha256.substr(0, 1);
  };
  EXPECT_EQ(*cache.Get(Attachment('a'), read), "text of a");
  EXPECT_EQ(*cache.Get(Attachment('a'), read), "text of a");
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(*cache.Get(Attachment('b'), read), "text of b");
  EXPECT_EQ(reads, 2);
  // The media type picks the reader: the same bytes read as another type are another entry.
  EXPECT_TRUE(cache.Get(Attachment('a', "text/plain"), read).ok());
  EXPECT_EQ(reads, 3);
}

TEST(AttachmentTextCacheTest, KeepsRefusalsButRetriesTransientErrors) {
  AttachmentTextCache cache(1 << 20);
  int reads = 0;
  auto no_text = [&](const ItemAttachment&) -> Result<std::string> {
    ++reads;
    return InvalidArgument("无文字层");
  };
  EXPECT_EQ(cache.Get(Attachment('a'), no_text).status().message(), "无文字层");
  EXPECT_EQ(cache.Get(Attachment('a'), no_text).status().message(), "无文字层");
  EXPECT_EQ(reads, 1);
  auto missing = [&](const ItemAttachment&) -> Result<std::string> {
    ++reads;
    return NotFound("文件暂不可读");
  };
  EXPECT_FALSE(cache.Get(Attachment('b'), missing).ok());
  EXPECT_FALSE(cache.Get(Attachment('b'), missing).ok());
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(AttachmentTextCacheTest, EvictsTheLeastRecentlyUsedWithinItsBound) {
  // Room for two entries of 100 bytes of text (each also costs its key: 64 + 1 + 15).
  AttachmentTextCache cache(2 * (100 + 80) + 10);
  int reads = 0;
  auto read = [&](const ItemAttachment&) -> Result<std::string> {
    ++reads;
    return std::string(100, 'x');
  };
  ASSERT_TRUE(cache.Get(Attachment('a'), read).ok());
  ASSERT_TRUE(cache.Get(Attachment('b'), read).ok());
  ASSERT_TRUE(cache.Get(Attachment('a'), read).ok());  // a is now the most recent
  ASSERT_TRUE(cache.Get(Attachment('c'), read).ok());  // evicts b
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_LE(cache.bytes(), size_t{2 * (100 + 80) + 10});
  ASSERT_TRUE(cache.Get(Attachment('a'), read).ok());
  EXPECT_EQ(reads, 3);
  ASSERT_TRUE(cache.Get(Attachment('b'), read).ok());
  EXPECT_EQ(reads, 4);
  // Text larger than the whole bound is returned but never kept.
  AttachmentTextCache tiny(10);
  EXPECT_TRUE(tiny.Get(Attachment('a'), read).ok());
  EXPECT_EQ(tiny.size(), 0u);
}

}  // namespace
}  // namespace gongkai::core
