// 信息处理费 on the request page: the fee decided (国办函〔2020〕109号, computed by
// core/request_fee) and its notice, then payment or waiver — through core/request_service
// (NotifyFee, SettleFee), with kRequestHandle on the request's body. Their forms are two of
// the page's actions (core::AllowedActions offers them when the state allows). Also the due date's
// explanation, step by step, as `gongkai request explain` prints it.
#include <map>

#include "admin/request_extras.hpp"
#include "core/request_clock.hpp"

namespace gongkai::admin {
namespace {

const char* FeeStatusLabel(core::FeeStatus s) {
  static const char* kLabels[] = {"待缴", "已缴", "免收"};
  return kLabels[static_cast<int>(s)];
}

core::Request LoadRequest(Office& o, core::Id id) {
  core::Request r;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(r, repos.requests().Get(id));
    return core::Status::Ok();
  });
  return r;
}

// A count of 件 or pages: 1 to 6 digits; "" is `fallback` (nullopt: required).
std::optional<int> FormCount(const Ctx& ctx, FormState& form, const std::string& field,
                             std::optional<int> fallback) {
  std::string text = ctx.Field(field);
  if (text.empty() && fallback) return fallback;
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    form.Error(field, "请填写整数。");
    return std::nullopt;
  }
  return std::stoi(text);
}

// Re-shows the page for a refusal by the service: the message goes next to the form field
// the service named (its names mapped to this page's), else to the top.
web::HttpResponse Refused(Office& o, Ctx& ctx, core::Id id, FormState form, const core::Status& s,
                          const std::map<std::string, std::string>& fields) {
  auto it = fields.find(s.field());
  form.Error(it == fields.end() ? "" : it->second, s.message());
  return ShowRequest(o, ctx, id, std::move(form), 422);
}

bool Refusal(const core::Status& s) {
  return s.code() == core::ErrorCode::kInvalidArgument ||
         s.code() == core::ErrorCode::kFailedPrecondition;
}

}  // namespace

void AddFeeView(const core::RequestView& view, web::View& v) {
  if (view.fee) {
    const core::RequestFee& fee = *view.fee;
    web::View f;
    f.Set("amount", std::to_string(fee.amount_yuan));
    f.Set("basis", core::FeeBasisLabel(fee.basis));
    f.Set("quantity", std::to_string(fee.quantity));
    f.Set("unit", fee.basis == core::FeeBasis::kPerRequest ? "件" : "页");
    if (fee.prior > 0) f.Set("prior", std::to_string(fee.prior));
    f.Set("notified_on", fee.notified_on.ToIso());
    f.Set("status", FeeStatusLabel(fee.status));
    // Set only when there is one: an empty string still opens a mustache section.
    if (fee.settled_on) f.Set("settled_on", fee.settled_on->ToIso());
    v.Set("fee_info", f);
  }
  v.Set("due_explanation", core::ExplainDueDate(view.due));
}

web::HttpResponse NotifyRequestFee(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::Request r = LoadRequest(o, id);
  ctx.Require(core::Action::kRequestHandle, r.org_id);
  FormState form(ctx.form);
  auto basis = core::ParseFeeBasis(ctx.Field("fee_basis"));
  if (!basis.ok()) form.Error("fee_basis", "请选择计收方式。");
  auto quantity = FormCount(ctx, form, "fee_quantity", std::nullopt);
  auto prior = FormCount(ctx, form, "fee_prior", 0);
  auto on = FormDate(ctx, form, "fee_on", true);
  if (!form.ok()) return ShowRequest(o, ctx, id, std::move(form), 422);
  std::string note = ctx.Field("fee_note");
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::NotifyFee(repos, ctx.Change(), ctx.Today(), id, *basis, *quantity, *prior, *on,
                           note, o.options.rules.clock)
        .status();
  });
  if (Refusal(s)) {
    return Refused(o, ctx, id, std::move(form), s,
                   {{"basis", "fee_basis"},
                    {"quantity", "fee_quantity"},
                    {"prior", "fee_prior"},
                    {"on", "fee_on"},
                    {"note", "fee_note"}});
  }
  if (!s.ok()) Fail(s);
  return Redirect("/admin/requests/" + std::to_string(id));
}

web::HttpResponse SettleRequestFee(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::Request r = LoadRequest(o, id);
  ctx.Require(core::Action::kRequestHandle, r.org_id);
  FormState form(ctx.form);
  std::string how = ctx.Field("settle_how");
  if (how != "paid" && how != "waived") form.Error("settle_how", "请选择已缴费或免收。");
  auto on = FormDate(ctx, form, "settle_on", true);
  if (!form.ok()) return ShowRequest(o, ctx, id, std::move(form), 422);
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::SettleFee(repos, ctx.Change(), ctx.Today(), id, how, *on, o.options.rules.clock)
        .status();
  });
  if (Refusal(s)) {
    return Refused(o, ctx, id, std::move(form), s, {{"how", "settle_how"}, {"on", "settle_on"}});
  }
  if (!s.ok()) Fail(s);
  return Redirect("/admin/requests/" + std::to_string(id));
}

}  // namespace gongkai::admin
