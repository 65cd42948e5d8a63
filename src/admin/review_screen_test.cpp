// 保密审查 on the item page (issue 21): nothing is preselected, a refused decision keeps the
// reviewer's choice and text (422), and an approval carrying a rejection reason is refused —
// so "退回 without a reason, then submit again" can never approve the item.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class ReviewScreenTest : public BackOfficeTest {
 protected:
  // A submitted item of QXA; its page path.
  static std::string SubmittedItem(const std::string& title) {
    auto editor = As("editor");
    Reply r = editor->Post("/admin/items/new",
                           {{"org", "QXA"},
                            {"title", title},
                            {"summary", "概述"},
                            {"category", "法定主动公开内容/通知公告"},
                            {"formed_on", Today()},
                            {"body_md", "正文"}},
                           "/admin/items/new");
    EXPECT_EQ(r.status, 303) << r.body;
    std::string page = r.location;
    EXPECT_EQ(editor->Post(page + "/submit", {}, page).status, 303);
    return page;
  }
  static std::string StateCell(const std::string& body) {
    size_t at = body.find("<dt>状态</dt><dd>");
    if (at == std::string::npos) return "";
    at += std::string("<dt>状态</dt><dd>").size();
    return body.substr(at, body.find("</dd>", at) - at);
  }
};

TEST_P(ReviewScreenTest, NoDecisionIsPreselected) {
  std::string page = SubmittedItem("审查无默认选项");
  auto reviewer = As("reviewer");
  Reply shown = reviewer->Get(page);
  ASSERT_EQ(shown.status, 200);
  size_t form = shown.body.find("/review\"");
  ASSERT_NE(form, std::string::npos);
  std::string review = shown.body.substr(form, shown.body.find("</form>", form) - form);
  EXPECT_NE(review.find("value=\"approve\""), std::string::npos);
  EXPECT_EQ(review.find("checked"), std::string::npos) << review;
}

TEST_P(ReviewScreenTest, RejectWithoutReasonThenResubmitCannotApprove) {
  std::string page = SubmittedItem("退回须说明理由");
  auto reviewer = As("reviewer");
  Reply first = reviewer->Post(page + "/review", {{"decision", "reject"}, {"reason", " "}}, page);
  ASSERT_EQ(first.status, 422) << first.body;
  EXPECT_NE(first.body.find("退回须说明理由"), std::string::npos);
  // The re-rendered form keeps 退回 ticked and 通过 unticked.
  EXPECT_NE(first.body.find("value=\"reject\" checked"), std::string::npos) << first.body;
  EXPECT_EQ(first.body.find("value=\"approve\" checked"), std::string::npos);
  EXPECT_EQ(StateCell(first.body), "待审查");
  // The reviewer types the reason but the browser (or a stale form) still says 通过: refused.
  Reply second = reviewer->Post(
      page + "/review", {{"decision", "approve"}, {"reason", "涉及个人信息，须删除后重报"}}, page);
  ASSERT_EQ(second.status, 422) << second.body;
  EXPECT_NE(second.body.find("涉及个人信息，须删除后重报</textarea>"), std::string::npos);
  EXPECT_NE(second.body.find("value=\"approve\" checked"), std::string::npos);
  EXPECT_EQ(StateCell(reviewer->Get(page).body), "待审查");
  // No decision at all is refused too.
  EXPECT_EQ(reviewer->Post(page + "/review", {{"reason", ""}}, page).status, 422);
  // The intended 退回 with its reason goes through, and the reason is on the record.
  Reply third = reviewer->Post(
      page + "/review", {{"decision", "reject"}, {"reason", "涉及个人信息，须删除后重报"}}, page);
  ASSERT_EQ(third.status, 303) << third.body;
  Reply after = reviewer->Get(page);
  EXPECT_EQ(StateCell(after.body), "审查退回");
  EXPECT_NE(after.body.find("涉及个人信息，须删除后重报"), std::string::npos);
}

TEST_P(ReviewScreenTest, AnApprovalWithoutReasonApproves) {
  std::string page = SubmittedItem("审查通过");
  auto reviewer = As("reviewer");
  Reply r = reviewer->Post(page + "/review", {{"decision", "approve"}, {"reason", ""}}, page);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(StateCell(reviewer->Get(page).body), "审查通过");
}

GONGKAI_ADMIN_BACKENDS(ReviewScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
