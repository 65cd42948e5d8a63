#include "core/item_workflow.hpp"

#include <algorithm>

#include "core/authorization.hpp"
#include "core/catalog.hpp"
#include "core/doc_no.hpp"
#include "core/index_no.hpp"
#include "core/item_exposure.hpp"
#include "core/json_writer.hpp"
#include "core/org_tree.hpp"

namespace gongkai::core {
namespace {

std::string StateName(ItemState s) {
  static const char* kLabels[] = {"草稿", "待审查", "审查通过", "审查退回", "已发布", "已撤回"};
  return kLabels[static_cast<int>(s)];
}

Status WrongState(const Item& item, const char* step) {
  return FailedPrecondition("信息 " + std::to_string(item.id) + " 当前为“" + StateName(item.state) +
                            "”，不能" + step);
}

std::string ChannelsJson(const std::vector<ItemChannel>& channels) {
  std::string out = "[";
  for (const auto& c : channels) {
    if (out.size() > 1) out += ',';
    out += JsonObjectWriter()
               .Add("channel", ChannelCode(c.channel))
               .Add("published_on", c.published_on.ToIso())
               .Finish();
  }
  return out + "]";
}

std::optional<std::string> OptDate(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->ToIso()) : std::nullopt;
}

// Appends the history event and the audit event of one step.
Status Record(Repositories& repos, const ChangeContext& ctx, ItemEventKind kind,
              std::string_view actor, const Item& before, const Item& after,
              std::string_view reason, bool creation = false) {
  GONGKAI_RETURN_IF_ERROR(
      repos.items().AppendEvent(ItemStepEvent(ctx, kind, actor, after.id, reason)).status());
  return repos.audit()
      .Append(ItemStepAudit(ctx, kind, creation ? nullptr : &before, after, reason))
      .status();
}

Result<std::pair<Item, Org>> Load(Repositories& repos, Id item_id) {
  GONGKAI_ASSIGN_OR_RETURN(Item item, repos.items().Get(item_id));
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(item.org_id));
  return std::make_pair(std::move(item), std::move(org));
}

std::string Trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\n\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\n\r");
  return std::string(s.substr(b, e - b + 1));
}

// Who wrote the version under review: the author and everyone who created, edited (an
// attachment change is an edit) or submitted the item. Reviews do not count; items are not
// edited after approval, so the whole history is the version's.
std::vector<std::string> Contributors(const Item& item, const std::vector<ItemEvent>& events) {
  std::vector<std::string> out;
  if (!item.author.empty()) out.push_back(item.author);
  for (const auto& e : events) {
    if (e.kind != ItemEventKind::kCreate && e.kind != ItemEventKind::kEdit &&
        e.kind != ItemEventKind::kSubmit && e.kind != ItemEventKind::kImport) {
      continue;
    }
    if (e.kind == ItemEventKind::kEdit && e.reason.starts_with(kMaskEventReason)) continue;
    if (std::find(out.begin(), out.end(), e.actor) == out.end()) out.push_back(e.actor);
  }
  return out;
}

}  // namespace

std::string ItemAuditJson(const Item& it) {
  return JsonObjectWriter()
      .Add("id", int64_t{it.id})
      .Add("org_id", int64_t{it.org_id})
      .Add("index_no", it.index_no)
      .Add("title", it.title)
      .Add("summary", it.summary)
      .Add("publisher", it.publisher)
      .Add("formed_on", it.formed_on.ToIso())
      .Add("published_on", OptDate(it.published_on))
      .Add("doc_no", it.doc_no)
      .Add("topic", it.topic)
      .Add("category", it.category)
      .Add("disclosure_mode", it.disclosure_mode)
      .Add("validity", ValidityCode(it.validity))
      .Add("validity_changed_on", OptDate(it.validity_changed_on))
      .Add("is_regulation", it.is_regulation)
      .Add("is_normative", it.is_normative)
      .Add("state", ItemStateCode(it.state))
      .Add("body_bytes", static_cast<int64_t>(it.body_md.size()))
      .AddRaw("channels", ChannelsJson(it.channels))
      .Add("author", it.author)
      .Finish();
}

