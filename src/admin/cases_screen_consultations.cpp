// 咨询 of a body and year: the list with counts by channel, and recording one — through
// core/case_service. The contact a citizen left on the portal's form stays sealed: it is
// never read into a view here.
#include <algorithm>

#include "admin/cases_screen_list.hpp"
#include "admin/office.hpp"
#include "core/case_service.hpp"

namespace gongkai::admin {
namespace {

constexpr core::ConsultChannel kChannels[] = {
    core::ConsultChannel::kOnSite, core::ConsultChannel::kPhone, core::ConsultChannel::kOnline};

const std::vector<std::string> kFields = {"org", "channel", "asked_on", "topic", "answered"};

web::View ChannelOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto c : kChannels)
    v.emplace_back(core::ConsultChannelCode(c), core::ConsultChannelLabel(c));
  return Options(v, selected);
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  OrgYear scope = ListOrgYear(ctx, core::Action::kRead);
  std::vector<core::Consultation> rows;
  core::CaseCounts counts;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(rows, repos.cases().ListConsultations(scope.org->id, scope.year));
    GONGKAI_ASSIGN_OR_RETURN(counts, core::CountCases(repos, scope.org->id, scope.year));
    return core::Status::Ok();
  });
  // Newest first, the unanswered ones before all others: they are the work to do.
  std::reverse(rows.begin(), rows.end());
  std::stable_partition(rows.begin(), rows.end(), [](const auto& c) { return !c.answered; });
  web::View list = web::View::List();
  for (auto it = rows.begin(); it != rows.end(); ++it) {
    web::View r;
    r.Set("open", web::View::Bool(!it->answered));
    r.Set("channel", core::ConsultChannelLabel(it->channel));
    r.Set("asked_on", it->asked_on.ToIso());
    r.Set("topic", it->topic);
    r.Set("answered", it->answered ? "已答复" : "未答复");
    list.Push(r);
  }
  std::vector<std::pair<std::string, int64_t>> by_channel;
  for (auto c : kChannels) {
    by_channel.emplace_back(core::ConsultChannelLabel(c), counts.consultations[c]);
  }
  web::View v = CaseListView(ctx, scope, list, by_channel, counts.consultations_total,
                             ctx.Can(core::Action::kCaseRecord, scope.org->id).ok());
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
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择机关。");
  } else {
    ctx.Require(core::Action::kCaseRecord, org->id);
  }
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
