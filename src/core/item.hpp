// Proactively disclosed information items (主动公开) and the channels that carried them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.hpp"

namespace gongkai::core {

enum class ItemState { kDraft, kSubmitted, kApproved, kRejected, kPublished, kWithdrawn };
const char* ItemStateCode(ItemState s);
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

struct ItemChannel {
  Channel channel = Channel::kWebsite;
  Date published_on;
  friend bool operator==(const ItemChannel&, const ItemChannel&) = default;
};

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
  friend bool operator==(const Item&, const Item&) = default;
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
