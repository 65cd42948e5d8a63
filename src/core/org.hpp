// Organisations (bodies that disclose information) and their yearly facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"

namespace gongkai::core {

using Id = int64_t;

enum class OrgKind {
  kGovernment,   // 人民政府
  kDepartment,   // 部门
  kTownship,     // 乡镇街道
  kInstitution,  // 公共企事业单位
};
const char* OrgKindCode(OrgKind kind);   // "government", ... (stored form)
const char* OrgKindLabel(OrgKind kind);  // 人民政府, ...
// Accepts the code or the Chinese label; fails with kInvalidArgument naming `kind`.
Result<OrgKind> ParseOrgKind(std::string_view text);

// A place where the public can read disclosed information (查阅点) or hand in requests.
struct ReadingPoint {
  std::string name;
  std::string address;
  std::string hours;
  friend bool operator==(const ReadingPoint&, const ReadingPoint&) = default;
};

// A government body or department in the organisation tree; roles, items, requests and
// reports are all scoped to an org and, through parent_id, to its subtree.
struct Org {
  Id id = 0;
  std::optional<Id> parent_id;  // empty for the root of the tree
  std::string code;  // short ASCII code used in 索引号; unique, immutable once items exist
  std::string name;
  OrgKind kind = OrgKind::kDepartment;
  int sort_order = 0;
  // The request acceptance point (依申请公开受理点).
  std::string acceptance_address;
  std::string acceptance_hours;
  std::string acceptance_phone;
  std::vector<ReadingPoint> reading_points;
  friend bool operator==(const Org&, const Org&) = default;
};

// Checks an org code: 2-16 characters of A-Z, 0-9 and '-' (kInvalidArgument naming "code").
Status ValidateOrgCode(std::string_view code);
// Checks name, code and that points have names.
Status ValidateOrg(const Org& org);

// What a body reports for a year about its own disclosure office (legacy table 八).
struct OrgYearFacts {
  Id org_id = 0;
  int year = 0;
  int dedicated_bodies = 0;  // 政府信息公开工作专门机构数
  int staff_full_time = 0;   // 专职人员 (persons)
  int staff_part_time = 0;   // 兼职人员 (persons)
  int64_t funding_yuan = 0;  // 专项经费, integer yuan
  friend bool operator==(const OrgYearFacts&, const OrgYearFacts&) = default;
};
// Fails with kInvalidArgument naming the field for a year outside 2000-2999 or a
// negative count or amount.
Status ValidateOrgYearFacts(const OrgYearFacts& facts);

enum class MeetingCategory { kMeeting, kTraining };
const char* MeetingCategoryCode(MeetingCategory c);
Result<MeetingCategory> ParseMeetingCategory(std::string_view text);

// A work meeting (工作会议/专题会议) or a training course (培训班).
struct Meeting {
  Id id = 0;
  Id org_id = 0;
  MeetingCategory category = MeetingCategory::kMeeting;
  std::string kind;  // free text, e.g. 专题会议, 业务培训
  std::string title;
  Date held_on;
  int attendees = 0;  // persons (人次 for trainings)
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// Statistics other systems own (2021 table 二, 第二十条第（五）（六）（八）项), per body and year.
struct AdminStats {
  Id org_id = 0;
  int year = 0;
  int64_t licensing_decisions = 0;   // 行政许可 本年处理决定数量
  int64_t punishment_decisions = 0;  // 行政处罚
  int64_t coercion_decisions = 0;    // 行政强制
  int64_t fees_yuan = 0;             // 行政事业性收费 本年收费金额, integer yuan
  friend bool operator==(const AdminStats&, const AdminStats&) = default;
};

}  // namespace gongkai::core
