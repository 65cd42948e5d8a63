// The review screen's personal-data section (issue 20): the findings with their keys, the
// refusal of an approval while one is open, 遮盖 by the reviewer, then approval.
#include "admin/admin_test_support.hpp"
#include "core/item_workflow.hpp"

namespace gongkai::admin::testing {
namespace {

class ItemExposureViewTest : public BackOfficeTest {
 protected:
  // An item of QXA listing a full ID number (the GB 11643 example), submitted by the
  // editor; its page path ("" on failure).
  static std::string SubmittedList(Browser& editor, const std::string& title) {
    Reply created = editor.Post("/admin/items/new",
                                {{"org", "QXA"},
                                 {"title", title},
                                 {"summary", "名单"},
                                 {"topic", "综合政务"},
                                 {"category", "法定主动公开内容/通知公告"},
                                 {"formed_on", Today()},
                                 {"body_md", "张三 11010519491231002X"}},
                                "/admin/items/new");
    EXPECT_EQ(created.status, 303) << created.body;
    if (created.status != 303) return "";
    std::string page = created.location;
    EXPECT_EQ(editor.Post(page + "/submit", {}, page).status, 303);
    return page;
  }
};

TEST_P(ItemExposureViewTest, ReviewerSeesFindingsMasksAndApproves) {
  auto editor = As("editor");
  auto reviewer = As("reviewer");
  std::string page = SubmittedList(*editor, "低保对象公示");
  ASSERT_FALSE(page.empty());

  Reply shown = reviewer->Get(page);
  EXPECT_NE(shown.body.find("id=\"exposure\""), std::string::npos);
  EXPECT_NE(shown.body.find("body@7"), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("110105********002X"), std::string::npos);
  EXPECT_NE(shown.body.find("/mask\""), std::string::npos);

  Reply refused = reviewer->Post(page + "/review", {{"decision", "approve"}}, page);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("个人信息"), std::string::npos);
  EXPECT_NE(refused.body.find("id=\"justification-err\""), std::string::npos);
  // A justification that names another finding does not open the gate.
  EXPECT_EQ(reviewer
                ->Post(page + "/review",
                       {{"decision", "approve"}, {"justification", "body@1：无关"}}, page)
                .status,
            409);

  ASSERT_EQ(reviewer->Post(page + "/mask", {}, page).status, 303);
  Reply masked = reviewer->Get(page);
  EXPECT_NE(masked.body.find("已遮盖"), std::string::npos);
  EXPECT_EQ(masked.body.find("/mask\""), std::string::npos);
  EXPECT_EQ(reviewer->Post(page + "/review", {{"decision", "approve"}}, page).status, 303);
}

// The dashboard's count of published items with unmasked personal data (stored when the
// item is published), in the reader's scope only, linked to the item; never the value.
TEST_P(ItemExposureViewTest, DashboardCountsPublishedItemsWithPersonalData) {
  auto editor = As("editor");
  auto count = [](const std::string& body) {
    size_t at = body.find("id=\"pii-count\">");
    if (at == std::string::npos) return -1;
    return std::stoi(body.substr(at + std::string("id=\"pii-count\">").size()));
  };
  Reply before = editor->Get("/admin");
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("id=\"personal-data\""), std::string::npos) << before.body;
  int was = std::max(count(before.body), 0);
  std::string page = SubmittedList(*editor, "行政许可决定公示");
  ASSERT_FALSE(page.empty());
  // A justified approval (the form approves without a reason; the core records one).
  {
    auto st = store::SociStore::Open(envs_[GetParam()]->db->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    core::Id id = std::stoll(page.substr(page.rfind('/') + 1));
    core::Status s = (*st)->Transact([&](core::Repositories& r) {
      return core::ReviewItem(r, {"test", "2024-03-05T01:00:00Z"}, "reviewer", id, true,
                              "body@7：依法公示法定代表人证件号")
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  ASSERT_EQ(editor->Post(page + "/publish", {{"on", Today()}, {"channel", "website"}}, page).status,
            303);
  Reply after = editor->Get("/admin");
  EXPECT_EQ(count(after.body), was + 1) << after.body;
  EXPECT_NE(after.body.find("href=\"" + page + "\""), std::string::npos);
  EXPECT_EQ(after.body.find("11010519491231002X"), std::string::npos);
  // Another body's editor does not count it.
  Reply other = As("editorb")->Get("/admin");
  EXPECT_EQ(other.body.find("href=\"" + page + "\""), std::string::npos);
  EXPECT_LE(count(other.body), 0);
}

// 依法公开: the reviewer records why the finding is lawful to publish in the justification
// field (not the rejection reason) and the approval goes through, unmasked.
TEST_P(ItemExposureViewTest, ReviewerApprovesWithARecordedJustification) {
  auto editor = As("editor");
  auto reviewer = As("reviewer");
  Reply created = editor->Post("/admin/items/new",
                               {{"org", "QXA"},
                                {"title", "行政许可公示"},
                                {"summary", "许可"},
                                {"topic", "综合政务"},
                                {"category", "法定主动公开内容/通知公告"},
                                {"formed_on", Today()},
                                {"body_md", "法定代表人 11010519491231002X"}},
                               "/admin/items/new");
  ASSERT_EQ(created.status, 303) << created.body;
  std::string page = created.location;
  ASSERT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
  std::string key = "body@" + std::to_string(std::string("法定代表人 ").size());
  Reply approved =
      reviewer->Post(page + "/review",
                     {{"decision", "approve"},
                      {"justification", key + "：行政许可决定依法公开法定代表人身份信息"}},
                     page);
  EXPECT_EQ(approved.status, 303) << approved.body;
  EXPECT_NE(reviewer->Get(page).body.find("审查通过"), std::string::npos);
}

GONGKAI_ADMIN_BACKENDS(ItemExposureViewTest);

}  // namespace
}  // namespace gongkai::admin::testing
