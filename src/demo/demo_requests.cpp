#include "demo/demo_requests.hpp"

#include <algorithm>
#include <tuple>

#include "core/request_clock.hpp"
#include "core/request_state.hpp"

namespace gongkai::demo {
namespace {

using core::RequestEventKind;

constexpr const char* kActor = "demo";

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
constexpr const char* kGiven[] = {"建国", "秀英", "志强", "丽华", "伟",   "敏",   "静怡", "晓东",
                                  "海燕", "国庆", "文杰", "婷",   "子涵", "宇航", "春梅", "德明"};
constexpr const char* kFirms[] = {"青溪市宏达建材有限公司", "青溪市绿源农业开发有限公司",
                                  "湖滨物流有限公司", "青溪市恒信房地产开发有限公司",
                                  "青溪市天顺商贸有限公司"};
constexpr const char* kOrgsByType[][2] = {
    {"青溪市农业科学研究所", "湖南省某大学公共管理学院课题组"},
    {"青溪市绿色家园环保志愿者协会", "青溪市助残公益服务中心"},
    {"湖滨律师事务所", "青溪市法律援助中心"},
    {"青溪市个体劳动者协会", "青溪市某村村民委员会"},
};

core::EventInput Input(RequestEventKind kind, Date on, std::string note) {
  core::EventInput in;
  in.kind = kind;
  in.on = on;
  in.actor = kActor;
  in.note = std::move(note);
  return in;
}

}  // namespace

Applicant MakeApplicant(Rng& rng, core::ApplicantType type) {
  Applicant a;
  switch (type) {
    case core::ApplicantType::kNaturalPerson:
      a.name = std::string(rng.Pick(kSurnames)) + rng.Pick(kGiven);
      // An invented number in a range no real document uses (area code 000000).
      a.id_document =
          "居民身份证 000000" + Str(rng.Int(1950, 2004)) + "0101" + Str(rng.Int(1000, 9999));
      break;
    case core::ApplicantType::kBusiness:
      a.name = rng.Pick(kFirms);
      a.id_document = "统一社会信用代码 00QX" + rng.Hex(7);
      break;
    default: {
      const auto& names = kOrgsByType[static_cast<int>(type) - 2];
      a.name = names[rng.Below(2)];
      a.id_document = "统一社会信用代码 00QX" + rng.Hex(7);
    }
  }
  for (char& c : a.id_document) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  a.contact = "0000-52" + Str(rng.Int(10000, 99999));
  return a;
}

RequestPlanner::RequestPlanner(Rng& rng, WorkingDays& days, const core::Calendar& calendar,
                               const std::vector<DemoOrg>& orgs, const WeightedPicker& bodies)
    : rng_(rng), days_(days), calendar_(calendar), orgs_(orgs), bodies_(bodies) {}

std::string RequestPlanner::Outcome(int index_in_year, int year) {
  const auto& codes = core::OutcomeCodes();
  std::string code;
  // A few outcomes per year in rotation, so every outcome appears over a few years;
  // the rest drawn by weight (mostly 予以公开, as in the seed).
  if (index_in_year < 3) {
    code = codes[static_cast<size_t>(forced_outcome_++) % codes.size()];
  } else {
    static const std::vector<int64_t> kWeights = {500, 100, 10, 10, 10, 20, 20, 20, 10, 20, 120,
                                                  40,  20,  30, 20, 10, 10, 10, 20, 10, 30};
    static const WeightedPicker picker(kWeights);
    code = codes[picker.Pick(rng_)];
  }
  // No fee could be notified before the fee rules took effect.
  if (code == "r6_2" && year < core::FeeRulesInForceFrom().year()) code = "r6_1";
  return code;
}

core::Result<bool> RequestPlanner::Apply(PlannedRequest& p, core::EventInput in) {
  if (in.on > days_.last()) return false;
  auto applied = core::ApplyEvent(p.request, p.events, in, calendar_, days_.last());
  if (!applied.ok()) {
    return core::Internal("演示数据生成了不合规则的申请事件（" +
                          std::string(core::RequestEventKindCode(in.kind)) + "，" + in.on.ToIso() +
                          "）: " + applied.status().message());
  }
  p.events.push_back(std::move(*applied));
  return true;
}

core::Status RequestPlanner::Play(PlannedRequest& p, const std::string& outcome, bool carried,
                                  bool late) {
  core::Request& r = p.request;
  const int limit = core::AnswerPeriodDays(core::RegimeFor(r.received_on));
  auto after = [&](Date d, int n) { return calendar_.AddWorkingDays(d, n).date; };
  auto last_on = [&] { return p.events.back().on; };

  // 补正: one notice within 7 working days with a deadline of 15 working days.
  auto correction = [&]() -> core::Result<bool> {
    auto in = Input(RequestEventKind::kCorrectionRequested, after(r.received_on, rng_.Int(2, 6)),
                    "一次性告知补正：请明确所需信息的名称、文号或其他特征性描述");
    in.correction_deadline = after(in.on, 15);
    return Apply(p, std::move(in));
  };

  if (outcome == "r6_1") {
    GONGKAI_ASSIGN_OR_RETURN(bool sent, correction());
    if (!sent) return core::Status::Ok();
    Date deadline = after(last_on(), 15);
    auto in = Input(RequestEventKind::kAbandon, after(deadline, rng_.Int(1, 5)),
                    "申请人逾期未补正，视为放弃申请");
    in.abandon_reason = "correction";
    return Apply(p, std::move(in)).status();
  }
  if (outcome == "r6_2") {
    auto in = Input(RequestEventKind::kFeeNotice, after(r.received_on, rng_.Int(3, 6)),
                    "书面通知申请人缴纳信息处理费");
    in.fee_basis = "per_volume";
    in.fee_quantity = rng_.Int(120, 400);
    in.fee_yuan = 10 * rng_.Int(5, 30);
    GONGKAI_ASSIGN_OR_RETURN(bool sent, Apply(p, std::move(in)));
    if (!sent) return core::Status::Ok();
    // After the applicant's time to pay (109号: kFeePaymentDays from the day after the notice).
    auto abandon = Input(RequestEventKind::kAbandon,
                         after(last_on(), core::kFeePaymentDays + 1 + rng_.Int(0, 3)),
                         "申请人逾期未缴纳信息处理费，视为放弃申请");
    abandon.abandon_reason = "fee";
    return Apply(p, std::move(abandon)).status();
  }
  if (outcome == core::kWithdrawnOutcome && rng_.Chance(0.6)) {
    return Apply(p, Input(RequestEventKind::kWithdraw, after(r.received_on, rng_.Int(1, 8)),
                          "申请人撤回申请"))
        .status();
  }
  if (outcome == "r4_3" || rng_.Chance(0.05)) {
    GONGKAI_ASSIGN_OR_RETURN(bool sent, correction());
    if (!sent) return core::Status::Ok();
    GONGKAI_ASSIGN_OR_RETURN(
        bool corrected, Apply(p, Input(RequestEventKind::kCorrected,
                                       after(last_on(), rng_.Int(2, 10)), "收到补正后的申请")));
    if (!corrected) return core::Status::Ok();
  }
  const double roll = rng_.Unit();
  if (roll < 0.04) {
    // A third party asked (第三十二条); it answers within its 15 working days.
    auto start = Input(RequestEventKind::kConsultationStart, after(last_on(), rng_.Int(2, 5)),
                       "书面征求第三方意见");
    start.consult_with = core::ConsultationKind::kThirdParty;
    GONGKAI_ASSIGN_OR_RETURN(bool asked, Apply(p, std::move(start)));
    if (!asked) return core::Status::Ok();
    GONGKAI_ASSIGN_OR_RETURN(
        bool replied, Apply(p, Input(RequestEventKind::kConsultationEnd,
                                     after(last_on(), rng_.Int(5, 14)), "收到第三方书面意见")));
    if (!replied) return core::Status::Ok();
  }
  GONGKAI_ASSIGN_OR_RETURN(core::DueDate due, core::ComputeDueDate(r, p.events, calendar_));
  if (!due.date) return core::Status::Ok();
  Date due_on = *due.date;
  if (roll >= 0.04 && roll < 0.09 && !late) {
    // Extended once with approval, the applicant told in writing (第三十三条).
    Date on = std::max(last_on(), days_.Back(due_on, 2));
    auto in = Input(RequestEventKind::kExtension, on,
                    "经政府信息公开工作机构负责人同意延长答复期限 " + Str(limit) +
                        " 个工作日，已于 " + on.ToIso() + " 以书面形式告知申请人");
    in.extension_days = limit;
    in.approver = "办公室主任";
    in.notified_on = on;  // 第三十三条: the applicant is told the same day
    in.notified_how = "书面告知";
    GONGKAI_ASSIGN_OR_RETURN(bool extended, Apply(p, std::move(in)));
    if (!extended) return core::Status::Ok();
    due_on = after(due_on, limit);
  }
  Date answer;
  if (late) {
    answer = after(due_on, rng_.Int(1, 5));  // 逾期: answered after the due date
  } else {
    const int span = calendar_.WorkingDaysBetween(last_on(), due_on).days;
    answer = span < 1 ? last_on() : after(last_on(), rng_.Int(std::min(3, span), span));
    if (carried && answer.year() == r.received_on.year()) {
      answer = std::max(answer, days_.OnOrAfter(YearStart(r.received_on.year() + 1)));
    }
  }
  auto in = Input(RequestEventKind::kAnswer, answer, "作出书面答复");
  in.outcome = outcome;
  return Apply(p, std::move(in)).status();
}

core::Result<std::vector<PlannedRequest>> RequestPlanner::Year(int year, int count,
                                                               Date last_receipt) {
  static constexpr const char* kDelivery[] = {"纸质", "电子邮件", "网络平台", "当场阅览", "光盘"};
  static const WeightedPicker channel_picker({30, 13, 1, 50, 6});     // kAllRequestChannels order
  static const WeightedPicker applicant_picker({78, 8, 2, 2, 7, 3});  // kAllApplicantTypes
  last_receipt = std::min(last_receipt, YearEnd(year));
  std::vector<PlannedRequest> plans;
  int closed_index = 0;
  for (int i = 0; i < count; ++i) {
    PlannedRequest p;
    p.org = bodies_.Pick(rng_);
    p.order = i;
    core::Request& r = p.request;
    r.org_id = orgs_[p.org].id;
    // The first few of each year cycle through every channel and applicant type.
    r.channel =
        i < 5 ? core::kAllRequestChannels[i] : core::kAllRequestChannels[channel_picker.Pick(rng_)];
    r.applicant_type = i < 6 ? core::kAllApplicantTypes[(i + year) % 6]
                             : core::kAllApplicantTypes[applicant_picker.Pick(rng_)];
    r.lookup_code_hash = rng_.Hex(32);
    const std::string subject = rng_.Pick(orgs_[p.org].domains);
    r.description = "申请公开" + orgs_[p.org].name + "关于" + subject + "的" +
                    (rng_.Chance(0.5) ? "相关文件" : Str(year - rng_.Int(0, 3)) + "年相关资料");
    if (rng_.Chance(0.15)) {
      r.doc_no = std::string(orgs_[p.org].spec->doc_prefix) + "〔" + Str(year - rng_.Int(0, 4)) +
                 "〕" + Str(rng_.Int(1, 60)) + "号";
    }
    r.delivery_form = rng_.Pick(kDelivery);
    // Carried over: a few received late in December, answered in January.
    const bool carried = last_receipt == YearEnd(year) && i >= count - rng_.Int(2, 3);
    const Date last_ordinary = std::min(Date::FromYmd(year, 12, 10), last_receipt);
    r.received_on = carried ? days_.Random(rng_, Date::FromYmd(year, 12, 18), YearEnd(year))
                            : days_.Random(rng_, YearStart(year), last_ordinary);
    switch (r.channel) {
      case core::RequestChannel::kPost:
        r.submitted_on = r.received_on.AddDays(-rng_.Int(2, 5));
        break;
      case core::RequestChannel::kOnline:
      case core::RequestChannel::kFax:
        r.submitted_on = r.received_on.AddDays(-rng_.Int(0, 2));
        break;
      default:
        r.submitted_on = r.received_on;
    }
    if (r.submitted_on.year() != year) r.submitted_on = r.received_on;
    core::RequestEvent receipt;
    receipt.kind = core::RequestEventKindCode(RequestEventKind::kReceipt);
    receipt.on = r.received_on;
    receipt.actor = kActor;
    receipt.note = std::string("收到申请（") + core::RequestChannelLabel(r.channel) + "）";
    p.events.push_back(std::move(receipt));
    const std::string outcome = Outcome(closed_index++, year);
    const bool late = rng_.Chance(0.04);
    GONGKAI_RETURN_IF_ERROR(Play(p, outcome, carried, late));
    plans.push_back(std::move(p));
  }
  std::sort(plans.begin(), plans.end(), [](const PlannedRequest& a, const PlannedRequest& b) {
    return std::tie(a.request.received_on, a.order) < std::tie(b.request.received_on, b.order);
  });
  return plans;
}

}  // namespace gongkai::demo
