#include "core/request_queue.hpp"

namespace gongkai::core {

const char* DueClassCode(DueClass c) {
  static const char* kCodes[] = {"overdue", "due-soon", "on-track", "stopped", "undated", "closed"};
  return kCodes[static_cast<int>(c)];
}

const char* DueClassLabel(DueClass c) {
  static const char* kLabels[] = {"已超期", "即将到期", "未到期", "中止计时", "未定期限", "已办结"};
  return kLabels[static_cast<int>(c)];
}

DueStatus ClassifyDue(const Request& r, const Calendar& calendar, Date today, int soon_days) {
  DueStatus out;
  if (r.state != RequestState::kReceived && r.state != RequestState::kCorrectionRequested &&
      r.state != RequestState::kInProgress) {
    return out;
  }
  if (!r.due_on) {
    out.due_class =
        r.state == RequestState::kCorrectionRequested ? DueClass::kStopped : DueClass::kUndated;
    return out;
  }
  out.working_days_left = calendar.WorkingDaysBetween(today, *r.due_on).days;
  if (r.state == RequestState::kCorrectionRequested) {
    out.due_class = DueClass::kStopped;
  } else if (*r.due_on < today) {
    out.due_class = DueClass::kOverdue;
  } else if (*out.working_days_left <= soon_days) {
    out.due_class = DueClass::kDueSoon;
  } else {
    out.due_class = DueClass::kOnTrack;
  }
  return out;
}

}  // namespace gongkai::core
