// The screens end to end: items through review to publication, a request from intake to
// answer, escaping of hostile input, form re-rendering and subtree checks.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class ScreensTest : public BackOfficeTest {
 protected:
  // Creates an item in QXA as `editor`; returns its id.
  static std::string CreateItem(Browser& b, const std::string& title,
                                const std::string& text = "内容") {
    Reply r = b.Post("/admin/items/new",
                     {{"org", "QXA"},
                      {"title", title},
                      {"summary", text},
                      {"doc_no", ""},
                      {"topic", "综合政务"},
                      {"category", "法定主动公开内容/通知公告"},
                      {"formed_on", Today()},
                      {"body_md", text}},
                     "/admin/items/new");
    EXPECT_EQ(r.status, 303) << r.body;
    return r.location.substr(r.location.rfind('/') + 1);
  }
};

TEST_P(ScreensTest, ItemGoesThroughReviewToPublication) {
  auto editor = As("editor");
  auto reviewer = As("reviewer");
  std::string id = CreateItem(*editor, "关于开展校园安全检查的通知");
  std::string page = "/admin/items/" + id;
  EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
  // No decision is no decision (not a rejection); then the reviewer rejects with a reason
  // and the editor edits and resubmits.
  // Refused input is 422, as in every front end (web/error_map.hpp).
  EXPECT_EQ(reviewer->Post(page + "/review", {{"reason", "?"}}, page).status, 422);
  EXPECT_NE(editor->Get(page).body.find("待审查"), std::string::npos);
  EXPECT_EQ(
      reviewer->Post(page + "/review", {{"decision", "reject"}, {"reason", "缺少附件说明"}}, page)
          .status,
      303);
  EXPECT_NE(editor->Get(page).body.find("缺少附件说明"), std::string::npos);
  Reply edit = editor->Post(page + "/edit",
                            {{"title", "关于开展校园安全检查的通知（修订）"},
                             {"summary", "s"},
                             {"doc_no", ""},
                             {"topic", "科技、教育"},
                             {"category", "法定主动公开内容/通知公告"},
                             {"formed_on", Today()},
                             {"body_md", "b"}},
                            page + "/edit");
  EXPECT_EQ(edit.status, 303) << edit.body;
  EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
  EXPECT_NE(reviewer->Get("/admin").body.find("（修订）"), std::string::npos) << "review queue";
  EXPECT_EQ(reviewer->Post(page + "/review", {{"decision", "approve"}}, page).status, 303);
  // A reviewer cannot publish; the editor can.
  EXPECT_EQ(reviewer->Post(page + "/publish", {{"on", Today()}}, page).status, 403);
  Reply pub = editor->Post(page + "/publish",
                           {{"on", Today()}, {"channel", "website"}, {"channel", "wechat"}}, page);
  EXPECT_EQ(pub.status, 303) << pub.body;
  Reply shown = editor->Get(page);
  EXPECT_NE(shown.body.find("已发布"), std::string::npos);
  EXPECT_NE(shown.body.find("QXA/"), std::string::npos) << "索引号 issued";
  EXPECT_EQ(editor->Post(page + "/withdraw", {{"reason", ""}}, page).status, 422);
  EXPECT_EQ(editor->Post(page + "/withdraw", {{"reason", "内容有误"}}, page).status, 303);
  auto admin = As("admin");
  Reply audit = admin->Get("/admin/audit/item/" + id);
  EXPECT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("item.publish"), std::string::npos);
}

