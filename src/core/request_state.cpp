#include "core/request_state.hpp"

#include <algorithm>

#include "core/flat_json.hpp"
#include "core/json_writer.hpp"

namespace gongkai::core {
namespace {

bool IsOpenForWork(RequestState s) {
  return s == RequestState::kReceived || s == RequestState::kInProgress;
}

bool HasEvent(const std::vector<RequestEvent>& history, RequestEventKind kind) {
  const char* code = RequestEventKindCode(kind);
  return std::any_of(history.begin(), history.end(),
                     [&](const RequestEvent& e) { return e.kind == code; });
}

Status Refuse(std::string message) { return FailedPrecondition(std::move(message)); }

}  // namespace

Result<RequestEvent> ApplyEvent(Request& request, const std::vector<RequestEvent>& history,
                                const EventInput& in, const Calendar& calendar, Date today,
                                const ClockRules& rules) {
  const std::string ref = request.tracking_no.empty() ? "申请" : "申请 " + request.tracking_no;
  if (IsClosed(request.state)) {
    return Refuse(ref + " 已办结（" + RequestStateCode(request.state) +
                  "），不能再记录事件或重新打开");
  }
  if (in.kind == RequestEventKind::kReceipt) {
    return Refuse("收到申请事件只能在登记时记录");
  }
  if (!history.empty() && in.on < history.back().on) {
    return InvalidArgument(
        "事件日期 " + in.on.ToIso() + " 早于上一事件的日期 " + history.back().on.ToIso(), "on");
  }
  if (in.on > today) {
    return InvalidArgument("事件日期 " + in.on.ToIso() + " 晚于今天", "on");
  }
  GONGKAI_ASSIGN_OR_RETURN(DueDate due, ComputeDueDate(request, history, calendar, rules));
  bool paused = due.state == ClockState::kPaused;
  auto pause_name = [&] {
    return due.paused_by == RequestEventKind::kFeeNotice ? std::string("收费通知待缴费")
                                                         : std::string("征求意见");
  };

  Request next = request;
  RequestEvent event;
  event.request_id = request.id;
  event.kind = RequestEventKindCode(in.kind);
  event.on = in.on;
  event.actor = in.actor;
  event.note = in.note;
  JsonObjectWriter data;

  switch (in.kind) {
    case RequestEventKind::kReceipt:
      break;  // refused above
    case RequestEventKind::kCorrectionRequested: {
      const bool rules2019 = due.regime == RequestRegime::k2019;
      if (!IsOpenForWork(request.state)) {
        return Refuse(ref + " 正在等待补正，不能再次告知补正");
      }
      if (rules2019 && due.correction_requested) {
        return Refuse(ref + " 已告知过补正：补正须一次性告知申请人（第三十条），不能再次告知补正");
      }
      if (paused) return Refuse(ref + " 正在" + pause_name() + "，不能告知补正");
      if (due.extension_days > 0) return Refuse(ref + " 已延期答复，不能再告知补正");
      // Counted from receipt: a consultation or a fee pause does not reopen the window.
      Calendar::Count used = calendar.WorkingDaysBetween(request.received_on, in.on);
      if (rules2019 && used.days > rules.correction_notice_days) {
        return Refuse("补正告知须在收到申请之日起 " + std::to_string(rules.correction_notice_days) +
                      " 个工作日内一次性发出（第三十条）；" + request.received_on.ToIso() + " 至 " +
                      in.on.ToIso() + " 已过 " + std::to_string(used.days) + " 个工作日");
      }
      if (in.correction_deadline) {
        if (*in.correction_deadline < in.on) {
          return InvalidArgument("补正期限早于告知日期", "deadline");
        }
        data.Add("deadline", in.correction_deadline->ToIso());
      }
      if (!in.correction_how.empty()) data.Add("how", in.correction_how);
      next.state = RequestState::kCorrectionRequested;
      break;
    }
    case RequestEventKind::kCorrected:
      if (request.state != RequestState::kCorrectionRequested) {
        return Refuse(ref + " 未告知补正，不能记录收到补正");
      }
      if (due.correction_deadline && in.on > *due.correction_deadline) {
        if (in.good_reason.empty()) {
          return Refuse("补正期限 " + due.correction_deadline->ToIso() +
                        " 已过：申请人无正当理由逾期不补正的，视为放弃申请（第三十条）。"
                        "有正当理由的请记录理由（--good-reason）；否则请以 abandon --reason "
                        "correction 结案，新提交的内容可登记为新的申请");
        }
        data.Add("good_reason", in.good_reason);
      }
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kConsultationStart:
      if (!IsOpenForWork(request.state)) return Refuse(ref + " 正在等待补正，不能征求意见");
      if (paused) return Refuse(ref + " 已在" + pause_name() + "，须先记录其结束");
      if (due.consultation_open) return Refuse(ref + " 已在征求意见，须先记录其结束");
      if (!in.consult_with) {
        return InvalidArgument("须说明征求谁的意见: third_party 或 inter_agency", "with");
      }
      data.Add("with", ConsultationKindCode(*in.consult_with));
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kConsultationEnd:
      if (!due.consultation_open) return Refuse(ref + " 没有进行中的征求意见");
      break;
    case RequestEventKind::kExtension: {
      int max_days = MaxExtensionDays(due.regime);
      if (!IsOpenForWork(request.state)) return Refuse(ref + " 正在等待补正，不能延期");
      if (HasEvent(history, RequestEventKind::kExtension)) {
        return Refuse(ref + " 已延期一次，不能再次延期（第三十三条）");
      }
      if (in.extension_days < 1 || in.extension_days > max_days) {
        return InvalidArgument(
            "延长答复期限最长不得超过 " + std::to_string(max_days) + " 个工作日（" +
                (due.regime == RequestRegime::k2008 ? "2008年《条例》第二十四条" : "第三十三条") +
                "），给出的是 " + std::to_string(in.extension_days),
            "days");
      }
      if (in.approver.empty()) {
        return InvalidArgument("延期须经政府信息公开工作机构负责人同意：请给出批准人", "approver");
      }
      if (!in.notified_on || in.notified_how.empty()) {
        return InvalidArgument(
            "延长答复期限须告知申请人（" +
                std::string(due.regime == RequestRegime::k2008 ? "2008年《条例》第二十四条"
                                                               : "第三十三条") +
                "）：请给出告知日期和方式（--notified-on, --notified-how）",
            in.notified_on ? "notified_how" : "notified_on");
      }
      if (*in.notified_on < in.on || *in.notified_on > today) {
        return InvalidArgument("告知申请人延期的日期须在批准延期之日与今天之间", "notified_on");
      }
      if (due.state == ClockState::kRunning && due.date && in.on > *due.date) {
        return Refuse("答复期限已于 " + due.date->ToIso() + " 届满，不能再延期（第三十三条）");
      }
      if (due.state == ClockState::kRunning && due.date && *in.notified_on > *due.date) {
        return Refuse("延期须在答复期限 " + due.date->ToIso() + " 届满前告知申请人（第三十三条）");
      }
      data.Add("days", in.extension_days)
          .Add("approver", in.approver)
          .Add("notified_on", in.notified_on->ToIso())
          .Add("notified_how", in.notified_how);
      next.state = RequestState::kInProgress;
      break;
    }
    case RequestEventKind::kFeeNotice:
      if (!IsOpenForWork(request.state)) return Refuse(ref + " 正在等待补正，不能发出收费通知");
      if (paused) return Refuse(ref + " 正在" + pause_name() + "，须先记录其结束");
      if (in.on < FeeRulesInForceFrom()) {
        return Refuse("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自 " +
                      FeeRulesInForceFrom().ToIso() + " 起施行，此前不能收取信息处理费；" +
                      "最早可于 " + FeeRulesInForceFrom().ToIso() + " 发出收费通知");
      }
      if (due.state == ClockState::kRunning && due.date && in.on > *due.date) {
        return Refuse("收费通知须在答复期限内发出（国办函〔2020〕109号）；答复期限已于 " +
                      due.date->ToIso() + " 届满");
      }
      if (in.fee_yuan <= 0) return InvalidArgument("收费金额须为正整数（元）", "amount");
      data.Add("amount_yuan", in.fee_yuan)
          .Add("basis", in.fee_basis)
          .Add("quantity", in.fee_quantity);
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kFeeSettled:
      if (!due.fee_notice_on) {
        return Refuse(ref + " 没有待缴的信息处理费");
      }
      if (in.fee_how != "paid" && in.fee_how != "waived") {
        return InvalidArgument("缴费结果须为 paid 或 waived", "how");
      }
      data.Add("how", in.fee_how);
      break;
    case RequestEventKind::kAnswer: {
      if (!IsOpenForWork(request.state)) {
        return Refuse(ref + " 正在等待补正：收到补正后才能答复；逾期不补正请用 abandon");
      }
      if (paused) {
        return Refuse(ref + " 正在" + pause_name() + "，须先记录其结束再答复" +
                      (due.third_party_limit && in.on > *due.third_party_limit
                           ? "（第三方答复期限已于 " + due.third_party_limit->ToIso() +
                                 " 届满，可记录 consultation_end 后由本机关决定，第三十二条）"
                           : std::string()));
      }
      if (due.consultation_open) return Refuse(ref + " 正在征求意见，须先记录其结束再答复");
      if (in.outcome.empty()) {
        return InvalidArgument("答复须有且只有一个办理结果（表三的一行，如 r1_open）", "outcome");
      }
      if (in.outcome.find_first_of(",+ ;/") != std::string::npos) {
        return InvalidArgument(
            "只能选择一个办理结果：区分处理的只计（二）部分公开 r2_partial，不计其他情形",
            "outcome");
      }
      if (!IsOutcomeCode(in.outcome)) {
        return InvalidArgument("未知的办理结果: '" + in.outcome.substr(0, 40) + "'", "outcome");
      }
      if (in.outcome == "r4_3" && !HasEvent(history, RequestEventKind::kCorrected)) {
        return Refuse("（四）3 补正后申请内容仍不明确：须先告知补正并记录收到补正（第三十条）");
      }
      if (in.outcome == "r6_1" || in.outcome == "r6_2") {
        return InvalidArgument("（六）1、2 属于视为放弃：请用 abandon --reason correction|fee",
                               "outcome");
      }
      if (!in.published_item.empty() && in.outcome != "r1_open") {
        return InvalidArgument("只有予以公开（r1_open）才能指向已主动公开的信息", "published_item");
      }
      if (!in.basis.empty()) {
        if (in.outcome != "r4_1" || (in.basis != "not_exist" && in.basis != "not_ours")) {
          return InvalidArgument("basis 仅用于 r4_1：not_exist 或 not_ours", "basis");
        }
      }
      data.Add("outcome", in.outcome);
      if (!in.published_item.empty()) data.Add("published_item", in.published_item);
      if (!in.basis.empty()) data.Add("basis", in.basis);
      if (!in.reasons.empty()) data.Add("reasons", in.reasons);
      if (!in.legal_basis.empty()) data.Add("legal_basis", in.legal_basis);
      next.state = RequestState::kAnswered;
      next.outcome = in.outcome;
      next.closed_on = in.on;
      break;
    }
    case RequestEventKind::kAbandon: {
      if (in.abandon_reason == "correction") {
        if (request.state != RequestState::kCorrectionRequested) {
          return Refuse(ref + " 未告知补正，不能以逾期不补正结案");
        }
        if (due.correction_deadline && in.on <= *due.correction_deadline) {
          return Refuse("补正期限 " + due.correction_deadline->ToIso() +
                        " 尚未届满，不能视为放弃（第三十条）；最早可于 " +
                        due.correction_deadline->Next().ToIso() + " 以逾期不补正结案");
        }
        next.outcome = "r6_1";
      } else if (in.abandon_reason == "fee") {
        if (!due.fee_notice_on) {
          return Refuse(ref + " 没有待缴的信息处理费，不能以逾期未缴费结案");
        }
        Date last_day = calendar.AddWorkingDays(*due.fee_notice_on, kFeePaymentDays).date;
        if (in.on <= last_day) {
          return Refuse("申请人可在收到收费通知的次日起 " + std::to_string(kFeePaymentDays) +
                        " 个工作日内（至 " + last_day.ToIso() +
                        "）缴费（国办函〔2020〕109号），期满未缴费才视为放弃；最早可于 " +
                        last_day.Next().ToIso() + " 以逾期未缴费结案");
        }
        next.outcome = "r6_2";
      } else {
        return InvalidArgument("视为放弃的原因须为 correction（逾期不补正）或 fee（逾期未缴费）",
                               "reason");
      }
      data.Add("reason", in.abandon_reason).Add("outcome", next.outcome);
      next.state = RequestState::kAbandoned;
      next.closed_on = in.on;
      break;
    }
    case RequestEventKind::kWithdraw:
      next.state = RequestState::kWithdrawn;
      next.outcome = kWithdrawnOutcome;
      next.closed_on = in.on;
      data.Add("outcome", next.outcome);
      break;
    case RequestEventKind::kNote:
      if (in.note.empty()) return InvalidArgument("备注不能为空", "note");
      break;
  }
  event.data = data.Finish();
  if (event.data == "{}") event.data.clear();
  request = std::move(next);
  return event;
}

}  // namespace gongkai::core
