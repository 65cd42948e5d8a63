// The proactive-disclosure workflow (主动公开): items move
//
//   draft ──submit──► submitted ──approve──► approved ──publish──► published ──withdraw──►
//   withdrawn
//     ▲                   │ reject (reason)
//     └── edit ◄── rejected ◄┘      (a rejected item is edited and submitted again)
//
// 保密审查 (confidentiality review) is the approve/reject step: the reviewer must hold the
// reviewer role in the item's body's subtree and must not have created, edited (attachments
// included) or submitted the item (four eyes, core::CheckIndependentReviewer). Publication
// requires the item to be approved *and* its latest review event to be an approval by
// someone other than every editor of the version, with no edit after it — checked here, in
// the core, so no caller can publish unreviewed content. A one-person office cannot publish
// alone, by design. Publication issues the 索引号 (core/index_no.hpp).
// Withdrawal keeps the item, its 索引号 and its history; it needs a reason.
//
// Actors are usernames checked against role grants (core/user.hpp): editors (or admins)
// create, edit, submit, publish, withdraw and add channels; reviewers review. Every
// function runs inside the caller's transaction, appends an item event (the history shown
// to people) and an audit event, and fails with:
//   kNotFound            unknown item, user or body;
//   kPermissionDenied    the actor lacks the role in the body's subtree, is disabled, or
//                        reviews a version they created, edited or submitted;
//   kFailedPrecondition  the item's state does not allow the step;
//   kInvalidArgument     bad fields (naming the field).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// OK iff `username` is an enabled user holding one of `roles` (unrevoked) on `org_id` or
// an ancestor of it. kNotFound for an unknown user; kPermissionDenied otherwise.
Status RequireRole(Repositories& repos, std::string_view username, std::vector<Role> roles,
                   Id org_id);

// Resolves `text` against the org's effective catalog: an exact path, or the last
// segment of exactly one path ("通知公告" → "法定主动公开内容/通知公告"). kInvalidArgument
// (field "category") when it matches none or several.
Result<std::string> ResolveCategory(Repositories& repos, const Org& org, std::string_view text);

// ResolveCategory against an already loaded effective catalog (EffectiveCatalog of the
// org's stored columns): the pure part, for callers that resolve many items of one body.
Result<std::string> ResolveCategoryIn(const std::vector<CatalogCategory>& catalog, const Org& org,
                                      std::string_view text);

// Checks and normalises the editable fields of `item` for its org: title (1-500 bytes),
// category (resolved as above), 文号 (NormalizeDocNo), validity (expired/repealed need
// validity_changed_on on or after formed_on; valid must have none), publisher (the org's
// name when empty), disclosure_mode ("主动公开" when empty). kInvalidArgument.
Status PrepareItemFields(Repositories& repos, const Org& org, Item& item);
// The same checks against the org's effective catalog, already loaded (no repository).
Status PrepareItemFieldsIn(const std::vector<CatalogCategory>& catalog, const Org& org, Item& item);

// Creates a draft authored by `author` (editor or admin in the body's subtree). Uses the
// fields of `item` that PrepareItemFields checks plus summary, topic, formed_on, kind flags
// and body; ignores id, state, index_no, published_on, channels and author.
Result<Item> CreateItem(Repositories& repos, const ChangeContext& ctx, std::string_view author,
                        Item item);

// Replaces the editable fields of a draft or rejected item (id from `changed`).
// kFailedPrecondition in other states: published content changes only by withdrawal and a
// new item, or by SetItemValidity.
Result<Item> EditItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                      const Item& changed);

// draft or rejected → submitted.
Result<Item> SubmitItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                        Id item_id);

// 保密审查: submitted → approved, or → rejected with a non-empty reason. An approval is
// refused while personal data or misstatements remain unjustified (core/item_exposure.hpp).
Result<Item> ReviewItem(Repositories& repos, const ChangeContext& ctx, std::string_view reviewer,
                        Id item_id, bool approve, std::string_view reason);

// approved → published on `on` (on or after formed_on), on the given channels (website
// when empty), issuing the 索引号 for on.year().
Result<Item> PublishItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                         Id item_id, Date on, std::vector<Channel> channels = {});

// published → withdrawn, with a non-empty reason. The 索引号 stays issued.
Result<Item> WithdrawItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                          Id item_id, std::string_view reason);

// Records a further channel of a published item on `on` (not before its publication).
// kAlreadyExists when the item is already on that channel.
Result<Item> AddItemChannel(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                            Id item_id, Channel channel, Date on);

// Changes the validity of a published or withdrawn item (a normative document repealed or
// expired on `on`; or valid again with no date).
Result<Item> SetItemValidity(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                             Id item_id, Validity validity, std::optional<Date> on);

// Records an attachment (bytes already stored) on a draft or rejected item.
Result<ItemAttachment> AttachToItem(Repositories& repos, const ChangeContext& ctx,
                                    std::string_view actor, Id item_id, ItemAttachment attachment);

// Removes attachment `attachment_id` from a draft or rejected item (kItemEdit), with an
// item event and an audit event; the stored bytes stay (another item may share them).
// kNotFound when the item has no such attachment.
Result<ItemAttachment> RemoveItemAttachment(Repositories& repos, const ChangeContext& ctx,
                                            std::string_view actor, Id item_id, Id attachment_id);

// Imports one item from another system, as `actor` (editor or admin in its body's subtree).
// An item without 索引号 becomes a draft (the workflow applies to it). An item with a
// 索引号 is a record of a past publication elsewhere and is stored as published (or
// withdrawn): it needs published_on not after `today`, a 索引号 of its own body's code
// and its publication year (ParseIndexNo), not yet taken (kAlreadyExists), and at least
// one channel (website on published_on is added when none). An import event names the
// source. Other states are refused (kInvalidArgument, field "state").
// `gongkai item import` takes the batched form of the same rules (item_bulk_import.hpp),
// which is tested to store exactly what this gives row by row.
Result<Item> ImportItem(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                        Item item, Date today);

// The checks ImportItem makes after PrepareItemFields, without a repository: the state
// against the 索引号, published_on against `today` and formed_on, the 索引号 against the
// org's code and the publication year, the channels (website on published_on when none).
// Sets author to `actor` and clears id (and, for drafts, published_on and channels). Does
// not check that the 索引号 is free (the caller does: kAlreadyExists). kInvalidArgument.
Status CheckImportedItem(const Org& org, std::string_view actor, Item& item, Date today);

// The note of an item's import event: a past publication (with a 索引号) or a draft.
std::string_view ImportEventReason(const Item& item);

// The history event of one workflow step on item `item_id` (seq left to the repository).
ItemEvent ItemStepEvent(const ChangeContext& ctx, ItemEventKind kind, std::string_view actor,
                        Id item_id, std::string_view reason);

// The audit event of one workflow step (not yet chained): action "item.<kind>", the
// item's snapshot before (none for a creation: `before` null) and after, with `reason`
// added to the after snapshot when not empty. What every workflow function appends.
AuditEvent ItemStepAudit(const ChangeContext& ctx, ItemEventKind kind, const Item* before,
                         const Item& after, std::string_view reason);

// An item's audit snapshot (no body text: its length only).
std::string ItemAuditJson(const Item& item);

}  // namespace gongkai::core