TEST_P(ScreensTest, RequestFromIntakeToAnswer) {
  auto handler = As("handler");
  Reply created = handler->Post("/admin/requests/new",
                                {{"org", "QXA"},
                                 {"channel", "online"},
                                 {"applicant_type", "natural_person"},
                                 {"name", "张三"},
                                 {"id_document", "430000199001010000"},
                                 {"contact", "13800000000"},
                                 {"submitted_on", Today()},
                                 {"description", "2023年学校名单"},
                                 {"doc_no", ""},
                                 {"delivery_form", "电子邮件"}},
                                "/admin/requests/new");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_NE(created.body.find("查询码"), std::string::npos);
  size_t at = created.body.find("/admin/requests/");
  ASSERT_NE(at, std::string::npos);
  std::string id = created.body.substr(at + 16, created.body.find('"', at) - at - 16);
  std::string page = "/admin/requests/" + id;
  Reply shown = handler->Get(page);
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("张三"), std::string::npos) << "case handlers see the applicant";
  EXPECT_NE(shown.body.find("答复期限"), std::string::npos);
  auto editor = As("editor");
  Reply other = editor->Get(page);
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body.find("张三"), std::string::npos) << "editors do not";
  EXPECT_EQ(editor->Post(page + "/events", {{"kind", "note"}, {"on", Today()}, {"note", "x"}}, page)
                .status,
            403);
  EXPECT_EQ(handler
                ->Post(page + "/events",
                       {{"kind", "consultation_start"},
                        {"on", Today()},
                        {"consult_with", "third_party"},
                        {"note", "征求第三方意见"}},
                       page)
                .status,
            303);
  EXPECT_EQ(handler
                ->Post(page + "/events",
                       {{"kind", "consultation_end"}, {"on", Today()}, {"note", "已回复"}}, page)
                .status,
            303);
  Reply bad =
      handler->Post(page + "/events",
                    {{"kind", "answer"}, {"on", Today()}, {"outcome", ""}, {"note", "答"}}, page);
  EXPECT_EQ(bad.status, 422);
  // （四）3 needs a recorded 补正 (第三十条): refused here, with the article.
  Reply unclear = handler->Post(
      page + "/events",
      {{"kind", "answer"}, {"on", Today()}, {"outcome", "r4_3"}, {"note", "答复"}}, page);
  EXPECT_EQ(unclear.status, 422);
  EXPECT_NE(unclear.body.find("第三十条"), std::string::npos);
  Reply answer = handler->Post(
      page + "/events",
      {{"kind", "answer"}, {"on", Today()}, {"outcome", "r4_1"}, {"note", "答复"}}, page);
  EXPECT_EQ(answer.status, 303) << answer.body;
  EXPECT_NE(handler->Get(page).body.find("已答复"), std::string::npos);
}

TEST_P(ScreensTest, HostileInputIsEscapedEverywhere) {
  auto editor = As("editor");
  for (const char* payload : {kXssScript, kXssAttr}) {
    std::string id = CreateItem(*editor, std::string("标题") + payload, payload);
    for (const std::string& page :
         {std::string("/admin/items"), "/admin/items/" + id, "/admin/items/" + id + "/edit"}) {
      Reply r = editor->Get(page);
      EXPECT_EQ(r.status, 200) << page;
      EXPECT_EQ(r.body.find(payload), std::string::npos) << page;
      EXPECT_EQ(r.body.find("<script>"), std::string::npos) << page;
      EXPECT_EQ(r.body.find("<img"), std::string::npos) << page;
    }
    // Re-rendered forms echo input escaped too.
    Reply form = editor->Post(
        "/admin/items/new",
        {{"org", "QXA"}, {"title", payload}, {"category", payload}, {"formed_on", payload}},
        "/admin/items/new");
    EXPECT_EQ(form.status, 422);
    EXPECT_EQ(form.body.find(payload), std::string::npos);
    Reply login = Browser(port_).Login(payload, payload);
    EXPECT_EQ(login.body.find(payload), std::string::npos);
  }
  auto handler = As("handler");
  Reply r = handler->Post("/admin/requests/new",
                          {{"org", "QX"},
                           {"channel", "online"},
                           {"applicant_type", "natural_person"},
                           {"name", kXssScript},
                           {"id_document", kXssAttr},
                           {"contact", kXssAttr},
                           {"submitted_on", Today()},
                           {"description", kXssScript},
                           {"delivery_form", kXssAttr}},
                          "/admin/requests/new");
  ASSERT_EQ(r.status, 200);
  size_t at = r.body.find("/admin/requests/");
  std::string id = r.body.substr(at + 16, r.body.find('"', at) - at - 16);
  for (const std::string& page : {std::string("/admin/requests?org=QX"), "/admin/requests/" + id}) {
    Reply p = handler->Get(page);
    EXPECT_EQ(p.status, 200) << page;
    EXPECT_EQ(p.body.find("<script>"), std::string::npos) << page;
    EXPECT_EQ(p.body.find("<img"), std::string::npos) << page;
  }
}

TEST_P(ScreensTest, ABadFieldIsReportedNextToItAndTheInputKept) {
  auto editor = As("editor");
  Reply r = editor->Post("/admin/items/new",
                         {{"org", "QXA"},
                          {"title", "保留这个标题"},
                          {"summary", "保留概述"},
                          {"category", "法定主动公开内容/通知公告"},
                          {"formed_on", "2024-13-45"}},
                         "/admin/items/new");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"formed_on-err\""), std::string::npos);
  EXPECT_NE(r.body.find("日期格式应为"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"保留这个标题\""), std::string::npos);
  EXPECT_NE(r.body.find("保留概述</textarea>"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"2024-13-45\""), std::string::npos);
}

