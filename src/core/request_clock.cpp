#include "core/request_clock.hpp"

#include <algorithm>

#include "core/enum_table.hpp"
#include "core/flat_json.hpp"

namespace gongkai::core {
namespace {

constexpr EnumEntry<RequestEventKind> kEventKinds[] = {
    {RequestEventKind::kReceipt, "receipt", "收到申请"},
    {RequestEventKind::kCorrectionRequested, "correction_requested", "告知补正"},
    {RequestEventKind::kCorrected, "corrected", "收到补正"},
    {RequestEventKind::kConsultationStart, "consultation_start", "开始征求意见"},
    {RequestEventKind::kConsultationEnd, "consultation_end", "征求意见结束"},
    {RequestEventKind::kExtension, "extension", "延期答复"},
    {RequestEventKind::kFeeNotice, "fee_notice", "收费通知"},
    {RequestEventKind::kFeeSettled, "fee_settled", "缴费或免收"},
    {RequestEventKind::kAnswer, "answer", "答复"},
    {RequestEventKind::kAbandon, "abandon", "视为放弃"},
    {RequestEventKind::kWithdraw, "withdraw", "申请人撤回"},
    {RequestEventKind::kNote, "note", "备注"},
};
constexpr EnumEntry<ConsultationKind> kConsultationKinds[] = {
    {ConsultationKind::kThirdParty, "third_party", "征求第三方意见"},
    {ConsultationKind::kInterAgency, "inter_agency", "征求其他机关意见"},
};

std::string Iso(Date d) { return d.ToIso(); }

// Accumulates the provisional flags of every calendar answer used.
class Tracker {
 public:
  explicit Tracker(const Calendar& cal) : cal_(cal) {}
  Date Add(Date start, int n) {
    CalendarDay d = cal_.AddWorkingDays(start, std::max(n, 0));
    Note(d.provisional, d.missing_years);
    Span(start, d.date);
    return d.date;
  }
  int Between(Date from, Date to) {
    Calendar::Count c = cal_.WorkingDaysBetween(from, to);
    Note(c.provisional, c.missing_years);
    Span(std::min(from, to), std::max(from, to));
    return c.days;
  }
  bool Working(Date d) {
    bool provisional = false;
    bool working = cal_.IsWorkingDay(d, &provisional);
    if (provisional) Note(true, cal_.Classify(d).missing_years);
    return working;
  }
  void Finish(DueDate& due) const {
    due.provisional = provisional_;
    due.missing_years = missing_;
    if (provisional_ && lo_) {
      for (const EstimatedHoliday& h : cal_.EstimatedBetween(*lo_, *hi_)) {
        due.estimated_holidays.push_back(h.name + "（" + h.date.ToIso() + "）");
      }
    }
  }

