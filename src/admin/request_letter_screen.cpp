// The letters of a request (issue 21): drafted from data/letters/<name>.txt and the record
// (core/request_letters), edited by the handler, issued (stored with the request, audited)
// and printed after GB/T 9704 (web/letter_layout). The applicant's name is filled in only
// for users who may open personal data (kRequestPersonalData) while a key is configured;
// everyone else sees "申请人".
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "admin/request_extras.hpp"
#include "core/request_letter.hpp"
#include "core/request_letters.hpp"
#include "web/letter_layout.hpp"

namespace gongkai::admin {
namespace {

// The template of `kind` for the request; only kind codes and outcome codes reach the file
// system.
std::string LetterTemplate(Office& o, const core::RequestView& view, core::LetterKind kind) {
  std::string name = core::LetterTemplateName(view, kind);
  const auto& codes = core::OutcomeCodes();
  if (kind == core::LetterKind::kReply &&
      std::find(codes.begin(), codes.end(), name) == codes.end()) {
    throw HttpError{404, "没有结果 " + name + " 的答复书模板。"};
  }
  std::ifstream in(o.options.data_dir + "/data/letters/" + name + ".txt", std::ios::binary);
  if (!in) throw HttpError{404, std::string("没有") + core::LetterKindTitle(kind) + "的模板。"};
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The applicant's name for a letter, or "申请人" (named = false). Opening it is audited.
std::string ApplicantName(Office& o, const Ctx& ctx, const core::Request& r, bool& named) {
  named = false;
  if (!ctx.Can(core::Action::kRequestPersonalData, r.org_id).ok() || !o.options.personal_data_key) {
    return "申请人";
  }
  auto person = o.options.personal_data_key->Open(r.applicant_sealed);
  if (!person.ok() || person->name.empty()) return "申请人";
  named = true;
  o.Transact([&](core::Repositories& repos) {
    return core::RecordPersonalDataAccess(repos, ctx.Change(), r, "letter", "生成告知文书");
  });
  return person->name;
}

std::string Draft(const std::string& tmpl, const core::RequestView& view, core::LetterKind kind,
                  const std::string& applicant, core::Date today,
                  const core::LetterFields& fields) {
  auto text =
      core::RenderTemplate(tmpl, core::LetterDraftValues(view, kind, applicant, today, fields));
  if (!text.ok()) {
    spdlog::error("admin: letter template {}: {}", core::LetterKindCode(kind),
                  text.status().ToString());
    throw HttpError{500, "文书模板有误，请联系管理员。"};
  }
  return *text;
}

}  // namespace

void AddLettersView(Office& o, const Ctx& ctx, const core::RequestView& view, bool can_handle,
                    const std::map<std::string, std::string>& names, web::View& v) {
  std::vector<core::RequestLetter> letters;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(letters, repos.requests().ListLetters(view.request.id));
    return core::Status::Ok();
  });
  bool can_open = ctx.Can(core::Action::kRequestPersonalData, view.request.org_id).ok();
  web::View issued = web::View::List();
  for (const auto& l : letters) {
    web::View item;
    item.Set("letter_id", std::to_string(l.id));
    item.Set("title", l.title);
    item.Set("issued_at", web::ShanghaiTimeText(l.issued_at));
    item.Set("issuer", DisplayName(names, l.actor));
    item.Set("can_open", web::View::Bool(can_open));
    issued.Push(item);
  }
  v.Set("issued_letters", issued);
  v.Set("has_issued_letters", web::View::Bool(!letters.empty()));
  web::View drafts = web::View::List();
  if (can_handle) {
    for (core::LetterKind kind : core::AvailableLetters(view)) {
      web::View d;
      d.Set("kind", core::LetterKindCode(kind));
      d.Set("title", core::LetterKindTitle(kind));
      drafts.Push(d);
    }
  }
  v.Set("has_letter_drafts", web::View::Bool(can_handle && !core::AvailableLetters(view).empty()));
  v.Set("letter_drafts", drafts);
}

