#include "core/item_bulk_import.hpp"

#include "core/authorization.hpp"
#include "core/catalog.hpp"
#include "core/item_workflow.hpp"

namespace gongkai::core {

Result<ImportSnapshot> LoadImportSnapshot(Repositories& repos, std::string_view actor,
                                          const std::vector<Item>& items) {
  ImportSnapshot snap;
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  snap.tree = OrgTree(std::move(orgs));
  GONGKAI_ASSIGN_OR_RETURN(snap.actor, repos.users().FindByUsername(actor));
  if (snap.actor) {
    GONGKAI_ASSIGN_OR_RETURN(snap.grants, repos.users().ListGrants(snap.actor->id));
  }
  GONGKAI_RETURN_IF_ERROR(ExtendImportSnapshot(repos, snap, items));
  return snap;
}

Status ExtendImportSnapshot(Repositories& repos, ImportSnapshot& snap,
                            const std::vector<Item>& items) {
  std::vector<std::string> index_nos;
  for (const auto& item : items) {
    if (item.index_no) index_nos.push_back(*item.index_no);
    const Org* org = snap.tree.Find(item.org_id);
    if (!org || snap.catalogs.contains(org->id)) continue;
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org->id));
    snap.catalogs[org->id] = EffectiveCatalog(*org, std::move(stored));
  }
  GONGKAI_ASSIGN_OR_RETURN(auto taken, repos.items().TakenIndexNos(index_nos));
  snap.taken_index_nos.insert(taken.begin(), taken.end());
  return Status::Ok();
}

namespace {

// AuthorizeUser's checks against the snapshot (same errors, same order).
Status AuthorizeActor(const ImportSnapshot& snap, std::string_view actor, Id org_id) {
  if (!snap.actor) return NotFound("用户不存在: " + std::string(actor), "user");
  if (snap.actor->disabled) return PermissionDenied("用户已停用: " + snap.actor->username);
  return Authorize(snap.grants, snap.tree, Action::kItemEdit, org_id);
}

}  // namespace

std::vector<Status> PrepareImportedItems(const ImportSnapshot& snap, std::string_view actor,
                                         std::vector<Item>& items, Date today) {
  std::set<std::string> claimed;
  return PrepareImportedItems(snap, actor, items, today, claimed);
}

std::vector<Status> PrepareImportedItems(const ImportSnapshot& snap, std::string_view actor,
                                         std::vector<Item>& items, Date today,
                                         std::set<std::string>& claimed) {
  std::vector<Status> out;
  out.reserve(items.size());
  // `claimed`: 索引号 of earlier rows of this import; ImportItem would find them stored.
  for (auto& item : items) {
    const Org* org = snap.tree.Find(item.org_id);
    if (!org) {
      out.push_back(NotFound("机构不存在: id " + std::to_string(item.org_id)));
      continue;
    }
    Status s = AuthorizeActor(snap, actor, org->id);
    auto catalog = snap.catalogs.find(org->id);
    if (s.ok() && catalog == snap.catalogs.end()) {
      s = Internal("导入快照缺少机构 " + org->code + " 的目录");
    }
    if (s.ok()) s = PrepareItemFieldsIn(catalog->second, *org, item);
    if (s.ok()) s = CheckImportedItem(*org, actor, item, today);
    if (s.ok() && item.index_no) {
      if (snap.taken_index_nos.contains(*item.index_no) || !claimed.insert(*item.index_no).second) {
        s = AlreadyExists("索引号已存在: " + *item.index_no, "index_no");
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

ImportRecords MakeImportRecords(const ChangeContext& ctx, std::string_view actor,
                                const std::vector<Item>& stored) {
  ImportRecords out;
  out.events.reserve(stored.size());
  out.audit.reserve(stored.size());
  for (const auto& item : stored) {
    const std::string_view reason = ImportEventReason(item);
    out.events.push_back(ItemStepEvent(ctx, ItemEventKind::kImport, actor, item.id, reason));
    out.audit.push_back(ItemStepAudit(ctx, ItemEventKind::kImport, nullptr, item, reason));
  }
  return out;
}

Status StoreImportedItems(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                          std::vector<Item>& items) {
  if (items.empty()) return Status::Ok();
  GONGKAI_RETURN_IF_ERROR(repos.items().InsertBatch(items));
  ImportRecords records = MakeImportRecords(ctx, actor, items);
  GONGKAI_RETURN_IF_ERROR(repos.items().AppendEvents(records.events));
  return repos.audit().AppendMany(records.audit);
}

}  // namespace gongkai::core
