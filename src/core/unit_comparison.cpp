#include "core/unit_comparison.hpp"

#include <algorithm>

#include "core/request_timeliness.hpp"

namespace gongkai::core {

UnitFigures ComputeUnitFigures(const ReportInputs& in, const Calendar& calendar,
                               const ClockRules& rules, std::optional<Date> as_of) {
  UnitFigures f;
  f.items_published = in.items_published;
  Date first = Date::FromYmd(in.year, 1, 1), last = Date::FromYmd(in.year, 12, 31);
  if (as_of && *as_of < last) last = *as_of;
  for (const RequestFact& r : in.requests) {
    if (first <= r.received_on && r.received_on <= last) ++f.requests_received;
    bool closed = IsClosed(r.state) && r.closed_on && *r.closed_on <= last;
    if (closed && *r.closed_on >= first) {
      ++f.requests_closed;
      switch (ClassifyTimeliness(ReplayRequestFact(r, calendar, rules))) {
        case Timeliness::kLate:
          ++f.closed_late;
          ++f.overdue;
          break;
        case Timeliness::kExtended:
          ++f.closed_extended;
          ++f.closed_on_time;
          break;
        default:
          ++f.closed_on_time;
      }
      if (r.outcome.rfind("r3_", 0) == 0) ++f.refused;
    } else if (!closed) {
      // The clock as it stood on 31 December.
      RequestFact at_year_end = r;
      std::erase_if(at_year_end.events, [&](const RequestEvent& e) { return e.on > last; });
      at_year_end.state = RequestState::kInProgress;
      at_year_end.closed_on.reset();
      if (OverdueOn(ReplayRequestFact(at_year_end, calendar, rules), last)) {
        ++f.open_overdue;
        ++f.overdue;
      }
    }
  }
  return f;
}

}  // namespace gongkai::core
