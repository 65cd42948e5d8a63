// The review screen's personal-data section (issue 20): the findings with their keys, the
// refusal of an approval while one is open, 遮盖 by the reviewer, then approval.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class ItemExposureViewTest : public BackOfficeTest {};

TEST_P(ItemExposureViewTest, ReviewerSeesFindingsMasksAndApproves) {
  auto editor = As("editor");
  auto reviewer = As("reviewer");
  Reply created = editor->Post("/admin/items/new",
                               {{"org", "QXA"},
                                {"title", "低保对象公示"},
                                {"summary", "名单"},
                                {"topic", "综合政务"},
                                {"category", "法定主动公开内容/通知公告"},
                                {"formed_on", Today()},
                                {"body_md", "张三 11010519491231002X"}},
                               "/admin/items/new");
  ASSERT_EQ(created.status, 303) << created.body;
  std::string page = created.location;
  ASSERT_EQ(editor->Post(page + "/submit", {}, page).status, 303);

  Reply shown = reviewer->Get(page);
  EXPECT_NE(shown.body.find("id=\"exposure\""), std::string::npos);
  EXPECT_NE(shown.body.find("body@7"), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("110105********002X"), std::string::npos);
  EXPECT_NE(shown.body.find("/mask\""), std::string::npos);

  Reply refused = reviewer->Post(page + "/review", {{"decision", "approve"}}, page);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("个人信息"), std::string::npos);

  ASSERT_EQ(reviewer->Post(page + "/mask", {}, page).status, 303);
  Reply masked = reviewer->Get(page);
  EXPECT_NE(masked.body.find("已遮盖"), std::string::npos);
  EXPECT_EQ(masked.body.find("/mask\""), std::string::npos);
  EXPECT_EQ(reviewer->Post(page + "/review", {{"decision", "approve"}}, page).status, 303);
}

GONGKAI_ADMIN_BACKENDS(ItemExposureViewTest);

}  // namespace
}  // namespace gongkai::admin::testing