ItemEvent ItemStepEvent(const ChangeContext& ctx, ItemEventKind kind, std::string_view actor,
                        Id item_id, std::string_view reason) {
  ItemEvent e;
  e.item_id = item_id;
  e.kind = kind;
  e.actor = std::string(actor);
  e.at = ctx.at;
  e.reason = std::string(reason);
  return e;
}

AuditEvent ItemStepAudit(const ChangeContext& ctx, ItemEventKind kind, const Item* before,
                         const Item& after, std::string_view reason) {
  std::string after_json = ItemAuditJson(after);
  if (!reason.empty()) {
    after_json.pop_back();
    after_json += ",";
    AppendJsonString(after_json, "reason");
    after_json += ":";
    AppendJsonString(after_json, reason);
    after_json += "}";
  }
  return MakeAuditEvent(ctx, std::string("item.") + ItemEventKindCode(kind), "item",
                        std::to_string(after.id), before ? ItemAuditJson(*before) : "",
                        std::move(after_json));
}

Status RequireRole(Repositories& repos, std::string_view username, std::vector<Role> roles,
                   Id org_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(username));
  if (!user) return NotFound("用户不存在: " + std::string(username), "as");
  if (user->disabled) return PermissionDenied("用户已停用: " + user->username);
  GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  OrgTree tree(std::move(orgs));
  for (const auto& g : grants) {
    if (g.revoked_at) continue;
    if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) continue;
    if (tree.Contains(g.org_id, org_id)) return Status::Ok();
  }
  std::string names;
  for (Role r : roles) names += (names.empty() ? "" : "或") + std::string(RoleLabel(r));
  const Org* org = tree.Find(org_id);
  return PermissionDenied("用户 " + user->username + " 在 " + (org ? org->name : "该机构") + " 无" +
                          names + "权限");
}

Result<std::string> ResolveCategory(Repositories& repos, const Org& org, std::string_view text) {
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org.id));
  return ResolveCategoryIn(EffectiveCatalog(org, std::move(stored)), org, text);
}

Result<std::string> ResolveCategoryIn(const std::vector<CatalogCategory>& catalog, const Org& org,
                                      std::string_view text) {
  std::vector<std::string> matches;
  for (const auto& c : catalog) {
    if (c.path == text) return c.path;
    size_t slash = c.path.rfind('/');
    std::string_view last = slash == std::string::npos ? std::string_view(c.path)
                                                       : std::string_view(c.path).substr(slash + 1);
    if (last == text) matches.push_back(c.path);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return InvalidArgument(
        "目录栏目不在 " + org.name + " 的目录中: '" + std::string(text.substr(0, 80)) + "'",
        "category");
  }
  return InvalidArgument("目录栏目不唯一: '" + std::string(text) + "'，请写完整路径", "category");
}

Status PrepareItemFields(Repositories& repos, const Org& org, Item& item) {
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org.id));
  return PrepareItemFieldsIn(EffectiveCatalog(org, std::move(stored)), org, item);
}

Status PrepareItemFieldsIn(const std::vector<CatalogCategory>& catalog, const Org& org,
                           Item& item) {
  item.title = Trimmed(item.title);
  if (item.title.empty() || item.title.size() > 500) {
    return InvalidArgument("信息名称不能为空且不超过 500 字节", "title");
  }
  GONGKAI_RETURN_IF_ERROR(ValidateCategoryPath(item.category));
  GONGKAI_ASSIGN_OR_RETURN(item.category, ResolveCategoryIn(catalog, org, item.category));
  GONGKAI_ASSIGN_OR_RETURN(item.doc_no, NormalizeDocNo(item.doc_no));
  if (item.publisher.empty()) item.publisher = org.name;
  if (item.disclosure_mode.empty()) item.disclosure_mode = "主动公开";
  if (item.validity == Validity::kValid) {
    if (item.validity_changed_on) {
      return InvalidArgument("有效的信息不应有失效或废止日期", "validity_changed_on");
    }
  } else {
    if (!item.validity_changed_on) {
      return InvalidArgument("失效或废止的信息须写明失效或废止日期", "validity_changed_on");
    }
    if (*item.validity_changed_on < item.formed_on) {
      return InvalidArgument("失效或废止日期不能早于生成日期", "validity_changed_on");
    }
  }
  if (item.is_regulation && item.is_normative) {
    return InvalidArgument("规章与行政规范性文件只能选其一", "kind");
  }
  return Status::Ok();
}

