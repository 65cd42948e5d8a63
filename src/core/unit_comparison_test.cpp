#include "core/unit_comparison.hpp"

#include <gtest/gtest.h>

#include "core/report_snapshot.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

TEST(UnitComparisonTest, CountsOnTimeLateRefusedAndOverdue) {
  // A calendar with 2024's National Day only; weekends otherwise.
  HolidayYear y2024{2024, {}, {}, {}};
  for (int d = 1; d <= 7; ++d) y2024.off_days.push_back(Date::FromYmd(2024, 10, d));
  y2024.makeup_work_days = {D("2024-09-29"), D("2024-10-12")};
  HolidayYear y2025{2025, {}, {D("2025-01-01")}, {}};
  Calendar calendar({y2024, y2025});
  ReportInputs in;
  in.year = 2024;
  in.items_published = 12;
  auto req = [](const char* received, const char* closed, const char* outcome) {
    RequestFact r;
    r.received_on = D(received);
    if (closed) {
      r.closed_on = D(closed);
      r.state = RequestState::kAnswered;
      r.outcome = outcome;
    } else {
      r.state = RequestState::kInProgress;
    }
    return r;
  };
  in.requests = {
      req("2024-09-27", "2024-10-30", "r1_open"),     // due 2024-10-30: on time
      req("2024-09-27", "2024-10-31", "r3_1"),        // a day late, and refused
      req("2024-12-20", nullptr, nullptr),            // open, due in January: not overdue
      req("2024-11-01", nullptr, nullptr),            // open, due 2024-11-29: overdue
      req("2023-12-28", "2024-01-05", "r2_partial"),  // carried in, on time
  };
  UnitFigures f = ComputeUnitFigures(in, calendar);
  EXPECT_EQ(f.items_published, 12);
  EXPECT_EQ(f.requests_received, 4);
  EXPECT_EQ(f.requests_closed, 3);
  EXPECT_EQ(f.closed_on_time, 2);
  EXPECT_EQ(f.refused, 1);
  EXPECT_EQ(f.overdue, 2);
  EXPECT_EQ(f.on_time_per_mille(), 666);
}

TEST(ReportDeadlineTest, DepartmentsInJanuaryGovernmentsInMarch) {
  EXPECT_EQ(ReportDeadline(OrgKind::kDepartment, 2025), D("2026-01-31"));
  EXPECT_EQ(ReportDeadline(OrgKind::kInstitution, 2025), D("2026-01-31"));
  EXPECT_EQ(ReportDeadline(OrgKind::kGovernment, 2025), D("2026-03-31"));
  EXPECT_EQ(ReportDeadline(OrgKind::kTownship, 2025), D("2026-03-31"));
}

}  // namespace
}  // namespace gongkai::core
