// The legacy (2008 条例 era) statistics of requests, derived from the same events and
// outcome codes as the 2021 table. The legacy table asks for 申请办结数 split into 按时办结 /
// 延期办结 and 申请答复数 split into eight categories (four with six refusal reasons);
// docs/requests.md documents the mapping. Parts of it are interpretations, so the
// mapping is data (LegacyMapping) that a deployment may replace.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/request_clock.hpp"

namespace gongkai::core {

// 三（三）申请答复数 items 1–8.
enum class LegacyReply {
  kAlreadyPublished = 1,  // 1．属于已主动公开范围数
  kAgreed,                // 2．同意公开答复数
  kPartlyAgreed,          // 3．同意部分公开答复数
  kRefused,               // 4．不同意公开答复数
  kNotThisBody,           // 5．不属于本行政机关公开数
  kNotExist,              // 6．申请信息不存在数
  kToAmend,               // 7．告知作出更改补充数
  kOtherRoute,            // 8．告知通过其他途径办理数
};
const char* LegacyReplyLabel(LegacyReply r);

// The six reasons under 4．不同意公开答复数.
enum class LegacyRefusal {
  kStateSecret = 1,    // 涉及国家秘密
  kCommercialSecret,   // 涉及商业秘密
  kPrivacy,            // 涉及个人隐私
  kSecurityStability,  // 危及国家安全、公共安全、经济安全和社会稳定
  kNotGovInfo,         // 不是《条例》所指政府信息
  kOtherLaw,           // 法律法规规定的其他情形
};
const char* LegacyRefusalLabel(LegacyRefusal r);

struct LegacyCategory {
  LegacyReply reply = LegacyReply::kAgreed;
  std::optional<LegacyRefusal> refusal;  // set iff reply == kRefused
};

// Outcome code → legacy category. Outcomes absent from the map (by default （六）2 unpaid
// fee and （六）3 withdrawn) are concluded but not counted as answers.
struct LegacyMapping {
  std::map<std::string, LegacyCategory, std::less<>> by_outcome;
  // Closed after the due date without an extension: counted as 延期办结 when true (the
  // legacy table has no "overdue" row), else as 按时办结.
  bool overdue_counts_as_extended = true;
};
const LegacyMapping& DefaultLegacyMapping();

struct LegacyFigures {
  bool concluded = false;                // 申请办结 (closed)
  bool on_time = false;                  // 按时办结
  bool extended = false;                 // 延期办结
  std::optional<LegacyCategory> answer;  // nullopt: not an 答复
};

// What the classification reads of one request; the report engine fills it from stored
// rows, the request module from a replayed clock.
struct LegacyFacts {
  RequestState state = RequestState::kReceived;
  std::string_view outcome;      // the outcome code ("" when closed without one)
  bool extended = false;         // an extension (延期答复) was granted
  bool closed_on_time = false;   // closed on or before the due date in force
  std::string_view answer_data;  // the answer event's data (FlatJson text) or ""
};

// Classifies one request from its state, outcome, the answer event's details (r1_open with
// a published item → 已主动公开; r4_1 with basis not_ours → 不属于本机关) and its clock.
LegacyFigures ClassifyLegacy(const LegacyFacts& facts,
                             const LegacyMapping& mapping = DefaultLegacyMapping());
// The same for a request whose clock was replayed into `due`.
LegacyFigures ClassifyLegacy(const Request& request, const DueDate& due,
                             std::string_view answer_data,
                             const LegacyMapping& mapping = DefaultLegacyMapping());

}  // namespace gongkai::core
