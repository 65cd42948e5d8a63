// The reply letter (答复告知书) of a closed request, filled from data/letters/<outcome>.txt
// with the values `gongkai request letter` uses, on a page of its own that prints cleanly.
// The letter names the applicant only for users who may open personal data
// (kRequestPersonalData) while a key is configured; everyone else sees "申请人".
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "admin/request_extras.hpp"
#include "core/request_letter.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {

web::HttpResponse RequestLetter(Office& o, Ctx& ctx, core::Id id) {
  core::RequestView view = LoadReadableRequest(o, ctx, id);
  const core::Request& r = view.request;
  if (!core::IsClosed(r.state) || r.outcome.empty()) {
    throw HttpError{409, "申请 " + r.tracking_no + " 尚未答复，没有可生成的告知书。"};
  }
  // The outcome names the template file: only known codes reach the file system.
  const auto& codes = core::OutcomeCodes();
  if (std::find(codes.begin(), codes.end(), r.outcome) == codes.end()) {
    throw HttpError{404, "没有结果 " + r.outcome + " 的告知书模板。"};
  }
  std::ifstream in(o.options.data_dir + "/data/letters/" + r.outcome + ".txt", std::ios::binary);
  if (!in) throw HttpError{404, "没有结果 " + r.outcome + " 的告知书模板。"};
  std::string tmpl((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  std::string applicant = "申请人";
  bool named = false;
  if (ctx.Can(core::Action::kRequestPersonalData, r.org_id).ok() && o.options.personal_data_key) {
    auto person = o.options.personal_data_key->Open(r.applicant_sealed);
    if (person.ok() && !person->name.empty()) {
      applicant = person->name;
      named = true;
      o.Transact([&](core::Repositories& repos) {
        return core::RecordPersonalDataAccess(repos, ctx.Change(), r, "letter", "生成答复告知书");
      });
    }
  }
  auto text = core::RenderTemplate(tmpl, core::LetterValues(view, applicant));
  if (!text.ok()) {
    spdlog::error("admin: letter template {}: {}", r.outcome, text.status().ToString());
    throw HttpError{500, "告知书模板有误，请联系管理员。"};
  }
  web::View v;
  v.Set("id", std::to_string(r.id));
  v.Set("tracking_no", r.tracking_no);
  v.Set("letter", *text);
  v.Set("unnamed", web::View::Bool(!named));
  return o.Page(&ctx, "request_letter", v, "答复告知书 " + r.tracking_no);
}

}  // namespace gongkai::admin
