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
  // 收费 is one of the actions the state allows (core::AllowedActions), not a form apart.
  EXPECT_NE(shown.body.find("id=\"act-fee_notice\""), std::string::npos);
  EXPECT_EQ(shown.body.find("id=\"act-fee_settled\""), std::string::npos) << "nothing due";
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
  EXPECT_NE(due.body.find("id=\"act-fee_settled\""), std::string::npos);
  EXPECT_EQ(due.body.find("id=\"act-answer\""), std::string::npos) << "clock paused for the fee";
  // The 收费通知 is drafted from the fee (issue 21).
  Reply notice = handler->Get(page + "/letters/fee");
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_NE(notice.body.find("金额 100 元"), std::string::npos);
  EXPECT_NE(notice.body.find("第四十二条"), std::string::npos);
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
  EXPECT_NE(bad.body.find("id=\"fee_notice-fee_quantity-err\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"act-fee_notice\" open"), std::string::npos) << "kept open";
  EXPECT_NE(bad.body.find("value=\"三十\""), std::string::npos);
  EXPECT_NE(bad.body.find("保留说明</textarea>"), std::string::npos);
  EXPECT_NE(bad.body.find("<option value=\"per_volume\" selected"), std::string::npos);
  // 30 pages are free: nothing to notify (the service says so).
  Reply free = handler->Post(
      page + "/fee", {{"fee_basis", "per_volume"}, {"fee_quantity", "30"}, {"fee_on", Today()}},
      page);
  EXPECT_EQ(free.status, 422);
  EXPECT_NE(free.body.find("id=\"fee_notice-fee_quantity-err\""), std::string::npos);
  EXPECT_NE(free.body.find("本件不收费"), std::string::npos);
  Reply date = handler->Post(
      page + "/fee", {{"fee_basis", "per_volume"}, {"fee_quantity", "31"}, {"fee_on", "昨天"}},
      page);
  EXPECT_EQ(date.status, 422);
  EXPECT_NE(date.body.find("id=\"fee_notice-fee_on-err\""), std::string::npos);
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
  EXPECT_NE(how.body.find("id=\"fee_settled-settle_how-err\""), std::string::npos);
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
  auto editor = As("editor");  // may read QXA's requests, not their applicants or letters
  EXPECT_EQ(editor->Get(page + "/letter").status, 403);
  EXPECT_EQ(editor->Get(page).body.find("赵六"), std::string::npos);
}

// Issue 21: a 补正 notice without a deadline is refused naming the field; the page then
// offers only what the state allows; the 补正告知书 is issued with its deadline.
TEST_P(RequestExtrasTest, CorrectionNoticeNeedsADeadlineAndLeadsToItsLetter) {
  auto handler = As("handler");
  std::string page = Intake(*handler, "钱七");
  Reply fresh = handler->Get(page);
  EXPECT_NE(fresh.body.find("id=\"act-correction_requested\""), std::string::npos);
  EXPECT_EQ(fresh.body.find("id=\"act-corrected\""), std::string::npos);
  EXPECT_EQ(fresh.body.find("r1_open 时"), std::string::npos) << "row ids in labels";
  Reply no_deadline = handler->Post(
      page + "/events",
      {{"kind", "correction_requested"}, {"on", Today()}, {"note", "请写明文件名称"}}, page);
  EXPECT_EQ(no_deadline.status, 422);
  EXPECT_NE(no_deadline.body.find("id=\"correction_requested-correction_deadline-err\""),
            std::string::npos)
      << no_deadline.body;
  Reply notice = handler->Post(page + "/events",
                               {{"kind", "correction_requested"},
                                {"on", Today()},
                                {"note", "请写明文件名称"},
                                {"correction_deadline", "2099-01-05"}},
                               page);
  ASSERT_EQ(notice.status, 303) << notice.body;
  EXPECT_EQ(notice.location, page + "/letters/correction");
  Reply waiting = handler->Get(page);
  EXPECT_NE(waiting.body.find("id=\"act-corrected\""), std::string::npos);
  EXPECT_EQ(waiting.body.find("id=\"act-answer\""), std::string::npos) << "answer while waiting";
  EXPECT_NE(waiting.body.find("告知补正"), std::string::npos) << "history in Chinese";
  EXPECT_NE(waiting.body.find("补正期限 2099年1月5日"), std::string::npos);
  Reply draft = handler->Get(page + "/letters/correction");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_NE(draft.body.find("2099年1月5日"), std::string::npos);
  EXPECT_NE(draft.body.find("钱七："), std::string::npos);
  Reply stripped = handler->Post(page + "/letters/correction",
                                 {{"action", "issue"}, {"body", "补正告知书\n\n请补正。"}}, page);
  EXPECT_EQ(stripped.status, 422);
  Reply issued = handler->Post(
      page + "/letters/correction",
      {{"action", "issue"},
       {"body", "补正告知书\n\n钱七：\n\n请于2099年1月5日前补正。\n\n青溪市教育局\n" + Today()}},
      page);
  ASSERT_EQ(issued.status, 303) << issued.body;
  std::string at = issued.location;
  EXPECT_NE(at.find(page + "/letters/issued/"), std::string::npos);
  Reply print = handler->Get(at);
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("class=\"letter-title\">补正告知书"), std::string::npos);
  EXPECT_NE(print.body.find("class=\"letter-signature\""), std::string::npos);
  EXPECT_EQ(As("editor")->Get(at).status, 403);
}

// Issue 21: 部分公开 needs reasons and legal basis, at the answer and in the 答复书.
TEST_P(RequestExtrasTest, PartialAnswerNeedsReasonsAndBasisInTheReply) {
  auto handler = As("handler");
  std::string page = Intake(*handler);
  Reply bare = handler->Post(
      page + "/events", {{"kind", "answer"}, {"on", Today()}, {"outcome", "r2_partial"}}, page);
  EXPECT_EQ(bare.status, 422);
  EXPECT_NE(bare.body.find("id=\"answer-reasons-err\""), std::string::npos);
  Reply answer = handler->Post(page + "/events",
                               {{"kind", "answer"},
                                {"on", Today()},
                                {"outcome", "r2_partial"},
                                {"reasons", "第三部分涉及个人隐私"},
                                {"legal_basis", "《条例》第十五条"}},
                               page);
  ASSERT_EQ(answer.status, 303) << answer.body;
  Reply draft = handler->Get(page + "/letters/reply");
  EXPECT_NE(draft.body.find("第三部分涉及个人隐私"), std::string::npos);
  EXPECT_NE(draft.body.find("《条例》第十五条"), std::string::npos);
  EXPECT_NE(draft.body.find("第三十七条"), std::string::npos);
  Reply no_reasons = handler->Post(
      page + "/letters/reply",
      {{"action", "issue"}, {"body", "答复"}, {"reasons", ""}, {"legal_basis", "x"}}, page);
  EXPECT_EQ(no_reasons.status, 422);
  EXPECT_NE(no_reasons.body.find("id=\"reasons-err\""), std::string::npos);
  Reply ok = handler->Post(page + "/letters/reply",
                           {{"action", "issue"},
                            {"body", "答复书\n理由：第三部分涉及个人隐私\n依据：《条例》第十五条"},
                            {"reasons", "第三部分涉及个人隐私"},
                            {"legal_basis", "《条例》第十五条"}},
                           page);
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_NE(handler->Get(page).body.find("id=\"issued-letters\""), std::string::npos);
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
