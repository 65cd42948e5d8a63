// Where a request stands against its deadline, for the back office's queue: the due date
// is the one the request clock computed and stored (core/request_clock.hpp's ComputeDueDate,
// kept current by request_service), and working days are counted on the holiday calendar,
// as ListDue counts them for the dashboard.
#pragma once

#include <optional>

#include "core/calendar.hpp"
#include "core/request.hpp"

namespace gongkai::core {

// A request is "due soon" when its due date falls within this many working days.
inline constexpr int kDueSoonWorkingDays = 3;

enum class DueClass {
  kOverdue,  // open, and its due date has passed
  kDueSoon,  // open, due within kDueSoonWorkingDays working days (today included)
  kOnTrack,  // open, due later
  kStopped,  // 待补正: the clock is stopped until the applicant corrects the request
  kUndated,  // open without a due date (not yet computed)
  kClosed,   // answered, abandoned or withdrawn
};
const char* DueClassCode(DueClass c);   // "overdue", "due-soon", … (CSS classes)
const char* DueClassLabel(DueClass c);  // 已超期, 即将到期, …

struct DueStatus {
  DueClass due_class = DueClass::kClosed;
  // Working days from today to the due date (negative when overdue); empty when the
  // request is closed or has no due date.
  std::optional<int> working_days_left;
};

DueStatus ClassifyDue(const Request& request, const Calendar& calendar, Date today,
                      int soon_days = kDueSoonWorkingDays);

}  // namespace gongkai::core