Result<Item> CreateItem(Repositories& repos, const ChangeContext& ctx, std::string_view author,
                        Item item) {
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(item.org_id));
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, author, Action::kItemEdit, org.id));
  GONGKAI_RETURN_IF_ERROR(PrepareItemFields(repos, org, item));
  item.id = 0;
  item.state = ItemState::kDraft;
  item.index_no.reset();
  item.published_on.reset();
  item.channels.clear();
  item.author = std::string(author);
  GONGKAI_ASSIGN_OR_RETURN(item.id, repos.items().Insert(item));
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx, ItemEventKind::kCreate, author, item, item, "", true));
  return item;
}

Result<Item> EditItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                      const Item& changed) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, changed.id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemEdit, org.id));
  if (before.state != ItemState::kDraft && before.state != ItemState::kRejected) {
    return WrongState(before, "修改");
  }
  Item after = before;
  after.title = changed.title;
  after.summary = changed.summary;
  after.publisher = changed.publisher;
  after.formed_on = changed.formed_on;
  after.doc_no = changed.doc_no;
  after.topic = changed.topic;
  after.category = changed.category;
  after.disclosure_mode = changed.disclosure_mode;
  after.validity = changed.validity;
  after.validity_changed_on = changed.validity_changed_on;
  after.is_regulation = changed.is_regulation;
  after.is_normative = changed.is_normative;
  after.body_md = changed.body_md;
  GONGKAI_RETURN_IF_ERROR(PrepareItemFields(repos, org, after));
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx, ItemEventKind::kEdit, actor, before, after, ""));
  return after;
}

Result<Item> SubmitItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                        Id item_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemEdit, org.id));
  if (before.state != ItemState::kDraft && before.state != ItemState::kRejected) {
    return WrongState(before, "提交审查");
  }
  Item after = before;
  after.state = ItemState::kSubmitted;
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx, ItemEventKind::kSubmit, actor, before, after, ""));
  return after;
}

Result<Item> ReviewItem(Repositories& repos, const ChangeContext& ctx, std::string_view reviewer,
                        Id item_id, bool approve, std::string_view reason) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, reviewer, Action::kItemReview, org.id));
  GONGKAI_ASSIGN_OR_RETURN(auto history, repos.items().ListEvents(item_id));
  GONGKAI_RETURN_IF_ERROR(CheckIndependentReviewer(reviewer, Contributors(before, history)));
  if (before.state != ItemState::kSubmitted) return WrongState(before, "审查");
  std::string why = Trimmed(reason);
  if (!approve && why.empty()) return InvalidArgument("退回须说明理由", "reason");
  if (approve) {  // personal data and misstatements: masked, or each justified in `why`
    GONGKAI_ASSIGN_OR_RETURN(auto exposure, ScanItemExposure(repos, before, org));
    GONGKAI_RETURN_IF_ERROR(CheckExposureJustified(exposure, why));
  }
  Item after = before;
  after.state = approve ? ItemState::kApproved : ItemState::kRejected;
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx,
                                 approve ? ItemEventKind::kApprove : ItemEventKind::kReject,
                                 reviewer, before, after, why));
  return after;
}

