#include "admin/item_exposure_view.hpp"

#include "admin/item_extras.hpp"
#include "core/item_exposure.hpp"

namespace gongkai::admin {

void AddExposureView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v) {
  core::ItemExposure exposure;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, repos.orgs().Get(item.org_id));
    GONGKAI_ASSIGN_OR_RETURN(exposure, core::ScanItemExposure(repos, item, org));
    return core::Status::Ok();
  });
  web::View rows = web::View::List();
  int text_unmasked = 0;
  for (const auto& f : exposure.personal_data) {
    if (f.kind == core::PiiKind::kName) continue;
    web::View r;
    r.Set("key", core::FindingKey(f.field, f.offset));
    r.Set("kind", core::PiiKindLabel(f.kind));
    r.Set("preview", f.preview);
    r.Set("masked", web::View::Bool(f.masked));
    rows.Push(r);
    if (!f.masked && !f.field.starts_with("attachment:")) ++text_unmasked;
  }
  for (const auto& m : exposure.misstatements) {
    web::View r;
    r.Set("key", core::FindingKey(m.field, m.offset));
    r.Set("kind", "表述错误");
    r.Set("preview", m.rule->phrase + " → " + m.rule->correction);
    r.Set("hint", m.rule->source);
    r.Set("masked", web::View::Bool(false));
    rows.Push(r);
  }
  web::View unreadable = web::View::List();
  for (const auto& u : exposure.unreadable) {
    web::View r;
    r.Set("what", u);
    unreadable.Push(r);
  }
  const bool open_state = item.state == core::ItemState::kDraft ||
                          item.state == core::ItemState::kRejected ||
                          item.state == core::ItemState::kSubmitted;
  const bool may = ctx.Can(core::Action::kItemReview, item.org_id).ok() ||
                   ctx.Can(core::Action::kItemEdit, item.org_id).ok();
  v.Set("has_exposure",
        web::View::Bool(!exposure.personal_data.empty() || !exposure.misstatements.empty() ||
                        !exposure.unreadable.empty()));
  v.Set("exposure", rows);
  v.Set("exposure_open", std::to_string(exposure.BlockingKeys().size()));
  v.Set("exposure_unreadable", unreadable);
  v.Set("can_mask", web::View::Bool(may && open_state && text_unmasked > 0));
  v.Set("can_republish_masked",
        web::View::Bool(item.state == core::ItemState::kPublished && text_unmasked > 0 &&
                        ctx.Can(core::Action::kItemPublish, item.org_id).ok() &&
                        ctx.Can(core::Action::kItemEdit, item.org_id).ok()));
}

web::HttpResponse ItemMaskStep(Office& o, Ctx& ctx, const core::Item& item,
                               const std::string& step) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  std::string user = ctx.user.username;
  core::Id shown = item.id;
  core::Status s = o.TryTransact([&](core::Repositories& r) -> core::Status {
    if (step == "mask") return core::MaskItemPersonalData(r, ctx.Change(), user, item.id).status();
    GONGKAI_ASSIGN_OR_RETURN(auto copy,
                             core::WithdrawAndResubmitMasked(r, ctx.Change(), user, item.id));
    shown = copy.id;  // the masked copy, waiting for review
    return core::Status::Ok();
  });
  if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
  if (!s.ok() && s.code() != core::ErrorCode::kFailedPrecondition) Fail(s);
  if (!s.ok()) return ShowItem(o, ctx, item, s.message());
  return Redirect("/admin/items/" + std::to_string(shown));
}

}  // namespace gongkai::admin
