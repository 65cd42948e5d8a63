#include "core/request_state.hpp"

#include <gtest/gtest.h>

#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;
using request_testing::TestCalendar;

// A request received 2024-09-02 (due 2024-09-30) and its history, built by ApplyEvent.
class RequestStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    request_.id = 7;
    request_.tracking_no = "2024-0007";
    request_.channel = RequestChannel::kInPerson;
    request_.submitted_on = request_.received_on = D("2024-09-02");
    RequestEvent receipt;
    receipt.kind = "receipt";
    receipt.on = request_.received_on;
    history_.push_back(receipt);
  }

  Result<RequestEvent> Apply(EventInput in) {
    auto e = ApplyEvent(request_, history_, in, calendar_, today_);
    if (e.ok()) history_.push_back(*e);
    return e;
  }

  static EventInput In(RequestEventKind kind, const char* on) {
    EventInput in;
    in.kind = kind;
    in.on = D(on);
    return in;
  }

  static EventInput Answer(const char* on, std::string outcome) {
    EventInput in = In(RequestEventKind::kAnswer, on);
    in.outcome = std::move(outcome);
    return in;
  }

  static EventInput Extension(const char* on, int days, std::string approver = "王主任") {
    EventInput in = In(RequestEventKind::kExtension, on);
    in.extension_days = days;
    in.approver = std::move(approver);
    in.notified_on = in.on;  // 第三十三条: the applicant is told the same day
    in.notified_how = "电话";
    return in;
  }

  void ExpectRefused(EventInput in, ErrorCode code, const std::string& words) {
    Request before = request_;
    size_t events = history_.size();
    auto e = Apply(std::move(in));
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.status().code(), code) << e.status().ToString();
    EXPECT_NE(e.status().message().find(words), std::string::npos) << e.status().message();
    EXPECT_EQ(request_, before);
    EXPECT_EQ(history_.size(), events);
  }

  Calendar calendar_ = TestCalendar();
  Date today_ = D("2024-12-31");
  Request request_;
  std::vector<RequestEvent> history_;
};

