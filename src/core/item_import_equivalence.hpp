// Test support (header-only, included by tests only): imports the same rows through
// core::ImportItem row by row and through the batched import (core/item_bulk_import.hpp)
// on two stores set up alike, and reads back everything either path wrote, so the core
// tests (FakeStore) and the store tests (SQLite, PostgreSQL) can assert that both paths
// give the same statuses, items, events and audit chain.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item_bulk_import.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"

namespace gongkai::core::testing {

// The bodies and users the rows refer to: 青溪市 (QXS) with 发改局 (QXS-FGW) below it;
// "zhang.san" edits QXS-FGW only, "off.duty" edits QXS but is disabled. Returns
// {QXS id, QXS-FGW id}.
inline Result<std::pair<Id, Id>> SetUpImportBodies(Repositories& r, const ChangeContext& ctx) {
  Org root;
  root.code = "QXS";
  root.name = "青溪市人民政府";
  root.kind = OrgKind::kGovernment;
  root.acceptance_phone = "0731-88880000";
  GONGKAI_ASSIGN_OR_RETURN(root, CreateOrg(r, ctx, root, ""));
  Org fgw;
  fgw.code = "QXS-FGW";
  fgw.name = "青溪市发展和改革局";
  fgw.kind = OrgKind::kDepartment;
  GONGKAI_ASSIGN_OR_RETURN(fgw, CreateOrg(r, ctx, fgw, "QXS"));
  User u;
  u.password_hash = "x";
  u.username = "zhang.san";
  GONGKAI_RETURN_IF_ERROR(CreateUser(r, ctx, u, Role::kEditor, "QXS-FGW").status());
  u.username = "off.duty";
  GONGKAI_ASSIGN_OR_RETURN(u, CreateUser(r, ctx, u, Role::kEditor, "QXS"));
  u.disabled = true;
  GONGKAI_RETURN_IF_ERROR(r.users().Update(u));
  return std::make_pair(root.id, fgw.id);
}

// Rows covering each rule: good past publications, drafts and a withdrawn item, and rows
// refused for a repeated or foreign 索引号, an unknown column, a future date, a state
// without 索引号, a body outside the actor's grants and a bad channel date.
inline std::vector<Item> EquivalenceRows(Id root, Id fgw) {
  auto d = [](const char* iso) { return Date::Parse(iso).value(); };
  std::vector<Item> rows;
  auto add = [&](const char* title, std::optional<std::string> index_no, ItemState state,
                 const char* published_on) {
    Item it;
    it.org_id = fgw;
    it.title = std::string("  ") + title;  // trimmed by the rules
    it.summary = std::string("摘要：") + title;
    it.category = "工作动态";
    it.formed_on = d("2023-12-01");
    if (published_on) it.published_on = d(published_on);
    it.index_no = std::move(index_no);
    it.state = state;
    it.body_md = std::string("正文 ") + title;
    rows.push_back(it);
    return &rows.back();
  };
  add("价格工作总结", "QXS-FGW/2023-00001", ItemState::kPublished, "2023-12-22");
  add("草稿一", std::nullopt, ItemState::kDraft, nullptr);
  add("重复索引号", "QXS-FGW/2023-00001", ItemState::kPublished, "2023-12-23");
  add("未知栏目", "QXS-FGW/2023-00002", ItemState::kPublished, "2023-12-23")->category =
      "不存在的栏目";
  add("发布日期在后", "QXS-FGW/2024-00001", ItemState::kPublished, "2024-06-01");
  add("他机构索引号", "QXS/2023-00001", ItemState::kPublished, "2023-12-23");
  Item* withdrawn = add("已撤回", "QXS-FGW/2023-00003", ItemState::kWithdrawn, "2023-12-24");
  withdrawn->channels = {{Channel::kWebsite, d("2023-12-24")}, {Channel::kWeibo, d("2023-12-25")}};
  withdrawn->doc_no = "青发改发[２０２３]１２号";
  add("无索引号的发布", std::nullopt, ItemState::kPublished, "2023-12-23");
  add("无权限机构", "QXS/2023-00002", ItemState::kPublished, "2023-12-23")->org_id = root;
  add("渠道早于发布", "QXS-FGW/2023-00004", ItemState::kPublished, "2023-12-23")->channels = {
      {Channel::kWebsite, d("2023-12-01")}};
  add("草稿二", std::nullopt, ItemState::kDraft, nullptr)->org_id = 999999;  // no such body
  add("既往发布", "QXS-FGW/2023-00005", ItemState::kPublished, "2023-12-30");
  return rows;
}

// Everything an import wrote, read back after it, and the status of each row.
struct ImportOutcome {
  std::vector<Status> statuses;
  std::vector<Item> items;                     // by id
  std::vector<std::vector<ItemEvent>> events;  // of each item
  std::vector<std::vector<AuditEvent>> audit;  // of each item
  int64_t audit_count = 0;
  std::optional<Id> broken_link;  // AuditRepository::Verify
};

inline Status ReadOutcome(Store& store, ImportOutcome& out) {
  return store.Transact([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(out.items, r.items().Find(ItemQuery{}));
    for (const auto& it : out.items) {
      GONGKAI_ASSIGN_OR_RETURN(auto events, r.items().ListEvents(it.id));
      out.events.push_back(std::move(events));
      GONGKAI_ASSIGN_OR_RETURN(auto audit, r.audit().ListFor("item", std::to_string(it.id)));
      out.audit.push_back(std::move(audit));
    }
    GONGKAI_ASSIGN_OR_RETURN(out.audit_count, r.audit().Count());
    GONGKAI_ASSIGN_OR_RETURN(out.broken_link, r.audit().Verify());
    return Status::Ok();
  });
}

// core::ImportItem for each row in its own transaction (a refused row writes nothing).
inline Result<ImportOutcome> ImportRowByRow(Store& store, const ChangeContext& ctx,
                                            std::string_view actor, const std::vector<Item>& rows,
                                            Date today) {
  ImportOutcome out;
  for (const auto& row : rows) {
    out.statuses.push_back(store.Transact(
        [&](Repositories& r) { return ImportItem(r, ctx, actor, row, today).status(); }));
  }
  GONGKAI_RETURN_IF_ERROR(ReadOutcome(store, out));
  return out;
}

// The batched import of the rows that pass, in one transaction.
inline Result<ImportOutcome> ImportBatched(Store& store, const ChangeContext& ctx,
                                           std::string_view actor, std::vector<Item> rows,
                                           Date today) {
  ImportOutcome out;
  GONGKAI_RETURN_IF_ERROR(store.Transact([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto snapshot, LoadImportSnapshot(r, actor, rows));
    out.statuses = PrepareImportedItems(snapshot, actor, rows, today);
    std::vector<Item> good;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (out.statuses[i].ok()) good.push_back(rows[i]);
    }
    return StoreImportedItems(r, ctx, actor, good);
  }));
  GONGKAI_RETURN_IF_ERROR(ReadOutcome(store, out));
  return out;
}

}  // namespace gongkai::core::testing
