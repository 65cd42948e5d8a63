// Use cases of disclosure on request (依申请公开): intake, events, answers, fees and the
// due lists. Rules live in request_clock (when) and request_state (what may follow what);
// this file loads, validates, writes through the repositories and records one audit event
// per change, in the caller's transaction (call inside Store::Transact).
//
// Personal data: the applicant's name, ID document and contact arrive already sealed
// (app/personal_data) and are stored as given; they never enter audit events, and neither
// do the description of the information asked for (it may name people) nor event notes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/item_suggest.hpp"
#include "core/request_state.hpp"
#include "core/store.hpp"

namespace gongkai::core {

struct IntakeInput {
  std::string org_code;  // receiving body; "" for the root
  RequestChannel channel = RequestChannel::kOnline;
  ApplicantType applicant_type = ApplicantType::kNaturalPerson;
  Date submitted_on;
  std::optional<Date> confirmed_on;  // 签收 / 确认 date, per 第三十一条 (see DetermineReceiptDate)
  std::string description;           // the information asked for (required)
  std::string doc_no;                // 文号, if given
  std::string delivery_form;     // 纸质 / 电子邮件 / ...
  std::string applicant_sealed;  // sealed personal data (required)
  std::string lookup_code_hash;  // hash of the applicant's lookup code (required)
  std::string note;
};

// A request with everything needed to show it.
struct RequestView {
  Request request;
  Org org;
  std::vector<RequestEvent> events;
  DueDate due;
  std::optional<RequestFee> fee;
};

struct IntakeResult {
  RequestView view;
  std::vector<Suggestion> suggestions;  // published items that may already answer it
};

// Registers a request: receipt date by channel (第三十一条), tracking number YYYY-NNNN (the
// receipt year, next serial of the body in that year), the receipt event, the due date,
// an audit event, and "已主动公开" suggestions. Fails with kInvalidArgument (missing
// description, sealed data or code hash; dates in the future or inconsistent), kNotFound
// (unknown body).
Result<IntakeResult> IntakeRequest(Repositories& repos, const ChangeContext& ctx, Date today,
                                   const IntakeInput& in, const ClockRules& rules = {});

// The request named by `ref`: its numeric id, or its tracking number (YYYY-NNNN) at the
// body `org_code` ("" for the root). kNotFound / kInvalidArgument.
Result<Request> FindRequest(Repositories& repos, std::string_view org_code, std::string_view ref);

// The request with its body, events, fee and recomputed due date. kNotFound.
Result<RequestView> LoadRequestView(Repositories& repos, Id request_id,
                                    const ClockRules& rules = {});

// Records one event (see ApplyEvent for what is refused), updates the request's state,
// outcome and due date, and audits the change. An answer pointing to a published item
// (published_item, an 索引号) requires that item to exist and be published (kNotFound /
// kFailedPrecondition).
Result<RequestView> RecordRequestEvent(Repositories& repos, const ChangeContext& ctx, Date today,
                                       Id request_id, EventInput in, const ClockRules& rules = {});

// Decides a 信息处理费 (国办函〔2020〕109号): computes the amount, records the fee notice event
// (which pauses the clock, see ClockRules) and stores the fee as due. kInvalidArgument when
// the tariff gives 0 元 (nothing to notify) or the quantities are invalid;
// kFailedPrecondition when the request already has a fee or the state refuses the event.
Result<RequestView> NotifyFee(Repositories& repos, const ChangeContext& ctx, Date today,
                              Id request_id, FeeBasis basis, int quantity, int prior, Date on,
                              std::string note, const ClockRules& rules = {});

// Records payment ("paid") or waiver ("waived") of the pending fee on `on`.
Result<RequestView> SettleFee(Repositories& repos, const ChangeContext& ctx, Date today,
                              Id request_id, std::string_view how, Date on,
                              const ClockRules& rules = {});

struct DueEntry {
  Request request;
  std::string org_code;
  int working_days_left = 0;  // from today to the due date; negative when overdue
  bool overdue = false;
};

// Open requests whose due date has passed (overdue) or falls within `within` working days
// of `today`, soonest first. Requests whose clock is stopped (补正, pauses) are not listed.
Result<std::vector<DueEntry>> ListDue(Repositories& repos, Date today, int within);

// Recomputes and stores the due date of every open request (e.g. after a holiday notice
// was loaded). Returns how many changed.
Result<int> RecomputeOpenDueDates(Repositories& repos, const ClockRules& rules = {});

// OK iff `username` names an enabled user holding an unrevoked case_handler grant on the
// request's body or a body above it (the subtree rule for personal data). kNotFound for an
// unknown user; kPermissionDenied otherwise.
Status CheckPersonalDataAccess(Repositories& repos, std::string_view username, const Request& r);

// Records that the ChangeContext's actor was shown the applicant's personal data of `r`
// (DESIGN §6: every view is audited): audit action "request.personal_data" on the request,
// its snapshot naming the channel (`via`: "admin", "api", "cli", "letter") and the purpose —
// never the data itself. The request's audit page lists who looked.
Status RecordPersonalDataAccess(Repositories& repos, const ChangeContext& ctx, const Request& r,
                                std::string_view via, std::string_view purpose);

// The audit snapshot of a request: no personal data, lookup code hash or description.
std::string RequestAuditJson(const Request& request);

// `events` as the clock needs them: when the first is not a receipt (requests loaded in
// bulk without events), a receipt made from the request is put first.
std::vector<RequestEvent> EventsForClock(const Request& request, std::vector<RequestEvent> events);

}  // namespace gongkai::core
