#include "core/request_timeliness.hpp"

namespace gongkai::core {

DueDate ReplayRequestFact(const RequestFact& fact, const Calendar& calendar,
                          const ClockRules& rules) {
  Request request;
  request.channel = fact.channel;
  request.received_on = fact.received_on;
  request.submitted_on = fact.received_on;
  request.tracking_no = fact.tracking_no;
  std::vector<RequestEvent> events = fact.events;
  if (events.empty() || events.front().kind != RequestEventKindCode(RequestEventKind::kReceipt)) {
    RequestEvent receipt;
    receipt.kind = RequestEventKindCode(RequestEventKind::kReceipt);
    receipt.on = fact.received_on;
    events.insert(events.begin(), receipt);
  }
  Result<DueDate> replayed = ComputeDueDate(request, events, calendar, rules);
  if (!replayed.ok()) {
    replayed = ComputeDueDate(request, {events.front()}, calendar, rules);
  }
  DueDate due = replayed.ok() ? *replayed : DueDate{};
  if (IsClosed(fact.state) && fact.closed_on && due.state != ClockState::kClosed) {
    // Stored closed without its closing event.
    if (due.state == ClockState::kRunning && due.date) {
      due.closed_on_time = *fact.closed_on <= *due.date;
      if (!due.closed_on_time) {
        due.days_late = calendar.WorkingDaysBetween(*due.date, *fact.closed_on).days;
      }
    } else {
      due.closed_on_time = true;
    }
    due.closed_on = fact.closed_on;
    due.state = ClockState::kClosed;
  }
  return due;
}

std::vector<LateRequest> FindLateRequests(const ReportInputs& inputs, const Calendar& calendar,
                                          const ClockRules& rules) {
  std::vector<LateRequest> out;
  const Date first = Date::FromYmd(inputs.year, 1, 1), last = Date::FromYmd(inputs.year, 12, 31);
  for (const RequestFact& r : inputs.requests) {
    if (!IsClosed(r.state) || !r.closed_on || *r.closed_on < first || *r.closed_on > last) continue;
    DueDate due = ReplayRequestFact(r, calendar, rules);
    if (ClassifyTimeliness(due) != Timeliness::kLate || !due.date) continue;
    out.push_back(
        {r.org_id, r.tracking_no, *due.date, *r.closed_on, due.days_late, due.extension_days > 0});
  }
  return out;
}

}  // namespace gongkai::core
