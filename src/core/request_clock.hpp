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
//     ends, are not counted (the start day is counted, the end day is not). A third party
//     has 15 working days (第三十二条): a pause that lasts longer stops counting at the
//     15th working day (the body then decides) and the explanation warns. Under the 2008
//     regulation only a third party's time is excluded (第二十四条): an inter-agency
//     consultation does not pause the clock;
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

// The day the 2019 条例 took effect (国务院令第711号): requests received earlier follow the
// 2008 条例 (国务院令第492号).
inline constexpr int kRegime2019Year = 2019, kRegime2019Month = 5, kRegime2019Day = 15;
// The day 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, issued 2020-11-17) took
// effect: 2021-01-01. No 信息处理费 notice may be dated earlier.
Date FeeRulesInForceFrom();
// 109号: the applicant pays within 20 working days from the day after receiving the notice.
inline constexpr int kFeePaymentDays = 20;

// Choices the law leaves open, made configurable (docs/requests.md; config keys
// clock.count_receipt_day, clock.fee_notice_pauses).
struct ClockRules {
  bool count_receipt_day = false;   // UNVERIFIED: practice counts from the next working day
  bool fee_notice_pauses = true;    // UNVERIFIED: 109号 excludes the fee period
  int correction_notice_days = 7;   // 第三十条
  int third_party_reply_days = 15;  // 第三十二条: the pause stops counting after this
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
  bool closed_on_time = false;  // closed on or before `date` (or while stopped/paused)
  int days_late = 0;            // closed late: working days from `date` to closed_on
  // A consultation recorded and not yet ended (also one that does not pause the clock).
  std::optional<ConsultationKind> consultation_open;
  // While paused by a third-party consultation: the third party's last day (第三十二条);
  // after it the clock runs again even if the consultation is not recorded as ended.
  std::optional<Date> third_party_limit;
  std::optional<Date> correction_deadline;  // the deadline in the pending 补正 notice
  bool correction_requested = false;        // a 补正 notice was given (once: 第三十条)
  std::optional<Date> fee_notice_on;        // the pending fee notice's date
  std::vector<std::string> warnings;        // e.g. a third party that did not answer in time
  // Holidays that were estimated from the holiday law for years without a loaded notice
  // ("2027-01-01 元旦（推算）"), when the result is provisional.
  std::vector<std::string> estimated_holidays;
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

// Why a due date is provisional, for the applicant and the handler (""when it is exact):
// "暂定：2027 年节假日安排尚未发布，已按《全国年节及纪念日放假办法》推算 元旦（2027-01-01）…，
// 调休未计".
std::string ProvisionalReason(const DueDate& due);

// How a request was concluded, as the clock replays it. The one classification used by
// `request show`, the API, the reports (legacy and 2021), the 考核 comparison and the
// dashboard.
enum class Timeliness {
  kOpen,      // not closed
  kOnTime,    // closed within the statutory period (or while the clock was stopped)
  kExtended,  // closed within an approved extension (延期)
  kLate,      // closed after the due date in force (逾期), extension or not
};
const char* TimelinessCode(Timeliness t);   // open, on_time, extended, late
const char* TimelinessLabel(Timeliness t);  // 办理中, 按时办结, 延期办结, 逾期办结
Timeliness ClassifyTimeliness(const DueDate& due);
// Open and past its due date on `day` (a running clock whose date < day).
bool OverdueOn(const DueDate& due, Date day);

// Whether the request was still open at the end of 31 December of `year` (结转): received
// on or before that day and not closed by then.
bool CarriedOver(const Request& request, int year);

}  // namespace gongkai::core
