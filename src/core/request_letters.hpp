// Letters the regulation implies for a request (issue 21): 补正告知书 (第三十条), 延期告知书
// (第三十三条), 征求第三方意见书 (第三十二条), 收费通知 (第四十二条, 国办函〔2020〕109号) and
// the 答复书 of every outcome (第三十六条 and the articles of request_letter.hpp).
//
// A letter is drafted from the record (a template from data/letters/ filled with values
// from the request and its events), edited by the handler, then issued: the issued text is
// stored with the request (RequestRepository::InsertLetter), audited, and can be printed
// again or fetched by the applicant. Pure rules; templates arrive as strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/request_service.hpp"

namespace gongkai::core {

enum class LetterKind { kCorrection, kExtension, kConsultation, kFee, kReply };
inline constexpr LetterKind kAllLetterKinds[] = {LetterKind::kCorrection, LetterKind::kExtension,
                                                 LetterKind::kConsultation, LetterKind::kFee,
                                                 LetterKind::kReply};
const char* LetterKindCode(LetterKind kind);   // correction, extension, consultation, fee, reply
const char* LetterKindTitle(LetterKind kind);  // 补正告知书, 延期告知书, ...
Result<LetterKind> ParseLetterKind(std::string_view code);  // kInvalidArgument "kind"

// A civil date as letters print it (GB/T 9704: Arabic numerals, no leading zeros):
// 2026-12-06 → "2026年12月6日".
std::string ChineseDate(Date date);

// True for outcomes whose answer must give reasons and their legal basis: （二）部分公开
// (第三十七条: 说明理由) and every （三）不予公开 row (第三十六条第（三）项).
bool OutcomeNeedsReasons(std::string_view outcome);

// The outcome in plain words for the applicant ("部分公开", "不予公开：属于国家秘密", …),
// not the report's row label. Empty for an unknown code.
std::string OutcomePlainWords(std::string_view outcome);

// What the handler types into a letter beyond the record: the reasons and legal basis of a
// reply (prefilled from the answer event).
struct LetterFields {
  std::string reasons;
  std::string legal_basis;
};

// OK unless `outcome` needs reasons (OutcomeNeedsReasons) and `fields` lacks them:
// kInvalidArgument naming "reasons" or "legal_basis".
Status CheckReasons(std::string_view outcome, const LetterFields& fields);

// The reasons and legal basis recorded with the request's answer event (empty if none).
LetterFields AnswerFields(const RequestView& view);

// The letters the record supports now, in the order of the procedure: a 补正告知书 once a
// correction was requested, 延期告知书 after an extension, 征求第三方意见书 after a
// third-party consultation started, 收费通知 once a fee was notified, 答复书 once the
// request is closed with an outcome.
std::vector<LetterKind> AvailableLetters(const RequestView& view);

// The template file name (without .txt) under data/letters/ for `kind`: the outcome code
// for a reply, else the kind's code.
std::string LetterTemplateName(const RequestView& view, LetterKind kind);

// The values a letter template is filled with: those of LetterValues (request_letter.hpp)
// with dates in Chinese, plus issued_on, the reply's reasons and legal basis (`fields`), the
// correction's what/deadline/how, the extension's days and new due date, the fee.
std::map<std::string, std::string> LetterDraftValues(const RequestView& view, LetterKind kind,
                                                     const std::string& applicant, Date issued_on,
                                                     const LetterFields& fields);

struct LetterInput {
  LetterKind kind = LetterKind::kReply;
  std::string body;  // the text to issue, as edited
  LetterFields fields;
};

// Issues a letter dated `today`: checks it against the record, stores it and writes the
// audit event "request.letter" (kind, letter id, title — never the text, which may name
// the applicant). Fails with
//   kFailedPrecondition: the record does not support that letter now (AvailableLetters);
//   kInvalidArgument naming the field: a 补正 notice recorded without a deadline
//     ("correction_deadline"); an empty or oversized body ("body"); a reply to a
//     部分公开 / 不予公开 answer without reasons ("reasons") or legal basis ("legal_basis"),
//     or whose text omits them ("body"); a 补正告知书 whose text omits the deadline ("body");
//   kNotFound: no such request.
Result<RequestLetter> IssueLetter(Repositories& repos, const ChangeContext& ctx, Date today,
                                  Id request_id, const LetterInput& in,
                                  const ClockRules& rules = {});

// The issued letter `letter_id` of request `request_id` (kNotFound when it belongs to
// another request, so a caller scoped to one request never reaches another's letters).
Result<RequestLetter> FindIssuedLetter(Repositories& repos, Id request_id, Id letter_id);

// The last event of `kind` in the view's history, if any.
const RequestEvent* LastEvent(const RequestView& view, RequestEventKind kind);

}  // namespace gongkai::core
