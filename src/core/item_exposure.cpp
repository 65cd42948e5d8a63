#include "core/item_exposure.hpp"

#include <algorithm>

#include "core/attachment_text_cache.hpp"
#include "core/authorization.hpp"
#include "core/item_workflow.hpp"
#include "core/json_writer.hpp"

namespace gongkai::core {
namespace {

// Installed once at start-up, before threads (like the holiday estimator).
AttachmentTextReader& Reader() {
  static AttachmentTextReader reader;
  return reader;
}
// The text read per attachment digest, so that a view of the item page (which scans) does
// not extract its PDFs again. Replaced with the reader: another reader may read otherwise.
constexpr size_t kAttachmentTextCacheBytes = size_t{64} << 20;
std::unique_ptr<AttachmentTextCache>& TextCache() {
  static std::unique_ptr<AttachmentTextCache> cache;
  return cache;
}
std::vector<MisstatementRule>& Rules() {
  static std::vector<MisstatementRule> rules;
  return rules;
}

void ScanField(ItemExposure& out, std::string_view text, const std::string& field,
               const ScanOptions& options) {
  auto pii = ScanPersonalData(text, field, options);
  out.personal_data.insert(out.personal_data.end(), pii.begin(), pii.end());
  auto wrong = ScanMisstatements(text, field, Rules());
  out.misstatements.insert(out.misstatements.end(), wrong.begin(), wrong.end());
}

// The justification lines of a reason: KEY -> text.
bool Justified(std::string_view reason, const std::string& key) {
  for (size_t at = reason.find(key); at != std::string_view::npos; at = reason.find(key, at + 1)) {
    if (at > 0 && reason[at - 1] != '\n') continue;
    std::string_view rest = reason.substr(at + key.size());
    size_t skip = rest.starts_with("：") ? 3 : rest.starts_with(":") ? 1 : 0;
    if (skip == 0) continue;
    rest = rest.substr(skip);
    rest = rest.substr(0, rest.find('\n'));
    if (rest.find_first_not_of(" \t\r") != std::string_view::npos) return true;
  }
  return false;
}

// Masks title, summary and body of `item` in place; how many findings were masked.
int MaskTextFields(Item& item, const ScanOptions& options) {
  int masked = 0;
  for (std::string* text : {&item.title, &item.summary, &item.body_md}) {
    auto findings = ScanPersonalData(*text, "", options);
    masked += CountUnmasked(findings);
    *text = MaskPersonalData(*text, findings, options);
  }
  return masked;
}

}  // namespace

void SetAttachmentTextReader(AttachmentTextReader reader) {
  Reader() = std::move(reader);
  TextCache() = std::make_unique<AttachmentTextCache>(kAttachmentTextCacheBytes);
}
void SetMisstatementRules(std::vector<MisstatementRule> rules) { Rules() = std::move(rules); }
const std::vector<MisstatementRule>& InstalledMisstatementRules() { return Rules(); }

std::string FindingKey(std::string_view field, size_t offset) {
  return std::string(field) + "@" + std::to_string(offset);
}

std::vector<std::string> ItemExposure::BlockingKeys() const {
  std::vector<std::string> keys;
  for (const auto& f : personal_data)
    if (!f.masked && f.kind != PiiKind::kName) keys.push_back(FindingKey(f.field, f.offset));
  for (const auto& m : misstatements) keys.push_back(FindingKey(m.field, m.offset));
  return keys;
}

ScanOptions ScanOptionsFor(const Org& org) {
  ScanOptions options;
  if (!org.acceptance_phone.empty()) options.public_phones.push_back(org.acceptance_phone);
  return options;
}

ItemExposure ScanItemText(const Item& item, const Org& org) {
  ItemExposure out;
  ScanOptions options = ScanOptionsFor(org);
  ScanField(out, item.title, "title", options);
  ScanField(out, item.summary, "summary", options);
  ScanField(out, item.body_md, "body", options);
  return out;
}

Result<ItemExposure> ScanItemExposure(Repositories& repos, const Item& item, const Org& org) {
  ItemExposure out = ScanItemText(item, org);
  ScanOptions options = ScanOptionsFor(org);
  if (Reader() && item.id != 0) {
    GONGKAI_ASSIGN_OR_RETURN(auto attachments, repos.items().ListAttachments(item.id));
    for (const auto& a : attachments) {
      auto text = TextCache()->Get(a, Reader());
      if (!text.ok()) {
        out.unreadable.push_back(a.name + "：" + text.status().message());
        continue;
      }
      ScanField(out, *text, "attachment:" + a.name, options);
    }
  }
  return out;
}

Result<ItemExposure> RecordExposureScan(Repositories& repos, const Item& item, const Org& org) {
  GONGKAI_ASSIGN_OR_RETURN(ItemExposure exposure, ScanItemExposure(repos, item, org));
  const int unmasked = exposure.unmasked();
  const int masked = static_cast<int>(exposure.personal_data.size()) - unmasked;
  GONGKAI_RETURN_IF_ERROR(repos.items().SaveExposureScan(item.id, unmasked, masked));
  return exposure;
}

Status CheckExposureJustified(const ItemExposure& exposure, std::string_view reason) {
  std::vector<std::string> open;
  auto describe = [](const std::string& key, std::string_view what) {
    return key + "（" + std::string(what) + "）";
  };
  for (const auto& f : exposure.personal_data) {
    if (f.masked || f.kind == PiiKind::kName) continue;
    std::string key = FindingKey(f.field, f.offset);
    if (!Justified(reason, key))
      open.push_back(describe(key, std::string(PiiKindLabel(f.kind)) + " " + f.preview));
  }
  for (const auto& m : exposure.misstatements) {
    std::string key = FindingKey(m.field, m.offset);
    if (!Justified(reason, key))
      open.push_back(describe(key, m.rule->phrase + " → " + m.rule->correction));
  }
  if (open.empty()) return Status::Ok();
  std::string message = "含未遮盖的个人信息或表述错误 " + std::to_string(open.size()) +
                        " 处，须遮盖、改正，或逐项说明公开的法律依据（每行“编号：理由”）：";
  for (size_t i = 0; i < open.size() && i < 5; ++i) message += (i ? "；" : "") + open[i];
  if (open.size() > 5) message += " 等 " + std::to_string(open.size()) + " 处";
  // Names the field where the reasons go, so a form can show the message beside it.
  return Status(ErrorCode::kFailedPrecondition, message, "reason");
}

Result<Item> MaskItemPersonalData(Repositories& repos, const ChangeContext& ctx,
                                  std::string_view actor, Id item_id) {
  GONGKAI_ASSIGN_OR_RETURN(Item before, repos.items().Get(item_id));
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(before.org_id));
  Status as_editor = AuthorizeUser(repos, actor, Action::kItemEdit, org.id);
  if (!as_editor.ok()) {
    GONGKAI_RETURN_IF_ERROR(AuthorizeUser(repos, actor, Action::kItemReview, org.id));
  }
  if (before.state != ItemState::kDraft && before.state != ItemState::kRejected &&
      before.state != ItemState::kSubmitted) {
    return FailedPrecondition("信息 " + std::to_string(item_id) +
                              " 已进入发布流程之后的状态：已公开的信息须撤下后遮盖重新发布");
  }
  Item after = before;
  int masked = MaskTextFields(after, ScanOptionsFor(org));
  if (masked == 0) return FailedPrecondition("正文中没有需要遮盖的个人信息");
  GONGKAI_RETURN_IF_ERROR(repos.items().Update(after));
  GONGKAI_RETURN_IF_ERROR(RecordExposureScan(repos, after, org).status());
  std::string reason = std::string(kMaskEventReason) + "：" + std::to_string(masked) + " 处";
  GONGKAI_RETURN_IF_ERROR(
      repos.items()
          .AppendEvent({0, item_id, 0, ItemEventKind::kEdit, std::string(actor), ctx.at, reason})
          .status());
  // The original text, kept for the record in the audit trail (never served publicly).
  std::string before_json = ItemAuditJson(before);
  before_json.pop_back();
  before_json += "," + JsonObjectWriter()
                           .Add("original_title", before.title)
                           .Add("original_summary", before.summary)
                           .Add("original_body", before.body_md)
                           .Finish()
                           .substr(1);
  GONGKAI_RETURN_IF_ERROR(
      RecordChange(repos.audit(), ctx, "item.mask", "item", std::to_string(item_id), before_json,
                   JsonObjectWriter().Add("id", int64_t{item_id}).Add("masked", masked).Finish()));
  return after;
}

