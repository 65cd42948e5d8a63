// Counting proactive disclosure for the annual reports: channels (distinct items vs
// per-channel), 2021 table 二's document counts, responses and interpretations (legacy
// section 二), submissions (报送/采用), and the 20-working-day proactive duty.
//
// The counting functions are pure (over records already loaded); the *InSubtree functions
// load what they need through the repositories and roll a body's subtree up.
#pragma once

#include <map>
#include <vector>

#include "core/calendar.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// ---- channels --------------------------------------------------------------------------

struct ChannelCounts {
  int64_t distinct = 0;                   // items with at least one channel publication
  std::map<Channel, int64_t> by_channel;  // items published on each channel (absent: 0)
  int64_t On(Channel c) const {
    auto it = by_channel.find(c);
    return it == by_channel.end() ? 0 : it->second;
  }
  friend bool operator==(const ChannelCounts&, const ChannelCounts&) = default;
};

// Counts the channel publications dated in `year` of the published or withdrawn items
// among `items` (withdrawal does not undo a publication): each channel counts the items it
// carried that year; `distinct` counts each such item once however many channels carried
// it. So distinct <= sum of the channel counts, and each channel count <= distinct.
ChannelCounts CountChannels(const std::vector<Item>& items, int year);

struct ChannelReport {
  ChannelCounts total;                 // the whole subtree
  std::map<Id, ChannelCounts> by_org;  // each body of the subtree with any publication
};
// CountChannels over the subtree rooted at `org_id`, per body and rolled up. kNotFound.
Result<ChannelReport> CountChannelsInSubtree(Repositories& repos, Id org_id, int year);

// ---- 2021 table 二, 第二十条第（一）项 --------------------------------------------------

struct DocumentCounts {
  int64_t issued = 0;    // 本年制发件数: published in the year
  int64_t repealed = 0;  // 本年废止件数: ceased to be in force in the year (废止 or 失效)
  int64_t in_force = 0;  // 现行有效件数: published by 31 December and in force on it
  friend bool operator==(const DocumentCounts&, const DocumentCounts&) = default;
};
struct Table2Documents {
  DocumentCounts regulations;  // 规章
  DocumentCounts normative;    // 行政规范性文件
  friend bool operator==(const Table2Documents&, const Table2Documents&) = default;
};

// Counts, among published or withdrawn items flagged 规章 or 行政规范性文件: issued = items
// whose published_on falls in `year`; repealed = items whose validity is not kValid and
// whose validity_changed_on falls in `year` (失效 and 废止 both end a document's force, so
// that 现行有效(N) = 现行有效(N-1) + 制发(N) - 废止(N)); in_force = items published on or
// before year-12-31 that are valid, or whose validity changed after year-12-31.
// Withdrawal from the portal does not change a document's legal force.
Table2Documents CountDocuments(const std::vector<Item>& items, int year);

// CountDocuments over the subtree rooted at `org_id`. kNotFound.
Result<Table2Documents> CountDocumentsInSubtree(Repositories& repos, Id org_id, int year);

// ---- 回应解读 ----------------------------------------------------------------------------

struct ResponseCounts {
  int64_t concerns = 0;  // distinct hotspots: one per non-empty concern_key, else per response
  std::map<ResponseKind, int64_t> by_kind;
  int64_t press_principal = 0;         // 主要负责同志参加新闻发布会次数
  int64_t interviews_principal = 0;    // 主要负责同志参加在线访谈次数
  int64_t interpretations_linked = 0;  // 解读稿件 linked to the document interpreted
  int64_t Of(ResponseKind k) const {
    auto it = by_kind.find(k);
    return it == by_kind.end() ? 0 : it->second;
  }
  friend bool operator==(const ResponseCounts&, const ResponseCounts&) = default;
};
// Legacy section 二. A concern counts once however many kinds of response addressed it.
ResponseCounts CountResponses(const std::vector<Response>& responses);

// Validates and stores a response (kInvalidArgument: empty topic, principal_attended on a
// kind other than press conference or online interview, an interpreted item of another
// subtree or not published; kNotFound: unknown org or item) with an audit event.
Result<Response> AddResponse(Repositories& repos, const ChangeContext& ctx, Response response);

// ---- administrative statistics ----------------------------------------------------------

// Validates (year 2000-2999, no negative number) and stores the org's statistics for the
// year, replacing earlier figures, with an audit event. kInvalidArgument, kNotFound.
Status SetAdminStats(Repositories& repos, const ChangeContext& ctx, const AdminStats& stats);

// ---- 报送/采用 ------------------------------------------------------------------------------

// Submits the published item to the portal of `to_org_id`, which must be a strict
// ancestor of the item's body (kInvalidArgument otherwise; kFailedPrecondition for an item
// not published; kAlreadyExists when already submitted there).
Result<Submission> SubmitToPortal(Repositories& repos, const ChangeContext& ctx,
                                  std::string_view actor, Id item_id, Id to_org_id, Date on);
// The receiving portal's editor accepts (采用) or rejects a pending submission on `on`
// (not before it was submitted). kFailedPrecondition when already decided.
Result<Submission> DecideSubmission(Repositories& repos, const ChangeContext& ctx,
                                    std::string_view actor, Id submission_id, bool accept, Date on);

struct SubmissionCounts {
  int64_t submitted = 0;  // 报送
  int64_t accepted = 0;   // 采用
  int64_t rejected = 0;
  int64_t pending = 0;
  friend bool operator==(const SubmissionCounts&, const SubmissionCounts&) = default;
};
SubmissionCounts CountSubmissions(const std::vector<Submission>& submissions);

// ---- 第二十六条: publish within 20 working days of formation ----------------------------

inline constexpr int kProactiveDutyDays = 20;

struct OverdueDuty {
  Id item_id = 0;
  Id org_id = 0;
  std::string title;
  ItemState state = ItemState::kDraft;
  Date formed_on;
  Date due_on;               // formed_on + 20 working days
  bool provisional = false;  // the due date depends on an unloaded holiday notice
  int working_days_late = 0;
};

// Items not yet published (draft, submitted, approved, rejected) whose duty date lies
// before `today`, oldest due first.
std::vector<OverdueDuty> OverdueDuties(const std::vector<Item>& items, const Calendar& calendar,
                                       Date today);

}  // namespace gongkai::core
