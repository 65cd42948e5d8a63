// Letters of a request (issue 21): which letters the record supports, what the actions
// offered are, the refusals (a 补正 notice without a deadline, a 部分公开 / 不予公开 reply
// without reasons and legal basis), issuing, storing and auditing.
#include "core/request_letters.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/calendar_service.hpp"
#include "core/fake_store.hpp"
#include "core/org_service.hpp"
#include "core/request_actions.hpp"
#include "core/request_letter.hpp"
#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;

class RequestLettersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Tx([&](Repositories& r) -> Status {
      Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_RETURN_IF_ERROR(CreateOrg(r, ctx_, root, "").status());
      Calendar cal = request_testing::TestCalendar();
      for (int year : cal.years()) GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(*cal.Year(year)));
      IntakeInput in;
      in.channel = RequestChannel::kInPerson;
      in.submitted_on = D("2024-09-02");
      in.description = "青溪市2024年城市更新实施方案";
      in.applicant_sealed = "sealed";
      in.lookup_code_hash = "hash";
      GONGKAI_ASSIGN_OR_RETURN(auto result, IntakeRequest(r, ctx_, today_, in));
      id_ = result.view.request.id;
      return Status::Ok();
    });
  }

  void Tx(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Status Event(EventInput in) {
    return store_.Transact([&](Repositories& r) -> Status {
      return RecordRequestEvent(r, ctx_, in.on, id_, in).status();
    });
  }

  RequestView View() {
    RequestView view;
    Tx([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(view, LoadRequestView(r, id_));
      return Status::Ok();
    });
    return view;
  }

  std::vector<std::string> Actions(Date today) {
    std::vector<std::string> codes;
    Tx([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(auto actions, AllowedRequestActions(r, id_, today));
      for (const auto& a : actions) codes.push_back(a.Code());
      return Status::Ok();
    });
    return codes;
  }

  Result<RequestLetter> Issue(LetterKind kind, std::string body, LetterFields fields = {}) {
    RequestLetter letter;
    Status s = store_.Transact([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(letter, IssueLetter(r, ctx_, today_, id_, {kind, body, fields}));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return letter;
  }

  FakeStore store_;
  ChangeContext ctx_{"user:handler", "2024-12-01T02:03:04Z"};
  Date today_ = D("2024-12-31");
  Id id_ = 0;
};

TEST_F(RequestLettersTest, ChineseDatesHaveNoLeadingZeros) {
  EXPECT_EQ(ChineseDate(D("2026-12-06")), "2026年12月6日");
  EXPECT_EQ(ChineseDate(D("2024-01-09")), "2024年1月9日");
}

TEST_F(RequestLettersTest, ActionsFollowTheState) {
  // Just received: 补正 within 7 working days, consultation, extension, answer, withdraw.
  auto fresh = Actions(D("2024-09-03"));
  EXPECT_EQ(fresh,
            (std::vector<std::string>{"correction_requested", "consultation_start", "extension",
                                      "fee_notice", "answer", "withdraw", "note"}));
  // Past the 7 working days a 补正 notice is no longer offered.
  auto late = Actions(D("2024-09-20"));
  EXPECT_EQ(std::count(late.begin(), late.end(), "correction_requested"), 0);
  // Waiting for the correction: receive it, or (after the deadline) 视为放弃.
  EventInput notice;
  notice.kind = RequestEventKind::kCorrectionRequested;
  notice.on = D("2024-09-03");
  notice.note = "请写明所需信息的文号";
  notice.correction_deadline = D("2024-09-18");
  ASSERT_TRUE(Event(notice).ok());
  auto waiting = Actions(D("2024-09-10"));
  EXPECT_EQ(waiting, (std::vector<std::string>{"corrected", "withdraw", "note"}));
  auto overdue = Actions(D("2024-09-19"));
  EXPECT_NE(std::find(overdue.begin(), overdue.end(), "abandon_correction"), overdue.end());
  EXPECT_EQ(std::count(overdue.begin(), overdue.end(), "answer"), 0);
}

// 收费 is one of the actions (issue 21): offered once, then 缴费或免收 while the fee is due
// (the clock is paused: no answer), then neither.
TEST_F(RequestLettersTest, FeeActionsFollowTheFee) {
  auto has = [](const std::vector<std::string>& v, const char* code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  };
  Tx([&](Repositories& r) -> Status {
    return NotifyFee(r, ctx_, D("2024-09-04"), id_, FeeBasis::kPerVolume, 40, 0, D("2024-09-04"),
                     "")
        .status();
  });
  auto due = Actions(D("2024-09-05"));
  EXPECT_FALSE(has(due, "fee_notice")) << "one fee per request";
  EXPECT_TRUE(has(due, "fee_settled"));
  EXPECT_FALSE(has(due, "answer")) << "the clock waits for the payment";
  Tx([&](Repositories& r) -> Status {
    return SettleFee(r, ctx_, D("2024-09-06"), id_, "paid", D("2024-09-06")).status();
  });
  auto paid = Actions(D("2024-09-09"));
  EXPECT_FALSE(has(paid, "fee_notice"));
  EXPECT_FALSE(has(paid, "fee_settled"));
  EXPECT_TRUE(has(paid, "answer"));
}

TEST_F(RequestLettersTest, CorrectionNoticeNeedsItsDeadlineInTheText) {
  EXPECT_EQ(Issue(LetterKind::kCorrection, "补正告知书").status().code(),
            ErrorCode::kFailedPrecondition);  // no 补正 recorded yet
  EventInput notice;
  notice.kind = RequestEventKind::kCorrectionRequested;
  notice.on = D("2024-09-03");
  notice.note = "请写明所需信息的文号";
  notice.correction_how = "通过网上申请平台";
  notice.correction_deadline = D("2024-09-18");
  ASSERT_TRUE(Event(notice).ok());
  RequestView view = View();
  auto values = LetterDraftValues(view, LetterKind::kCorrection, "申请人", today_, {});
  EXPECT_EQ(values["correction_deadline"], "2024年9月18日");
  EXPECT_EQ(values["correction_what"], "请写明所需信息的文号");
  EXPECT_EQ(values["correction_how"], "通过网上申请平台");
  auto missing = Issue(LetterKind::kCorrection, "补正告知书\n\n请补正。");
  EXPECT_EQ(missing.status().field(), "body");
  auto issued = Issue(LetterKind::kCorrection, "补正告知书\n\n请于2024年9月18日前补正。");
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->title, "补正告知书");
  EXPECT_EQ(issued->issued_on, today_);
  EXPECT_EQ(issued->actor, "user:handler");
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto letters, r.requests().ListLetters(id_));
    EXPECT_EQ(letters.size(), 1u);
    GONGKAI_ASSIGN_OR_RETURN(auto again, FindIssuedLetter(r, id_, issued->id));
    EXPECT_EQ(again.body, issued->body);
    EXPECT_EQ(FindIssuedLetter(r, id_ + 1, issued->id).status().code(), ErrorCode::kNotFound);
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.audit().ListFor("request", std::to_string(id_)));
    bool audited = false;
    for (const auto& e : events) audited |= e.action == "request.letter";
    EXPECT_TRUE(audited);
    return Status::Ok();
  });
}

