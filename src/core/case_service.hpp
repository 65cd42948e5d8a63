// Use cases of the related cases: consultations (咨询), complaints and reports (举报投诉),
// administrative review (行政复议) and litigation (行政诉讼), with their yearly counts (the
// 2021 format's table 四 and the legacy table's rows 四–六). Call inside Store::Transact;
// every change records an audit event.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// Records a consultation at the body `org_code` ("" for the root). kInvalidArgument for a
// date after `today` or a topic over 500 bytes; kNotFound for an unknown body.
Result<Consultation> AddConsultation(Repositories& repos, const ChangeContext& ctx, Date today,
                                     std::string_view org_code, Consultation c);

// Records a complaint or report. kInvalidArgument for dates after `today` or a reply before
// receipt; kNotFound for an unknown body.
Result<Complaint> AddComplaint(Repositories& repos, const ChangeContext& ctx, Date today,
                               std::string_view org_code, Complaint c);

// Records the reply to complaint `complaint_id`, which has none yet (kFailedPrecondition
// otherwise). kInvalidArgument (field "replied_on") for a date after `today` or before
// receipt; kNotFound.
Result<Complaint> SetComplaintReplied(Repositories& repos, const ChangeContext& ctx, Date today,
                                      Id complaint_id, Date replied_on);

// Records a review or litigation case, optionally linked to request `request_id` of the same
// body. A pending result has no closing date; any other result needs one, not before filing.
// kInvalidArgument / kNotFound (body or request).
Result<LegalCase> AddLegalCase(Repositories& repos, const ChangeContext& ctx, Date today,
                               std::string_view org_code, LegalCase c);

// Sets a case's result (and closing date; nullopt only with kPending). kNotFound.
Result<LegalCase> SetLegalCaseResult(Repositories& repos, const ChangeContext& ctx, Date today,
                                     Id case_id, CaseResult result, std::optional<Date> closed_on);

struct CaseCounts {
  int year = 0;
  std::map<ConsultChannel, int> consultations;  // by channel
  int consultations_total = 0;
  std::map<ComplaintChannel, int> complaints;
  int complaints_total = 0;
  // Table 四: [kind][result] with results in CaseResult order; filed in `year`.
  std::map<CaseKind, std::array<int, 4>> legal;
  int LegalTotal(CaseKind kind) const;
};

// Counts of the body `org_id`'s records dated in `year`.
Result<CaseCounts> CountCases(Repositories& repos, Id org_id, int year);

}  // namespace gongkai::core
