// Vocabularies (codes and labels) and validation of the record types.
#include <algorithm>

#include "core/cases.hpp"
#include "core/enum_table.hpp"
#include "core/item.hpp"
#include "core/org.hpp"
#include "core/report_format.hpp"
#include "core/request.hpp"
#include "core/user.hpp"

namespace gongkai::core {
namespace {

constexpr EnumEntry<OrgKind> kOrgKinds[] = {
    {OrgKind::kGovernment, "government", "人民政府"},
    {OrgKind::kDepartment, "department", "部门"},
    {OrgKind::kTownship, "township", "乡镇街道"},
    {OrgKind::kInstitution, "institution", "公共企事业单位"},
};
constexpr EnumEntry<MeetingCategory> kMeetingCategories[] = {
    {MeetingCategory::kMeeting, "meeting", "会议"},
    {MeetingCategory::kTraining, "training", "培训"},
};
constexpr EnumEntry<Role> kRoles[] = {
    {Role::kAdmin, "admin", "管理员"},           {Role::kEditor, "editor", "信息编辑"},
    {Role::kReviewer, "reviewer", "保密审查员"}, {Role::kCaseHandler, "case_handler", "申请办理员"},
    {Role::kAuditor, "auditor", "审计员"},
};
constexpr EnumEntry<ItemState> kItemStates[] = {
    {ItemState::kDraft, "draft", "草稿"},           {ItemState::kSubmitted, "submitted", "待审查"},
    {ItemState::kApproved, "approved", "审查通过"}, {ItemState::kRejected, "rejected", "审查退回"},
    {ItemState::kPublished, "published", "已发布"}, {ItemState::kWithdrawn, "withdrawn", "已撤回"},
};
constexpr EnumEntry<Validity> kValidities[] = {
    {Validity::kValid, "valid", "有效"},
    {Validity::kExpired, "expired", "失效"},
    {Validity::kRepealed, "repealed", "废止"},
};
constexpr EnumEntry<Channel> kChannels[] = {
    {Channel::kWebsite, "website", "政府网站"}, {Channel::kGazette, "gazette", "政府公报"},
    {Channel::kWeibo, "weibo", "政务微博"},     {Channel::kWechat, "wechat", "政务微信"},
    {Channel::kApp, "app", "移动客户端"},       {Channel::kOther, "other", "其他"},
};
constexpr EnumEntry<ResponseKind> kResponseKinds[] = {
    {ResponseKind::kPressConference, "press_conference", "新闻发布会"},
    {ResponseKind::kOnlineInterview, "online_interview", "在线访谈"},
    {ResponseKind::kInterpretation, "interpretation", "政策解读稿件"},
    {ResponseKind::kWeiboWechat, "weibo_wechat", "微博微信"},
    {ResponseKind::kOther, "other", "其他"},
};
constexpr EnumEntry<RequestChannel> kRequestChannels[] = {
    {RequestChannel::kInPerson, "in_person", "当面"},
    {RequestChannel::kPost, "post", "邮寄"},
    {RequestChannel::kFax, "fax", "传真"},
    {RequestChannel::kOnline, "online", "网络"},
    {RequestChannel::kOther, "other", "其他"},
};
constexpr EnumEntry<ApplicantType> kApplicantTypes[] = {
    {ApplicantType::kNaturalPerson, "natural_person", "自然人"},
    {ApplicantType::kBusiness, "business", "商业企业"},
    {ApplicantType::kResearch, "research", "科研机构"},
    {ApplicantType::kPublicWelfare, "public_welfare", "社会公益组织"},
    {ApplicantType::kLegalService, "legal_service", "法律服务机构"},
    {ApplicantType::kOtherOrg, "other_org", "其他"},
};
constexpr EnumEntry<RequestState> kRequestStates[] = {
    {RequestState::kReceived, "received", "已收到"},
    {RequestState::kCorrectionRequested, "correction_requested", "待补正"},
    {RequestState::kInProgress, "in_progress", "办理中"},
    {RequestState::kAnswered, "answered", "已答复"},
    {RequestState::kAbandoned, "abandoned", "视为放弃"},
    {RequestState::kWithdrawn, "withdrawn", "已撤回"},
};
constexpr EnumEntry<ConsultChannel> kConsultChannels[] = {
    {ConsultChannel::kOnSite, "on_site", "现场"},
    {ConsultChannel::kPhone, "phone", "电话"},
    {ConsultChannel::kOnline, "online", "网上"},
};
constexpr EnumEntry<ComplaintChannel> kComplaintChannels[] = {
    {ComplaintChannel::kMayorMailbox, "mayor_mailbox", "市长信箱"},
    {ComplaintChannel::kHotline12345, "hotline_12345", "12345热线"},
    {ComplaintChannel::kOther, "other", "其他"},
};
constexpr EnumEntry<CaseResult> kCaseResults[] = {
    {CaseResult::kMaintained, "maintained", "结果维持"},
    {CaseResult::kCorrected, "corrected", "结果纠正"},
    {CaseResult::kOther, "other", "其他结果"},
    {CaseResult::kPending, "pending", "尚未审结"},
};
constexpr EnumEntry<CaseKind> kCaseKinds[] = {
    {CaseKind::kReview, "review", "行政复议"},
    {CaseKind::kLitigationDirect, "litigation_direct", "未经复议直接起诉"},
    {CaseKind::kLitigationAfterReview, "litigation_after_review", "复议后起诉"},
};

bool IsAsciiAlnumUpper(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

const char* OrgKindCode(OrgKind kind) { return EnumLookup(kOrgKinds, kind).code; }
const char* OrgKindLabel(OrgKind kind) { return EnumLookup(kOrgKinds, kind).label; }
Result<OrgKind> ParseOrgKind(std::string_view t) { return EnumParse(kOrgKinds, t, "kind"); }
const char* MeetingCategoryCode(MeetingCategory c) {
  return EnumLookup(kMeetingCategories, c).code;
}
Result<MeetingCategory> ParseMeetingCategory(std::string_view t) {
  return EnumParse(kMeetingCategories, t, "category");
}
const char* RoleCode(Role role) { return EnumLookup(kRoles, role).code; }
const char* RoleLabel(Role role) { return EnumLookup(kRoles, role).label; }
Result<Role> ParseRole(std::string_view t) { return EnumParse(kRoles, t, "role"); }
const char* ItemStateCode(ItemState s) { return EnumLookup(kItemStates, s).code; }
Result<ItemState> ParseItemState(std::string_view t) { return EnumParse(kItemStates, t, "state"); }
const char* ValidityCode(Validity v) { return EnumLookup(kValidities, v).code; }
const char* ValidityLabel(Validity v) { return EnumLookup(kValidities, v).label; }
Result<Validity> ParseValidity(std::string_view t) { return EnumParse(kValidities, t, "validity"); }
const char* ChannelCode(Channel c) { return EnumLookup(kChannels, c).code; }
const char* ChannelLabel(Channel c) { return EnumLookup(kChannels, c).label; }
Result<Channel> ParseChannel(std::string_view t) { return EnumParse(kChannels, t, "channel"); }
const char* ResponseKindCode(ResponseKind k) { return EnumLookup(kResponseKinds, k).code; }
const char* ResponseKindLabel(ResponseKind k) { return EnumLookup(kResponseKinds, k).label; }
Result<ResponseKind> ParseResponseKind(std::string_view t) {
  return EnumParse(kResponseKinds, t, "kind");
}
const char* RequestChannelCode(RequestChannel c) { return EnumLookup(kRequestChannels, c).code; }
const char* RequestChannelLabel(RequestChannel c) { return EnumLookup(kRequestChannels, c).label; }
Result<RequestChannel> ParseRequestChannel(std::string_view t) {
  return EnumParse(kRequestChannels, t, "channel");
}
const char* ApplicantTypeCode(ApplicantType t) { return EnumLookup(kApplicantTypes, t).code; }
const char* ApplicantTypeLabel(ApplicantType t) { return EnumLookup(kApplicantTypes, t).label; }
Result<ApplicantType> ParseApplicantType(std::string_view t) {
  return EnumParse(kApplicantTypes, t, "applicant_type");
}
const char* RequestStateCode(RequestState s) { return EnumLookup(kRequestStates, s).code; }
Result<RequestState> ParseRequestState(std::string_view t) {
  return EnumParse(kRequestStates, t, "state");
}
bool IsClosed(RequestState s) {
  return s == RequestState::kAnswered || s == RequestState::kAbandoned ||
         s == RequestState::kWithdrawn;
}
const char* ConsultChannelCode(ConsultChannel c) { return EnumLookup(kConsultChannels, c).code; }
const char* ConsultChannelLabel(ConsultChannel c) { return EnumLookup(kConsultChannels, c).label; }
Result<ConsultChannel> ParseConsultChannel(std::string_view t) {
  return EnumParse(kConsultChannels, t, "channel");
}
const char* ComplaintChannelCode(ComplaintChannel c) {
  return EnumLookup(kComplaintChannels, c).code;
}
const char* ComplaintChannelLabel(ComplaintChannel c) {
  return EnumLookup(kComplaintChannels, c).label;
}
Result<ComplaintChannel> ParseComplaintChannel(std::string_view t) {
  return EnumParse(kComplaintChannels, t, "channel");
}
const char* CaseResultCode(CaseResult r) { return EnumLookup(kCaseResults, r).code; }
const char* CaseResultLabel(CaseResult r) { return EnumLookup(kCaseResults, r).label; }
Result<CaseResult> ParseCaseResult(std::string_view t) {
  return EnumParse(kCaseResults, t, "result");
}
const char* CaseKindCode(CaseKind k) { return EnumLookup(kCaseKinds, k).code; }
const char* CaseKindLabel(CaseKind k) { return EnumLookup(kCaseKinds, k).label; }
Result<CaseKind> ParseCaseKind(std::string_view t) { return EnumParse(kCaseKinds, t, "kind"); }

const std::vector<std::string>& OutcomeCodes() {
  // The data rows under 三、本年度办理结果 of the 2021 format's table 三 — （一）–（六）and
  // their numbered sub-items — as core/report_format.cpp lists them (the one copy of the
  // layout). （七）总计 is a sum, not an outcome.
  static const std::vector<std::string> kCodes = [] {
    const TableDef& t = *GetReportFormat(ReportFormat::kFormat2021).Table("table3");
    auto under_results = [&t](const RowDef& row) {
      for (const RowDef* r = &row; r != nullptr; r = t.Row(r->parent)) {
        if (r->parent == "results") return true;
        if (r->parent.empty()) return false;
      }
      return false;
    };
    std::vector<std::string> codes;
    for (const RowDef& row : t.rows) {
      if (row.data && row.id != "r7_total" && under_results(row)) codes.emplace_back(row.id);
    }
    return codes;
  }();
  return kCodes;
}

bool IsOutcomeCode(std::string_view code) {
  const auto& codes = OutcomeCodes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Status ValidateOrgCode(std::string_view code) {
  bool ok = code.size() >= 2 && code.size() <= 16 &&
            std::all_of(code.begin(), code.end(),
                        [](char c) { return IsAsciiAlnumUpper(c) || c == '-'; });
  if (!ok) {
    return InvalidArgument(
        "机构代码应为 2–16 位大写字母、数字或 '-': '" + std::string(code.substr(0, 40)) + "'",
        "code");
  }
  return Status::Ok();
}

Status ValidateOrg(const Org& org) {
  GONGKAI_RETURN_IF_ERROR(ValidateOrgCode(org.code));
  if (org.name.empty() || org.name.size() > 200) {
    return InvalidArgument("机构名称不能为空且不超过 200 字节", "name");
  }
  for (const auto& point : org.reading_points) {
    if (point.name.empty()) return InvalidArgument("查阅点名称不能为空", "reading_points");
  }
  return Status::Ok();
}

Status ValidateOrgYearFacts(const OrgYearFacts& f) {
  if (f.year < 2000 || f.year > 2999) return InvalidArgument("年份无效", "year");
  if (f.dedicated_bodies < 0) return InvalidArgument("专门机构数不能为负", "dedicated_bodies");
  if (f.staff_full_time < 0) return InvalidArgument("专职人员数不能为负", "staff_full_time");
  if (f.staff_part_time < 0) return InvalidArgument("兼职人员数不能为负", "staff_part_time");
  if (f.funding_yuan < 0) return InvalidArgument("专项经费不能为负", "funding_yuan");
  return Status::Ok();
}

Status ValidateUsername(std::string_view name) {
  bool ok =
      name.size() >= 3 && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (!ok) {
    return InvalidArgument("用户名应为 3–32 位小写字母、数字或 . _ -", "username");
  }
  return Status::Ok();
}

Status ValidatePasswordStrength(std::string_view password) {
  // Count code points, not bytes: a Chinese passphrase is as good as a Latin one.
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  if (chars < 10) return InvalidArgument("密码至少 10 个字符", "password");
  if (password.size() > 1024) return InvalidArgument("密码过长", "password");
  return Status::Ok();
}

}  // namespace gongkai::core
