// The item page beyond the workflow: attachments before publication (multipart upload,
// list, download), and after it further channels, validity and linked 政策解读.
#include <filesystem>

#include "admin/admin_test_support.hpp"
#include "store/sha256.hpp"

namespace gongkai::admin::testing {
namespace {

constexpr const char* kBoundary = "----gongkaiTestBoundary7MA4YWxk";
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

class ItemExtrasTest : public BackOfficeTest {
 protected:
  static std::string CreateItem(Browser& b, const std::string& title,
                                const std::string& org = "QXA") {
    Reply r = b.Post("/admin/items/new",
                     {{"org", org},
                      {"title", title},
                      {"summary", "概述"},
                      {"category", "法定主动公开内容/通知公告"},
                      {"formed_on", Today()},
                      {"body_md", "正文"}},
                     "/admin/items/new");
    EXPECT_EQ(r.status, 303) << r.body;
    return r.location.substr(r.location.rfind('/') + 1);
  }

  // An item of QXA taken through review to publication on the website; its page path.
  static std::string PublishedItem(const std::string& title) {
    auto editor = As("editor");
    auto reviewer = As("reviewer");
    std::string page = "/admin/items/" + CreateItem(*editor, title);
    EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
    EXPECT_EQ(reviewer->Post(page + "/review", {{"decision", "approve"}}, page).status, 303);
    EXPECT_EQ(
        editor->Post(page + "/publish", {{"on", Today()}, {"channel", "website"}}, page).status,
        303);
    return page;
  }

  // The page's 发布渠道 cell.
  static std::string ChannelsCell(const std::string& body) {
    size_t at = body.find("id=\"channels\"");
    EXPECT_NE(at, std::string::npos);
    if (at == std::string::npos) return "";
    return body.substr(at, body.find("</dd>", at) - at);
  }

  // Posts a multipart/form-data body (a `file` part plus `fields`) with `b`'s cookies; the
  // CSRF token comes from `form_page` unless `csrf` is given.
  static Reply Upload(Browser& b, const std::string& target, const std::string& filename,
                      const std::string& bytes, const std::string& form_page,
                      std::optional<std::string> csrf = std::nullopt) {
    b.Get(form_page);
    std::string token = csrf ? *csrf : b.Csrf();
    std::string body;
    if (!token.empty() || !csrf) {
      body += std::string("--") + kBoundary +
              "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token + "\r\n";
    }
    body += std::string("--") + kBoundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + kBoundary +
            "--\r\n";
    std::string cookie;
    for (const auto& [k, v] : b.cookies()) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    std::string raw = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie +
                      "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
                      "\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body;
    auto c = web::test_client::Exchange(port_, raw);
    return Reply{c.status(), c.first().body, c.first().Header("Location"), {}};
  }
};

TEST_P(ItemExtrasTest, AttachmentIsUploadedListedDownloadedAndStoredByDigest) {
  auto editor = As("editor");
  std::string page = "/admin/items/" + CreateItem(*editor, "附带附件的通知");
  EXPECT_NE(editor->Get(page).body.find("enctype=\"multipart/form-data\""), std::string::npos);
  Reply up = Upload(*editor, page + "/attachments", "../../实施方案.pdf", kPdf, page);
  ASSERT_EQ(up.status, 303) << up.body;
  Reply shown = editor->Get(page);
  EXPECT_NE(shown.body.find(">实施方案.pdf</a>"), std::string::npos) << "name normalised";
  EXPECT_NE(shown.body.find("application/pdf"), std::string::npos);
  EXPECT_EQ(shown.body.find("../"), std::string::npos);
  size_t at = shown.body.find(page + "/attachments/");
  ASSERT_NE(at, std::string::npos);
  std::string link = shown.body.substr(at, shown.body.find('"', at) - at);
  Reply download = editor->Get(link);
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kPdf);
  // Stored where the portal reads it: DIR/ab/<sha256>.
  std::string digest = store::Sha256Hex(kPdf);
  // Listed by name, type and size (issue 21), not by digest.
  EXPECT_EQ(shown.body.find(digest.substr(0, 12)), std::string::npos);
  EXPECT_NE(shown.body.find("application/pdf"), std::string::npos);
  bool found = false;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(::testing::TempDir())) {
    if (entry.path().filename() == digest &&
        entry.path().parent_path().filename() == digest.substr(0, 2)) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "no file named by the digest";
  // The reviewer sees it (and may download it); once submitted, no more uploads.
  EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
  auto reviewer = As("reviewer");
  EXPECT_EQ(reviewer->Get(link).status, 200);
  Reply late = Upload(*editor, page + "/attachments", "补充.pdf", kPdf, page);
  EXPECT_EQ(late.status, 422);
  EXPECT_NE(late.body.find("role=\"alert\">只有草稿或被退回的信息可以添加附件"), std::string::npos);
  EXPECT_EQ(editor->Get(page).body.find("name=\"file\""), std::string::npos);
}

TEST_P(ItemExtrasTest, BadUploadsAreRefusedNextToTheField) {
  auto editor = As("editor");
  std::string page = "/admin/items/" + CreateItem(*editor, "上传检查");
  Reply exe = Upload(*editor, page + "/attachments", "setup.pdf", "MZ\x90\x00\x03rest of it", page);
  EXPECT_EQ(exe.status, 422);
  EXPECT_NE(exe.body.find("id=\"file-err\""), std::string::npos);
  Reply empty = Upload(*editor, page + "/attachments", "", "", page);
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("请选择要上传的文件"), std::string::npos);
  Reply big = Upload(*editor, page + "/attachments", "大文件.pdf",
                     kPdf + std::string(40 * 1024, 'x'), page);
  EXPECT_EQ(big.status, 422);
  EXPECT_NE(big.body.find("大小上限"), std::string::npos);
  // No CSRF token, or a wrong one: refused, nothing stored.
  EXPECT_EQ(Upload(*editor, page + "/attachments", "a.pdf", kPdf, page, "").status, 403);
  EXPECT_EQ(Upload(*editor, page + "/attachments", "a.pdf", kPdf, page, "forged").status, 403);
  EXPECT_NE(editor->Get(page).body.find("无附件"), std::string::npos);
}

