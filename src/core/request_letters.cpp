#include "core/request_letters.hpp"

#include <algorithm>

#include "core/flat_json.hpp"
#include "core/json_writer.hpp"
#include "core/request_letter.hpp"

namespace gongkai::core {
namespace {

struct KindInfo {
  LetterKind kind;
  const char* code;
  const char* title;
};
constexpr KindInfo kKinds[] = {
    {LetterKind::kCorrection, "correction", "补正告知书"},
    {LetterKind::kExtension, "extension", "延期答复告知书"},
    {LetterKind::kConsultation, "consultation", "征求第三方意见书"},
    {LetterKind::kFee, "fee", "收费通知"},
    {LetterKind::kReply, "reply", "政府信息公开申请答复告知书"},
};

// Letters are a few pages at most; a larger body is a mistake (or an attack on storage).
constexpr size_t kMaxBodyBytes = 60000;

std::string DataField(const RequestEvent* e, const char* key) {
  if (!e) return "";
  auto data = FlatJson::Parse(e->data);
  return data.ok() ? data->Get(key) : "";
}

}  // namespace

const char* LetterKindCode(LetterKind kind) { return kKinds[static_cast<int>(kind)].code; }
const char* LetterKindTitle(LetterKind kind) { return kKinds[static_cast<int>(kind)].title; }

Result<LetterKind> ParseLetterKind(std::string_view code) {
  for (const KindInfo& k : kKinds) {
    if (code == k.code) return k.kind;
  }
  return InvalidArgument("未知的文书种类", "kind");
}

std::string ChineseDate(Date date) {
  return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
         std::to_string(date.day()) + "日";
}

bool OutcomeNeedsReasons(std::string_view outcome) {
  return outcome == "r2_partial" || outcome.starts_with("r3_");
}

std::string OutcomePlainWords(std::string_view o) {
  static const std::map<std::string_view, const char*> kWords = {
      {"r1_open", "予以公开"},
      {"r2_partial", "部分公开（可以公开的部分已提供，其余部分说明了不予公开的理由）"},
      {"r3_1", "不予公开：属于国家秘密"},
      {"r3_2", "不予公开：法律、行政法规禁止公开"},
      {"r3_3", "不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定"},
      {"r3_4", "不予公开：公开会损害第三方合法权益"},
      {"r3_5", "不予公开：属于内部事务信息"},
      {"r3_6", "不予公开：属于过程性信息"},
      {"r3_7", "不予公开：属于行政执法案卷信息"},
      {"r3_8", "不予公开：请按有关法律、行政法规的规定查询"},
      {"r4_1", "无法提供：本机关不掌握您申请的信息"},
      {"r4_2", "无法提供：需要另行制作或者加工、分析"},
      {"r4_3", "无法提供：补正后申请内容仍不明确"},
      {"r5_1", "不予处理：属于信访、投诉、举报等事项，请通过相应渠道提出"},
      {"r5_2", "不予处理：与已答复的申请内容相同"},
      {"r5_3", "不予处理：请通过出版发行渠道获取公开出版物"},
      {"r5_4", "不予处理：申请数量、频次明显超过合理范围"},
      {"r5_5", "不予处理：要求确认或重新出具已获取的信息"},
      {"r6_1", "申请视为放弃：逾期未补正"},
      {"r6_2", "申请视为放弃：逾期未缴纳信息处理费"},
      {"r6_3", "已办结（如申请人撤回申请）"},
  };
  auto it = kWords.find(o);
  return it == kWords.end() ? "" : it->second;
}

const RequestEvent* LastEvent(const RequestView& view, RequestEventKind kind) {
  const char* code = RequestEventKindCode(kind);
  for (auto it = view.events.rbegin(); it != view.events.rend(); ++it) {
    if (it->kind == code) return &*it;
  }
  return nullptr;
}

Status CheckReasons(std::string_view outcome, const LetterFields& fields) {
  if (!OutcomeNeedsReasons(outcome)) return Status::Ok();
  if (fields.reasons.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("部分公开或不予公开的答复须说明理由（第三十六条第（三）项、第三十七条）",
                           "reasons");
  }
  if (fields.legal_basis.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("部分公开或不予公开的答复须写明法律依据", "legal_basis");
  }
  return Status::Ok();
}

LetterFields AnswerFields(const RequestView& view) {
  const RequestEvent* answer = LastEvent(view, RequestEventKind::kAnswer);
  return {DataField(answer, "reasons"), DataField(answer, "legal_basis")};
}

std::vector<LetterKind> AvailableLetters(const RequestView& view) {
  std::vector<LetterKind> out;
  if (LastEvent(view, RequestEventKind::kCorrectionRequested)) {
    out.push_back(LetterKind::kCorrection);
  }
  if (LastEvent(view, RequestEventKind::kExtension)) out.push_back(LetterKind::kExtension);
  const RequestEvent* consult = LastEvent(view, RequestEventKind::kConsultationStart);
  if (consult && DataField(consult, "with") == "third_party") {
    out.push_back(LetterKind::kConsultation);
  }
  if (view.fee) out.push_back(LetterKind::kFee);
  if (IsClosed(view.request.state) && !view.request.outcome.empty()) {
    out.push_back(LetterKind::kReply);
  }
  return out;
}

std::string LetterTemplateName(const RequestView& view, LetterKind kind) {
  return kind == LetterKind::kReply ? view.request.outcome : LetterKindCode(kind);
}

std::map<std::string, std::string> LetterDraftValues(const RequestView& view, LetterKind kind,
                                                     const std::string& applicant, Date issued_on,
                                                     const LetterFields& fields) {
  auto values = LetterValues(view, applicant);
  values["issued_on"] = ChineseDate(issued_on);
  if (!fields.reasons.empty()) values["reasons"] = fields.reasons;
  if (!fields.legal_basis.empty()) values["legal_basis"] = fields.legal_basis;
  const RequestEvent* correction = LastEvent(view, RequestEventKind::kCorrectionRequested);
  std::string deadline = DataField(correction, "deadline");
  auto deadline_date = Date::Parse(deadline);
  values["correction_what"] = correction ? correction->note : "";
  values["correction_deadline"] = deadline_date.ok() ? ChineseDate(*deadline_date) : "";
  std::string how = DataField(correction, "how");
  values["correction_how"] = how.empty() ? "以书面形式向本机关" : how;
  const RequestEvent* extension = LastEvent(view, RequestEventKind::kExtension);
  values["extension_days"] = DataField(extension, "days");
  values["due_on"] = view.due.date ? ChineseDate(*view.due.date) : "";
  values["fee_notified_on"] = view.fee ? ChineseDate(view.fee->notified_on) : "";
  values["fee_quantity"] = view.fee ? std::to_string(view.fee->quantity) : "";
  values["fee_basis"] =
      view.fee ? (view.fee->basis == FeeBasis::kPerRequest ? "按件" : "按量") : "";
  (void)kind;
  return values;
}

Result<RequestLetter> IssueLetter(Repositories& repos, const ChangeContext& ctx, Date today,
                                  Id request_id, const LetterInput& in, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(RequestView view, LoadRequestView(repos, request_id, rules));
  auto available = AvailableLetters(view);
  if (std::find(available.begin(), available.end(), in.kind) == available.end()) {
    return FailedPrecondition(std::string("申请 ") + view.request.tracking_no + " 目前不能出具" +
                              LetterKindTitle(in.kind));
  }
  if (in.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("文书正文不能为空", "body");
  }
  if (in.body.size() > kMaxBodyBytes) return InvalidArgument("文书正文过长", "body");
  if (in.kind == LetterKind::kCorrection) {
    auto deadline =
        Date::Parse(DataField(LastEvent(view, RequestEventKind::kCorrectionRequested), "deadline"));
    if (!deadline.ok()) {
      return InvalidArgument("告知补正时未记录补正期限，不能出具补正告知书（第三十条）",
                             "correction_deadline");
    }
    if (in.body.find(ChineseDate(*deadline)) == std::string::npos) {
      return InvalidArgument("补正告知书正文须写明补正期限 " + ChineseDate(*deadline), "body");
    }
  }
  if (in.kind == LetterKind::kReply && OutcomeNeedsReasons(view.request.outcome)) {
    GONGKAI_RETURN_IF_ERROR(CheckReasons(view.request.outcome, in.fields));
    if (in.body.find(in.fields.reasons) == std::string::npos ||
        in.body.find(in.fields.legal_basis) == std::string::npos) {
      return InvalidArgument("答复书正文须包含所填的理由和法律依据（可点“按记录重新生成”）",
                             "body");
    }
  }
  RequestLetter letter;
  letter.request_id = request_id;
  letter.kind = LetterKindCode(in.kind);
  letter.title = LetterKindTitle(in.kind);
  letter.body = in.body;
  letter.issued_on = today;
  letter.issued_at = ctx.at;
  letter.actor = ctx.actor;
  GONGKAI_ASSIGN_OR_RETURN(letter.id, repos.requests().InsertLetter(letter));
  JsonObjectWriter after;
  after.Add("letter_id", int64_t{letter.id})
      .Add("kind", letter.kind)
      .Add("title", letter.title)
      .Add("issued_on", today.ToIso());
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "request.letter", "request",
                                       std::to_string(request_id), "", after.Finish()));
  return letter;
}

Result<RequestLetter> FindIssuedLetter(Repositories& repos, Id request_id, Id letter_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto letters, repos.requests().ListLetters(request_id));
  for (auto& l : letters) {
    if (l.id == letter_id) return std::move(l);
  }
  return NotFound("文书不存在", "letter");
}

}  // namespace gongkai::core
