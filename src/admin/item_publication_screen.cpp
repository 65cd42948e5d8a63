// After publication: a further channel (counted once in the distinct total however many
// carried the item), the validity of a normative document (有效 / 失效 / 废止), and the
// 政策解读 linked to it — through core/item_workflow (AddItemChannel, SetItemValidity) and
// core/proactive_stats (AddResponse), as `gongkai item channel | validity` and
// `gongkai response add --item` do, with kItemPublish on the item's body.
#include <map>

#include "admin/item_extras.hpp"
#include "core/item_workflow.hpp"
#include "core/proactive_stats.hpp"

namespace gongkai::admin {
namespace {

web::View ValidityOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto x : {core::Validity::kValid, core::Validity::kExpired, core::Validity::kRepealed}) {
    v.emplace_back(core::ValidityCode(x), core::ValidityLabel(x));
  }
  return Options(v, selected);
}

}  // namespace

void AddPublicationView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v) {
  using S = core::ItemState;
  v.Set("validity_label", core::ValidityLabel(item.validity));
  // Set only when there is one: an empty string still opens a mustache section.
  if (item.validity_changed_on) v.Set("validity_on", item.validity_changed_on->ToIso());
  web::View channels = web::View::List();
  for (const auto& c : item.channels) {
    web::View cv;
    cv.Set("label", core::ChannelLabel(c.channel));
    cv.Set("on", c.published_on.ToIso());
    channels.Push(cv);
  }
  v.Set("item_channels", channels);
  v.Set("has_channels", web::View::Bool(!item.channels.empty()));
  bool published = item.state == S::kPublished || item.state == S::kWithdrawn;
  std::vector<core::Response> responses;
  if (published) {
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(responses, repos.items().ListResponsesFor(item.id));
      return core::Status::Ok();
    });
  }
  web::View readings = web::View::List();
  for (const auto& r : responses) {
    web::View rv;
    rv.Set("kind", core::ResponseKindLabel(r.kind));
    rv.Set("on", r.held_on.ToIso());
    rv.Set("topic", r.topic);
    readings.Push(rv);
  }
  v.Set("interpretations", readings);
  v.Set("has_interpretations", web::View::Bool(!responses.empty()));

  bool publish = ctx.Can(core::Action::kItemPublish, item.org_id).ok();
  // Only the channels the item is not yet on can be added.
  std::vector<std::pair<std::string, std::string>> missing;
  for (core::Channel c : core::kAllChannels) {
    bool on = false;
    for (const auto& have : item.channels) on = on || have.channel == c;
    if (!on) missing.emplace_back(core::ChannelCode(c), core::ChannelLabel(c));
  }
  v.Set("can_add_channel",
        web::View::Bool(publish && item.state == S::kPublished && !missing.empty()));
  v.Set("missing_channels", Options(missing, ctx.Field("add_channel")));
  v.Set("can_set_validity", web::View::Bool(publish && published));
  v.Set("validities",
        ValidityOptions(ctx.Field("validity").empty() ? core::ValidityCode(item.validity)
                                                      : ctx.Field("validity")));
  v.Set("can_interpret", web::View::Bool(publish && item.state == S::kPublished));
}

web::HttpResponse ItemPublicationStep(Office& o, Ctx& ctx, const core::Item& item,
                                      const std::string& step) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  ctx.Require(core::Action::kItemPublish, item.org_id);
  FormState form(ctx.form);
  std::string user = ctx.user.username;
  std::function<core::Status(core::Repositories&)> work;
  std::map<std::string, std::string> fields;  // the service's field names → this page's
  if (step == "channel") {
    auto channel = core::ParseChannel(ctx.Field("add_channel"));
    if (!channel.ok()) form.Error("add_channel", "请选择发布渠道。");
    auto on = FormDate(ctx, form, "channel_on", true);
    if (form.ok()) {
      work = [&, c = *channel, d = *on](core::Repositories& r) {
        return core::AddItemChannel(r, ctx.Change(), user, item.id, c, d).status();
      };
    }
    fields = {{"channel", "add_channel"}, {"on", "channel_on"}};
  } else if (step == "validity") {
    auto validity = core::ParseValidity(ctx.Field("validity"));
    if (!validity.ok()) form.Error("validity", "请选择有效性。");
    // 失效 and 废止 need the day it happened; 有效 has none.
    bool dated = validity.ok() && *validity != core::Validity::kValid;
    auto on = FormDate(ctx, form, "validity_on", dated);
    if (form.ok()) {
      std::optional<core::Date> d = dated ? on : std::nullopt;
      work = [&, x = *validity, d](core::Repositories& r) {
        return core::SetItemValidity(r, ctx.Change(), user, item.id, x, d).status();
      };
    }
    fields = {{"validity", "validity"}, {"on", "validity_on"}};
  } else if (step == "interpretation") {
    core::Response response;
    response.org_id = item.org_id;
    response.kind = core::ResponseKind::kInterpretation;
    response.topic = ctx.Field("interp_topic");
    response.concern_key = ctx.Field("interp_concern");
    response.interpreted_item_id = item.id;
    if (response.topic.empty()) form.Error("interp_topic", "请填写解读稿件的题目。");
    auto on = FormDate(ctx, form, "interp_on", true);
    if (form.ok()) {
      response.held_on = *on;
      work = [&, response](core::Repositories& r) {
        return core::AddResponse(r, ctx.Change(), response).status();
      };
    }
    fields = {{"topic", "interp_topic"}, {"concern", "interp_concern"}, {"on", "interp_on"}};
  } else {
    throw HttpError{404, "页面不存在。"};
  }
  if (form.ok()) {
    core::Status s = o.TryTransact(work);
    if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
    if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
    if (s.code() != core::ErrorCode::kInvalidArgument &&
        s.code() != core::ErrorCode::kFailedPrecondition &&
        s.code() != core::ErrorCode::kAlreadyExists) {
      Fail(s);
    }
    auto it = fields.find(s.field());
    form.Error(it == fields.end() ? "" : it->second, s.message());
  }
  core::Item fresh;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(fresh, repos.items().Get(item.id));
    return core::Status::Ok();
  });
  return ShowItem(o, ctx, fresh, "", std::move(form), 422);
}

}  // namespace gongkai::admin
