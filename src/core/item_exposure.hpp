// 保密审查's second reader (issue 20): what an item would expose if published — personal
// data (core/pii_scan.hpp) and misstatements (core/misstatements.hpp) in its title,
// summary, body and attachments — and the review gate built on it.
//
// Gate: ReviewItem (core/item_workflow.hpp) refuses an approval while the item has an
// unmasked personal-data finding or a misstatement, unless the reviewer's reason records,
// for each one, why publishing it is lawful — one line per finding, "KEY：理由" (or
// "KEY: reason"), KEY being FindingKey (e.g. "body@120", "attachment:名单.xlsx@57").
// The reason is stored with the approval event and its audit event, so the decision is
// audited. Because the gate sits in the core service, the back office, the API and the
// CLI all obey it.
//
// Attachments are binary; the core cannot read them. The application installs a reader
// (SetAttachmentTextReader) once at start-up, before threads start; without one,
// attachments are not scanned (unit tests of the core). What the reader returns is kept
// per attachment digest (core/attachment_text_cache.hpp, at most 64 MiB of text), so a
// page view or a review re-scans the text without extracting the PDF again; installing a
// reader empties that cache. Misstatement rules are installed
// the same way (SetMisstatementRules); without them no misstatement is found.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/misstatements.hpp"
#include "core/pii_scan.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// The text of an attachment (PDF text layer, DOCX, XLSX cells, plain text/CSV), or an
// error when it has no readable text (images, scans): such attachments are listed as
// unreadable, for the reviewer to read by eye.
using AttachmentTextReader = std::function<Result<std::string>(const ItemAttachment&)>;
void SetAttachmentTextReader(AttachmentTextReader reader);
void SetMisstatementRules(std::vector<MisstatementRule> rules);
const std::vector<MisstatementRule>& InstalledMisstatementRules();

struct ItemExposure {
  std::vector<PiiFinding> personal_data;  // every finding, masked ones included
  std::vector<MisstatementFinding> misstatements;
  std::vector<std::string> unreadable;  // "名称：原因" of attachments without text
  int unmasked() const { return CountUnmasked(personal_data); }
  // Findings that block approval: unmasked personal data (not names) and misstatements.
  std::vector<std::string> BlockingKeys() const;
};

// "field@offset": how a reviewer names a finding in the reason.
std::string FindingKey(std::string_view field, size_t offset);

// The scan options for a body: its published acceptance phone never fires.
ScanOptions ScanOptionsFor(const Org& org);

// Scans title ("title"), summary ("summary") and body ("body") of `item`, not its
// attachments. Pure: safe on any thread once the misstatement rules are installed (what a
// bulk import's row workers call for items that have no attachments yet).
ItemExposure ScanItemText(const Item& item, const Org& org);

// Scans title ("title"), summary ("summary"), body ("body") and each attachment
// ("attachment:NAME") of `item`. Fails only when the item's attachments cannot be listed.
Result<ItemExposure> ScanItemExposure(Repositories& repos, const Item& item, const Org& org);

// Scans `item` (ScanItemExposure) and stores how many findings are unmasked and masked
// (ItemRepository::SaveExposureScan) for the back-office dashboard's count, which then
// needs no rescan per page view. Called when an item is published, masked or imported and
// by `gongkai audit personal-data`; a withdrawn item drops out of the count by its state.
Result<ItemExposure> RecordExposureScan(Repositories& repos, const Item& item, const Org& org);

// OK when `reason` justifies every blocking finding of `exposure` (see the header
// comment); else kFailedPrecondition naming the findings still open (at most five, with
// their masked previews, then "等 N 处").
Status CheckExposureJustified(const ItemExposure& exposure, std::string_view reason);

// 遮盖: replaces every unmasked personal-data finding in the title, summary and body of a
// draft, rejected or submitted item by its standard masked form (MaskPersonalData), as
// `actor` (an editor, admin or reviewer in the body's subtree). The original text goes
// into the audit event's "before" snapshot (kept for the record, never served: the audit
// trail is not public) and the item event says what was masked ("遮盖个人信息：N 处"). A
// reviewer who masks stays independent: masking writes no content of their own.
// Attachments cannot be masked in place: they are reported and must be replaced.
// kFailedPrecondition in other states (a published item: withdraw and re-publish) and
// when the text has nothing to mask.
Result<Item> MaskItemPersonalData(Repositories& repos, const ChangeContext& ctx,
                                  std::string_view actor, Id item_id);

// 撤下并遮盖重新发布, for what the self-audit finds already public: in one transaction,
// withdraws the published item `item_id` (reason: 含未遮盖的个人信息), and creates its
// masked copy — same body, category, dates, 文号 and attachments, title/summary/body masked
// as MaskItemPersonalData does — submitted for 保密审查 (four eyes: a reviewer approves
// the masked copy, then it is published with a new 索引号). `actor` needs the publish and
// edit rights in the body's subtree. Returns the new item. kFailedPrecondition when the
// item is not published or its text has nothing to mask (attachments must be replaced
// by hand: they are copied as they are and the review gate will show them).
Result<Item> WithdrawAndResubmitMasked(Repositories& repos, const ChangeContext& ctx,
                                       std::string_view actor, Id item_id);

// The reason text MaskItemPersonalData writes on its edit event; the workflow's
// four-eyes rule recognises it.
inline constexpr std::string_view kMaskEventReason = "遮盖个人信息";

}  // namespace gongkai::core
