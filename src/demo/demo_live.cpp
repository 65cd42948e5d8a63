#include "demo/demo_live.hpp"

#include <algorithm>

#include "core/body_data_service.hpp"
#include "core/guide.hpp"
#include "core/item_workflow.hpp"
#include "core/request_clock.hpp"
#include "core/request_fee.hpp"
#include "core/request_service.hpp"

namespace gongkai::demo {
namespace {

using core::RequestEventKind;

// One request in flight: received `back` working days before today, then `steps`.
struct Scenario {
  const char* org;  // body code after "QXS-"; "" for the root
  core::RequestChannel channel;
  int back;
  const char* subject;
};

// What is done to a request after intake.
enum class Then {
  kNothing,           // received today / yesterday / due soon / overdue
  kNote,              // a note: passed to the department that holds the information
  kAwaitCorrection,   // 补正 notice sent 2 working days ago, deadline ahead
  kCorrected,         // 补正 notice, corrected request received: in progress
  kThirdParty,        // third-party consultation running
  kExtended,          // extended 5 working days before the due date, applicant told
  kFeeUnpaid,         // fee notice 3 working days ago, not paid
  kAnsweredThisWeek,  // answered yesterday
};

struct Flight {
  Scenario s;
  Then then;
};

constexpr Flight kFlights[] = {
    {{"SPJ", core::RequestChannel::kOnline, 0, "企业投资项目备案信息"}, Then::kNothing},
    {{"ZRJ", core::RequestChannel::kInPerson, 0, "某地块土地征收补偿安置方案"}, Then::kNothing},
    {{"ZJJ", core::RequestChannel::kOnline, 1, "老旧小区改造项目清单"}, Then::kNothing},
    {{"JYJ", core::RequestChannel::kPost, 17, "义务教育学校划片范围"}, Then::kNote},
    {{"", core::RequestChannel::kOnline, 18, "重点民生实事项目资金安排"}, Then::kNote},
    {{"RSJ", core::RequestChannel::kInPerson, 19, "事业单位公开招聘考试成绩"}, Then::kNothing},
    {{"SCJ", core::RequestChannel::kOnline, 21, "某食品经营企业行政处罚决定"}, Then::kNote},
    {{"NYJ", core::RequestChannel::kOnline, 5, "耕地地力保护补贴发放名单"}, Then::kAwaitCorrection},
    {{"MZJ", core::RequestChannel::kPost, 12, "城乡低保资金发放情况"}, Then::kCorrected},
    {{"ZRJ", core::RequestChannel::kOnline, 12, "某建设项目用地审批材料"}, Then::kThirdParty},
    {{"STJ", core::RequestChannel::kOnline, 24, "某企业环境影响评价批复"}, Then::kExtended},
    {{"ZJJ", core::RequestChannel::kOnline, 8, "近十年商品房预售许可资料"}, Then::kFeeUnpaid},
    {{"JTJ", core::RequestChannel::kInPerson, 10, "农村公路建设项目资金"}, Then::kAnsweredThisWeek},
};

core::EventInput Input(RequestEventKind kind, Date on, std::string note) {
  core::EventInput in;
  in.kind = kind;
  in.on = on;
  in.actor = kHandler;
  in.note = std::move(note);
  return in;
}

std::string OrgCode(const char* code) {
  return code[0] ? std::string(kRootCode) + "-" + code : std::string(kRootCode);
}

core::Status Then_(LiveContext& live, const core::ChangeContext& ctx, core::Id id, Date received,
                   Then then) {
  const Date today = live.days.last();
  auto back = [&](int n) { return std::max(received, live.days.Back(today, n)); };
  auto record = [&](core::EventInput in) {
    return core::RecordRequestEvent(live.repos, ctx, today, id, std::move(in)).status();
  };
  switch (then) {
    case Then::kNothing:
      return core::Status::Ok();
    case Then::kNote:
      return record(Input(RequestEventKind::kNote, back(1), "已转承办科室检索，待提供信息"));
    case Then::kAwaitCorrection:
    case Then::kCorrected: {
      auto in = Input(RequestEventKind::kCorrectionRequested,
                      live.calendar.AddWorkingDays(received, 2).date,
                      "一次性告知补正：请明确所需信息的名称、文号或其他特征性描述");
      in.correction_deadline = live.calendar.AddWorkingDays(in.on, 15).date;
      GONGKAI_RETURN_IF_ERROR(record(std::move(in)));
      if (then == Then::kAwaitCorrection) return core::Status::Ok();
      return record(Input(RequestEventKind::kCorrected, back(4), "收到补正后的申请"));
    }
    case Then::kThirdParty: {
      auto in = Input(RequestEventKind::kConsultationStart, back(6),
                      "公开可能损害第三方合法权益，书面征求第三方意见");
      in.consult_with = core::ConsultationKind::kThirdParty;
      return record(std::move(in));
    }
    case Then::kExtended: {
      Date on = back(5);
      auto in = Input(RequestEventKind::kExtension, on,
                      "经政府信息公开工作机构负责人同意延长答复期限 20 个工作日，已于 " +
                          on.ToIso() + " 以书面形式告知申请人");
      in.extension_days = 20;
      in.approver = "办公室主任";
      in.notified_on = on;  // 第三十三条: the applicant is told the same day
      in.notified_how = "书面告知";
      return record(std::move(in));
    }
    case Then::kFeeUnpaid:
      return core::NotifyFee(live.repos, ctx, today, id, core::FeeBasis::kPerVolume, 260, 0,
                             back(3), "申请信息数量明显超过合理范围，书面通知缴纳信息处理费")
          .status();
    case Then::kAnsweredThisWeek: {
      auto in = Input(RequestEventKind::kAnswer, back(1), "作出书面答复");
      in.outcome = "r1_open";
      return record(std::move(in));
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<LiveCounts> LiveRequests(LiveContext& live) {
  LiveCounts counts;
  const Date today = live.days.last();
  const core::ChangeContext ctx{kHandler, live.at};
  for (const Flight& f : kFlights) {
    // No fee notice before the fee rules took effect (core::FeeRulesInForceFrom).
    if (f.then == Then::kFeeUnpaid && today < core::FeeRulesInForceFrom()) continue;
    const Date received = live.days.Back(today, f.s.back);
    core::IntakeInput in;
    in.org_code = OrgCode(f.s.org);
    in.channel = f.s.channel;
    in.applicant_type =
        live.rng.Chance(0.8) ? core::ApplicantType::kNaturalPerson : core::ApplicantType::kBusiness;
    in.submitted_on = received;
    if (f.s.channel != core::RequestChannel::kInPerson) in.confirmed_on = received;
    in.description = std::string("申请公开") + f.s.subject;
    in.delivery_form = live.rng.Chance(0.5) ? "电子邮件" : "纸质";
    GONGKAI_ASSIGN_OR_RETURN(in.applicant_sealed,
                             live.seal(MakeApplicant(live.rng, in.applicant_type)));
    in.lookup_code_hash = live.rng.Hex(32);
    GONGKAI_ASSIGN_OR_RETURN(core::IntakeResult intake,
                             core::IntakeRequest(live.repos, ctx, today, in));
    GONGKAI_RETURN_IF_ERROR(Then_(live, ctx, intake.view.request.id, received, f.then));
    ++counts.requests;
  }
  return counts;
}

core::Result<LiveCounts> LiveItems(LiveContext& live) {
  LiveCounts counts;
  const Date today = live.days.last();
  const core::ChangeContext editor{kEditor, live.at};
  const core::ChangeContext reviewer{kReviewer, live.at};
  struct Work {
    const char* org;
    const char* category;
    const char* title;
    int formed_back;
    core::ItemState state;
    const char* author;
  };
  const Work work[] = {
      {"ZFB", "通知公告", "关于做好今冬明春安全生产工作的通知", 1, core::ItemState::kDraft,
       kEditor},
      {"FGJ", "工作动态", "市发展和改革局召开重点项目建设调度会", 0, core::ItemState::kDraft,
       kEditor},
      {"JYJ", "通知公告", "关于公布义务教育阶段学校招生范围的公告", 2, core::ItemState::kDraft,
       kJyjEditor},
      {"WJJ", "通知公告", "关于开展冬季爱国卫生运动的通知", 3, core::ItemState::kSubmitted,
       kEditor},
      {"", "工作动态", "市政府召开政务公开工作推进会", 1, core::ItemState::kSubmitted, kEditor},
      {"JYJ", "工作动态", "市教育局部署校园安全专项检查", 2, core::ItemState::kSubmitted,
       kJyjEditor},
      {"ZJJ", "涉及人民群众切身利益的重大事项", "老旧小区改造项目实施方案（征求意见稿）", 4,
       core::ItemState::kSubmitted, kEditor},
      {"SCJ", "通知公告", "关于某企业行政处罚决定的公示", 6, core::ItemState::kRejected, kEditor},
      // Formed five weeks ago and forgotten: past the 20 working days of 第二十六条, an
      // honest finding of the column audit.
      {"MZJ", "通知公告", "关于调整城乡低保标准的通知", 26, core::ItemState::kDraft, kEditor},
  };
  for (const Work& w : work) {
    GONGKAI_ASSIGN_OR_RETURN(auto org, live.repos.orgs().FindByCode(OrgCode(w.org)));
    if (!org) return core::NotFound("演示机构不存在: " + OrgCode(w.org));
    core::Item item;
    item.org_id = org->id;
    item.title = w.title;
    item.category = w.category;
    item.topic = "综合政务";
    item.summary = org->name + "：" + w.title;
    item.formed_on = live.days.Back(today, w.formed_back);
    item.body_md = "# " + std::string(w.title) + "\n\n" + org->name +
                   "。\n\n（青溪市为虚构城市，本条为演示数据。）\n";
    const core::ChangeContext ctx{w.author, live.at};
    GONGKAI_ASSIGN_OR_RETURN(core::Item created, core::CreateItem(live.repos, ctx, w.author, item));
    ++counts.items;
    if (w.state == core::ItemState::kDraft) continue;
    GONGKAI_RETURN_IF_ERROR(core::SubmitItem(live.repos, ctx, w.author, created.id).status());
    if (w.state == core::ItemState::kRejected) {
      GONGKAI_RETURN_IF_ERROR(core::ReviewItem(live.repos, reviewer, kReviewer, created.id, false,
                                               "含有当事人身份证号码，请删去个人信息后重新提交")
                                  .status());
    }
  }
  // Two bodies moved their acceptance point this month: their guides no longer match the
  // records, and a new version waits for review.
  for (const char* code : {"SCJ", "RSJ"}) {
    GONGKAI_ASSIGN_OR_RETURN(auto org, live.repos.orgs().FindByCode(OrgCode(code)));
    if (!org) return core::NotFound("演示机构不存在: " + OrgCode(code));
    core::OrgContact contact;
    contact.acceptance_address = "青溪市迎宾大道88号市政务服务中心三楼" +
                                 std::string(org->name.substr(std::string_view(kCity).size())) +
                                 "窗口";
    contact.acceptance_hours = org->acceptance_hours;
    contact.acceptance_phone = "0000-53" + Str(live.rng.Int(10000, 99999));
    contact.reading_points = org->reading_points;
    const core::ChangeContext admin{"demo-admin", live.at};
    GONGKAI_RETURN_IF_ERROR(
        core::UpdateOrgContact(live.repos, admin, org->id, std::move(contact)).status());
    GONGKAI_ASSIGN_OR_RETURN(core::GuideProposalResult proposed,
                             core::ProposeGuideUpdate(live.repos, editor, kEditor, org->id, today));
    if (proposed.what == core::GuideProposal::kProposed) ++counts.items;
  }
  return counts;
}

}  // namespace gongkai::demo
