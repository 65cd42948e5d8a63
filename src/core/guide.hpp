// The 政府信息公开指南 of a body, composed from its records (条例 第十二条): the
// classification and arrangement of its information (its catalog columns), how to obtain
// it (channels, reading points), its acceptance point (name, address, hours, phone), the
// request channels and the procedure with the statutory periods, fees and remedies.
//
// The guide is an ordinary item in the body's "政府信息公开指南" column: published through
// review like any item, with its 索引号, each revision a new version. When the records
// change, ProposeGuideUpdate drafts the new version and submits it for 保密审查; nothing
// is published without a reviewer (core/item_workflow.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/catalog.hpp"
#include "core/item.hpp"
#include "core/org.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// The catalog column guides live in.
inline constexpr const char* kGuideColumn = "政府信息公开指南";

// What a guide is composed from.
struct GuideRecords {
  Org org;
  std::vector<CatalogCategory> catalog;  // the body's effective catalog
  std::string parent_name;               // the body above it ("" for the root)
  std::string root_name;                 // the government at the root of the tree
};

// The guide's title: "<name>政府信息公开指南".
std::string GuideTitle(const Org& org);

// Pure: the guide as Markdown. Deterministic: the same records give the same text, so a
// change of text means a change of records. Mentions no date (the version's publication
// date is the item's).
std::string ComposeGuide(const GuideRecords& records);

// Loads the records of `org_id` (kNotFound for an unknown body).
Result<GuideRecords> LoadGuideRecords(Repositories& repos, Id org_id);

// The body's current guide: its latest published item in the guide column (with body), or
// none.
Result<std::optional<Item>> CurrentGuide(Repositories& repos, Id org_id);

// What ProposeGuideUpdate did.
enum class GuideProposal {
  kUpToDate,         // the published guide already says what the records say
  kAlreadyProposed,  // an unpublished version with this text is in the workflow
  kProposed,         // a new version was drafted and submitted for review
};
struct GuideProposalResult {
  GuideProposal what = GuideProposal::kUpToDate;
  std::optional<Item> item;  // the pending version (kAlreadyProposed, kProposed)
};

// Composes the guide of `org_id` from its records and, when it differs from the published
// one (or there is none) and no pending version carries the same text, creates a draft as
// `author` (an editor of the body) and submits it for review. `formed_on` is the draft's
// formation date. Fails as CreateItem / SubmitItem do (kPermissionDenied for a non-editor).
Result<GuideProposalResult> ProposeGuideUpdate(Repositories& repos, const ChangeContext& ctx,
                                               std::string_view author, Id org_id, Date formed_on);

}  // namespace gongkai::core