web::HttpResponse RequestLetterDraft(Office& o, Ctx& ctx, core::Id id, const std::string& code) {
  auto kind = core::ParseLetterKind(code);
  if (!kind.ok()) throw HttpError{404, "页面不存在。"};
  core::RequestView view = LoadReadableRequest(o, ctx, id);
  const core::Request& r = view.request;
  ctx.Require(core::Action::kRequestHandle, r.org_id);
  auto available = core::AvailableLetters(view);
  if (std::find(available.begin(), available.end(), *kind) == available.end()) {
    throw HttpError{409, "申请 " + r.tracking_no + " 目前不能出具" + core::LetterKindTitle(*kind) +
                             "（尚未办理相应事项或尚未答复）。"};
  }
  std::string tmpl = LetterTemplate(o, view, *kind);
  bool named = false;
  std::string applicant = ApplicantName(o, ctx, r, named);
  bool needs_reasons = *kind == core::LetterKind::kReply && core::OutcomeNeedsReasons(r.outcome);
  core::LetterFields fields = core::AnswerFields(view);
  std::string body;
  FormState form(ctx.form);
  int status = 200;
  if (ctx.post()) {
    fields = {ctx.Field("reasons"), ctx.Field("legal_basis")};
    body = ctx.Field("body");
    if (ctx.Field("action") == "issue") {
      core::LetterInput in{*kind, body, fields};
      core::RequestLetter letter;
      core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(letter, core::IssueLetter(repos, ctx.Change(), ctx.Today(), id, in,
                                                           o.options.rules.clock));
        return core::Status::Ok();
      });
      if (s.ok()) {
        return Redirect("/admin/requests/" + std::to_string(id) + "/letters/issued/" +
                        std::to_string(letter.id));
      }
      if (s.code() != core::ErrorCode::kInvalidArgument &&
          s.code() != core::ErrorCode::kFailedPrecondition) {
        Fail(s);
      }
      form.Error(s, {"body", "reasons", "legal_basis", "correction_deadline"});
      status = 422;
    } else {
      body.clear();  // 按记录重新生成
    }
  }
  if (body.empty()) body = Draft(tmpl, view, *kind, applicant, ctx.Today(), fields);
  web::View v = form.ToView();
  v.Set("id", std::to_string(r.id));
  v.Set("tracking_no", r.tracking_no);
  v.Set("kind", core::LetterKindCode(*kind));
  v.Set("title", core::LetterKindTitle(*kind));
  v.Set("letter_text", body);
  v.Set("needs_reasons", web::View::Bool(needs_reasons));
  v.Set("reasons", fields.reasons);
  v.Set("legal_basis", fields.legal_basis);
  v.Set("unnamed", web::View::Bool(!named));
  v.Set("letter", web::LetterLayout(body));
  return o.Page(&ctx, "request_letter_draft", v,
                std::string(core::LetterKindTitle(*kind)) + " " + r.tracking_no, status);
}

web::HttpResponse IssuedRequestLetter(Office& o, Ctx& ctx, core::Id id, core::Id letter_id) {
  core::RequestView view = LoadReadableRequest(o, ctx, id);
  // An issued letter may name the applicant: it is personal data, opened on the record.
  ctx.Require(core::Action::kRequestPersonalData, view.request.org_id);
  core::RequestLetter letter;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(letter, core::FindIssuedLetter(repos, id, letter_id));
    return core::Status::Ok();
  });
  if (s.code() == core::ErrorCode::kNotFound) throw HttpError{404, "文书不存在。"};
  if (!s.ok()) Fail(s);
  o.Transact([&](core::Repositories& repos) {
    return core::RecordPersonalDataAccess(repos, ctx.Change(), view.request, "letter",
                                          "查看已签发文书");
  });
  auto names = DisplayNames(o);
  web::View v;
  v.Set("id", std::to_string(id));
  v.Set("tracking_no", view.request.tracking_no);
  v.Set("title", letter.title);
  v.Set("issued_at", web::ShanghaiTimeText(letter.issued_at));
  v.Set("issuer", DisplayName(names, letter.actor));
  v.Set("letter", web::LetterLayout(letter.body));
  return o.Page(&ctx, "request_letter", v, letter.title + " " + view.request.tracking_no);
}

}  // namespace gongkai::admin