TEST_P(ItemExtrasTest, OutsideTheSubtreeAttachmentsAndPublicationStepsAnswer403) {
  auto editor = As("editor");
  std::string page = "/admin/items/" + CreateItem(*editor, "教育局附件");
  ASSERT_EQ(Upload(*editor, page + "/attachments", "a.pdf", kPdf, page).status, 303);
  std::string body = editor->Get(page).body;
  size_t at = body.find(page + "/attachments/");
  std::string link = body.substr(at, body.find('"', at) - at);
  auto outsider = As("editorb");
  EXPECT_EQ(Upload(*outsider, page + "/attachments", "b.pdf", kPdf, "/admin").status, 403);
  EXPECT_EQ(outsider->Get(link).status, 403);
  std::string published = PublishedItem("教育局已发布文件");
  EXPECT_EQ(
      outsider->Post(published + "/channel", {{"add_channel", "weibo"}, {"channel_on", Today()}})
          .status,
      403);
  EXPECT_EQ(
      outsider->Post(published + "/validity", {{"validity", "repealed"}, {"validity_on", Today()}})
          .status,
      403);
  EXPECT_EQ(
      outsider
          ->Post(published + "/interpretation", {{"interp_topic", "越权"}, {"interp_on", Today()}})
          .status,
      403);
  // A reviewer in the subtree cannot publish, so cannot add channels either.
  auto reviewer = As("reviewer");
  EXPECT_EQ(
      reviewer->Post(published + "/channel", {{"add_channel", "weibo"}, {"channel_on", Today()}})
          .status,
      403);
  Reply after = editor->Get(published);
  EXPECT_EQ(ChannelsCell(after.body).find("政务微博"), std::string::npos) << "recorded anyway";
  EXPECT_EQ(after.body.find("越权"), std::string::npos);
}

