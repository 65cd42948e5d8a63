// /api/v1/items: proactive disclosure through core/item_workflow (an OA system pushing
// documents, then submit, 保密审查, publish, withdraw).
#include <algorithm>

#include "api/fields.hpp"
#include "api/record_json.hpp"
#include "core/item_exposure.hpp"
#include "core/item_workflow.hpp"

namespace gongkai::api {

namespace {

// The editable fields of `f` applied onto `item` (absent fields keep their value).
core::Status ApplyItemFields(const Fields& f, core::Item& item) {
  GONGKAI_ASSIGN_OR_RETURN(auto title, f.OptString("title"));
  GONGKAI_ASSIGN_OR_RETURN(auto summary, f.OptString("summary"));
  GONGKAI_ASSIGN_OR_RETURN(auto publisher, f.OptString("publisher"));
  GONGKAI_ASSIGN_OR_RETURN(auto formed_on, f.OptDate("formed_on"));
  GONGKAI_ASSIGN_OR_RETURN(auto doc_no, f.OptString("doc_no"));
  GONGKAI_ASSIGN_OR_RETURN(auto topic, f.OptString("topic"));
  GONGKAI_ASSIGN_OR_RETURN(auto category, f.OptString("category"));
  GONGKAI_ASSIGN_OR_RETURN(auto mode, f.OptString("disclosure_mode"));
  GONGKAI_ASSIGN_OR_RETURN(auto validity, f.OptString("validity"));
  GONGKAI_ASSIGN_OR_RETURN(auto validity_on, f.OptDate("validity_changed_on"));
  GONGKAI_ASSIGN_OR_RETURN(auto regulation, f.OptBool("is_regulation"));
  GONGKAI_ASSIGN_OR_RETURN(auto normative, f.OptBool("is_normative"));
  GONGKAI_ASSIGN_OR_RETURN(auto body, f.OptString("body_md"));
  if (title) item.title = *title;
  if (summary) item.summary = *summary;
  if (publisher) item.publisher = *publisher;
  if (formed_on) item.formed_on = *formed_on;
  if (doc_no) item.doc_no = *doc_no;
  if (topic) item.topic = *topic;
  if (category) item.category = *category;
  if (mode) item.disclosure_mode = *mode;
  if (validity) {
    auto v = core::ParseValidity(*validity);
    if (!v.ok()) return core::InvalidArgument(v.status().message(), "validity");
    item.validity = *v;
  }
  if (f.Has("validity_changed_on") || validity) item.validity_changed_on = validity_on;
  if (regulation) item.is_regulation = *regulation;
  if (normative) item.is_normative = *normative;
  if (body) item.body_md = *body;
  return core::Status::Ok();
}

const std::vector<std::string_view> kEditable = {
    "title",         "summary",      "publisher",       "formed_on", "doc_no",
    "topic",         "category",     "disclosure_mode", "validity",  "validity_changed_on",
    "is_regulation", "is_normative", "body_md"};

// The item `id` after checking the route's action on its body.
core::Result<core::Item> LoadItem(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Id id, PathId(call));
  auto item = call.repos.items().Get(id);
  if (!item.ok()) return core::NotFound("信息不存在: " + std::to_string(id), "id");
  GONGKAI_RETURN_IF_ERROR(call.Require(item->org_id));
  return std::move(item).value();
}

JsonReply ItemReply(const core::Item& item, const RouteCall& call, int status = 200) {
  return {status, ItemJson(item, call.tree, true)};
}

// The item as written, with "personal_data": what the second reader finds in it as the
// text arrives (kind, field, offset, key, masked preview — never the value — and whether
// the text already masks it), so the sending system learns before the review gate refuses.
core::Result<JsonReply> WrittenItemReply(const core::Item& item, RouteCall& call, int status) {
  json::object body = ItemJson(item, call.tree, true);
  json::array findings;
  if (const core::Org* org = call.tree.Find(item.org_id)) {
    GONGKAI_ASSIGN_OR_RETURN(auto exposure, core::ScanItemExposure(call.repos, item, *org));
    for (const core::PiiFinding& f : exposure.personal_data) {
      findings.push_back(json::object{{"kind", core::PiiKindCode(f.kind)},
                                      {"kind_label", core::PiiKindLabel(f.kind)},
                                      {"field", f.field},
                                      {"offset", f.offset},
                                      {"key", core::FindingKey(f.field, f.offset)},
                                      {"preview", f.preview},
                                      {"masked", f.masked},
                                      {"confidence", f.confidence_pct}});
    }
  }
  body["personal_data"] = std::move(findings);
  return JsonReply{status, std::move(body)};
}

core::Result<JsonReply> ListItems(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(Page page, ParsePage(call.http, call.options.max_per_page));
  core::ItemQuery q;
  q.with_body = false;
  std::vector<core::Id> allowed = call.Allowed();
  std::string org = call.http.Param("org");
  if (!org.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(const core::Org* o, OrgByCode(call.tree, org));
    for (const core::Org* s : call.tree.Subtree(o->id)) {
      if (std::find(allowed.begin(), allowed.end(), s->id) != allowed.end()) {
        q.org_ids.push_back(s->id);
      }
    }
    if (q.org_ids.empty()) GONGKAI_RETURN_IF_ERROR(call.Require(o->id));
  } else {
    q.org_ids = allowed;
  }
  std::string state = call.http.Param("state");
  if (!state.empty()) {
    auto s = core::ParseItemState(state);
    if (!s.ok()) return core::InvalidArgument(s.status().message(), "state");
    q.states.push_back(*s);
  }
  GONGKAI_ASSIGN_OR_RETURN(q.published_from, QueryDate(call.http, "published_from"));
  GONGKAI_ASSIGN_OR_RETURN(q.published_to, QueryDate(call.http, "published_to"));
  std::vector<core::Item> items;
  if (!q.org_ids.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(items, call.repos.items().Find(q));
  }
  std::reverse(items.begin(), items.end());  // newest first
  return JsonReply{200, PageOf(items, page, [&](const core::Item& it) {
                     return ItemJson(it, call.tree, false);
                   })};
}

core::Result<JsonReply> GetItem(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  return ItemReply(item, call);
}

core::Result<JsonReply> CreateItemRoute(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(
      f.OnlyKnown({"org", "title", "summary", "publisher", "formed_on", "doc_no", "topic",
                   "category", "disclosure_mode", "validity", "validity_changed_on",
                   "is_regulation", "is_normative", "body_md"}));
  GONGKAI_ASSIGN_OR_RETURN(std::string org_code, f.String("org", true));
  GONGKAI_ASSIGN_OR_RETURN(const core::Org* org, OrgByCode(call.tree, org_code));
  GONGKAI_RETURN_IF_ERROR(call.Require(org->id));
  core::Item item;
  item.org_id = org->id;
  GONGKAI_ASSIGN_OR_RETURN(item.title, f.String("title", true));
  GONGKAI_ASSIGN_OR_RETURN(item.formed_on, f.Date("formed_on"));
  GONGKAI_RETURN_IF_ERROR(ApplyItemFields(f, item));
  GONGKAI_ASSIGN_OR_RETURN(
      core::Item created,
      core::CreateItem(call.repos, call.Change(), call.who.user.username, std::move(item)));
  return WrittenItemReply(created, call, 201);
}

core::Result<JsonReply> UpdateItem(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown(kEditable));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_RETURN_IF_ERROR(ApplyItemFields(f, item));
  GONGKAI_ASSIGN_OR_RETURN(core::Item edited,
                           core::EditItem(call.repos, call.Change(), call.who.user.username, item));
  return WrittenItemReply(edited, call, 200);
}