Result<Item> WithdrawAndResubmitMasked(Repositories& repos, const ChangeContext& ctx,
                                       std::string_view actor, Id item_id) {
  GONGKAI_ASSIGN_OR_RETURN(Item original, repos.items().Get(item_id));
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(original.org_id));
  if (original.state != ItemState::kPublished)
    return FailedPrecondition("只有已发布的信息可以撤下后遮盖重新发布");
  Item copy = original;
  int masked = MaskTextFields(copy, ScanOptionsFor(org));
  if (masked == 0) return FailedPrecondition("正文中没有需要遮盖的个人信息（附件须人工替换）");
  const std::string index_no = original.index_no.value_or(std::to_string(item_id));
  GONGKAI_RETURN_IF_ERROR(WithdrawItem(repos, ctx, actor, item_id,
                                       "含未遮盖的个人信息（" + std::to_string(masked) +
                                           " 处），已撤下并遮盖后重新提交")
                              .status());
  GONGKAI_ASSIGN_OR_RETURN(Item created, CreateItem(repos, ctx, actor, copy));
  GONGKAI_ASSIGN_OR_RETURN(auto attachments, repos.items().ListAttachments(item_id));
  for (auto a : attachments) {
    a.id = 0;
    a.item_id = created.id;
    GONGKAI_RETURN_IF_ERROR(AttachToItem(repos, ctx, actor, created.id, a).status());
  }
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "item.republish_masked", "item",
                                       std::to_string(created.id), "",
                                       JsonObjectWriter()
                                           .Add("withdrawn_item", int64_t{item_id})
                                           .Add("withdrawn_index_no", index_no)
                                           .Add("masked", masked)
                                           .Finish()));
  return SubmitItem(repos, ctx, actor, created.id);
}

}  // namespace gongkai::core
