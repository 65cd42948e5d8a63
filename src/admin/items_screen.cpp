// 主动公开 items: the item page and its workflow steps (submit, review, publish, withdraw,
// correct) — every step
// through core/item_workflow, which re-checks the role (core::AuthorizeUser) in the same
// transaction; the screen checks it first so that a refusal is a clean 403.
#include "admin/item_exposure_view.hpp"
#include "admin/item_extras.hpp"
#include "admin/office.hpp"
#include "core/item_correction.hpp"
#include "core/item_workflow.hpp"
#include "web/error_map.hpp"

namespace gongkai::admin {

const char* ItemStateLabel(core::ItemState s) {
  static const char* kLabels[] = {"草稿", "待审查", "审查通过", "审查退回", "已发布", "已撤回"};
  return kLabels[static_cast<int>(s)];
}

namespace {

core::Item LoadItem(Office& o, core::Id id) {
  core::Item item;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(item, repos.items().Get(id));
    return core::Status::Ok();
  });
  return item;
}

}  // namespace

web::HttpResponse ShowItem(Office& o, Ctx& ctx, const core::Item& item, const std::string& error,
                           FormState form, int status) {
  std::vector<core::ItemEvent> events;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(events, repos.items().ListEvents(item.id));
    return core::Status::Ok();
  });
  web::View v = form.ToView();
  v.Set("id", std::to_string(item.id));
  v.Set("title", item.title);
  v.Set("summary", item.summary);
  v.Set("org", ctx.OrgName(item.org_id));
  v.Set("state", ItemStateLabel(item.state));
  v.Set("index_no", item.index_no.value_or(""));
  v.Set("doc_no", item.doc_no);
  v.Set("category", item.category);
  v.Set("formed_on", item.formed_on.ToIso());
  v.Set("published_on", item.published_on ? item.published_on->ToIso() : "");
  v.Set("author", item.author);
  v.Set("body_md", item.body_md);
  if (!error.empty()) v.Set("alert", error);
  bool edit = ctx.Can(core::Action::kItemEdit, item.org_id).ok();
  bool review = ctx.Can(core::Action::kItemReview, item.org_id).ok();
  bool publish = ctx.Can(core::Action::kItemPublish, item.org_id).ok();
  using S = core::ItemState;
  bool editable = item.state == S::kDraft || item.state == S::kRejected;
  v.Set("can_edit", web::View::Bool(edit && editable));
  v.Set("can_submit", web::View::Bool(edit && editable));
  v.Set("can_review", web::View::Bool(review && item.state == S::kSubmitted));
  // The reviewer's own choice after a refused submission; never a default.
  std::string decision = ctx.post() ? ctx.Field("decision") : "";
  v.Set("review_approve", web::View::Bool(decision == "approve"));
  v.Set("review_reject", web::View::Bool(decision == "reject"));
  v.Set("can_publish", web::View::Bool(publish && item.state == S::kApproved));
  v.Set("can_withdraw", web::View::Bool(publish && item.state == S::kPublished));
  v.Set("can_audit", web::View::Bool(ctx.Can(core::Action::kAuditRead, item.org_id).ok()));
  v.Set("today", ctx.Today().ToIso());
  std::vector<std::pair<std::string, std::string>> channels;
  for (core::Channel c : core::kAllChannels)
    channels.emplace_back(core::ChannelCode(c), core::ChannelLabel(c));
  v.Set("channels", Options(channels, "website"));
  web::View ev = web::View::List();
  for (const auto& e : events) {
    web::View r;
    r.Set("kind", core::ItemEventKindCode(e.kind));
    r.Set("actor", e.actor);
    r.Set("at", e.at);
    r.Set("note", e.reason);
    ev.Push(r);
  }
  v.Set("events", ev);
  AddAttachmentsView(o, ctx, item, v);
  AddPublicationView(o, ctx, item, v);
  AddExposureView(o, ctx, item, v);
  if (status == 0) status = error.empty() ? 200 : 422;
  return o.Page(&ctx, "item", v, item.title, status);
}