 private:
  void Span(Date lo, Date hi) {
    if (!lo_ || lo < *lo_) lo_ = lo;
    if (!hi_ || hi > *hi_) hi_ = hi;
  }
  std::optional<Date> lo_, hi_;
  void Note(bool provisional, const std::vector<int>& years) {
    if (!provisional) return;
    provisional_ = true;
    for (int y : years) {
      auto it = std::lower_bound(missing_.begin(), missing_.end(), y);
      if (it == missing_.end() || *it != y) missing_.insert(it, y);
    }
  }
  const Calendar& cal_;
  bool provisional_ = false;
  std::vector<int> missing_;
};

}  // namespace

const char* RequestEventKindCode(RequestEventKind k) { return EnumLookup(kEventKinds, k).code; }
const char* RequestEventKindLabel(RequestEventKind k) { return EnumLookup(kEventKinds, k).label; }
Result<RequestEventKind> ParseRequestEventKind(std::string_view t) {
  return EnumParse(kEventKinds, t, "kind");
}
const char* ConsultationKindCode(ConsultationKind k) {
  return EnumLookup(kConsultationKinds, k).code;
}
Result<ConsultationKind> ParseConsultationKind(std::string_view t) {
  return EnumParse(kConsultationKinds, t, "with");
}

RequestRegime RegimeFor(Date received) {
  return received < Date::FromYmd(kRegime2019Year, kRegime2019Month, kRegime2019Day)
             ? RequestRegime::k2008
             : RequestRegime::k2019;
}
Date FeeRulesInForceFrom() { return Date::FromYmd(2021, 1, 1); }
int AnswerPeriodDays(RequestRegime r) { return r == RequestRegime::k2008 ? 15 : 20; }
CalendarDay PlainDueDate(Date received, const Calendar& calendar, const ClockRules& rules) {
  int days = AnswerPeriodDays(RegimeFor(received));
  if (rules.count_receipt_day && calendar.IsWorkingDay(received)) --days;
  return calendar.AddWorkingDays(received, days);
}
int MaxExtensionDays(RequestRegime r) { return r == RequestRegime::k2008 ? 15 : 20; }

const char* ClockStateLabel(ClockState s) {
  switch (s) {
    case ClockState::kRunning:
      return "计时中";
    case ClockState::kAwaitingCorrection:
      return "待补正（中止计时）";
    case ClockState::kPaused:
      return "暂停计时";
    case ClockState::kClosed:
      return "已办结";
  }
  return "";
}

Result<ReceiptDate> DetermineReceiptDate(RequestChannel channel, Date submitted,
                                         std::optional<Date> confirmed) {
  if (confirmed && *confirmed < submitted) {
    return InvalidArgument("收到日期 " + Iso(*confirmed) + " 早于提交日期 " + Iso(submitted),
                           "received_on");
  }
  switch (channel) {
    case RequestChannel::kInPerson:
      if (confirmed && *confirmed != submitted) {
        return InvalidArgument("当面提交的申请以提交之日为收到日期（第三十一条第（一）项）",
                               "received_on");
      }
      return ReceiptDate{submitted, "第三十一条第（一）项：当面提交之日"};
    case RequestChannel::kPost:
      if (!confirmed) {
        return InvalidArgument(
            "邮寄申请须给出签收日期，平常信函须给出与申请人确认之日（第三十一条第（二）项）",
            "received_on");
      }
      return ReceiptDate{*confirmed,
                         "第三十一条第（二）项：签收之日（平常信函为与申请人确认之日）"};
    case RequestChannel::kOnline:
    case RequestChannel::kFax:
      if (!confirmed) {
        return InvalidArgument("网络、传真申请须给出双方确认之日（第三十一条第（三）项）",
                               "received_on");
      }
      return ReceiptDate{*confirmed, "第三十一条第（三）项：双方确认之日"};
    case RequestChannel::kOther:
      if (!confirmed) {
        return InvalidArgument("其他渠道的申请须给出确认收到之日", "received_on");
      }
      return ReceiptDate{*confirmed, "参照第三十一条第（三）项：确认收到之日"};
  }
  return Internal("unknown channel");
}

Result<DueDate> ComputeDueDate(const Request& request, const std::vector<RequestEvent>& events,
                               const Calendar& calendar, const ClockRules& rules) {
  if (events.empty() || events.front().kind != RequestEventKindCode(RequestEventKind::kReceipt)) {
    return InvalidArgument("申请的第一个事件必须是收到申请", "events");
  }
  Tracker cal(calendar);
  DueDate due;
  due.regime = RegimeFor(request.received_on);
  due.period_days = AnswerPeriodDays(due.regime);
  const char* law =
      due.regime == RequestRegime::k2008 ? "2008年《条例》第二十四条" : "2019年《条例》第三十三条";
  const char* correction_law =
      due.regime == RequestRegime::k2008 ? "2008年《条例》第二十一条第（四）项" : "第三十条";

  int remaining = 0;  // working days left after `base` while running
  Date paused_since;  // while paused: the day the pause began
  // Starts a full count on `base` (receipt or corrected request).
  auto start_count = [&](Date base) {
    due.base = base;
    remaining = due.period_days + due.extension_days;
    if (rules.count_receipt_day && cal.Working(base)) --remaining;
    due.date = cal.Add(base, remaining);
    due.state = ClockState::kRunning;
  };
  auto add_step = [&](const RequestEvent& e, std::string text) {
    due.steps.push_back({e.on, e.kind, std::move(text)});
  };

  for (const RequestEvent& e : events) {
    GONGKAI_ASSIGN_OR_RETURN(RequestEventKind kind, ParseRequestEventKind(e.kind));
    GONGKAI_ASSIGN_OR_RETURN(FlatJson data, FlatJson::Parse(e.data));
    if (due.state == ClockState::kClosed) {
      add_step(e, std::string(RequestEventKindLabel(kind)) + "（已办结后记录，不影响期限）");
      continue;
    }
    switch (kind) {
      case RequestEventKind::kReceipt: {
        start_count(request.received_on);
        std::string rule = data.Get("rule");
        add_step(e, "收到申请（" + std::string(RequestChannelLabel(request.channel)) +
                        (rule.empty() ? "" : "，" + rule) + "）。适用" + law + "：" +
                        std::to_string(due.period_days) + " 个工作日，" +
                        (rules.count_receipt_day ? "含收到当日" : "自次日起算") + "，到期日 " +
                        Iso(*due.date));
        break;
      }
      case RequestEventKind::kCorrectionRequested: {
        int used = cal.Between(request.received_on, e.on);
        due.state = ClockState::kAwaitingCorrection;
        due.date.reset();
        due.correction_requested = true;
        std::string deadline = data.Get("deadline");
        due.correction_deadline.reset();
        if (auto d = Date::Parse(deadline); d.ok()) due.correction_deadline = *d;
        add_step(e, "告知补正（" + std::string(correction_law) + "，收到申请后第 " +
                        std::to_string(used) + " 个工作日发出）：中止计时，收到补正后重新计算" +
                        (deadline.empty() ? "" : "；补正期限 " + deadline));
        break;
      }
      case RequestEventKind::kCorrected: {
        bool late = due.correction_deadline && e.on > *due.correction_deadline;
        std::string reason = data.Get("good_reason");
        due.correction_deadline.reset();
        start_count(e.on);
        add_step(e, "收到补正后的申请" +
                        (late ? "（逾期补正，正当理由：" + reason + "）" : std::string()) +
                        "：答复期限自当日重新计算（" + correction_law + "），" +
                        std::to_string(remaining) + " 个工作日，到期日 " + Iso(*due.date));
        break;
      }
      case RequestEventKind::kConsultationStart:
      case RequestEventKind::kFeeNotice: {
        bool is_fee = kind == RequestEventKind::kFeeNotice;
        std::string what;
        std::optional<Date> limit;
        if (is_fee) {
          what = "发出信息处理费收费通知（国办函〔2020〕109号）";
          due.fee_notice_on = e.on;
        } else {
          auto with = ParseConsultationKind(data.Get("with", "third_party"));
          if (!with.ok()) return with.status();
          due.consultation_open = *with;
          if (*with == ConsultationKind::kThirdParty) {
            limit = cal.Add(e.on, rules.third_party_reply_days);
            what = "书面征求第三方意见（" +
                   std::string(due.regime == RequestRegime::k2008 ? "2008年《条例》第二十三条"
                                                                  : "第三十二条") +
                   "，第三方应在 " + std::to_string(rules.third_party_reply_days) +
                   " 个工作日内答复，至 " + Iso(*limit) + "，逾期不计入暂停）";
          } else if (due.regime == RequestRegime::k2008) {
            add_step(e,
                     "征求其他行政机关意见：2008年《条例》第二十四条只扣除征求第三方意见的时间，"
                     "计时不暂停");
            break;
          } else {
            what = "征求其他行政机关意见（第三十四条）";
          }
        }
        if (is_fee && !rules.fee_notice_pauses) {
          add_step(e, what + "；按配置不暂停计时");
          break;
        }
        if (due.state != ClockState::kRunning) {
          add_step(e, what + "（计时未在进行，无影响）");
          break;
        }
        int used = cal.Between(due.base, e.on);
        int left = remaining - used;
        if (left <= 0) {
          add_step(e, what + "；答复期限已于 " + Iso(*due.date) + " 届满，暂停不再改变到期日");
          break;
        }
        due.state = ClockState::kPaused;
        due.paused_by =
            is_fee ? RequestEventKind::kFeeNotice : RequestEventKind::kConsultationStart;
        due.third_party_limit = limit;
        due.days_remaining_at_pause = left;
        remaining = left;
        paused_since = e.on;
        due.date.reset();
        add_step(e, what + "：已用 " + std::to_string(used) + " 个工作日，尚余 " +
                        std::to_string(left) + " 个工作日，暂停计时（" +
                        (is_fee ? "缴费期间不计入"
                         : due.regime == RequestRegime::k2008
                             ? "征求第三方意见所需时间不计入，2008年《条例》第二十四条"
                             : "征求意见所需时间不计入，第三十三条") +
                        "）");
        break;
      }
      case RequestEventKind::kConsultationEnd:
      case RequestEventKind::kFeeSettled: {
        bool is_fee = kind == RequestEventKind::kFeeSettled;
        std::string what =
            is_fee ? (data.Get("how") == "waived" ? "决定免收信息处理费" : "申请人缴纳信息处理费")
                   : "征求意见结束";
        RequestEventKind opener =
            is_fee ? RequestEventKind::kFeeNotice : RequestEventKind::kConsultationStart;
        if (is_fee) {
          due.fee_notice_on.reset();
        } else {
          due.consultation_open.reset();
        }
        if (due.state != ClockState::kPaused || due.paused_by != opener) {
          add_step(e, what + "（计时未因此暂停，无影响）");
          break;
        }
        Date resume = e.on;
        std::string capped;
        if (!is_fee && due.third_party_limit && e.on > *due.third_party_limit) {
          // 第三十二条: the third party's 15 working days are over; the body decides.
          resume = *due.third_party_limit;
          capped = "；第三方未在 " + std::to_string(rules.third_party_reply_days) +
                   " 个工作日内答复，自 " + Iso(resume) + " 起恢复计时（第三十二条）";
          due.warnings.push_back("征求第三方意见超过 " +
                                 std::to_string(rules.third_party_reply_days) +
                                 " 个工作日（第三十二条），只扣除至 " + Iso(resume));
        }
        int skipped = cal.Between(paused_since, resume);
        due.base = resume;
        due.state = ClockState::kRunning;
        due.paused_by.reset();
        due.third_party_limit.reset();
        due.date = cal.Add(resume, remaining);
        add_step(e, what + "：暂停期间 " + std::to_string(skipped) + " 个工作日不计入" + capped +
                        "，恢复计时，尚余 " + std::to_string(remaining) + " 个工作日，到期日 " +
                        Iso(*due.date));
        break;
      }
      case RequestEventKind::kExtension: {
        int days = static_cast<int>(data.GetInt("days").value_or(0));
        due.extension_days += days;
        remaining += days;
        std::string approver = data.Get("approver");
        std::string text =
            "延期答复 " + std::to_string(days) + " 个工作日（" +
            (due.regime == RequestRegime::k2008 ? "2008年《条例》第二十四条" : "第三十三条") +
            (approver.empty() ? "" : "，批准人 " + approver) + "）";
        if (due.state == ClockState::kPaused) due.days_remaining_at_pause = remaining;
        if (due.state == ClockState::kRunning) {
          due.date = cal.Add(due.base, remaining);
          text += "，到期日 " + Iso(*due.date);
        }
        add_step(e, text);
        break;
      }
      case RequestEventKind::kAnswer:
      case RequestEventKind::kAbandon:
      case RequestEventKind::kWithdraw: {
        std::string text = RequestEventKindLabel(kind);
        std::string outcome = data.Get("outcome");
        if (!outcome.empty()) text += "（办理结果 " + outcome + "）";
        if (due.state == ClockState::kPaused && due.third_party_limit &&
            e.on > *due.third_party_limit) {
          // The third party's time ran out: the clock runs again from its last day.
          due.date = cal.Add(*due.third_party_limit, remaining);
          due.state = ClockState::kRunning;
          due.warnings.push_back(
              "征求第三方意见超过 " + std::to_string(rules.third_party_reply_days) +
              " 个工作日（第三十二条），自 " + Iso(*due.third_party_limit) + " 起恢复计时");
        }
        if (due.state == ClockState::kRunning && due.date) {
          due.closed_on_time = e.on <= *due.date;
          if (!due.closed_on_time) due.days_late = cal.Between(*due.date, e.on);
          text += due.closed_on_time ? "，在期限内办结"
                                     : "，超过到期日 " + Iso(*due.date) + " " +
                                           std::to_string(due.days_late) + " 个工作日（逾期）";
        } else {
          // Closed while stopped or paused: the clock had not run out.
          due.closed_on_time = true;
          text += "，计时" + std::string(ClockStateLabel(due.state)) + "时办结";
        }
        due.closed_on = e.on;
        due.state = ClockState::kClosed;
        due.paused_by.reset();
        due.third_party_limit.reset();
        due.consultation_open.reset();
        due.fee_notice_on.reset();
        add_step(e, text);
        break;
      }
      case RequestEventKind::kNote:
        add_step(e, "备注");
        break;
    }
  }
  cal.Finish(due);
  return due;
}

std::string ExplainDueDate(const DueDate& due) {
  std::string out;
  for (const ClockStep& s : due.steps) out += s.on.ToIso() + "  " + s.text + "\n";
  out += "结果: ";
  switch (due.state) {
    case ClockState::kRunning:
      out += "到期日 " + due.date->ToIso();
      break;
    case ClockState::kAwaitingCorrection:
      out += "待补正，收到补正后重新计算";
      break;
    case ClockState::kPaused:
      out += "暂停计时，恢复后尚余 " + std::to_string(due.days_remaining_at_pause) + " 个工作日";
      break;
    case ClockState::kClosed:
      out += "已于 " + due.closed_on->ToIso() + " 办结" +
             (due.date ? "（到期日 " + due.date->ToIso() + "）" : "");
      break;
  }
  if (due.provisional) out += "（" + ProvisionalReason(due) + "）";
  out += "\n";
  for (const std::string& w : due.warnings) out += "注意: " + w + "\n";
  return out;
}

std::string ProvisionalReason(const DueDate& due) {
  if (!due.provisional) return "";
  std::string out = "暂定：";
  for (size_t i = 0; i < due.missing_years.size(); ++i) {
    out += (i ? "、" : "") + std::to_string(due.missing_years[i]);
  }
  out += " 年节假日安排尚未发布，";
  if (due.estimated_holidays.empty()) {
    out += "按周末规则推算";
  } else {
    out += "已按《全国年节及纪念日放假办法》推算";
    for (size_t i = 0; i < due.estimated_holidays.size(); ++i) {
      out += (i ? "、" : " ") + due.estimated_holidays[i];
    }
  }
  return out + "，调休安排未计入，发布后重新计算";
}

const char* TimelinessCode(Timeliness t) {
  switch (t) {
    case Timeliness::kOpen:
      return "open";
    case Timeliness::kOnTime:
      return "on_time";
    case Timeliness::kExtended:
      return "extended";
    case Timeliness::kLate:
      return "late";
  }
  return "";
}

const char* TimelinessLabel(Timeliness t) {
  switch (t) {
    case Timeliness::kOpen:
      return "办理中";
    case Timeliness::kOnTime:
      return "按时办结";
    case Timeliness::kExtended:
      return "延期办结";
    case Timeliness::kLate:
      return "逾期办结";
  }
  return "";
}

Timeliness ClassifyTimeliness(const DueDate& due) {
  if (due.state != ClockState::kClosed) return Timeliness::kOpen;
  if (!due.closed_on_time) return Timeliness::kLate;
  return due.extension_days > 0 ? Timeliness::kExtended : Timeliness::kOnTime;
}

bool OverdueOn(const DueDate& due, Date day) {
  return due.state == ClockState::kRunning && due.date && *due.date < day;
}

bool CarriedOver(const Request& request, int year) {
  Date end = Date::FromYmd(year, 12, 31);
  if (request.received_on > end) return false;
  if (!IsClosed(request.state)) return true;
  return !request.closed_on || *request.closed_on > end;
}

}  // namespace gongkai::core