Result<Item> PublishItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                         Id item_id, Date on, std::vector<Channel> channels) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemPublish, org.id));
  if (before.state != ItemState::kApproved) {
    return FailedPrecondition("信息 " + std::to_string(item_id) + " 当前为“" +
                              StateName(before.state) + "”：未经保密审查通过的信息不能发布");
  }
  // The state says approved; the history must agree: the latest review is an approval by
  // someone other than the author, and nothing was edited after it.
  GONGKAI_ASSIGN_OR_RETURN(auto events, repos.items().ListEvents(item_id));
  const ItemEvent* review = nullptr;
  bool edited_after = false;
  for (const auto& e : events) {
    if (e.kind == ItemEventKind::kApprove || e.kind == ItemEventKind::kReject) {
      review = &e;
      edited_after = false;
    } else if (e.kind == ItemEventKind::kEdit) {
      edited_after = true;
    }
  }
  if (!review || review->kind != ItemEventKind::kApprove || edited_after) {
    return FailedPrecondition("信息 " + std::to_string(item_id) +
                              " 没有有效的保密审查通过记录，不能发布");
  }
  // Four eyes, checked again from the history: the approval is by someone other than every
  // editor of the version.
  GONGKAI_RETURN_IF_ERROR(CheckIndependentReviewer(review->actor, Contributors(before, events)));
  if (on < before.formed_on) return InvalidArgument("发布日期不能早于生成日期", "on");
  if (channels.empty()) channels.push_back(Channel::kWebsite);
  Item after = before;
  for (Channel c : channels) {
    bool dup = std::any_of(after.channels.begin(), after.channels.end(),
                           [&](const ItemChannel& x) { return x.channel == c; });
    if (!dup) after.channels.push_back({c, on});
  }
  GONGKAI_ASSIGN_OR_RETURN(after.index_no, NextIndexNo(repos, org, on.year()));
  after.published_on = on;
  after.state = ItemState::kPublished;
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  // What the item exposes, stored for the dashboard's count (issue 20).
  GONGKAI_RETURN_IF_ERROR(RecordExposureScan(repos, after, org).status());
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx, ItemEventKind::kPublish, actor, before, after, ""));
  return after;
}

Result<Item> WithdrawItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                          Id item_id, std::string_view reason) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemPublish, org.id));
  if (before.state != ItemState::kPublished) return WrongState(before, "撤回");
  std::string why = Trimmed(reason);
  if (why.empty()) return InvalidArgument("撤回须说明理由", "reason");
  Item after = before;
  after.state = ItemState::kWithdrawn;
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(Record(repos, ctx, ItemEventKind::kWithdraw, actor, before, after, why));
  return after;
}

Result<Item> AddItemChannel(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                            Id item_id, Channel channel, Date on) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemPublish, org.id));
  if (before.state != ItemState::kPublished) return WrongState(before, "增加发布渠道");
  if (on < *before.published_on) return InvalidArgument("渠道发布日期不能早于发布日期", "on");
  for (const auto& c : before.channels) {
    if (c.channel == channel) {
      return AlreadyExists(std::string("该信息已在") + ChannelLabel(channel) + "发布", "channel");
    }
  }
  Item after = before;
  after.channels.push_back({channel, on});
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(
      Record(repos, ctx, ItemEventKind::kChannel, actor, before, after, ChannelLabel(channel)));
  return after;
}

Result<Item> SetItemValidity(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                             Id item_id, Validity validity, std::optional<Date> on) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [before, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemPublish, org.id));
  if (before.state != ItemState::kPublished && before.state != ItemState::kWithdrawn) {
    return WrongState(before, "变更有效性（未发布的信息请直接修改）");
  }
  Item after = before;
  after.validity = validity;
  after.validity_changed_on = validity == Validity::kValid ? std::nullopt : on;
  if (validity != Validity::kValid) {
    if (!on) return InvalidArgument("失效或废止须写明日期", "on");
    if (*on < before.formed_on) return InvalidArgument("失效或废止日期不能早于生成日期", "on");
  }
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(
      Record(repos, ctx, ItemEventKind::kValidity, actor, before, after, ValidityLabel(validity)));
  return after;
}

namespace {
// An attachment in the audit trail: its identity and digest, not its bytes.
std::string AttachmentJson(const ItemAttachment& a) {
  return JsonObjectWriter()
      .Add("attachment_id", int64_t{a.id})
      .Add("name", a.name)
      .Add("sha256", a.sha256)
      .Add("size_bytes", a.size_bytes)
      .Finish();
}
}  // namespace

