// The state machine of a request for disclosure:
//
//   received → (correction_requested → in_progress)* → in_progress → answered
//                                                                  → abandoned | withdrawn
//
// with consultation and fee pauses and at most one extension while open. Every event a
// handler records goes through ApplyEvent, which refuses invalid transitions with a clear
// error and says what the event does to the request. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/request_clock.hpp"

namespace gongkai::core {

// An event as a handler describes it; only the fields of its kind are read.
struct EventInput {
  RequestEventKind kind = RequestEventKind::kNote;
  Date on;
  std::string actor;
  std::string note;
  // kAnswer: exactly one outcome code (a data row of table 三, 2021 format).
  std::string outcome;
  // kAnswer with r1_open: the 索引号 of the published item the answer points to
  // (第三十六条（一）已主动公开); kAnswer with r4_1: "not_exist" (第三十六条（四）) or
  // "not_ours" (第三十六条（五）).
  std::string published_item;
  std::string basis;
  std::optional<ConsultationKind> consult_with;  // kConsultationStart
  int extension_days = 0;                        // kExtension
  std::string approver;                          // kExtension: 工作机构负责人
  std::optional<Date> correction_deadline;       // kCorrectionRequested
  std::string correction_how;  // kCorrectionRequested: how to submit the correction (告知书)
  // kAnswer: the reasons and legal basis of a 部分公开 / 不予公开 answer (第三十六条（三）,
  // 第三十七条), printed in the 答复书 (request_letters.hpp requires them there).
  std::string reasons;
  std::string legal_basis;
  std::string abandon_reason;  // kAbandon: "correction" | "fee"
  int64_t fee_yuan = 0;        // kFeeNotice
  std::string fee_basis;       // kFeeNotice: per_request | per_volume
  int fee_quantity = 0;        // kFeeNotice: 件 or pages
  std::string fee_how;         // kFeeSettled: "paid" | "waived"
  // kCorrected after the deadline in the 补正 notice: the applicant's good reason (第三十条:
  // only 无正当理由逾期不补正 is 视为放弃).
  std::string good_reason;
  // kExtension: when and how the applicant was told (第三十三条 告知申请人), required.
  std::optional<Date> notified_on;
  std::string notified_how;
};

// The outcome given to withdrawn requests: table 三 has no row of its own for them, so
// they count as （六）3 其他 (an interpretation; docs/requests.md).
inline constexpr const char* kWithdrawnOutcome = "r6_3";

// Checks that `in` may follow `history` (the request's events so far, receipt first) and
// returns the event to append (data filled from the typed fields) — and updates `request`:
// its state, outcome and closed_on. The caller recomputes the due date afterwards.
// `today` bounds event dates (no events in the future).
//
// Fails, leaving `request` unchanged, with
//   kFailedPrecondition: the request is closed (no event may reopen it); a second 补正
//     notice (一次性告知, 第三十条); a 补正 notice more than 7 working days after receipt
//     (counted from receipt whatever pauses followed), after an extension or during a
//     pause; a correction without a notice; a correction after the notice's deadline
//     without a good reason (视为放弃, 第三十条); a second consultation while one is open;
//     a second extension; an extension after the due date; answering or closing during a
//     pause or an open consultation; （四）3 without a recorded correction; abandoning for
//     want of a correction when none was requested or before the day after its deadline;
//     abandoning for an unpaid fee with no fee notice pending or before the 20 working
//     days after the notice have passed (109号); a fee notice before 2021-01-01 (109号 in
//     force) or after the due date; a receipt after intake. Refusals name the article
//     and, where a later date would be allowed, the first such date. The 2008 regime
//     (received before 2019-05-15) has no 7-day and no 一次性 rule;
//   kInvalidArgument: a date before the previous event or after today; answering without
//     an outcome, with more than one, with an unknown code, or with （六）1/2 (those are
//     abandon); an extension of 0 or more than 20 (15) working days, without approver or
//     without the notice to the applicant (notified_on, notified_how: 第三十三条);
//     a consultation without its kind; a fee that is not positive; an empty note.
Result<RequestEvent> ApplyEvent(Request& request, const std::vector<RequestEvent>& history,
                                const EventInput& in, const Calendar& calendar, Date today,
                                const ClockRules& rules = {});

}  // namespace gongkai::core