core::Result<JsonReply> SubmitItemRoute(RouteCall& call) {
  GONGKAI_RETURN_IF_ERROR(Fields(call.body).OnlyKnown({}));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(core::Item submitted, core::SubmitItem(call.repos, call.Change(),
                                                                  call.who.user.username, item.id));
  return ItemReply(submitted, call);
}

core::Result<JsonReply> ReviewItemRoute(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"approve", "reason"}));
  GONGKAI_ASSIGN_OR_RETURN(auto approve, f.OptBool("approve"));
  if (!approve) return core::InvalidArgument("缺少字段 approve", "approve");
  GONGKAI_ASSIGN_OR_RETURN(std::string reason, f.String("reason", !*approve));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(core::Item reviewed,
                           core::ReviewItem(call.repos, call.Change(), call.who.user.username,
                                            item.id, *approve, reason));
  return ItemReply(reviewed, call);
}

// 遮盖: masks the personal data in the text of an item under review (core/item_exposure.hpp).
core::Result<JsonReply> MaskItemRoute(RouteCall& call) {
  GONGKAI_RETURN_IF_ERROR(Fields(call.body).OnlyKnown({}));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(
      core::Item masked,
      core::MaskItemPersonalData(call.repos, call.Change(), call.who.user.username, item.id));
  return ItemReply(masked, call);
}

