#include "core/case_service.hpp"

#include "core/json_writer.hpp"
#include "core/org_service.hpp"

namespace gongkai::core {
namespace {

std::optional<std::string> IsoOrNull(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->ToIso()) : std::nullopt;
}

std::string AuditJson(const LegalCase& c) {
  return JsonObjectWriter()
      .Add("id", int64_t{c.id})
      .Add("org_id", int64_t{c.org_id})
      .Add("kind", CaseKindCode(c.kind))
      .Add("request_id", c.request_id)
      .Add("filed_on", c.filed_on.ToIso())
      .Add("result", CaseResultCode(c.result))
      .Add("closed_on", IsoOrNull(c.closed_on))
      .Finish();
}

std::string AuditJson(const Complaint& c) {
  return JsonObjectWriter()
      .Add("org_id", int64_t{c.org_id})
      .Add("channel", ComplaintChannelCode(c.channel))
      .Add("received_on", c.received_on.ToIso())
      .Add("replied_on", IsoOrNull(c.replied_on))
      .Finish();
}

Status NotFuture(Date d, Date today, const char* field) {
  if (d > today) return InvalidArgument("日期 " + d.ToIso() + " 晚于今天", field);
  return Status::Ok();
}

Status CheckResult(const LegalCase& c, Date today) {
  if (c.result == CaseResult::kPending) {
    if (c.closed_on) return InvalidArgument("尚未审结的案件不能有审结日期", "closed_on");
    return Status::Ok();
  }
  if (!c.closed_on) return InvalidArgument("已审结的案件须给出审结日期", "closed_on");
  if (*c.closed_on < c.filed_on) return InvalidArgument("审结日期早于立案日期", "closed_on");
  return NotFuture(*c.closed_on, today, "closed_on");
}

}  // namespace

Result<Consultation> AddConsultation(Repositories& repos, const ChangeContext& ctx, Date today,
                                     std::string_view org_code, Consultation c) {
  GONGKAI_RETURN_IF_ERROR(NotFuture(c.asked_on, today, "date"));
  if (c.topic.size() > 500) return InvalidArgument("咨询事项过长（最多 500 字节）", "topic");
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, org_code));
  c.org_id = org.id;
  std::vector<Consultation> rows{c};
  GONGKAI_RETURN_IF_ERROR(repos.cases().InsertConsultations(rows));
  c.id = rows.front().id;
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "consultation.create", "consultation",
                                       std::to_string(c.id), "",
                                       JsonObjectWriter()
                                           .Add("org_id", int64_t{c.org_id})
                                           .Add("channel", ConsultChannelCode(c.channel))
                                           .Add("asked_on", c.asked_on.ToIso())
                                           .Add("answered", c.answered)
                                           .Finish()));
  return c;
}

Result<Complaint> AddComplaint(Repositories& repos, const ChangeContext& ctx, Date today,
                               std::string_view org_code, Complaint c) {
  GONGKAI_RETURN_IF_ERROR(NotFuture(c.received_on, today, "date"));
  if (c.replied_on) {
    GONGKAI_RETURN_IF_ERROR(NotFuture(*c.replied_on, today, "replied_on"));
    if (*c.replied_on < c.received_on) return InvalidArgument("答复日期早于收到日期", "replied_on");
  }
  if (c.subject.size() > 500) return InvalidArgument("事由过长（最多 500 字节）", "subject");
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, org_code));
  c.org_id = org.id;
  std::vector<Complaint> rows{c};
  GONGKAI_RETURN_IF_ERROR(repos.cases().InsertComplaints(rows));
  c.id = rows.front().id;
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "complaint.create", "complaint",
                                       std::to_string(c.id), "", AuditJson(c)));
  return c;
}

Result<Complaint> SetComplaintReplied(Repositories& repos, const ChangeContext& ctx, Date today,
                                      Id complaint_id, Date replied_on) {
  GONGKAI_ASSIGN_OR_RETURN(Complaint c, repos.cases().GetComplaint(complaint_id));
  if (c.replied_on) {
    return FailedPrecondition("该投诉举报已于 " + c.replied_on->ToIso() + " 答复");
  }
  GONGKAI_RETURN_IF_ERROR(NotFuture(replied_on, today, "replied_on"));
  if (replied_on < c.received_on) return InvalidArgument("答复日期早于收到日期", "replied_on");
  Complaint before = c;
  c.replied_on = replied_on;
  GONGKAI_RETURN_IF_ERROR(repos.cases().SetComplaintReplied(c.id, c.replied_on));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "complaint.reply", "complaint",
                                       std::to_string(c.id), AuditJson(before), AuditJson(c)));
  return c;
}

Result<LegalCase> AddLegalCase(Repositories& repos, const ChangeContext& ctx, Date today,
                               std::string_view org_code, LegalCase c) {
  GONGKAI_RETURN_IF_ERROR(NotFuture(c.filed_on, today, "filed_on"));
  GONGKAI_RETURN_IF_ERROR(CheckResult(c, today));
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, org_code));
  c.org_id = org.id;
  if (c.request_id) {
    GONGKAI_ASSIGN_OR_RETURN(Request r, repos.requests().Get(*c.request_id));
    if (r.org_id != org.id) {
      return InvalidArgument("关联的申请 " + r.tracking_no + " 不属于 " + org.code, "request");
    }
  }
  GONGKAI_ASSIGN_OR_RETURN(c.id, repos.cases().InsertLegalCase(c));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "legal_case.create", "legal_case",
                                       std::to_string(c.id), "", AuditJson(c)));
  return c;
}

Result<LegalCase> SetLegalCaseResult(Repositories& repos, const ChangeContext& ctx, Date today,
                                     Id case_id, CaseResult result, std::optional<Date> closed_on) {
  GONGKAI_ASSIGN_OR_RETURN(LegalCase c, repos.cases().GetLegalCase(case_id));
  LegalCase before = c;
  c.result = result;
  c.closed_on = closed_on;
  GONGKAI_RETURN_IF_ERROR(CheckResult(c, today));
  GONGKAI_RETURN_IF_ERROR(repos.cases().UpdateLegalCase(c));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "legal_case.result", "legal_case",
                                       std::to_string(c.id), AuditJson(before), AuditJson(c)));
  return c;
}

int CaseCounts::LegalTotal(CaseKind kind) const {
  auto it = legal.find(kind);
  if (it == legal.end()) return 0;
  return it->second[0] + it->second[1] + it->second[2] + it->second[3];
}

Result<CaseCounts> CountCases(Repositories& repos, Id org_id, int year) {
  CaseCounts counts;
  counts.year = year;
  GONGKAI_ASSIGN_OR_RETURN(auto consultations, repos.cases().ListConsultations(org_id, year));
  for (const auto& c : consultations) {
    ++counts.consultations[c.channel];
    ++counts.consultations_total;
  }
  GONGKAI_ASSIGN_OR_RETURN(auto complaints, repos.cases().ListComplaints(org_id, year));
  for (const auto& c : complaints) {
    ++counts.complaints[c.channel];
    ++counts.complaints_total;
  }
  for (CaseKind k :
       {CaseKind::kReview, CaseKind::kLitigationDirect, CaseKind::kLitigationAfterReview}) {
    counts.legal[k] = {0, 0, 0, 0};
  }
  GONGKAI_ASSIGN_OR_RETURN(auto cases, repos.cases().ListLegalCases(org_id, year));
  for (const auto& c : cases) ++counts.legal[c.kind][static_cast<size_t>(c.result)];
  return counts;
}

}  // namespace gongkai::core
