// The one classification of a request's timeliness (按时 / 延期 / 逾期) for everything that
// counts requests: the reports (legacy and 2021), the 考核 comparison and the dashboard.
// Each replays the request's events through the request clock (ComputeDueDate), the
// function `request show` uses, never a plain period.
#pragma once

#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/report_inputs.hpp"
#include "core/request_clock.hpp"

namespace gongkai::core {

// The clock of a request as the report loaded it: its events replayed. A request stored
// without events (bulk imports) is replayed from a receipt made of its received_on; one
// stored as closed without a closing event is closed on its closed_on against the due
// date then in force. Events that do not replay (malformed data) fall back the same way.
DueDate ReplayRequestFact(const RequestFact& request, const Calendar& calendar,
                          const ClockRules& rules = {});

// A request answered after its due date: what the report's validation lists.
struct LateRequest {
  Id org_id = 0;
  std::string tracking_no;
  Date due;
  Date closed_on;
  int days_late = 0;  // working days after the due date
  bool extended = false;
};

// The requests of `inputs` closed in inputs.year after their due date, in input order.
std::vector<LateRequest> FindLateRequests(const ReportInputs& inputs, const Calendar& calendar,
                                          const ClockRules& rules = {});

}  // namespace gongkai::core
