#include "core/request_actions.hpp"

#include <algorithm>

#include "core/calendar_service.hpp"

namespace gongkai::core {

std::string RequestAction::Code() const {
  if (kind == RequestEventKind::kAbandon) return "abandon_" + abandon_reason;
  return RequestEventKindCode(kind);
}

std::string RequestAction::Label() const {
  switch (kind) {
    case RequestEventKind::kCorrectionRequested:
      return "告知补正（第三十条）";
    case RequestEventKind::kCorrected:
      return "收到补正";
    case RequestEventKind::kConsultationStart:
      return "征求第三方或其他机关意见（第三十二条、第三十四条）";
    case RequestEventKind::kConsultationEnd:
      return "征求意见结束";
    case RequestEventKind::kExtension:
      return "延长答复期限（第三十三条）";
    case RequestEventKind::kFeeNotice:
      return "收取信息处理费（第四十二条，国办函〔2020〕109号）";
    case RequestEventKind::kFeeSettled:
      return "缴费或免收信息处理费";
    case RequestEventKind::kAnswer:
      return "答复";
    case RequestEventKind::kAbandon:
      return abandon_reason == "fee" ? "视为放弃（逾期未缴纳信息处理费）"
                                     : "视为放弃（无正当理由逾期不补正，第三十条）";
    case RequestEventKind::kWithdraw:
      return "申请人撤回申请";
    case RequestEventKind::kNote:
      return "备注";
    default:
      return RequestEventKindLabel(kind);
  }
}

std::vector<RequestAction> AllowedActions(const Request& request,
                                          const std::vector<RequestEvent>& history,
                                          const Calendar& calendar, Date today,
                                          const ClockRules& rules) {
  std::vector<RequestAction> out;
  if (IsClosed(request.state)) return out;
  // Representative inputs: every field a kind needs, valid, so only the state and the
  // clock can refuse.
  auto probe = [&](RequestEventKind kind, std::string reason = "") {
    EventInput in;
    in.kind = kind;
    in.on = today;
    in.note = "-";
    in.correction_deadline = today;
    in.consult_with = ConsultationKind::kThirdParty;
    in.extension_days = 1;
    in.approver = "-";
    in.notified_on = today;
    in.notified_how = "-";
    in.outcome = "r1_open";
    in.good_reason = "-";
    in.abandon_reason = reason;
    in.fee_yuan = 1;
    in.fee_basis = "per_request";
    in.fee_quantity = 1;
    in.fee_how = "paid";
    Request copy = request;
    if (ApplyEvent(copy, history, in, calendar, today, rules).ok()) {
      out.push_back(RequestAction{kind, std::move(reason)});
    }
  };
  probe(RequestEventKind::kCorrectionRequested);
  probe(RequestEventKind::kCorrected);
  probe(RequestEventKind::kConsultationStart);
  probe(RequestEventKind::kConsultationEnd);
  probe(RequestEventKind::kExtension);
  // One fee per request (NotifyFee refuses a second): the clock rules alone would allow it.
  bool fee_decided = std::any_of(history.begin(), history.end(), [](const RequestEvent& e) {
    return e.kind == RequestEventKindCode(RequestEventKind::kFeeNotice);
  });
  if (!fee_decided) probe(RequestEventKind::kFeeNotice);
  probe(RequestEventKind::kFeeSettled);
  probe(RequestEventKind::kAnswer);
  probe(RequestEventKind::kAbandon, "correction");
  probe(RequestEventKind::kAbandon, "fee");
  probe(RequestEventKind::kWithdraw);
  probe(RequestEventKind::kNote);
  return out;
}

Result<std::vector<RequestAction>> AllowedRequestActions(Repositories& repos, Id request_id,
                                                         Date today, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(Request r, repos.requests().Get(request_id));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.requests().ListEvents(r.id));
  std::vector<RequestEvent> history = EventsForClock(r, std::move(stored));
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  return AllowedActions(r, history, calendar, today, rules);
}

}  // namespace gongkai::core