TEST_F(RequestLettersTest, PartialReplyCannotBeIssuedWithoutReasonsAndBasis) {
  EventInput answer;
  answer.kind = RequestEventKind::kAnswer;
  answer.on = D("2024-09-10");
  answer.outcome = "r2_partial";
  ASSERT_TRUE(Event(answer).ok());
  EXPECT_EQ(Issue(LetterKind::kReply, "答复书").status().field(), "reasons");
  EXPECT_EQ(Issue(LetterKind::kReply, "答复书", {"涉及第三方商业秘密", ""}).status().field(),
            "legal_basis");
  LetterFields fields{"涉及第三方商业秘密", "《中华人民共和国政府信息公开条例》第十五条"};
  EXPECT_EQ(Issue(LetterKind::kReply, "答复书（理由略）", fields).status().field(), "body");
  RequestView view = View();
  auto values = LetterDraftValues(view, LetterKind::kReply, "申请人", today_, fields);
  EXPECT_EQ(values["reasons"], fields.reasons);
  EXPECT_EQ(values["closed_on"], "2024年9月10日");
  EXPECT_EQ(values["article"], "第三十七条");
  auto ok = Issue(LetterKind::kReply,
                  "答复书\n理由：" + fields.reasons + "\n依据：" + fields.legal_basis, fields);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->kind, "reply");
  EXPECT_TRUE(CheckReasons("r1_open", {}).ok());
  EXPECT_EQ(CheckReasons("r3_4", {}).field(), "reasons");
}

TEST_F(RequestLettersTest, ExtensionAndConsultationLettersFollowTheirEvents) {
  EXPECT_TRUE(AvailableLetters(View()).empty());
  EventInput consult;
  consult.kind = RequestEventKind::kConsultationStart;
  consult.on = D("2024-09-03");
  consult.consult_with = ConsultationKind::kThirdParty;
  ASSERT_TRUE(Event(consult).ok());
  EventInput end;
  end.kind = RequestEventKind::kConsultationEnd;
  end.on = D("2024-09-05");
  ASSERT_TRUE(Event(end).ok());
  EventInput ext;
  ext.kind = RequestEventKind::kExtension;
  ext.on = D("2024-09-20");
  ext.extension_days = 10;
  ext.approver = "主任";
  ext.notified_on = D("2024-09-20");
  ext.notified_how = "书面";
  ASSERT_TRUE(Event(ext).ok());
  RequestView view = View();
  EXPECT_EQ(AvailableLetters(view),
            (std::vector<LetterKind>{LetterKind::kExtension, LetterKind::kConsultation}));
  auto values = LetterDraftValues(view, LetterKind::kExtension, "申请人", today_, {});
  EXPECT_EQ(values["extension_days"], "10");
  ASSERT_TRUE(view.due.date.has_value());
  EXPECT_EQ(values["due_on"], ChineseDate(*view.due.date));
}

TEST_F(RequestLettersTest, OutcomesInPlainWords) {
  EXPECT_EQ(OutcomePlainWords("r1_open"), "予以公开");
  EXPECT_EQ(OutcomePlainWords("r3_1"), "不予公开：属于国家秘密");
  for (const auto& code : OutcomeCodes()) {
    EXPECT_FALSE(OutcomePlainWords(code).empty()) << code;
    EXPECT_EQ(OutcomePlainWords(code).find('r'), std::string::npos) << code;
  }
}

}  // namespace
}  // namespace gongkai::core
