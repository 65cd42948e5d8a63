// Proactively disclosed information items (主动公开) and the channels that carried them.
// Plain values (copyable, comparable, no behaviour). State changes go through
// core/item_workflow.hpp, which checks who may do what and writes the item and audit
// events; ItemRepository (core/store.hpp) only stores. Enums have a stable ASCII code
// (stored, CLI, API) and, where shown, a Chinese label; Parse… accepts either and fails with
// kInvalidArgument naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.hpp"

namespace gongkai::core {

// Workflow: draft -> submitted -> approved (保密审查) or rejected -> published -> withdrawn.
// Only published items are public; withdrawn ones keep their 索引号 and history.
enum class ItemState { kDraft, kSubmitted, kApproved, kRejected, kPublished, kWithdrawn };
const char* ItemStateCode(ItemState s);
// True for the states of an item still in the workflow (draft, submitted, approved,
// returned): not yet published, or published and withdrawn. The back office's queues list
// these; store/ keeps a partial index of them (migration 0018).
constexpr bool IsInWorkflow(ItemState s) {
  return s != ItemState::kPublished && s != ItemState::kWithdrawn;
}
Result<ItemState> ParseItemState(std::string_view text);

enum class Validity { kValid, kExpired, kRepealed };  // 有效 / 失效 / 废止
const char* ValidityCode(Validity v);
const char* ValidityLabel(Validity v);
Result<Validity> ParseValidity(std::string_view text);

// Where a published item went out. An item counts once in the distinct total however
// many channels carried it; per-channel counts are separate.
enum class Channel { kWebsite, kGazette, kWeibo, kWechat, kApp, kOther };
inline constexpr Channel kAllChannels[] = {Channel::kWebsite, Channel::kGazette, Channel::kWeibo,
                                           Channel::kWechat,  Channel::kApp,     Channel::kOther};
const char* ChannelCode(Channel c);
const char* ChannelLabel(Channel c);  // 政府网站, 政府公报, 政务微博, 政务微信, 移动客户端, 其他
Result<Channel> ParseChannel(std::string_view text);

// One publication of an item on one channel (table 二 counts items per channel by these
// dates); an item may have several.
struct ItemChannel {
  Channel channel = Channel::kWebsite;
  Date published_on;
  friend bool operator==(const ItemChannel&, const ItemChannel&) = default;
};

// One item of the disclosure catalog with the metadata the catalog publishes for it.
struct Item {
  Id id = 0;
  Id org_id = 0;
  std::optional<std::string> index_no;  // 索引号, issued on publication, never reused
  std::string title;                    // 信息名称
  std::string summary;                  // 内容概述
  std::string publisher;                // 发布机构 (name as published)
  Date formed_on;                       // 生成日期
  std::optional<Date> published_on;     // 发布日期
  std::string doc_no;                   // 文号, may be empty
  std::string topic;                    // 主题分类
  std::string category;                 // catalog category path, '/'-separated
  std::string disclosure_mode;          // 公开方式
  Validity validity = Validity::kValid;
  std::optional<Date> validity_changed_on;  // when it expired or was repealed
  bool is_regulation = false;               // 规章
  bool is_normative = false;                // 行政规范性文件
  ItemState state = ItemState::kDraft;
  std::string body_md;  // Markdown
  std::vector<ItemChannel> channels;
  std::string author;  // username of the editor who created it ("" for bulk loads)
  friend bool operator==(const Item&, const Item&) = default;
};

// One step in an item's history (item_events). Reviews (保密审查) are the approve and
// reject events; the workflow reads them to decide whether an item may be published.
enum class ItemEventKind {
  kCreate,
  kEdit,
  kSubmit,
  kApprove,   // 保密审查通过
  kReject,    // 保密审查退回 (reason required)
  kPublish,   // 索引号 issued
  kWithdraw,  // reason required; the item and its 索引号 are kept
  kChannel,   // published on a further channel
  kValidity,  // 有效性 changed after publication
  kImport,    // loaded by import (historical publication from another system)
};
const char* ItemEventKindCode(ItemEventKind k);
Result<ItemEventKind> ParseItemEventKind(std::string_view text);

struct ItemEvent {
  Id id = 0;
  Id item_id = 0;
  int seq = 0;  // 1, 2, ... per item; assigned by the repository
  ItemEventKind kind = ItemEventKind::kCreate;
  std::string actor;   // username for workflow steps, else the ChangeContext actor
  std::string at;      // UTC ISO 8601
  std::string reason;  // rejection or withdrawal reason, or a note
  friend bool operator==(const ItemEvent&, const ItemEvent&) = default;
};

// A file attached to an item. The bytes live outside the database, named by their
// SHA-256 (app/attachment_store); the row keeps what is needed to serve them.
struct ItemAttachment {
  Id id = 0;
  Id item_id = 0;
  int position = 0;        // 1, 2, ... in display order
  std::string name;        // sanitised file name shown to people
  std::string sha256;      // 64 lowercase hex characters
  std::string media_type;  // sniffed from the bytes, e.g. application/pdf
  int64_t size_bytes = 0;
  friend bool operator==(const ItemAttachment&, const ItemAttachment&) = default;
};

// A column of a body's disclosure catalog (目录), a '/'-separated path such as
// "法定主动公开内容/通知公告". A body without stored categories uses DefaultCatalog().
struct CatalogCategory {
  Id id = 0;
  Id org_id = 0;
  std::string path;
  bool mandatory = false;  // inspections flag it when empty or stale
  int stale_days = 0;      // days without publication before it is stale; 0: the default
  int sort_order = 0;
  friend bool operator==(const CatalogCategory&, const CatalogCategory&) = default;
};

// What ItemRepository::Find selects. Every set criterion must hold.
struct ItemQuery {
  std::vector<Id> org_ids;                           // empty: every org
  std::vector<ItemState> states;                     // empty: every state
  std::optional<Date> published_from, published_to;  // items.published_on, inclusive
  // Items with a channel publication in [from, to] (inclusive).
  std::optional<Date> channel_from, channel_to;
  bool with_body = true;  // false: body_md comes back empty (lists, counts)
  int limit = 0;          // 0: no limit
  // Order: by id ascending.
};

// 报送/采用: a body submits one of its published items to a higher body's portal, whose
// editor accepts (采用) or rejects it.
enum class SubmissionDecision { kPending, kAccepted, kRejected };
const char* SubmissionDecisionCode(SubmissionDecision d);
const char* SubmissionDecisionLabel(SubmissionDecision d);  // 待处理, 已采用, 未采用
Result<SubmissionDecision> ParseSubmissionDecision(std::string_view text);

// One 报送 of an item to a higher body; decided once.
struct Submission {
  Id id = 0;
  Id item_id = 0;
  Id from_org_id = 0;
  Id to_org_id = 0;
  Date submitted_on;
  SubmissionDecision decision = SubmissionDecision::kPending;
  std::optional<Date> decided_on;
  friend bool operator==(const Submission&, const Submission&) = default;
};

// Responses to public concerns and policy interpretations (回应解读).
enum class ResponseKind {
  kPressConference,  // 新闻发布会
  kOnlineInterview,  // 在线访谈
  kInterpretation,   // 政策解读稿件
  kWeiboWechat,      // 微博微信回应
  kOther,
};
const char* ResponseKindCode(ResponseKind k);
const char* ResponseKindLabel(ResponseKind k);  // 新闻发布会, 政策解读稿件, ...
Result<ResponseKind> ParseResponseKind(std::string_view text);

struct Response {
  Id id = 0;
  Id org_id = 0;
  ResponseKind kind = ResponseKind::kInterpretation;
  Date held_on;
  std::string topic;
  // Responses to the same hotspot share a key: the distinct count counts it once.
  std::string concern_key;
  bool principal_attended = false;  // 主要负责同志参加
  std::optional<Id> interpreted_item_id;
  friend bool operator==(const Response&, const Response&) = default;
};

}  // namespace gongkai::core
