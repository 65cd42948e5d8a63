// 咨询 of a body and year: the list with counts by channel, and recording one — through
// core/case_service. The contact a citizen left on the portal's form stays sealed: it is
// never read into a view here.
#include <algorithm>

#include "admin/cases_list.hpp"
#include "core/case_service.hpp"

namespace gongkai::admin {
namespace {

constexpr core::ConsultChannel kChannels[] = {
    core::ConsultChannel::kOnSite, core::ConsultChannel::kPhone, core::ConsultChannel::kOnline};

const std::vector<std::string> kFields = {"org", "channel", "asked_on", "topic", "answered"};

// The channel's column in the counts (kChannels order).
size_t ChannelIndex(core::ConsultChannel c) {
  return static_cast<size_t>(std::find(std::begin(kChannels), std::end(kChannels), c) -
                             std::begin(kChannels));
}

web::View ChannelOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto c : kChannels)
    v.emplace_back(core::ConsultChannelCode(c), core::ConsultChannelLabel(c));
  return Options(v, selected);
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  OrgYear scope = ListOrgYear(ctx, core::Action::kRead);
  std::vector<core::Consultation> rows;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(rows, repos.cases().ListConsultations(scope.org->id, scope.year));
    return core::Status::Ok();
  });
  CaseList list{"/admin/consultations", {}, {}, {}};
  for (auto c : kChannels) list.channel_labels.emplace_back(core::ConsultChannelLabel(c));
  for (size_t i = 0; i < rows.size(); ++i) {
    list.entries.push_back({rows[i].id, !rows[i].answered, ChannelIndex(rows[i].channel), i});
  }
  list.cells = [&](size_t i, web::View& r) {
    const core::Consultation& c = rows[i];
    r.Set("asked_on", c.asked_on.ToIso());
    r.Set("topic", c.topic);
    r.Set("answered", c.answered ? "已答复" : "未答复");
  };
  web::View v;
  AddCaseList(ctx, scope, std::move(list), 0, v);
  v.Set("can_record", web::View::Bool(ctx.Can(core::Action::kCaseRecord, scope.org->id).ok()));
  return o.Page(&ctx, "consultations", v, "咨询");
}

web::HttpResponse Create(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kCaseRecord);
  if (orgs.empty()) throw HttpError{403, "无权登记咨询。"};
  FormState form(ctx.form);
  auto render = [&](int status) {
    web::View v = form.ToView();
    v.Set("org_options", OrgOptions(ctx, orgs, ctx.Field("org")));
    v.Set("channel_options", ChannelOptions(ctx.Field("channel")));
    v.Set("answered_options", Options({{"yes", "已答复"}, {"no", "未答复"}},
                                      ctx.post() ? ctx.Field("answered") : "yes"));
    v.Set("today", ctx.Today().ToIso());
    return o.Page(&ctx, "consultations_new", v, "登记咨询", status);
  };
  if (!ctx.post()) return render(200);
  core::Consultation c;
  const core::Org* org = FormCaseBody(ctx, form);
  auto channel = core::ParseConsultChannel(ctx.Field("channel"));
  if (!channel.ok()) form.Error("channel", "请选择咨询方式。");
  auto asked = FormDate(ctx, form, "asked_on", true);
  c.topic = ctx.Field("topic");
  if (c.topic.empty()) form.Error("topic", "请填写咨询事项。");
  std::string answered = ctx.Field("answered");
  if (answered != "yes" && answered != "no") form.Error("answered", "请选择是否已答复。");
  if (!form.ok()) return render(422);
  c.channel = *channel;
  c.asked_on = *asked;
  c.answered = answered == "yes";
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::AddConsultation(repos, ctx.Change(), ctx.Today(), org->code, c).status();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument) {
    // The core names the date "date" (as the portal's form does); here it is asked_on.
    if (s.field() == "date") {
      form.Error("asked_on", s.message());
    } else {
      form.Error(s, kFields);
    }
    return render(422);
  }
  if (!s.ok()) Fail(s);
  return Redirect("/admin/consultations?org=" + org->code +
                  "&year=" + std::to_string(c.asked_on.year()));
}

}  // namespace

web::HttpResponse ConsultationsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return List(o, ctx);
  if (parts.size() == 2 && parts[1] == "new") return Create(o, ctx);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
