// Consultations, complaints, administrative review and litigation: the records behind the
// annual report's counts of 咨询, 投诉 and table 四. Plain values (copyable, comparable),
// no behaviour; stored by CaseRepository (core/store.hpp) and written through
// core/case_service.hpp, which checks them and writes the audit events.
//
// Each enum has a stable ASCII code (stored, used by the CLI and the API) and a Chinese
// label (shown); the Parse… functions accept either and fail with kInvalidArgument naming
// the field and listing the codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/org.hpp"

namespace gongkai::core {

enum class ConsultChannel { kOnSite, kPhone, kOnline };  // 现场 电话 网上
const char* ConsultChannelCode(ConsultChannel c);
const char* ConsultChannelLabel(ConsultChannel c);  // 现场, 电话, 网上
Result<ConsultChannel> ParseConsultChannel(std::string_view text);

// One consultation (咨询) answered by an org's acceptance point, counted per year.
struct Consultation {
  Id id = 0;
  Id org_id = 0;
  ConsultChannel channel = ConsultChannel::kOnSite;
  Date asked_on;
  std::string topic;
  bool answered = true;
  // Contact left on the online form, sealed (app/personal_data); "" when none.
  std::string contact_sealed;
  friend bool operator==(const Consultation&, const Consultation&) = default;
};

enum class ComplaintChannel { kMayorMailbox, kHotline12345, kOther };  // 市长信箱 12345 其他
const char* ComplaintChannelCode(ComplaintChannel c);
const char* ComplaintChannelLabel(ComplaintChannel c);  // 市长信箱, 12345热线, 其他
Result<ComplaintChannel> ParseComplaintChannel(std::string_view text);

// One complaint about disclosure work (投诉), e.g. via the mayor's mailbox or 12345.
struct Complaint {
  Id id = 0;
  Id org_id = 0;
  ComplaintChannel channel = ComplaintChannel::kHotline12345;
  Date received_on;
  std::string subject;
  std::optional<Date> replied_on;  // nullopt while unanswered
  std::string contact_sealed;      // as Consultation::contact_sealed
  friend bool operator==(const Complaint&, const Complaint&) = default;
};

// Table 四 results: 结果维持 / 结果纠正 / 其他结果 / 尚未审结.
enum class CaseResult { kMaintained, kCorrected, kOther, kPending };
const char* CaseResultCode(CaseResult r);
const char* CaseResultLabel(CaseResult r);  // 结果维持, ...
Result<CaseResult> ParseCaseResult(std::string_view text);

enum class CaseKind {
  kReview,                 // 行政复议
  kLitigationDirect,       // 行政诉讼, 未经复议直接起诉
  kLitigationAfterReview,  // 行政诉讼, 复议后起诉
};
const char* CaseKindCode(CaseKind k);
const char* CaseKindLabel(CaseKind k);  // 行政复议, 未经复议直接起诉, 复议后起诉
Result<CaseKind> ParseCaseKind(std::string_view text);

// An administrative review or lawsuit about disclosure, counted in table 四 by its kind and
// result; pending until closed_on is set with a final result.
struct LegalCase {
  Id id = 0;
  Id org_id = 0;
  CaseKind kind = CaseKind::kReview;
  std::optional<Id> request_id;  // the request it is about, when recorded here
  Date filed_on;
  CaseResult result = CaseResult::kPending;
  std::optional<Date> closed_on;
  friend bool operator==(const LegalCase&, const LegalCase&) = default;
};

}  // namespace gongkai::core