// 撤下并遮盖重新发布: the masked copy, submitted for review (core/item_exposure.hpp).
core::Result<JsonReply> RepublishMaskedRoute(RouteCall& call) {
  GONGKAI_RETURN_IF_ERROR(Fields(call.body).OnlyKnown({}));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(
      core::Item copy,
      core::WithdrawAndResubmitMasked(call.repos, call.Change(), call.who.user.username, item.id));
  return ItemReply(copy, call);
}

core::Result<JsonReply> PublishItemRoute(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"on", "channels"}));
  GONGKAI_ASSIGN_OR_RETURN(auto on, f.OptDate("on"));
  GONGKAI_ASSIGN_OR_RETURN(auto codes, f.Strings("channels"));
  std::vector<core::Channel> channels;
  for (const auto& code : codes) {
    auto c = core::ParseChannel(code);
    if (!c.ok()) return core::InvalidArgument(c.status().message(), "channels");
    channels.push_back(*c);
  }
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(
      core::Item published,
      core::PublishItem(call.repos, call.Change(), call.who.user.username, item.id,
                        on.value_or(call.Today()), std::move(channels)));
  return ItemReply(published, call);
}

core::Result<JsonReply> WithdrawItemRoute(RouteCall& call) {
  Fields f(call.body);
  GONGKAI_RETURN_IF_ERROR(f.OnlyKnown({"reason"}));
  GONGKAI_ASSIGN_OR_RETURN(std::string reason, f.String("reason", true));
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(
      core::Item withdrawn,
      core::WithdrawItem(call.repos, call.Change(), call.who.user.username, item.id, reason));
  return ItemReply(withdrawn, call);
}

core::Result<JsonReply> ItemAudit(RouteCall& call) {
  GONGKAI_ASSIGN_OR_RETURN(core::Item item, LoadItem(call));
  GONGKAI_ASSIGN_OR_RETURN(auto events,
                           call.repos.audit().ListFor("item", std::to_string(item.id)));
  json::array out;
  for (const auto& e : events) out.push_back(AuditEventJson(e));
  return JsonReply{200, json::object{{"events", std::move(out)}}};
}

}  // namespace

void AddItemRoutes(std::vector<Route>& routes) {
  using core::Action;
  const char* kPage = "org,state,published_from,published_to,page,per_page";
  routes.push_back({"GET", "/api/v1/items", Action::kRead, "listItems",
                    "列出信息（可按机构、状态、发布日期筛选，分页）", kPage, "", "ItemPage", 200,
                    ListItems});
  routes.push_back({"POST", "/api/v1/items", Action::kItemEdit, "createItem",
                    "新建信息草稿（如 OA 系统推送公文）", "", "ItemCreate", "Item", 201,
                    CreateItemRoute});
  routes.push_back({"GET", "/api/v1/items/{id}", Action::kRead, "getItem", "读取一条信息", "", "",
                    "Item", 200, GetItem});
  routes.push_back({"POST", "/api/v1/items/{id}", Action::kItemEdit, "updateItem",
                    "修改草稿或被退回的信息", "", "ItemUpdate", "Item", 200, UpdateItem});
  routes.push_back({"POST", "/api/v1/items/{id}/submit", Action::kItemEdit, "submitItem",
                    "提交保密审查", "", "Empty", "Item", 200, SubmitItemRoute});
  routes.push_back({"POST", "/api/v1/items/{id}/review", Action::kItemReview, "reviewItem",
                    "保密审查：通过或退回", "", "ItemReview", "Item", 200, ReviewItemRoute});
  routes.push_back({"POST", "/api/v1/items/{id}/mask", Action::kItemReview, "maskItem",
                    "遮盖个人信息（保留原文备查）", "", "Empty", "Item", 200, MaskItemRoute});
  routes.push_back({"POST", "/api/v1/items/{id}/republish-masked", Action::kItemPublish,
                    "republishMasked", "撤下已发布的信息并提交遮盖后的副本", "", "Empty", "Item",
                    200, RepublishMaskedRoute});
  routes.push_back({"POST", "/api/v1/items/{id}/publish", Action::kItemPublish, "publishItem",
                    "发布（签发索引号）", "", "ItemPublish", "Item", 200, PublishItemRoute});
  routes.push_back({"POST", "/api/v1/items/{id}/withdraw", Action::kItemPublish, "withdrawItem",
                    "撤回已发布的信息", "", "ItemWithdraw", "Item", 200, WithdrawItemRoute});
  routes.push_back({"GET", "/api/v1/items/{id}/audit", Action::kAuditRead, "itemAudit",
                    "信息的审计记录", "", "", "AuditTrail", 200, ItemAudit});
}

}  // namespace gongkai::api