TEST_P(ItemExtrasTest, ChannelsValidityAndInterpretationAfterPublication) {
  std::string page = PublishedItem("关于印发某办法的通知");
  auto editor = As("editor");
  Reply channel =
      editor->Post(page + "/channel", {{"add_channel", "weibo"}, {"channel_on", Today()}}, page);
  EXPECT_EQ(channel.status, 303) << channel.body;
  Reply shown = editor->Get(page);
  std::string cell = ChannelsCell(shown.body);
  EXPECT_NE(cell.find("政府网站"), std::string::npos);
  EXPECT_NE(cell.find("政务微博"), std::string::npos);
  EXPECT_EQ(shown.body.find("<option value=\"weibo\""), std::string::npos) << "offered again";
  // The same channel twice is refused (an item counts once per channel).
  Reply twice =
      editor->Post(page + "/channel", {{"add_channel", "weibo"}, {"channel_on", Today()}}, page);
  EXPECT_EQ(twice.status, 422);
  EXPECT_NE(twice.body.find("id=\"add_channel-err\""), std::string::npos);
  Reply early = editor->Post(page + "/channel",
                             {{"add_channel", "wechat"}, {"channel_on", "2000-01-01"}}, page);
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("id=\"channel_on-err\""), std::string::npos);
  EXPECT_NE(early.body.find("value=\"2000-01-01\""), std::string::npos) << "input kept";

  // 失效 needs a date; with one it is recorded; 有效 again clears it.
  Reply undated =
      editor->Post(page + "/validity", {{"validity", "expired"}, {"validity_on", ""}}, page);
  EXPECT_EQ(undated.status, 422);
  EXPECT_NE(undated.body.find("id=\"validity_on-err\""), std::string::npos);
  EXPECT_EQ(
      editor->Post(page + "/validity", {{"validity", "repealed"}, {"validity_on", Today()}}, page)
          .status,
      303);
  Reply repealed = editor->Get(page);
  size_t v = repealed.body.find("id=\"validity\"");
  ASSERT_NE(v, std::string::npos);
  EXPECT_NE(repealed.body.substr(v, 80).find("废止"), std::string::npos);

  Reply no_topic = editor->Post(
      page + "/interpretation",
      {{"interp_topic", ""}, {"interp_on", Today()}, {"interp_concern", "保留键"}}, page);
  EXPECT_EQ(no_topic.status, 422);
  EXPECT_NE(no_topic.body.find("id=\"interp_topic-err\""), std::string::npos);
  EXPECT_NE(no_topic.body.find("value=\"保留键\""), std::string::npos);
  EXPECT_EQ(editor
                ->Post(page + "/interpretation",
                       {{"interp_topic", "图解：某办法"}, {"interp_on", Today()}}, page)
                .status,
            303);
  Reply linked = editor->Get(page);
  EXPECT_NE(linked.body.find("图解：某办法"), std::string::npos);
  EXPECT_NE(linked.body.find("政策解读稿件"), std::string::npos);
  // Without a CSRF token nothing is written.
  EXPECT_EQ(editor->PostRaw(page + "/channel", "add_channel=wechat&channel_on=" + Today()).status,
            403);
  EXPECT_EQ(editor->Get(page).body.find("政务微信（"), std::string::npos);
  auto admin = As("admin");
  Reply audit = admin->Get("/admin/audit/item/" + page.substr(page.rfind('/') + 1));
  EXPECT_NE(audit.body.find("item.channel"), std::string::npos);
  EXPECT_NE(audit.body.find("item.validity"), std::string::npos);
}

TEST_P(ItemExtrasTest, HostileInputIsEscaped) {
  auto editor = As("editor");
  for (const char* payload : {kXssScript, kXssAttr}) {
    std::string page = "/admin/items/" + CreateItem(*editor, "附件名检查");
    ASSERT_EQ(
        Upload(*editor, page + "/attachments", std::string(payload) + ".pdf", kPdf, page).status,
        303);
    Reply shown = editor->Get(page);
    EXPECT_EQ(shown.body.find("<script>"), std::string::npos);
    EXPECT_EQ(shown.body.find("<img"), std::string::npos);
    std::string published = PublishedItem("解读检查");
    // Re-rendered with a bad date, then stored and shown.
    Reply bad = editor->Post(
        published + "/interpretation",
        {{"interp_topic", payload}, {"interp_on", payload}, {"interp_concern", payload}},
        published);
    EXPECT_EQ(bad.status, 422);
    Reply bad_channel = editor->Post(
        published + "/channel", {{"add_channel", payload}, {"channel_on", payload}}, published);
    EXPECT_EQ(bad_channel.status, 422);
    Reply bad_validity = editor->Post(published + "/validity",
                                      {{"validity", payload}, {"validity_on", payload}}, published);
    EXPECT_EQ(bad_validity.status, 422);
    EXPECT_EQ(
        editor
            ->Post(published + "/interpretation",
                   {{"interp_topic", payload}, {"interp_on", Today()}, {"interp_concern", payload}},
                   published)
            .status,
        303);
    for (const Reply& r : {bad, bad_channel, bad_validity, editor->Get(published)}) {
      EXPECT_EQ(r.body.find(payload), std::string::npos);
      EXPECT_EQ(r.body.find("<script>"), std::string::npos);
      EXPECT_EQ(r.body.find("<img"), std::string::npos);
    }
  }
}

