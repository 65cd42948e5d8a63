#include "core/unit_comparison.hpp"

#include "core/request_clock.hpp"

namespace gongkai::core {

UnitFigures ComputeUnitFigures(const ReportInputs& in, const Calendar& calendar) {
  UnitFigures f;
  f.items_published = in.items_published;
  Date first = Date::FromYmd(in.year, 1, 1), last = Date::FromYmd(in.year, 12, 31);
  for (const RequestFact& r : in.requests) {
    if (first <= r.received_on && r.received_on <= last) ++f.requests_received;
    Date due = PlainDueDate(r.received_on, calendar).date;
    bool closed = IsClosed(r.state) && r.closed_on && *r.closed_on <= last;
    if (closed && *r.closed_on >= first) {
      ++f.requests_closed;
      if (*r.closed_on <= due) {
        ++f.closed_on_time;
      } else {
        ++f.overdue;
      }
      if (r.outcome.rfind("r3_", 0) == 0) ++f.refused;
    } else if (!closed && due < last) {
      ++f.overdue;
    }
  }
  return f;
}

}  // namespace gongkai::core
