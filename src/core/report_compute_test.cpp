#include "core/report_compute.hpp"

#include <gtest/gtest.h>

#include "core/request_clock.hpp"
#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;

LegalCase Case(const char* filed, CaseResult result, const char* closed) {
  LegalCase c;
  c.kind = CaseKind::kReview;
  c.filed_on = D(filed);
  c.result = result;
  if (closed) c.closed_on = D(closed);
  return c;
}

// 表四's counting year, both readings (docs/report.md): filed in the year with its state on
// 31 December (default), or concluded in the year.
TEST(ReportComputeTest, Table4CountsByFilingYearOrByConclusionYear) {
  ReportInputs in;
  in.year = 2024;
  in.legal_cases = {
      Case("2023-11-02", CaseResult::kMaintained, "2024-02-01"),  // filed last year
      Case("2024-03-01", CaseResult::kCorrected, "2024-06-01"),   // filed and decided
      Case("2024-11-20", CaseResult::kMaintained, "2025-01-15"),  // decided next year
  };
  Calendar cal = request_testing::TestCalendar();
  ReportValues filed = ComputeReport(ReportFormat::kFormat2021, in, cal);
  EXPECT_EQ(filed.Get("table4", "cases", "review_total"), 2);
  EXPECT_EQ(filed.Get("table4", "cases", "review_corrected"), 1);
  EXPECT_EQ(filed.Get("table4", "cases", "review_pending"), 1);
  EXPECT_EQ(filed.Get("table4", "cases", "review_maintained"), 0);

  ReportRules concluded;
  concluded.case_year = CaseYearRule::kConcluded;
  ReportValues done = ComputeReport(ReportFormat::kFormat2021, in, cal, concluded);
  EXPECT_EQ(done.Get("table4", "cases", "review_total"), 2);
  EXPECT_EQ(done.Get("table4", "cases", "review_maintained"), 1);
  EXPECT_EQ(done.Get("table4", "cases", "review_corrected"), 1);
  EXPECT_EQ(done.Get("table4", "cases", "review_pending"), 0);

  EXPECT_EQ(ParseCaseYearRule("concluded").value(), CaseYearRule::kConcluded);
  EXPECT_FALSE(ParseCaseYearRule("closed").ok());
}

RequestEvent Ev(const char* kind, const char* on, std::string data = "") {
  RequestEvent e;
  e.kind = kind;
  e.on = D(on);
  e.data = std::move(data);
  return e;
}

// A legacy request closed while awaiting a correction has no due date stored; the replay
// says it was on time (the old fallback to the plain 15 days called it 延期). A late answer
// is counted where the mapping says.
TEST(ReportComputeTest, LegacyRowsFollowTheReplayedClock) {
  ReportInputs in;
  in.year = 2018;
  RequestFact lapsed;
  lapsed.received_on = D("2018-03-01");
  lapsed.state = RequestState::kAbandoned;
  lapsed.outcome = "r6_1";
  lapsed.closed_on = D("2018-04-20");
  lapsed.events = {Ev("receipt", "2018-03-01"), Ev("correction_requested", "2018-03-05"),
                   Ev("abandon", "2018-04-20", R"({"reason":"correction","outcome":"r6_1"})")};
  RequestFact late;
  late.received_on = D("2018-03-01");
  late.state = RequestState::kAnswered;
  late.outcome = "r1_open";
  late.closed_on = D("2018-04-20");
  late.tracking_no = "2018-0002";
  late.events = {Ev("receipt", "2018-03-01"),
                 Ev("answer", "2018-04-20", R"({"outcome":"r1_open"})")};
  in.requests = {lapsed, late};
  Calendar cal = request_testing::TestCalendar();
  ReportValues v = ComputeReport(ReportFormat::kLegacy2008, in, cal);
  EXPECT_EQ(v.Get("legacy", "L3_2", "value"), 2);
  EXPECT_EQ(v.Get("legacy", "L3_2_1", "value"), 1);  // the lapsed one: on time
  EXPECT_EQ(v.Get("legacy", "L3_2_2", "value"), 1);  // the late one: 延期 by default

  ReportRules on_time;
  on_time.legacy.overdue_counts_as_extended = false;
  ReportValues w = ComputeReport(ReportFormat::kLegacy2008, in, cal, on_time);
  EXPECT_EQ(w.Get("legacy", "L3_2_1", "value"), 2);
  EXPECT_EQ(w.Get("legacy", "L3_2_2", "value"), 0);
}

}  // namespace
}  // namespace gongkai::core