namespace {

std::string TrimmedField(const Ctx& ctx, std::string_view name) {
  std::string v = ctx.Field(name);
  size_t b = v.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return v.substr(b, v.find_last_not_of(" \t\r\n") - b + 1);
}

// 保密审查: the decision is explicit (nothing is preselected) and must agree with its text —
// an approval whose form carries a rejection reason is refused, since the reviewer may have
// meant to return the item. Every refusal re-shows the page (422) with the reviewer's choice
// and text kept, so that a second submit cannot approve by default.
web::HttpResponse Review(Office& o, Ctx& ctx, const core::Item& item) {
  ctx.Require(core::Action::kItemReview, item.org_id);
  FormState form(ctx.form);
  std::string decision = ctx.Field("decision");
  std::string reason = TrimmedField(ctx, "reason");
  // Why each open personal-data or wording finding is lawful to publish ("key：理由" lines,
  // core::ReviewItem checks them); a separate field, so that an approval never carries the
  // rejection reason.
  std::string justification = TrimmedField(ctx, "justification");
  if (decision != "approve" && decision != "reject") {
    form.Error("decision", "请选择审查意见（通过或退回）。");
  } else if (decision == "reject" && reason.empty()) {
    form.Error("reason", "退回须说明理由。");
  } else if (decision == "approve" && !reason.empty()) {
    form.Error("reason", "已填写退回理由：要退回请选择“退回”；确认通过请清空退回理由。");
  }
  if (!form.ok()) return ShowItem(o, ctx, item, "", form, 422);
  bool approve = decision == "approve";
  core::Status s = o.TryTransact([&](core::Repositories& r) {
    return core::ReviewItem(r, ctx.Change(), ctx.user.username, item.id, approve,
                            approve ? justification : reason)
        .status();
  });
  if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
  if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
  if (s.code() != core::ErrorCode::kInvalidArgument &&
      s.code() != core::ErrorCode::kFailedPrecondition) {
    Fail(s);
  }
  // On an approval the core's "reason" is the justification the reviewer wrote.
  if (approve && s.field() == "reason") {
    s = core::Status(s.code(), s.message(), "justification");
  }
  form.Error(s, {"decision", "reason", "justification"});
  int status = s.code() == core::ErrorCode::kInvalidArgument ? 422 : 409;
  return ShowItem(o, ctx, LoadItem(o, item.id), "", form, status);
}

// One workflow step from the item page; a refusal by the workflow re-shows the page with
// the reason.
web::HttpResponse Step(Office& o, Ctx& ctx, const core::Item& item, const std::string& step) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的按钮。"};
  std::string user = ctx.user.username;
  std::function<core::Status(core::Repositories&)> work;
  if (step == "submit") {
    ctx.Require(core::Action::kItemEdit, item.org_id);
    work = [&](core::Repositories& r) {
      return core::SubmitItem(r, ctx.Change(), user, item.id).status();
    };
  } else if (step == "review") {
    return Review(o, ctx, item);
  } else if (step == "publish") {
    ctx.Require(core::Action::kItemPublish, item.org_id);
    FormState form;
    auto on = FormDate(ctx, form, "on", true);
    if (!on) return ShowItem(o, ctx, item, "请填写发布日期（YYYY-MM-DD）。");
    std::vector<core::Channel> channels;
    for (const auto& [k, val] : ctx.form) {
      if (k != "channel") continue;
      auto c = core::ParseChannel(val);
      if (!c.ok()) return ShowItem(o, ctx, item, "未知的发布渠道。");
      channels.push_back(*c);
    }
    work = [&, on, channels](core::Repositories& r) {
      return core::PublishItem(r, ctx.Change(), user, item.id, *on, channels).status();
    };
  } else if (step == "correct") {
    // 更正: publish this approved version and withdraw the one it corrects, together.
    ctx.Require(core::Action::kItemPublish, item.org_id);
    FormState form(ctx.form);
    auto on = FormDate(ctx, form, "correct_on", true);
    if (!on) return ShowItem(o, ctx, item, "", form, 422);
    std::string replaces = ctx.Field("replaces"), note = ctx.Field("note");
    core::Status s = o.TryTransact([&](core::Repositories& r) {
      return core::PublishCorrection(r, ctx.Change(), user, item.id, replaces, *on, note).status();
    });
    if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
    if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
    if (s.code() != core::ErrorCode::kInvalidArgument &&
        s.code() != core::ErrorCode::kFailedPrecondition) {
      Fail(s);
    }
    form.Error(s, {"replaces", "note", "correct_on"});
    return ShowItem(o, ctx, LoadItem(o, item.id), "", form, 422);
  } else if (step == "withdraw") {
    ctx.Require(core::Action::kItemPublish, item.org_id);
    std::string reason = ctx.Field("reason");
    work = [&, reason](core::Repositories& r) {
      return core::WithdrawItem(r, ctx.Change(), user, item.id, reason).status();
    };
  } else {
    throw HttpError{404, "页面不存在。"};
  }
  core::Status s = o.TryTransact(work);
  if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
  if (!s.ok() && s.code() != core::ErrorCode::kInvalidArgument &&
      s.code() != core::ErrorCode::kFailedPrecondition) {
    Fail(s);
  }
  if (!s.ok()) {
    return ShowItem(o, ctx, LoadItem(o, item.id), s.message(), {}, web::HttpStatusOf(s.code()));
  }
  return Redirect("/admin/items/" + std::to_string(item.id));
}

}  // namespace

web::HttpResponse ItemsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return ItemsList(o, ctx);
  if (parts[1] == "new" && parts.size() == 2) return ItemCreateForm(o, ctx);
  core::Item item = LoadItem(o, PathId(parts[1]));
  // Outside the user's subtree the item does not exist for them (403, not its contents).
  ctx.Require(core::Action::kRead, item.org_id);
  if (parts.size() == 2) return ShowItem(o, ctx, item, "");
  if (parts.size() == 3 && parts[2] == "edit") return ItemEditForm(o, ctx, item);
  if (parts[2] == "attachments") return ItemAttachments(o, ctx, item, parts);
  if (parts.size() == 3 &&
      (parts[2] == "channel" || parts[2] == "validity" || parts[2] == "interpretation")) {
    return ItemPublicationStep(o, ctx, item, parts[2]);
  }
  if (parts.size() == 3 && (parts[2] == "mask" || parts[2] == "republish-masked"))
    return ItemMaskStep(o, ctx, item, parts[2]);
  if (parts.size() == 3) return Step(o, ctx, item, parts[2]);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
