#include "core/request_clock.hpp"

#include <gtest/gtest.h>

#include "core/json_writer.hpp"
#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;
using request_testing::TestCalendar;

RequestEvent Ev(const char* kind, const char* on, std::string data = "") {
  RequestEvent e;
  e.kind = kind;
  e.on = D(on);
  e.data = std::move(data);
  return e;
}

Request Received(RequestChannel channel, const char* on) {
  Request r;
  r.channel = channel;
  r.submitted_on = D(on);
  r.received_on = D(on);
  return r;
}

// 第三十一条: each channel's receipt date, then the 20-working-day due date from it.
struct ReceiptCase {
  const char* name;
  RequestChannel channel;
  const char* submitted;
  const char* confirmed;  // nullptr: none given
  const char* received;   // expected receipt date, nullptr: refused
  const char* due;        // expected due date
};

class ReceiptRuleTest : public ::testing::TestWithParam<ReceiptCase> {};

TEST_P(ReceiptRuleTest, ReceiptDateAndDueDate) {
  const ReceiptCase& c = GetParam();
  std::optional<Date> confirmed;
  if (c.confirmed) confirmed = D(c.confirmed);
  auto receipt = DetermineReceiptDate(c.channel, D(c.submitted), confirmed);
  if (!c.received) {
    ASSERT_FALSE(receipt.ok());
    EXPECT_EQ(receipt.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(receipt.status().field(), "received_on");
    return;
  }
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(receipt->date, D(c.received));
  EXPECT_NE(receipt->rule.find("第三十一条"), std::string::npos);
  Request r = Received(c.channel, c.received);
  r.submitted_on = D(c.submitted);
  auto due = ComputeDueDate(r, {Ev("receipt", c.received)}, TestCalendar());
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(due->date, D(c.due));
  EXPECT_FALSE(due->provisional);
  EXPECT_EQ(due->period_days, 20);
}

INSTANTIATE_TEST_SUITE_P(
    Channels, ReceiptRuleTest,
    ::testing::Values(ReceiptCase{"in_person_day_submitted", RequestChannel::kInPerson,
                                  "2024-09-02", nullptr, "2024-09-02", "2024-09-30"},
                      ReceiptCase{"in_person_other_day_refused", RequestChannel::kInPerson,
                                  "2024-09-02", "2024-09-03", nullptr, nullptr},
                      ReceiptCase{"post_day_signed_for", RequestChannel::kPost, "2024-09-02",
                                  "2024-09-05", "2024-09-05", "2024-10-10"},
                      ReceiptCase{"post_without_signature_date_refused", RequestChannel::kPost,
                                  "2024-09-02", nullptr, nullptr, nullptr},
                      ReceiptCase{"online_day_both_confirmed", RequestChannel::kOnline,
                                  "2024-09-06", "2024-09-09", "2024-09-09", "2024-10-12"},
                      ReceiptCase{"fax_day_both_confirmed", RequestChannel::kFax, "2024-09-02",
                                  "2024-09-02", "2024-09-02", "2024-09-30"},
                      ReceiptCase{"online_unconfirmed_refused", RequestChannel::kOnline,
                                  "2024-09-06", nullptr, nullptr, nullptr},
                      ReceiptCase{"confirmed_before_submitted_refused", RequestChannel::kPost,
                                  "2024-09-06", "2024-09-05", nullptr, nullptr}),
    [](const auto& info) { return std::string(info.param.name); });

// Event sequences replayed by the clock.
struct ClockCase {
  const char* name;
  const char* received;
  std::vector<RequestEvent> events;  // after the receipt
  std::optional<const char*> due;    // expected due date (nullopt: the clock is stopped)
  ClockState state;
  int period = 20;
};

class ClockTest : public ::testing::TestWithParam<ClockCase> {};

TEST_P(ClockTest, DueDate) {
  const ClockCase& c = GetParam();
  Request r = Received(RequestChannel::kInPerson, c.received);
  std::vector<RequestEvent> events{Ev("receipt", c.received)};
  events.insert(events.end(), c.events.begin(), c.events.end());
  auto due = ComputeDueDate(r, events, TestCalendar());
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(due->state, c.state);
  EXPECT_EQ(due->period_days, c.period);
  if (c.due) {
    ASSERT_TRUE(due->date.has_value());
    EXPECT_EQ(due->date->ToIso(), *c.due) << ExplainDueDate(*due);
  } else {
    EXPECT_FALSE(due->date.has_value());
  }
  EXPECT_EQ(due->steps.size(), events.size());
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ClockTest,
    ::testing::Values(
        ClockCase{"plain_20_working_days", "2024-09-02", {}, "2024-09-30", ClockState::kRunning},
        // 补正: stopped by the notice, restarted with the full period on receipt of the
        // corrected request (2024-03-20 + 20 = 04-18; without it, 03-29).
        ClockCase{"correction_stops_the_clock",
                  "2024-03-01",
                  {Ev("correction_requested", "2024-03-05")},
                  std::nullopt,
                  ClockState::kAwaitingCorrection},
        ClockCase{"correction_restarts_the_clock",
                  "2024-03-01",
                  {Ev("correction_requested", "2024-03-05"), Ev("corrected", "2024-03-20")},
                  "2024-04-18",
                  ClockState::kRunning},
        // Third-party consultation across National Day: 3 working days used before the
        // letter (09-23..25), 17 left from the reply on 10-15 → 11-07 (10-23 without it).
        ClockCase{"third_party_pause_spanning_national_day",
                  "2024-09-20",
                  {Ev("consultation_start", "2024-09-25", R"({"with":"third_party"})"),
                   Ev("consultation_end", "2024-10-15")},
                  "2024-11-07",
                  ClockState::kRunning},
        ClockCase{"paused_during_consultation",
                  "2024-09-20",
                  {Ev("consultation_start", "2024-09-25", R"({"with":"inter_agency"})")},
                  std::nullopt,
                  ClockState::kPaused},
        ClockCase{"extension_adds_working_days",
                  "2024-04-01",
                  {Ev("extension", "2024-04-20", R"({"days":20,"approver":"王主任"})")},
                  "2024-05-29",
                  ClockState::kRunning},
        // The 2008 regulation for requests received before 2019-05-15: 15 working days.
        ClockCase{"received_2019_05_14_2008_rule",
                  "2019-05-14",
                  {},
                  "2019-06-04",
                  ClockState::kRunning,
                  15},
        ClockCase{"received_2019_05_15_2019_rule",
                  "2019-05-15",
                  {},
                  "2019-06-13",
                  ClockState::kRunning,
                  20},
        // Across 31 December: 2025-01-01 is a holiday.
        ClockCase{
            "carry_over_across_new_year", "2024-12-20", {}, "2025-01-20", ClockState::kRunning},
        ClockCase{"answer_closes_on_time",
                  "2024-09-02",
                  {Ev("answer", "2024-09-27", R"({"outcome":"r1_open"})")},
                  "2024-09-30",
                  ClockState::kClosed}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(RequestClockTest, ExplainsEveryEvent) {
  Request r = Received(RequestChannel::kInPerson, "2024-09-20");
  auto due = ComputeDueDate(r,
                            {Ev("receipt", "2024-09-20"),
                             Ev("consultation_start", "2024-09-25", R"({"with":"third_party"})"),
                             Ev("consultation_end", "2024-10-15")},
                            TestCalendar());
  ASSERT_TRUE(due.ok());
  std::string text = ExplainDueDate(*due);
  EXPECT_NE(text.find("第三十二条"), std::string::npos) << text;
  EXPECT_NE(text.find("11 个工作日不计入"), std::string::npos) << text;
  EXPECT_NE(text.find("到期日 2024-11-07"), std::string::npos) << text;
}

TEST(RequestClockTest, TwentyEighteenRuleExtensionIsFifteen) {
  EXPECT_EQ(MaxExtensionDays(RegimeFor(D("2019-05-14"))), 15);
  EXPECT_EQ(MaxExtensionDays(RegimeFor(D("2019-05-15"))), 20);
}

TEST(RequestClockTest, ProvisionalBeyondTheLoadedNotices) {
  Request r = Received(RequestChannel::kInPerson, "2025-12-15");
  auto due = ComputeDueDate(r, {Ev("receipt", "2025-12-15")}, TestCalendar());
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(due->provisional);
  EXPECT_EQ(due->missing_years, std::vector<int>{2026});
  EXPECT_NE(ExplainDueDate(*due).find("暂定"), std::string::npos);
}

TEST(RequestClockTest, CountReceiptDayOption) {
  Request r = Received(RequestChannel::kInPerson, "2024-09-02");
  ClockRules rules;
  rules.count_receipt_day = true;
  auto due = ComputeDueDate(r, {Ev("receipt", "2024-09-02")}, TestCalendar(), rules);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->date, D("2024-09-29"));  // one working day earlier (a 调休 Sunday)
}

TEST(RequestClockTest, PauseAfterExpiryDoesNotMoveTheDueDate) {
  Request r = Received(RequestChannel::kInPerson, "2024-09-02");
  auto due = ComputeDueDate(r,
                            {Ev("receipt", "2024-09-02"),
                             Ev("consultation_start", "2024-10-08", R"({"with":"third_party"})"),
                             Ev("consultation_end", "2024-10-20")},
                            TestCalendar());
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->date, D("2024-09-30"));
}

TEST(RequestClockTest, RefusesMalformedHistories) {
  Request r = Received(RequestChannel::kInPerson, "2024-09-02");
  EXPECT_FALSE(ComputeDueDate(r, {}, TestCalendar()).ok());
  EXPECT_FALSE(ComputeDueDate(r, {Ev("answer", "2024-09-02")}, TestCalendar()).ok());
  EXPECT_FALSE(
      ComputeDueDate(r, {Ev("receipt", "2024-09-02"), Ev("bogus", "2024-09-03")}, TestCalendar())
          .ok());
}

TEST(RequestClockTest, CarriedOverWhenOpenOnThirtyFirstDecember) {
  Request r = Received(RequestChannel::kInPerson, "2024-12-20");
  r.state = RequestState::kInProgress;
  EXPECT_TRUE(CarriedOver(r, 2024));
  EXPECT_FALSE(CarriedOver(r, 2023));  // not yet received
  r.state = RequestState::kAnswered;
  r.closed_on = D("2025-01-10");
  EXPECT_TRUE(CarriedOver(r, 2024));   // still open on 2024-12-31: 上年结转 in 2025
  EXPECT_FALSE(CarriedOver(r, 2025));  // closed during 2025
  r.closed_on = D("2024-12-31");
  EXPECT_FALSE(CarriedOver(r, 2024));
}

}  // namespace
}  // namespace gongkai::core
