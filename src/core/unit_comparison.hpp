// The per-unit comparison (考核): key figures of each body of a subtree, side by side.
#pragma once

#include <cstdint>
#include <optional>

#include "core/calendar.hpp"
#include "core/report_inputs.hpp"
#include "core/request_clock.hpp"

namespace gongkai::core {

struct UnitFigures {
  int64_t items_published = 0;    // proactive items published in the year
  int64_t requests_received = 0;  // requests received in the year
  int64_t requests_closed = 0;    // requests closed in the year
  int64_t closed_on_time = 0;     // of those, by the due date in force (extension included)
  int64_t closed_extended = 0;    // of those, within an approved extension (延期)
  int64_t closed_late = 0;        // closed after the due date in force (逾期办结)
  int64_t open_overdue = 0;       // open on 31 December with its due date passed
  int64_t refused = 0;            // closed as （三）不予公开
  int64_t overdue = 0;            // 逾期: closed_late + open_overdue
  // Closed on time per thousand closed (integer 千分比; 1000 when nothing was closed).
  int64_t on_time_per_mille() const {
    return requests_closed == 0 ? 1000 : closed_on_time * 1000 / requests_closed;
  }
  // The same rate rounded half up (2/3 → 667, shown 66.7 %), and nothing when no request
  // was closed: there is nothing to rate (the back office's 考核 shows "—").
  std::optional<int64_t> on_time_rate_per_mille() const {
    if (requests_closed == 0) return std::nullopt;
    return (closed_on_time * 2000 + requests_closed) / (requests_closed * 2);
  }
};

// The figures of one body's own records for inputs.year. Every request's events are
// replayed through the request clock (core::ReplayRequestFact), as `request show` and the
// reports do: corrections, pauses and extensions count; a request still open on
// 31 December (or on `as_of`, when given and earlier: the dashboard's today) is judged by its
// clock as of that day, and only what closed by then counts as closed.
UnitFigures ComputeUnitFigures(const ReportInputs& inputs, const Calendar& calendar,
                               const ClockRules& rules = {},
                               std::optional<Date> as_of = std::nullopt);

}  // namespace gongkai::core