TEST_P(ItemExtrasTest, AttachmentIsRemovedBeforeSubmissionOnly) {
  auto editor = As("editor");
  std::string page = "/admin/items/" + CreateItem(*editor, "删除附件检查");
  ASSERT_EQ(Upload(*editor, page + "/attachments", "第一份.pdf", kPdf, page).status, 303);
  ASSERT_EQ(Upload(*editor, page + "/attachments", "第二份.pdf", kPdf + "2", page).status, 303);
  std::string body = editor->Get(page).body;
  size_t at = body.find("action=\"" + page + "/attachments/");
  ASSERT_NE(at, std::string::npos) << "no remove button";
  at += 8;
  std::string remove = body.substr(at, body.find('"', at) - at);
  ASSERT_EQ(remove.substr(remove.size() - 7), "/remove");
  // Without a CSRF token, or from outside the subtree: refused, nothing removed.
  EXPECT_EQ(editor->PostRaw(remove, "").status, 403);
  auto outsider = As("editorb");
  EXPECT_EQ(outsider->Post(remove, {}).status, 403);
  EXPECT_NE(editor->Get(page).body.find("第一份.pdf"), std::string::npos);
  EXPECT_EQ(editor->Post(remove, {}, page).status, 303);
  Reply after = editor->Get(page);
  size_t list = after.body.find("<ul id=\"attachments\">");
  ASSERT_NE(list, std::string::npos);
  std::string listed = after.body.substr(list, after.body.find("</ul>", list) - list);
  EXPECT_EQ(listed.find("第一份.pdf"), std::string::npos);
  EXPECT_NE(listed.find("第二份.pdf"), std::string::npos);
  EXPECT_NE(after.body.find("删除附件 第一份.pdf"), std::string::npos) << "in the history";
  EXPECT_EQ(editor->Post(remove, {}, page).status, 404) << "already removed";
  // Once submitted, the attachments stay as reviewed.
  at = after.body.find("action=\"" + page + "/attachments/") + 8;
  std::string second = after.body.substr(at, after.body.find('"', at) - at);
  EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
  EXPECT_EQ(editor->Post(second, {}, page).status, 409);
  EXPECT_NE(editor->Get(page).body.find("第二份.pdf"), std::string::npos);
  auto admin = As("admin");
  std::string trail = admin->Get("/admin/audit/item/" + page.substr(page.rfind('/') + 1)).body;
  EXPECT_NE(trail.find("item.attachment_remove"), std::string::npos);
  // Both uploads were audited, each with its name and digest.
  size_t first = trail.find("item.attachment_add");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(trail.find("item.attachment_add", first + 1), std::string::npos);
  EXPECT_NE(trail.find(store::Sha256Hex(kPdf)), std::string::npos);
}

TEST(UploadBodyLimitTest, OnlyTheUploadRouteGetsTheLargerLimit) {
  EXPECT_EQ(BackOffice::UploadBodyLimit("/admin/items/42/attachments", 1000), 1000u + 64 * 1024);
  EXPECT_EQ(BackOffice::UploadBodyLimit("/admin/items/new", 1000), 1000u + 64 * 1024);
  for (const char* other : {"/admin/items/42", "/admin/items//attachments", "/admin/items/new/x",
                            "/admin/items/42/attachments/7/remove", "/admin/items/4x/attachments",
                            "/apply", "/admin/items/42/attachments?x=1"}) {
    EXPECT_EQ(BackOffice::UploadBodyLimit(other, 1000), 0u) << other;
  }
}

GONGKAI_ADMIN_BACKENDS(ItemExtrasTest);

}  // namespace
}  // namespace gongkai::admin::testing
