// The request page beyond events: the 信息处理费 (notice, then payment or waiver), the due
// date's explanation and the printable reply letter.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class RequestExtrasTest : public BackOfficeTest {
 protected:
  // Registers a request at QXA as `handler`; returns its page path.
  static std::string Intake(Browser& handler, const std::string& name = "王五",
                            const std::string& description = "某区学校名单") {
    Reply r = handler.Post("/admin/requests/new",
                           {{"org", "QXA"},
                            {"channel", "in_person"},
                            {"applicant_type", "natural_person"},
                            {"name", name},
                            {"contact", "13800000000"},
                            {"submitted_on", Today()},
                            {"description", description}},
                           "/admin/requests/new");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("id=\"tracking-no\""), std::string::npos);
    size_t at = r.body.find("/admin/requests/");
    return r.body.substr(at, r.body.find('"', at) - at);
  }

  static Reply Answer(Browser& handler, const std::string& page) {
    return handler.Post(page + "/events",
                        {{"kind", "answer"},
                         {"on", Today()},
                         {"outcome", "r4_1"},
                         {"basis", "not_exist"},
                         {"note", "经检索不存在"}},
                        page);
  }
};

TEST_P(RequestExtrasTest, FeeIsNotifiedThenPaidAndTheDueDateExplained) {
  auto handler = As("handler");
  std::string page = Intake(*handler);
  Reply shown = handler->Get(page);
  EXPECT_NE(shown.body.find("未收取信息处理费"), std::string::npos);
  EXPECT_NE(shown.body.find("id=\"due-explanation\""), std::string::npos);
  EXPECT_NE(shown.body.find("20"), std::string::npos);
  // The 11th request of the month costs 100 元 (按件).
  Reply fee = handler->Post(page + "/fee",
                            {{"fee_basis", "per_request"},
                             {"fee_quantity", "1"},
                             {"fee_prior", "10"},
                             {"fee_on", Today()},
                             {"fee_note", "本月第 11 件"}},
                            page);
  EXPECT_EQ(fee.status, 303) << fee.body;
  Reply due = handler->Get(page);
  EXPECT_NE(due.body.find("100 元"), std::string::npos);
  EXPECT_NE(due.body.find("待缴"), std::string::npos);
  EXPECT_NE(due.body.find("收费通知"), std::string::npos) << "the notice is an event";
  EXPECT_EQ(due.body.find("action=\"" + page + "/fee\""), std::string::npos) << "one fee only";
  Reply paid =
      handler->Post(page + "/settle", {{"settle_how", "paid"}, {"settle_on", Today()}}, page);
  EXPECT_EQ(paid.status, 303) << paid.body;
  Reply after = handler->Get(page);
  EXPECT_NE(after.body.find("已缴"), std::string::npos);
  EXPECT_EQ(after.body.find("action=\"" + page + "/settle\""), std::string::npos);
  auto admin = As("admin");
  Reply audit = admin->Get("/admin/audit/request/" + page.substr(page.rfind('/') + 1));
  EXPECT_NE(audit.body.find("fee"), std::string::npos);
}

TEST_P(RequestExtrasTest, BadFeeFieldsAreReportedAndKept) {
  auto handler = As("handler");
  std::string page = Intake(*handler);
  Reply bad = handler->Post(page + "/fee",
                            {{"fee_basis", "per_volume"},
                             {"fee_quantity", "三十"},
                             {"fee_on", Today()},
                             {"fee_note", "保留说明"}},
                            page);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"fee_quantity-err\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"三十\""), std::string::npos);
  EXPECT_NE(bad.body.find("保留说明</textarea>"), std::string::npos);
  EXPECT_NE(bad.body.find("<option value=\"per_volume\" selected"), std::string::npos);
  // 30 pages are free: nothing to notify (the service says so).
  Reply free = handler->Post(
      page + "/fee", {{"fee_basis", "per_volume"}, {"fee_quantity", "30"}, {"fee_on", Today()}},
      page);
  EXPECT_EQ(free.status, 422);
  EXPECT_NE(free.body.find("id=\"fee_quantity-err\""), std::string::npos);
  EXPECT_NE(free.body.find("本件不收费"), std::string::npos);
  Reply date = handler->Post(
      page + "/fee", {{"fee_basis", "per_volume"}, {"fee_quantity", "31"}, {"fee_on", "昨天"}},
      page);
  EXPECT_EQ(date.status, 422);
  EXPECT_NE(date.body.find("id=\"fee_on-err\""), std::string::npos);
  // Without a CSRF token: refused, nothing written.
  EXPECT_EQ(
      handler->PostRaw(page + "/fee", "fee_basis=per_volume&fee_quantity=200&fee_on=" + Today())
          .status,
      403);
  EXPECT_NE(handler->Get(page).body.find("未收取信息处理费"), std::string::npos);
  ASSERT_EQ(
      handler
          ->Post(page + "/fee",
                 {{"fee_basis", "per_volume"}, {"fee_quantity", "31"}, {"fee_on", Today()}}, page)
          .status,
      303);
  EXPECT_NE(handler->Get(page).body.find("10 元"), std::string::npos);
  Reply how =
      handler->Post(page + "/settle", {{"settle_how", "later"}, {"settle_on", Today()}}, page);
  EXPECT_EQ(how.status, 422);
  EXPECT_NE(how.body.find("id=\"settle_how-err\""), std::string::npos);
  EXPECT_EQ(handler->PostRaw(page + "/settle", "settle_how=waived&settle_on=" + Today()).status,
            403);
  EXPECT_NE(handler->Get(page).body.find("待缴"), std::string::npos);
  EXPECT_EQ(
      handler->Post(page + "/settle", {{"settle_how", "waived"}, {"settle_on", Today()}}, page)
          .status,
      303);
  EXPECT_NE(handler->Get(page).body.find("免收"), std::string::npos);
}

