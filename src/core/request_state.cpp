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
      if (!IsOpenForWork(request.state)) {
        return Refuse(ref + " 正在等待补正，不能再次告知补正");
      }
      if (paused) return Refuse(ref + " 正在" + pause_name() + "，不能告知补正");
      if (due.extension_days > 0) return Refuse(ref + " 已延期答复，不能再告知补正");
      Calendar::Count used = calendar.WorkingDaysBetween(due.base, in.on);
      if (used.days > rules.correction_notice_days) {
        return Refuse("补正告知须在收到申请之日起 " + std::to_string(rules.correction_notice_days) +
                      " 个工作日内一次性发出（第三十条）；" + due.base.ToIso() + " 至 " +
                      in.on.ToIso() + " 已过 " + std::to_string(used.days) + " 个工作日");
      }
      if (in.correction_deadline) {
        if (*in.correction_deadline < in.on) {
          return InvalidArgument("补正期限早于告知日期", "deadline");
        }
        data.Add("deadline", in.correction_deadline->ToIso());
      }
      next.state = RequestState::kCorrectionRequested;
      break;
    }
    case RequestEventKind::kCorrected:
      if (request.state != RequestState::kCorrectionRequested) {
        return Refuse(ref + " 未告知补正，不能记录收到补正");
      }
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kConsultationStart:
      if (!IsOpenForWork(request.state)) return Refuse(ref + " 正在等待补正，不能征求意见");
      if (paused) return Refuse(ref + " 已在" + pause_name() + "，须先记录其结束");
      if (!in.consult_with) {
        return InvalidArgument("须说明征求谁的意见: third_party 或 inter_agency", "with");
      }
      data.Add("with", ConsultationKindCode(*in.consult_with));
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kConsultationEnd:
      if (!paused || due.paused_by != RequestEventKind::kConsultationStart) {
        return Refuse(ref + " 没有进行中的征求意见");
      }
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
      if (due.state == ClockState::kRunning && due.date && in.on > *due.date) {
        return Refuse("答复期限已于 " + due.date->ToIso() + " 届满，不能再延期");
      }
      data.Add("days", in.extension_days).Add("approver", in.approver);
      next.state = RequestState::kInProgress;
      break;
    }
    case RequestEventKind::kFeeNotice:
      if (!IsOpenForWork(request.state)) return Refuse(ref + " 正在等待补正，不能发出收费通知");
      if (paused) return Refuse(ref + " 正在" + pause_name() + "，须先记录其结束");
      if (in.fee_yuan <= 0) return InvalidArgument("收费金额须为正整数（元）", "amount");
      data.Add("amount_yuan", in.fee_yuan)
          .Add("basis", in.fee_basis)
          .Add("quantity", in.fee_quantity);
      next.state = RequestState::kInProgress;
      break;
    case RequestEventKind::kFeeSettled:
      if (!HasEvent(history, RequestEventKind::kFeeNotice) ||
          (rules.fee_notice_pauses && (!paused || due.paused_by != RequestEventKind::kFeeNotice))) {
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
      if (paused) return Refuse(ref + " 正在" + pause_name() + "，须先记录其结束再答复");
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
        for (auto it = history.rbegin(); it != history.rend(); ++it) {
          if (it->kind != RequestEventKindCode(RequestEventKind::kCorrectionRequested)) continue;
          GONGKAI_ASSIGN_OR_RETURN(FlatJson d, FlatJson::Parse(it->data));
          std::string deadline = d.Get("deadline");
          if (!deadline.empty() && in.on.ToIso() <= deadline) {
            return Refuse("补正期限 " + deadline + " 尚未届满，不能视为放弃");
          }
          break;
        }
        next.outcome = "r6_1";
      } else if (in.abandon_reason == "fee") {
        if (!paused || due.paused_by != RequestEventKind::kFeeNotice) {
          if (!(HasEvent(history, RequestEventKind::kFeeNotice) && !rules.fee_notice_pauses)) {
            return Refuse(ref + " 没有待缴的信息处理费，不能以逾期未缴费结案");
          }
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
