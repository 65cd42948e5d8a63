// The statutory clock of a request for disclosure: when the answer is due, and why.
//
// Rules (条例 2019, and the 2008 regulation for requests received before 2019-05-15):
//   - the receipt date follows 第三十一条 by channel (DetermineReceiptDate);
//   - the answer is due N working days after the receipt date, the receipt day itself not
//     counted (ClockRules::count_receipt_day makes it count): N = 20 (第三十三条), or 15 under
//     the 2008 regulation (第二十四条);
//   - a 补正 notice (第三十条) stops the clock; it restarts, with the full period, from the
//     day the corrected request is received;
//   - third-party (第三十二条) and inter-agency (第三十四条) consultations pause it: the
//     working days after the day the consultation starts, up to and including the day it
//     ends, are not counted (the start day is counted, the end day is not);
//   - a fee notice (国办函〔2020〕109号) pauses it in the same way until the fee is paid or
//     waived (ClockRules::fee_notice_pauses, UNVERIFIED reading, on by default);
//   - one extension of at most 20 working days (15 under the 2008 regulation) adds to it.
//
// Everything here is a pure function of the request, its events and the calendar. Dates
// beyond the loaded holiday notices make the result provisional (see Calendar).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/request.hpp"

namespace gongkai::core {

// The kinds of request events (RequestEvent::kind holds the code).
enum class RequestEventKind {
  kReceipt,              // receipt:              the request arrived (written at intake)
  kCorrectionRequested,  // correction_requested: 补正 notice sent; data: deadline?
  kCorrected,            // corrected:            corrected request received
  kConsultationStart,    // consultation_start:   data: with = third_party | inter_agency
  kConsultationEnd,      // consultation_end:     reply received or the period ran out
  kExtension,            // extension:            data: days, approver
  kFeeNotice,            // fee_notice:           data: amount_yuan, basis, quantity
  kFeeSettled,           // fee_settled:          data: how = paid | waived
  kAnswer,               // answer:               data: outcome, published_item?, basis?
  kAbandon,              // abandon:              data: reason = correction | fee, outcome
  kWithdraw,             // withdraw:             data: outcome
  kNote,                 // note:                 a remark; no effect on the clock
};
const char* RequestEventKindCode(RequestEventKind kind);
const char* RequestEventKindLabel(RequestEventKind kind);  // 收到申请, 告知补正, ...
Result<RequestEventKind> ParseRequestEventKind(std::string_view text);

enum class ConsultationKind { kThirdParty, kInterAgency };  // 第三十二条, 第三十四条
const char* ConsultationKindCode(ConsultationKind kind);    // third_party, inter_agency
Result<ConsultationKind> ParseConsultationKind(std::string_view text);

// Which regulation governs a request: by its (first) receipt date.
enum class RequestRegime { k2008, k2019 };
RequestRegime RegimeFor(Date received);
int AnswerPeriodDays(RequestRegime regime);  // 15 / 20
int MaxExtensionDays(RequestRegime regime);  // 15 / 20

// Choices the law leaves open, made configurable (docs/requests.md).
struct ClockRules {
  bool count_receipt_day = false;   // UNVERIFIED: practice counts from the next working day
  bool fee_notice_pauses = true;    // UNVERIFIED: 109号 excludes the fee period
  int correction_notice_days = 7;   // 第三十条
  int third_party_reply_days = 15;  // 第三十二条 (informational: expected reply date)
};

// The due date of the plain statutory period from `received` (the regime's 15 or 20 working
// days, counted per `rules`), with no correction, pause or extension: what counts as "on
// time" where a request's events are not replayed (statistics, demo data). Provisional when
// the calendar lacks a notice year it needs.
CalendarDay PlainDueDate(Date received, const Calendar& calendar, const ClockRules& rules = {});

// The receipt date of 第三十一条 and the rule that fixed it.
struct ReceiptDate {
  Date date;
  std::string rule;  // e.g. "第三十一条第（一）项：当面提交之日"
};

// 当面: the day submitted (`confirmed`, if given, must equal `submitted`).
// 邮寄: the day the body signed for it, or for letters needing no signature the day the
// receipt was confirmed with the applicant — `confirmed` is required.
// 网络 / 传真: the day both sides confirmed receipt — `confirmed` is required.
// 其他: treated like 网络 (confirmation date required).
// Fails with kInvalidArgument (field "received_on") when `confirmed` is missing where
// required, or earlier than `submitted`.
Result<ReceiptDate> DetermineReceiptDate(RequestChannel channel, Date submitted,
                                         std::optional<Date> confirmed);

// What the clock is doing after the last event.
enum class ClockState {
  kRunning,             // counting towards `date`
  kAwaitingCorrection,  // stopped by a 补正 notice
  kPaused,              // paused by a consultation or a fee notice
  kClosed,              // answered, abandoned or withdrawn
};
const char* ClockStateLabel(ClockState state);

// One line of the explanation: the event's date and what it did to the clock.
struct ClockStep {
  Date on;
  std::string kind;  // the event kind code ("" for a computed line)
  std::string text;
};

struct DueDate {
  RequestRegime regime = RequestRegime::k2019;
  int period_days = 20;
  int extension_days = 0;  // 0 when not extended
  ClockState state = ClockState::kRunning;
  std::optional<RequestEventKind> paused_by;  // kConsultationStart or kFeeNotice
  // The due date: set while running, and when closed (the due date in force at closing);
  // nullopt while stopped for a correction or paused.
  std::optional<Date> date;
  // The start of the current count: receipt, or the corrected request's receipt.
  Date base;
  int days_remaining_at_pause = 0;  // while paused: working days left
  std::optional<Date> closed_on;
  bool closed_on_time = false;     // closed on or before `date`
  bool provisional = false;        // some date relied on an unloaded holiday notice
  std::vector<int> missing_years;  // those notice years, ascending
  std::vector<ClockStep> steps;    // the explanation, event by event
};

// Replays `events` (in seq order; the first must be a receipt) over `request` (its
// received_on and channel). Fails with kInvalidArgument when an event is malformed (an
// unknown kind, unreadable details) or the first is not a receipt. Events that the state
// machine would refuse are replayed as far as they make sense; validation is
// request_state's job.
Result<DueDate> ComputeDueDate(const Request& request, const std::vector<RequestEvent>& events,
                               const Calendar& calendar, const ClockRules& rules = {});

// The explanation as text, one step per line, ending with the result.
std::string ExplainDueDate(const DueDate& due);

// Whether the request was still open at the end of 31 December of `year` (结转): received
// on or before that day and not closed by then.
bool CarriedOver(const Request& request, int year);

}  // namespace gongkai::core