TEST_F(RequestStateTest, AnswerClosesWithExactlyOneOutcome) {
  auto e = Apply(Answer("2024-09-20", "r2_partial"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, "answer");
  EXPECT_EQ(e->data, R"({"outcome":"r2_partial"})");
  EXPECT_EQ(request_.state, RequestState::kAnswered);
  EXPECT_EQ(request_.outcome, "r2_partial");
  EXPECT_EQ(request_.closed_on, D("2024-09-20"));
}

TEST_F(RequestStateTest, RefusesAnsweringWithoutAnOutcome) {
  ExpectRefused(Answer("2024-09-20", ""), ErrorCode::kInvalidArgument, "有且只有一个办理结果");
}

TEST_F(RequestStateTest, PartialDisclosureIsExclusive) {
  ExpectRefused(Answer("2024-09-20", "r2_partial,r3_4"), ErrorCode::kInvalidArgument,
                "只计（二）部分公开");
  ExpectRefused(Answer("2024-09-20", "r1_open+r3_1"), ErrorCode::kInvalidArgument, "r2_partial");
}

TEST_F(RequestStateTest, RefusesUnknownAndAbandonOutcomes) {
  ExpectRefused(Answer("2024-09-20", "r7_total"), ErrorCode::kInvalidArgument, "未知");
  ExpectRefused(Answer("2024-09-20", "r6_1"), ErrorCode::kInvalidArgument, "abandon");
}

TEST_F(RequestStateTest, RefusesExtendingTwice) {
  ASSERT_TRUE(Apply(Extension("2024-09-20", 10)).ok());
  EXPECT_EQ(request_.state, RequestState::kInProgress);
  ExpectRefused(Extension("2024-09-23", 5), ErrorCode::kFailedPrecondition, "已延期一次");
}

TEST_F(RequestStateTest, RefusesExtendingPastTwentyDays) {
  ExpectRefused(Extension("2024-09-20", 21), ErrorCode::kInvalidArgument, "不得超过 20");
  ExpectRefused(Extension("2024-09-20", 0), ErrorCode::kInvalidArgument, "不得超过 20");
}

TEST_F(RequestStateTest, RefusesExtendingWithoutApproverOrAfterTheDueDate) {
  ExpectRefused(Extension("2024-09-20", 10, ""), ErrorCode::kInvalidArgument, "批准人");
  ExpectRefused(Extension("2024-10-08", 10), ErrorCode::kFailedPrecondition, "届满");
}

TEST_F(RequestStateTest, RefusesAnExtensionTheApplicantWasNotToldOf) {
  EventInput in = Extension("2024-09-20", 10);
  in.notified_on.reset();
  ExpectRefused(in, ErrorCode::kInvalidArgument, "第三十三条");
  in = Extension("2024-09-20", 10);
  in.notified_how.clear();
  ExpectRefused(in, ErrorCode::kInvalidArgument, "告知申请人");
}

TEST_F(RequestStateTest, TwentyEighteenRuleCapsExtensionsAtFifteen) {
  request_.received_on = request_.submitted_on = D("2019-05-14");
  history_.front().on = request_.received_on;
  ExpectRefused(Extension("2019-05-20", 16), ErrorCode::kInvalidArgument, "15");
  EXPECT_TRUE(Apply(Extension("2019-05-20", 15)).ok());
}

TEST_F(RequestStateTest, RefusesReopeningAClosedCase) {
  ASSERT_TRUE(Apply(Answer("2024-09-20", "r1_open")).ok());
  for (auto kind : {RequestEventKind::kAnswer, RequestEventKind::kExtension,
                    RequestEventKind::kCorrectionRequested, RequestEventKind::kWithdraw,
                    RequestEventKind::kNote}) {
    EventInput in = In(kind, "2024-09-25");
    in.outcome = "r1_open";
    in.note = "再议";
    ExpectRefused(in, ErrorCode::kFailedPrecondition, "已办结");
  }
}

TEST_F(RequestStateTest, CorrectionNoticeWithinSevenWorkingDays) {
  // 2024-09-11 is the 7th working day after 09-02; 09-12 the 8th.
  ExpectRefused(In(RequestEventKind::kCorrectionRequested, "2024-09-12"),
                ErrorCode::kFailedPrecondition, "7 个工作日");
  ASSERT_TRUE(Apply(In(RequestEventKind::kCorrectionRequested, "2024-09-11")).ok());
  EXPECT_EQ(request_.state, RequestState::kCorrectionRequested);
  ExpectRefused(Answer("2024-09-12", "r1_open"), ErrorCode::kFailedPrecondition, "等待补正");
  ExpectRefused(Extension("2024-09-12", 5), ErrorCode::kFailedPrecondition, "等待补正");
  ASSERT_TRUE(Apply(In(RequestEventKind::kCorrected, "2024-09-13")).ok());
  EXPECT_EQ(request_.state, RequestState::kInProgress);
}

TEST_F(RequestStateTest, RefusesCorrectionWithoutNoticeAndAfterExtension) {
  ExpectRefused(In(RequestEventKind::kCorrected, "2024-09-05"), ErrorCode::kFailedPrecondition,
                "未告知补正");
  ASSERT_TRUE(Apply(Extension("2024-09-04", 5)).ok());
  ExpectRefused(In(RequestEventKind::kCorrectionRequested, "2024-09-05"),
                ErrorCode::kFailedPrecondition, "已延期");
}

TEST_F(RequestStateTest, AbandonForMissingCorrectionAfterTheDeadline) {
  ExpectRefused(
      [] {
        EventInput in = In(RequestEventKind::kAbandon, "2024-09-05");
        in.abandon_reason = "correction";
        return in;
      }(),
      ErrorCode::kFailedPrecondition, "未告知补正");
  EventInput notice = In(RequestEventKind::kCorrectionRequested, "2024-09-04");
  notice.correction_deadline = D("2024-09-20");
  ASSERT_TRUE(Apply(notice).ok());
  EventInput early = In(RequestEventKind::kAbandon, "2024-09-20");
  early.abandon_reason = "correction";
  ExpectRefused(early, ErrorCode::kFailedPrecondition, "尚未届满");
  EventInput late = early;
  late.on = D("2024-09-23");
  ASSERT_TRUE(Apply(late).ok());
  EXPECT_EQ(request_.state, RequestState::kAbandoned);
  EXPECT_EQ(request_.outcome, "r6_1");
}

TEST_F(RequestStateTest, ConsultationPauseMustEndBeforeAnswering) {
  ExpectRefused(In(RequestEventKind::kConsultationStart, "2024-09-05"), ErrorCode::kInvalidArgument,
                "third_party");
  ExpectRefused(In(RequestEventKind::kConsultationEnd, "2024-09-05"),
                ErrorCode::kFailedPrecondition, "没有进行中的征求意见");
  EventInput start = In(RequestEventKind::kConsultationStart, "2024-09-05");
  start.consult_with = ConsultationKind::kThirdParty;
  ASSERT_TRUE(Apply(start).ok());
  ExpectRefused(start, ErrorCode::kFailedPrecondition, "须先记录其结束");
  ExpectRefused(Answer("2024-09-10", "r3_4"), ErrorCode::kFailedPrecondition, "须先记录其结束");
  ASSERT_TRUE(Apply(In(RequestEventKind::kConsultationEnd, "2024-09-26")).ok());
  EXPECT_TRUE(Apply(Answer("2024-09-27", "r3_4")).ok());
}

TEST_F(RequestStateTest, FeeNoticeAndAbandonForUnpaidFee) {
  EventInput settle = In(RequestEventKind::kFeeSettled, "2024-09-05");
  settle.fee_how = "paid";
  ExpectRefused(settle, ErrorCode::kFailedPrecondition, "没有待缴");
  EventInput notice = In(RequestEventKind::kFeeNotice, "2024-09-05");
  ExpectRefused(notice, ErrorCode::kInvalidArgument, "正整数");
  notice.fee_yuan = 300;
  ASSERT_TRUE(Apply(notice).ok());
  EventInput abandon = In(RequestEventKind::kAbandon, "2024-10-15");
  abandon.abandon_reason = "fee";
  ASSERT_TRUE(Apply(abandon).ok());
  EXPECT_EQ(request_.outcome, "r6_2");
}

TEST_F(RequestStateTest, WithdrawnCountsAsOther) {
  ASSERT_TRUE(Apply(In(RequestEventKind::kWithdraw, "2024-09-03")).ok());
  EXPECT_EQ(request_.state, RequestState::kWithdrawn);
  EXPECT_EQ(request_.outcome, kWithdrawnOutcome);
}

TEST_F(RequestStateTest, RefusesDatesOutOfOrderOrInTheFuture) {
  ExpectRefused(Answer("2024-09-01", "r1_open"), ErrorCode::kInvalidArgument, "早于上一事件");
  ExpectRefused(Answer("2025-01-02", "r1_open"), ErrorCode::kInvalidArgument, "晚于今天");
  ExpectRefused(In(RequestEventKind::kReceipt, "2024-09-03"), ErrorCode::kFailedPrecondition,
                "登记");
  ExpectRefused(In(RequestEventKind::kNote, "2024-09-03"), ErrorCode::kInvalidArgument, "备注");
}

TEST_F(RequestStateTest, PublishedItemOnlyWithOpenAndBasisOnlyWithR41) {
  EventInput in = Answer("2024-09-20", "r3_1");
  in.published_item = "QXS/2024-00001";
  ExpectRefused(in, ErrorCode::kInvalidArgument, "r1_open");
  EventInput basis = Answer("2024-09-20", "r1_open");
  basis.basis = "not_ours";
  ExpectRefused(basis, ErrorCode::kInvalidArgument, "r4_1");
  basis.outcome = "r4_1";
  EXPECT_TRUE(Apply(basis).ok());
}

}  // namespace
}  // namespace gongkai::core
