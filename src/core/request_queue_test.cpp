// Where a request stands against its deadline (the queue's classes), on the 2024 notices:
// the National Day week is not counted, 补正 stops the clock, closed ones have no days left.
#include "core/request_queue.hpp"

#include <gtest/gtest.h>

#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;

Request Open(std::optional<Date> due, RequestState state = RequestState::kInProgress) {
  Request r;
  r.state = state;
  r.due_on = due;
  return r;
}

TEST(RequestQueueTest, ClassifiesByWorkingDaysLeft) {
  Calendar cal = request_testing::TestCalendar();
  // Friday 27 Sept 2024; the 29th is a makeup working day, 1-7 October are off.
  Date today = D("2024-09-27");
  DueStatus overdue = ClassifyDue(Open(D("2024-09-26")), cal, today);
  EXPECT_EQ(overdue.due_class, DueClass::kOverdue);
  EXPECT_EQ(overdue.working_days_left, -1);
  DueStatus today_due = ClassifyDue(Open(today), cal, today);
  EXPECT_EQ(today_due.due_class, DueClass::kDueSoon);
  EXPECT_EQ(today_due.working_days_left, 0);
  // 29 and 30 Sept and 8 Oct: three working days, though eleven calendar days away.
  DueStatus across_holiday = ClassifyDue(Open(D("2024-10-08")), cal, today);
  EXPECT_EQ(across_holiday.due_class, DueClass::kDueSoon);
  EXPECT_EQ(across_holiday.working_days_left, 3);
  DueStatus later = ClassifyDue(Open(D("2024-10-09")), cal, today);
  EXPECT_EQ(later.due_class, DueClass::kOnTrack);
  EXPECT_EQ(later.working_days_left, 4);
}

TEST(RequestQueueTest, StoppedUndatedAndClosed) {
  Calendar cal = request_testing::TestCalendar();
  Date today = D("2024-09-27");
  EXPECT_EQ(
      ClassifyDue(Open(D("2024-09-01"), RequestState::kCorrectionRequested), cal, today).due_class,
      DueClass::kStopped);
  EXPECT_EQ(ClassifyDue(Open(std::nullopt), cal, today).due_class, DueClass::kUndated);
  DueStatus closed = ClassifyDue(Open(D("2024-09-01"), RequestState::kAnswered), cal, today);
  EXPECT_EQ(closed.due_class, DueClass::kClosed);
  EXPECT_FALSE(closed.working_days_left.has_value());
  EXPECT_STREQ(DueClassCode(DueClass::kDueSoon), "due-soon");
  EXPECT_STREQ(DueClassLabel(DueClass::kOverdue), "已超期");
}

}  // namespace
}  // namespace gongkai::core