Result<ItemAttachment> AttachToItem(Repositories& repos, const ChangeContext& ctx,
                                    std::string_view actor, Id item_id, ItemAttachment attachment) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [item, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemEdit, org.id));
  if (item.state != ItemState::kDraft && item.state != ItemState::kRejected) {
    return WrongState(item, "添加附件（附件须随信息一并审查）");
  }
  if (attachment.sha256.size() != 64) return InvalidArgument("附件摘要无效", "sha256");
  if (attachment.name.empty()) return InvalidArgument("附件名不能为空", "name");
  attachment.item_id = item_id;
  GONGKAI_ASSIGN_OR_RETURN(attachment.id, repos.items().AddAttachment(attachment));
  GONGKAI_ASSIGN_OR_RETURN(auto all, repos.items().ListAttachments(item_id));
  for (const auto& a : all) {
    if (a.id == attachment.id) attachment.position = a.position;
  }
  GONGKAI_RETURN_IF_ERROR(repos.items()
                              .AppendEvent({0, item_id, 0, ItemEventKind::kEdit, std::string(actor),
                                            ctx.at, "附件 " + attachment.name})
                              .status());
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "item.attachment_add", "item",
                                       std::to_string(item_id), "", AttachmentJson(attachment)));
  return attachment;
}

Result<ItemAttachment> RemoveItemAttachment(Repositories& repos, const ChangeContext& ctx,
                                            std::string_view actor, Id item_id, Id attachment_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto loaded, Load(repos, item_id));
  auto& [item, org] = loaded;
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemEdit, org.id));
  if (item.state != ItemState::kDraft && item.state != ItemState::kRejected) {
    return WrongState(item, "删除附件");
  }
  GONGKAI_ASSIGN_OR_RETURN(auto all, repos.items().ListAttachments(item_id));
  auto found = std::find_if(all.begin(), all.end(),
                            [&](const ItemAttachment& a) { return a.id == attachment_id; });
  if (found == all.end()) {
    return NotFound("附件不存在: " + std::to_string(attachment_id), "attachment");
  }
  ItemAttachment removed = *found;
  GONGKAI_RETURN_IF_ERROR(repos.items().RemoveAttachment(item_id, attachment_id));
  GONGKAI_RETURN_IF_ERROR(repos.items()
                              .AppendEvent({0, item_id, 0, ItemEventKind::kEdit, std::string(actor),
                                            ctx.at, "删除附件 " + removed.name})
                              .status());
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "item.attachment_remove", "item",
                                       std::to_string(item_id), AttachmentJson(removed), ""));
  return removed;
}

Status CheckImportedItem(const Org& org, std::string_view actor, Item& item, Date today) {
  item.id = 0;
  item.author = std::string(actor);
  if (!item.index_no) {
    if (item.state != ItemState::kDraft) {
      return InvalidArgument("没有索引号的信息只能作为草稿导入", "state");
    }
    item.published_on.reset();
    item.channels.clear();
    return Status::Ok();
  }
  if (item.state != ItemState::kPublished && item.state != ItemState::kWithdrawn) {
    return InvalidArgument("有索引号的信息须为已发布或已撤回", "state");
  }
  if (!item.published_on) return InvalidArgument("已发布的信息须有发布日期", "published_on");
  if (*item.published_on > today) return InvalidArgument("发布日期晚于今天", "published_on");
  if (*item.published_on < item.formed_on) {
    return InvalidArgument("发布日期不能早于生成日期", "published_on");
  }
  GONGKAI_ASSIGN_OR_RETURN(auto parts, ParseIndexNo(*item.index_no));
  if (parts.org_code != org.code || parts.year != item.published_on->year()) {
    return InvalidArgument(
        "索引号 " + *item.index_no + " 与机构代码 " + org.code + " 或发布年份不符", "index_no");
  }
  if (item.channels.empty()) item.channels.push_back({Channel::kWebsite, *item.published_on});
  for (const auto& c : item.channels) {
    if (c.published_on < *item.published_on) {
      return InvalidArgument("渠道发布日期不能早于发布日期", "channels");
    }
  }
  return Status::Ok();
}

std::string_view ImportEventReason(const Item& item) {
  return item.index_no ? "导入既往发布记录" : "导入草稿";
}

Result<Item> ImportItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                        Item item, Date today) {
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(item.org_id));
  GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemEdit, org.id));
  GONGKAI_RETURN_IF_ERROR(PrepareItemFields(repos, org, item));
  GONGKAI_RETURN_IF_ERROR(CheckImportedItem(org, actor, item, today));
  GONGKAI_ASSIGN_OR_RETURN(item.id, repos.items().Insert(item));
  GONGKAI_RETURN_IF_ERROR(
      Record(repos, ctx, ItemEventKind::kImport, actor, item, item, ImportEventReason(item), true));
  return item;
}

}  // namespace gongkai::core
