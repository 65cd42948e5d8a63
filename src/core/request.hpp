// Requests for disclosure (依申请公开) and the events of their handling. Plain values;
// the rules (deadlines, what an event may follow) are core/request_clock.hpp and
// core/request_state.hpp, writes go through core/request_service.hpp (one transaction,
// audited). Applicants' personal data appears here only sealed (app/personal_data).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.hpp"

namespace gongkai::core {

enum class RequestChannel { kInPerson, kPost, kFax, kOnline, kOther };  // 当面 邮寄 传真 网络 其他
inline constexpr RequestChannel kAllRequestChannels[] = {
    RequestChannel::kInPerson, RequestChannel::kPost, RequestChannel::kFax, RequestChannel::kOnline,
    RequestChannel::kOther};
const char* RequestChannelCode(RequestChannel c);
const char* RequestChannelLabel(RequestChannel c);
Result<RequestChannel> ParseRequestChannel(std::string_view text);

// Exactly the applicant columns of table 三 of the 2021 format (ids from the reference).
enum class ApplicantType {
  kNaturalPerson,
  kBusiness,
  kResearch,
  kPublicWelfare,
  kLegalService,
  kOtherOrg
};
inline constexpr ApplicantType kAllApplicantTypes[] = {
    ApplicantType::kNaturalPerson, ApplicantType::kBusiness,     ApplicantType::kResearch,
    ApplicantType::kPublicWelfare, ApplicantType::kLegalService, ApplicantType::kOtherOrg};
const char* ApplicantTypeCode(ApplicantType t);   // natural_person, business, ...
const char* ApplicantTypeLabel(ApplicantType t);  // 自然人, 商业企业, ...
Result<ApplicantType> ParseApplicantType(std::string_view text);

// Where a request stands. Answered, abandoned and withdrawn are closed (IsClosed): a
// closed request has closed_on and, when answered, an outcome code.
enum class RequestState {
  kReceived,
  kCorrectionRequested,
  kInProgress,
  kAnswered,
  kAbandoned,
  kWithdrawn,
};
const char* RequestStateCode(RequestState s);
Result<RequestState> ParseRequestState(std::string_view text);
bool IsClosed(RequestState s);

// The data rows of table 三 that a closed request can land in (ids from the reference).
// Returns false for anything else.
bool IsOutcomeCode(std::string_view code);
// All outcome row ids, in table order.
const std::vector<std::string>& OutcomeCodes();

// One request, as received and as it stands now; its history is its RequestEvents.
struct Request {
  Id id = 0;
  Id org_id = 0;
  int year = 0;                  // year of the tracking number
  int serial = 0;                // per body and year
  std::string tracking_no;       // e.g. 2026-0042
  std::string lookup_code_hash;  // the applicant's code, hashed; never stored in clear
  RequestChannel channel = RequestChannel::kOnline;
  ApplicantType applicant_type = ApplicantType::kNaturalPerson;
  // Applicant's name, ID document and contact, sealed (secretbox) — never in clear here.
  std::string applicant_sealed;
  std::string description;    // the information asked for
  std::string doc_no;         // 文号 if the applicant gave one
  std::string delivery_form;  // 纸质 / 电子邮件 / ...
  Date submitted_on;
  Date received_on;  // per 第三十一条
  RequestState state = RequestState::kReceived;
  std::string outcome;         // an outcome code once answered, else empty
  std::optional<Date> due_on;  // the answer deadline the request clock computed
  // True when due_on relied on an estimated holiday calendar (a year without its notice).
  bool due_provisional = false;
  std::optional<Date> closed_on;
  friend bool operator==(const Request&, const Request&) = default;
};

// One step in a request's handling (receipt, correction notice, consultation, extension,
// answer...). `kind` is a code owned by the request clock; `data` is JSON details.
struct RequestEvent {
  Id id = 0;
  Id request_id = 0;
  int seq = 0;
  std::string kind;
  Date on;
  std::string actor;
  std::string note;
  std::string data;
  friend bool operator==(const RequestEvent&, const RequestEvent&) = default;
};

// A letter issued to the applicant (补正告知书, 延期告知书, 征求第三方意见书, 收费通知,
// 答复书): the text exactly as issued (the handler may edit the generated draft), kept
// with the request so it can be printed again and fetched by the applicant.
struct RequestLetter {
  Id id = 0;
  Id request_id = 0;
  std::string kind;       // a LetterKind code (request_letter.hpp): correction, reply, ...
  std::string title;      // 补正告知书, ...
  std::string body;       // the full text, title line first, signature and date last
  Date issued_on;         // civil date printed on the letter
  std::string issued_at;  // UTC timestamp of issue
  std::string actor;      // username of the issuer
  friend bool operator==(const RequestLetter&, const RequestLetter&) = default;
};

}  // namespace gongkai::core
