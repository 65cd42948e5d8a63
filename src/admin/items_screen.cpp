// 主动公开 items: list by state, create, edit, submit, review, publish, withdraw — every step
// through core/item_workflow, which re-checks the role (core::AuthorizeUser) in the same
// transaction; the screen checks it first so that a refusal is a clean 403.
#include "admin/item_extras.hpp"
#include "admin/office.hpp"
#include "core/item_workflow.hpp"
#include "web/error_map.hpp"

namespace gongkai::admin {
namespace {

const char* StateLabel(core::ItemState s) {
  static const char* kLabels[] = {"草稿", "待审查", "审查通过", "审查退回", "已发布", "已撤回"};
  return kLabels[static_cast<int>(s)];
}

const std::vector<std::string> kItemFields = {"org",   "title",    "summary",   "doc_no",
                                              "topic", "category", "formed_on", "body_md"};

core::Item LoadItem(Office& o, core::Id id) {
  core::Item item;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(item, repos.items().Get(id));
    return core::Status::Ok();
  });
  return item;
}

web::View ItemFormView(Ctx& ctx, const FormState& form, const std::string& org) {
  web::View v = form.ToView();
  v.Set("orgs", OrgOptions(ctx, ctx.Orgs(core::Action::kItemEdit), org));
  return v;
}

// Fills the editable fields from the form; records field errors in `form`.
void ReadItemForm(Ctx& ctx, FormState& form, core::Item& item) {
  item.title = ctx.Field("title");
  item.summary = ctx.Field("summary");
  item.doc_no = ctx.Field("doc_no");
  item.topic = ctx.Field("topic");
  item.category = ctx.Field("category");
  item.body_md = ctx.Field("body_md");
  if (item.title.empty()) form.Error("title", "请填写信息名称。");
  if (item.category.empty()) form.Error("category", "请填写栏目。");
  auto formed = FormDate(ctx, form, "formed_on", true);
  if (formed) item.formed_on = *formed;
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kRead);
  std::string state = ctx.req.Param("state");
  core::ItemQuery q;
  q.org_ids = orgs;
  q.with_body = false;
  if (!state.empty()) {
    auto s = core::ParseItemState(state);
    if (!s.ok()) throw HttpError{400, "未知的状态。"};
    q.states = {*s};
  }
  std::vector<core::Item> items;
  if (!orgs.empty()) {
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(items, repos.items().Find(q));
      return core::Status::Ok();
    });
  }
  // Newest first, at most 200 rows: the list is a work queue, not an archive.
  web::View rows = web::View::List();
  int shown = 0;
  for (auto it = items.rbegin(); it != items.rend() && shown < 200; ++it, ++shown) {
    web::View r;
    r.Set("id", std::to_string(it->id));
    r.Set("title", it->title);
    r.Set("org", ctx.OrgName(it->org_id));
    r.Set("state", StateLabel(it->state));
    r.Set("state_code", core::ItemStateCode(it->state));
    r.Set("index_no", it->index_no.value_or(""));
    rows.Push(r);
  }
  std::vector<std::pair<std::string, std::string>> states = {{"", "全部"}};
  for (auto s :
       {core::ItemState::kDraft, core::ItemState::kSubmitted, core::ItemState::kApproved,
        core::ItemState::kRejected, core::ItemState::kPublished, core::ItemState::kWithdrawn}) {
    states.emplace_back(core::ItemStateCode(s), StateLabel(s));
  }
  web::View v;
  v.Set("items", rows);
  v.Set("states", Options(states, state));
  v.Set("can_create", web::View::Bool(!ctx.Orgs(core::Action::kItemEdit).empty()));
  return o.Page(&ctx, "items", v, "主动公开信息");
}

web::HttpResponse Create(Office& o, Ctx& ctx) {
  if (ctx.Orgs(core::Action::kItemEdit).empty()) throw HttpError{403, "无权新建信息。"};
  FormState form(ctx.form);
  if (!ctx.post()) {
    return o.Page(&ctx, "item_form", ItemFormView(ctx, form, ""), "新建信息");
  }
  core::Item item;
  ReadItemForm(ctx, form, item);
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择机构。");
  } else {
    ctx.Require(core::Action::kItemEdit, org->id);
    item.org_id = org->id;
  }
  if (form.ok()) {
    core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(item,
                               core::CreateItem(repos, ctx.Change(), ctx.user.username, item));
      return core::Status::Ok();
    });
    if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
    if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
    form.Error(s, kItemFields);
  }
  web::View v = ItemFormView(ctx, form, ctx.Field("org"));
  return o.Page(&ctx, "item_form", v, "新建信息", 422);
}

web::HttpResponse Edit(Office& o, Ctx& ctx, core::Item item) {
  ctx.Require(core::Action::kItemEdit, item.org_id);
  FormState form(ctx.form);
  if (ctx.post()) {
    ReadItemForm(ctx, form, item);
    if (form.ok()) {
      core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
        return core::EditItem(repos, ctx.Change(), ctx.user.username, item).status();
      });
      if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
      if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
      form.Error(s, kItemFields);
    }
  } else {
    web::FormFields f = {{"title", item.title},       {"summary", item.summary},
                         {"doc_no", item.doc_no},     {"topic", item.topic},
                         {"category", item.category}, {"formed_on", item.formed_on.ToIso()},
                         {"body_md", item.body_md}};
    form = FormState(f);
  }
  web::View v = form.ToView();
  v.Set("id", std::to_string(item.id));
  v.Set("edit", web::View::Bool(true));
  v.Set("org_name", ctx.OrgName(item.org_id));
  return o.Page(&ctx, "item_form", v, "编辑信息", form.ok() ? 200 : 422);
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
  v.Set("state", StateLabel(item.state));
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
  if (status == 0) status = error.empty() ? 200 : 422;
  return o.Page(&ctx, "item", v, item.title, status);
}

namespace {

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
    ctx.Require(core::Action::kItemReview, item.org_id);
    std::string decision = ctx.Field("decision");
    // A missing or unknown decision is not a rejection: the reviewer must say which.
    if (decision != "approve" && decision != "reject") {
      return ShowItem(o, ctx, item, "请选择审查意见（通过或退回）。");
    }
    bool approve = decision == "approve";
    std::string reason = ctx.Field("reason");
    work = [&, approve, reason](core::Repositories& r) {
      return core::ReviewItem(r, ctx.Change(), user, item.id, approve, reason).status();
    };
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
  if (parts.size() == 1) return List(o, ctx);
  if (parts[1] == "new" && parts.size() == 2) return Create(o, ctx);
  core::Item item = LoadItem(o, PathId(parts[1]));
  // Outside the user's subtree the item does not exist for them (403, not its contents).
  ctx.Require(core::Action::kRead, item.org_id);
  if (parts.size() == 2) return ShowItem(o, ctx, item, "");
  if (parts.size() == 3 && parts[2] == "edit") return Edit(o, ctx, item);
  if (parts[2] == "attachments") return ItemAttachments(o, ctx, item, parts);
  if (parts.size() == 3 &&
      (parts[2] == "channel" || parts[2] == "validity" || parts[2] == "interpretation")) {
    return ItemPublicationStep(o, ctx, item, parts[2]);
  }
  if (parts.size() == 3) return Step(o, ctx, item, parts[2]);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
