// Which steps a handler may take on a request now (issue 21: the request page offers only
// what its state allows). Decided by the rules themselves — each kind of event is tried
// with ApplyEvent on a copy of the request, dated today, with representative fields — so
// the page and the service can never disagree.
#pragma once

#include <string>
#include <vector>

#include "core/request_service.hpp"

namespace gongkai::core {

// One step a handler may take: an event kind, and for 视为放弃 its reason.
struct RequestAction {
  RequestEventKind kind = RequestEventKind::kNote;
  std::string abandon_reason;  // "correction" | "fee" for kAbandon, else empty
  // A stable code for forms and pages: the event kind's code, or abandon_correction /
  // abandon_fee.
  std::string Code() const;
  // The step in the regulation's words (告知补正, 征求第三方意见, 延期答复, 答复, 视为放弃
  // （逾期未补正）…).
  std::string Label() const;
};

// The actions ApplyEvent would accept on `today` for the request, in the order of the
// handling: 补正, consultation, extension, 收费 (fee_notice: only while no fee was decided —
// one per request, as NotifyFee enforces), 缴费或免收 (fee_settled: while a fee is due),
// answer, 视为放弃, withdrawal, note. Empty for a closed request.
std::vector<RequestAction> AllowedActions(const Request& request,
                                          const std::vector<RequestEvent>& history,
                                          const Calendar& calendar, Date today,
                                          const ClockRules& rules = {});

// The same for a stored request (loads its events and the calendar). kNotFound.
Result<std::vector<RequestAction>> AllowedRequestActions(Repositories& repos, Id request_id,
                                                         Date today, const ClockRules& rules = {});

}  // namespace gongkai::core