TEST_P(ScreensTest, OutsideTheSubtreeEveryScreenRefuses) {
  auto editor = As("editor");
  std::string item = CreateItem(*editor, "教育局内部草稿");
  auto handler = As("handler");
  Reply created = handler->Post("/admin/requests/new",
                                {{"org", "QXA"},
                                 {"channel", "post"},
                                 {"applicant_type", "business"},
                                 {"name", "某公司"},
                                 {"contact", "0730-1234567"},
                                 {"submitted_on", Today()},
                                 {"description", "某信息"}},
                                "/admin/requests/new");
  ASSERT_EQ(created.status, 200);
  size_t at = created.body.find("/admin/requests/");
  std::string request = created.body.substr(at + 16, created.body.find('"', at) - at - 16);

  auto outsider = As("editorb");  // editor of 财政局, a sibling of 教育局
  EXPECT_EQ(outsider->Get("/admin/items/" + item).status, 403);
  EXPECT_EQ(outsider->Get("/admin/items/" + item + "/edit").status, 403);
  EXPECT_EQ(outsider->Post("/admin/items/" + item + "/submit", {}).status, 403);
  EXPECT_EQ(outsider->Get("/admin/items").body.find("教育局内部草稿"), std::string::npos);
  EXPECT_EQ(outsider->Get("/admin/requests/" + request).status, 403);
  EXPECT_EQ(outsider->Get("/admin/requests?org=QXA").status, 403);
  EXPECT_EQ(outsider->Get("/admin/audit/item/" + item).status, 403);
  EXPECT_EQ(outsider->Get("/admin/users").status, 403);
  EXPECT_EQ(outsider
                ->Post("/admin/items/new",
                       {{"org", "QXA"},
                        {"title", "越权"},
                        {"category", "法定主动公开内容/通知公告"},
                        {"formed_on", Today()}},
                       "/admin/items/new")
                .status,
            403);
  auto handlerb = As("handlerb");
  EXPECT_EQ(handlerb
                ->Post("/admin/requests/" + request + "/events",
                       {{"kind", "note"}, {"on", Today()}, {"note", "x"}})
                .status,
            403);
  // The department's admin manages its own staff only.
  auto adminb = As("adminb");
  EXPECT_EQ(adminb->Get("/admin/users/editorb").status, 200);
  EXPECT_EQ(adminb->Get("/admin/users/editor").status, 403);
  EXPECT_EQ(
      adminb->Post("/admin/users/editor/reset", {{"new_password", "takeover-password"}}).status,
      403);
  EXPECT_EQ(adminb->Get("/admin/users").body.find(">editor<"), std::string::npos);
}

TEST_P(ScreensTest, AdminCreatesAUserGrantsRevokesAndDisables) {
  auto admin = As("admin");
  Reply bad = admin->Post("/admin/users/new",
                          {{"username", "Bad Name"},
                           {"display_name", "李四"},
                           {"password", "long-enough-pass"},
                           {"org", "QXA"},
                           {"role", "editor"}},
                          "/admin/users/new");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("value=\"Bad Name\""), std::string::npos);
  Reply made = admin->Post("/admin/users/new",
                           {{"username", "lisi"},
                            {"display_name", "李四"},
                            {"password", "long-enough-pass"},
                            {"org", "QXA"},
                            {"role", "editor"}},
                           "/admin/users/new");
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_EQ(admin
                ->Post("/admin/users/lisi/grant", {{"org", "QXB"}, {"role", "reviewer"}},
                       "/admin/users/lisi")
                .status,
            303);
  Reply page = admin->Get("/admin/users/lisi");
  EXPECT_NE(page.body.find("保密审查员"), std::string::npos);
  Browser lisi(port_);
  EXPECT_EQ(lisi.Login("lisi", "long-enough-pass").location, "/admin/password");
  EXPECT_EQ(admin->Post("/admin/users/lisi/disable", {}, "/admin/users/lisi").status, 303);
  EXPECT_EQ(lisi.Get("/admin/password").status, 303) << "disabling ends the session";
  EXPECT_EQ(Browser(port_).Login("lisi", "long-enough-pass").status, 200);
}

GONGKAI_ADMIN_BACKENDS(ScreensTest);

}  // namespace
}  // namespace gongkai::admin::testing
