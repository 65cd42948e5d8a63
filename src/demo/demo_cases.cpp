#include <utility>
#include <vector>

#include "core/cases.hpp"
#include "demo/demo_state.hpp"

namespace gongkai::demo {

using core::Id;
using core::OrgKind;

core::Status GenerateMeetings(DemoState& s, int year) {
  const Id root = s.orgs[0].id;
  std::string y = Str(year);
  std::vector<core::Meeting> meetings = {
      {0, root, core::MeetingCategory::kMeeting, "工作会议", "青溪市" + y + "年政务公开工作会议",
       s.days.RandomInMonths(s.rng, year, 2, 3), s.rng.Int(80, 120)},
      {0, root, core::MeetingCategory::kMeeting, "专题会议", "政府信息公开工作专题会议",
       s.days.RandomInMonths(s.rng, year, 7, 9), s.rng.Int(20, 40)},
      {0, root, core::MeetingCategory::kTraining, "业务培训", y + "年全市政府信息公开业务培训班",
       s.days.RandomInMonths(s.rng, year, 4, 6), s.rng.Int(70, 82)},
  };
  if (year == 2019) {
    meetings.push_back({0, root, core::MeetingCategory::kMeeting, "专题会议",
                        "新修订《中华人民共和国政府信息公开条例》贯彻落实专题会议",
                        s.days.RandomInMonths(s.rng, year, 4, 5), s.rng.Int(60, 90)});
  } else if (s.rng.Chance(0.4)) {
    meetings.push_back({0, root, core::MeetingCategory::kMeeting, "专题会议",
                        "政府信息公开年度工作考核部署会",
                        s.days.RandomInMonths(s.rng, year, 11, 12), s.rng.Int(30, 60)});
  }
  for (const auto& m : meetings) {
    // Meetings of months still ahead are not held yet (their dates were clamped to today).
    if (m.held_on >= s.today && s.today < YearEnd(year)) continue;
    GONGKAI_RETURN_IF_ERROR(s.repos.orgs().InsertMeeting(m).status());
    ++s.summary.meetings;
  }
  return core::Status::Ok();
}

core::Status GenerateResponses(DemoState& s, int year) {
  // Hot topics of the year; responses to one topic share its concern key.
  const int hotspots = s.rng.Int(4, 9);
  std::vector<std::string> subjects;
  for (int k = 0; k < hotspots; ++k) {
    subjects.push_back(s.rng.Pick(
        s.orgs[static_cast<size_t>(s.rng.Below(static_cast<int64_t>(s.orgs.size())))].domains));
  }
  struct Plan {
    core::ResponseKind kind;
    int lo, hi;
  };
  const Plan plans[] = {{core::ResponseKind::kPressConference, 2, 5},
                        {core::ResponseKind::kOnlineInterview, 1, 3},
                        {core::ResponseKind::kInterpretation, 8, 20},
                        {core::ResponseKind::kWeiboWechat, 5, 15},
                        {core::ResponseKind::kOther, 3, 8}};
  for (const Plan& plan : plans) {
    const int n = s.rng.Int(plan.lo, plan.hi);
    for (int k = 0; k < n; ++k) {
      core::Response r;
      const bool at_root = k == 0 || s.rng.Chance(0.5);
      // Otherwise one of the first 55 市直部门 (they follow the root in kOrgSpecs).
      r.org_id = at_root ? s.orgs[0].id : s.orgs[1 + static_cast<size_t>(s.rng.Below(55))].id;
      r.kind = plan.kind;
      r.held_on = s.days.RandomInYear(s.rng, year);
      const int hotspot = static_cast<int>(s.rng.Below(hotspots));
      r.concern_key = Str(year) + "-hot-" + Str(hotspot + 1);
      switch (plan.kind) {
        case core::ResponseKind::kPressConference:
          r.topic = "青溪市" + subjects[hotspot] + "新闻发布会";
          r.principal_attended = k == 0 || s.rng.Chance(0.4);
          break;
        case core::ResponseKind::kOnlineInterview:
          r.topic = "“" + subjects[hotspot] + "”在线访谈";
          r.principal_attended = s.rng.Chance(0.3);
          break;
        case core::ResponseKind::kInterpretation:
          r.topic = subjects[hotspot] + "政策解读";
          if (!s.year_items.empty() && s.rng.Chance(0.7)) {
            // The drafting body interprets its own document when it is published.
            const NormativeItem& item = s.rng.Pick(s.year_items);
            r.org_id = item.org_id;
            r.interpreted_item_id = item.id;
            r.held_on = item.published_on;
          }
          break;
        case core::ResponseKind::kWeiboWechat:
          r.topic = "关于" + subjects[hotspot] + "网民关切的回应";
          break;
        case core::ResponseKind::kOther:
          r.topic = "关于" + subjects[hotspot] + "社会关切的答复";
          break;
      }
      GONGKAI_RETURN_IF_ERROR(s.repos.items().InsertResponse(r).status());
      ++s.summary.responses;
    }
  }
  return core::Status::Ok();
}

core::Status GenerateConsultations(DemoState& s, int year) {
  static constexpr const char* kTopics[] = {
      "户籍户证",     "婚姻登记",     "投资与创业",   "公共交通",     "社会保险",
      "医疗保险",     "不动产登记",   "住房公积金",   "义务教育入学", "企业开办",
      "税费办理",     "低保救助",     "残疾人补贴",   "退役军人优待", "出入境证件",
      "机动车驾驶证", "工程建设审批", "食品经营许可", "养老服务",     "政府信息公开申请流程"};
  std::vector<core::Consultation> rows;
  rows.reserve(9500);
  const std::pair<core::ConsultChannel, int> plan[] = {
      {core::ConsultChannel::kOnSite, s.rng.Int(5050, 5350)},
      {core::ConsultChannel::kPhone, s.rng.Int(2700, 2900)},
      {core::ConsultChannel::kOnline, s.rng.Int(940, 1080)}};
  for (const auto& [channel, n] : plan) {
    for (int64_t k = 0, m = s.Scaled(n, year); k < m; ++k) {
      core::Consultation c;
      c.org_id = s.orgs[s.consult_picker->Pick(s.rng)].id;
      c.channel = channel;
      c.asked_on = channel == core::ConsultChannel::kOnline ? s.DayOf(year)
                                                            : s.days.RandomInYear(s.rng, year);
      c.topic = s.rng.Pick(kTopics);
      // This week's questions are partly still open.
      c.answered = s.today - c.asked_on < 5 ? s.rng.Chance(0.5) : !s.rng.Chance(0.004);
      rows.push_back(std::move(c));
    }
  }
  GONGKAI_RETURN_IF_ERROR(s.repos.cases().InsertConsultations(rows));
  s.summary.consultations += static_cast<int64_t>(rows.size());
  return core::Status::Ok();
}

core::Status GenerateComplaints(DemoState& s, int year) {
  static constexpr const char* kIssues[] = {
      "噪音扰民", "道路破损",       "路灯不亮", "违章搭建",    "占道经营",     "拖欠工资",
      "物业纠纷", "垃圾清运不及时", "供水中断", "排污扰民",    "校外培训收费", "医保报销",
      "房屋质量", "户籍迁移",       "食品安全", "交通拥堵",    "油烟扰民",     "农村道路硬化",
      "低保评定", "征地补偿",       "公交线路", "燃气安全隐患"};
  std::vector<core::Complaint> rows;
  rows.reserve(9600);
  const Date data_end = s.today;
  const std::pair<core::ComplaintChannel, int> plan[] = {
      {core::ComplaintChannel::kMayorMailbox, s.rng.Int(3150, 3350)},
      {core::ComplaintChannel::kHotline12345, s.rng.Int(5500, 5700)},
      {core::ComplaintChannel::kOther, s.rng.Int(420, 520)}};
  for (const auto& [channel, n] : plan) {
    for (int64_t k = 0, m = s.Scaled(n, year); k < m; ++k) {
      core::Complaint c;
      const size_t o = s.consult_picker->Pick(s.rng);
      c.org_id = s.orgs[o].id;
      c.channel = channel;
      c.received_on = s.DayOf(year);
      const std::string& place =
          s.orgs[o].spec->kind == OrgKind::kTownship ? s.orgs[o].name : std::string(kCity);
      c.subject = "反映" + place + s.rng.Pick(kIssues) + "问题";
      Date replied = c.received_on.AddDays(s.rng.Int(1, 12));
      // This week's are partly unanswered: replies not yet due are not dated after today.
      if (replied <= data_end && !s.rng.Chance(0.002)) c.replied_on = replied;
      rows.push_back(std::move(c));
    }
  }
  GONGKAI_RETURN_IF_ERROR(s.repos.cases().InsertComplaints(rows));
  s.summary.complaints += static_cast<int64_t>(rows.size());
  return core::Status::Ok();
}

core::Status GenerateLegalCases(DemoState& s, int year) {
  static const WeightedPicker result_picker({50, 20, 20});  // maintained, corrected, other
  const int n = s.rng.Int(1, 4);
  for (int k = 0; k < n; ++k) {
    core::LegalCase c;
    c.kind = static_cast<core::CaseKind>(s.forced_case_kind++ % 3);
    if (!s.year_requests.empty() && s.rng.Chance(0.8)) {
      const ContestedAnswer& r = s.rng.Pick(s.year_requests);
      c.org_id = s.orgs[r.org].id;
      c.request_id = r.id;
      c.filed_on = s.days.OnOrAfter(r.closed_on.AddDays(s.rng.Int(15, 55)));
    } else {
      c.org_id = s.orgs[s.request_picker->Pick(s.rng)].id;
      c.filed_on = s.days.RandomInYear(s.rng, year);
    }
    const int span = c.kind == core::CaseKind::kReview ? s.rng.Int(30, 90) : s.rng.Int(60, 180);
    Date closed = s.days.OnOrAfter(c.filed_on.AddDays(span));
    if (closed > s.today) {
      c.result = core::CaseResult::kPending;  // 尚未审结 when the data ends
    } else {
      c.result = static_cast<core::CaseResult>(result_picker.Pick(s.rng));
      c.closed_on = closed;
    }
    if (c.filed_on > s.today) continue;  // not filed yet
    GONGKAI_RETURN_IF_ERROR(s.repos.cases().InsertLegalCase(c).status());
    ++s.summary.legal_cases;
  }
  if (year == s.today.year()) {
    // A review case filed in the last fortnight, pending: something for the office to answer.
    core::LegalCase c;
    c.kind = core::CaseKind::kReview;
    c.org_id = s.orgs[s.request_picker->Pick(s.rng)].id;
    c.filed_on = s.days.Back(s.today, s.rng.Int(2, 9));
    c.result = core::CaseResult::kPending;
    if (!s.year_requests.empty()) {
      const ContestedAnswer& r = s.rng.Pick(s.year_requests);
      if (r.closed_on < c.filed_on) {
        c.org_id = s.orgs[r.org].id;
        c.request_id = r.id;
      }
    }
    GONGKAI_RETURN_IF_ERROR(s.repos.cases().InsertLegalCase(c).status());
    ++s.summary.legal_cases;
  }
  return core::Status::Ok();
}

}  // namespace gongkai::demo