TEST_P(RequestExtrasTest, LetterNamesTheApplicantOnlyForCaseHandlers) {
  auto handler = As("handler");
  std::string page = Intake(*handler, "赵六");
  Reply early = handler->Get(page + "/letter");
  EXPECT_EQ(early.status, 409) << "no letter before the answer";
  ASSERT_EQ(Answer(*handler, page).status, 303);
  EXPECT_NE(handler->Get(page).body.find(page + "/letter"), std::string::npos);
  Reply letter = handler->Get(page + "/letter");
  ASSERT_EQ(letter.status, 200) << letter.body;
  EXPECT_NE(letter.body.find("政府信息公开申请答复告知书"), std::string::npos);
  EXPECT_NE(letter.body.find("赵六："), std::string::npos);
  EXPECT_NE(letter.body.find("第三十六条第（四）项"), std::string::npos);
  EXPECT_NE(letter.body.find("青溪市教育局"), std::string::npos);
  EXPECT_NE(letter.body.find("某区学校名单"), std::string::npos);
  auto editor = As("editor");  // may read QXA's requests, not their applicants
  Reply plain = editor->Get(page + "/letter");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.find("赵六"), std::string::npos);
  EXPECT_NE(plain.body.find("申请人："), std::string::npos);
}

TEST_P(RequestExtrasTest, OutsideTheSubtreeFeesAndLettersAnswer403) {
  auto handler = As("handler");
  std::string page = Intake(*handler);
  auto outsider = As("handlerb");
  EXPECT_EQ(outsider
                ->Post(page + "/fee",
                       {{"fee_basis", "per_volume"}, {"fee_quantity", "40"}, {"fee_on", Today()}})
                .status,
            403);
  auto editor = As("editor");  // in the subtree, but not a case handler
  EXPECT_EQ(editor
                ->Post(page + "/fee",
                       {{"fee_basis", "per_volume"}, {"fee_quantity", "40"}, {"fee_on", Today()}})
                .status,
            403);
  EXPECT_NE(handler->Get(page).body.find("未收取信息处理费"), std::string::npos);
  ASSERT_EQ(
      handler
          ->Post(page + "/fee",
                 {{"fee_basis", "per_volume"}, {"fee_quantity", "40"}, {"fee_on", Today()}}, page)
          .status,
      303);
  EXPECT_EQ(
      outsider->Post(page + "/settle", {{"settle_how", "paid"}, {"settle_on", Today()}}).status,
      403);
  EXPECT_NE(handler->Get(page).body.find("待缴"), std::string::npos);
  ASSERT_EQ(handler->Post(page + "/settle", {{"settle_how", "paid"}, {"settle_on", Today()}}, page)
                .status,
            303);
  ASSERT_EQ(Answer(*handler, page).status, 303);
  EXPECT_EQ(outsider->Get(page + "/letter").status, 403);
}

TEST_P(RequestExtrasTest, HostileInputIsEscaped) {
  auto handler = As("handler");
  for (const char* payload : {kXssScript, kXssAttr}) {
    std::string page = Intake(*handler, payload, payload);
    Reply bad = handler->Post(page + "/fee",
                              {{"fee_basis", payload},
                               {"fee_quantity", payload},
                               {"fee_prior", payload},
                               {"fee_on", payload},
                               {"fee_note", payload}},
                              page);
    EXPECT_EQ(bad.status, 422);
    ASSERT_EQ(handler
                  ->Post(page + "/fee",
                         {{"fee_basis", "per_volume"},
                          {"fee_quantity", "31"},
                          {"fee_on", Today()},
                          {"fee_note", payload}},
                         page)
                  .status,
              303);
    Reply settle =
        handler->Post(page + "/settle", {{"settle_how", payload}, {"settle_on", payload}}, page);
    EXPECT_EQ(settle.status, 422);
    ASSERT_EQ(
        handler->Post(page + "/settle", {{"settle_how", "paid"}, {"settle_on", Today()}}, page)
            .status,
        303);
    ASSERT_EQ(Answer(*handler, page).status, 303);
    for (const Reply& r : {bad, settle, handler->Get(page), handler->Get(page + "/letter")}) {
      EXPECT_EQ(r.body.find(payload), std::string::npos);
      EXPECT_EQ(r.body.find("<script>"), std::string::npos);
      EXPECT_EQ(r.body.find("<img"), std::string::npos);
    }
    EXPECT_NE(handler->Get(page + "/letter").body.find("&lt;"), std::string::npos)
        << "the payload is in the letter, escaped";
  }
}

GONGKAI_ADMIN_BACKENDS(RequestExtrasTest);

}  // namespace
}  // namespace gongkai::admin::testing
