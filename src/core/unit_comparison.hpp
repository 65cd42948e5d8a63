// The per-unit comparison (考核): key figures of each body of a subtree, side by side.
#pragma once

#include <cstdint>

#include "core/calendar.hpp"
#include "core/report_inputs.hpp"

namespace gongkai::core {

struct UnitFigures {
  int64_t items_published = 0;    // proactive items published in the year
  int64_t requests_received = 0;  // requests received in the year
  int64_t requests_closed = 0;    // requests closed in the year
  int64_t closed_on_time = 0;     // of those, within the statutory period
  int64_t refused = 0;            // closed as （三）不予公开
  int64_t overdue = 0;            // closed late, or open on 31 December past the period
  // Closed on time per thousand closed (integer 千分比; 1000 when nothing was closed).
  int64_t on_time_per_mille() const {
    return requests_closed == 0 ? 1000 : closed_on_time * 1000 / requests_closed;
  }
};

// The figures of one body's own records for inputs.year. The statutory period is
// core::PlainDueDate from the receipt date; pauses and extensions recorded by the
// request clock are not granted here, so "on time" means within the plain period.
UnitFigures ComputeUnitFigures(const ReportInputs& inputs, const Calendar& calendar);

}  // namespace gongkai::core
