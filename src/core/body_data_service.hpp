// Use cases on a body's own data (机构数据), as the back office and the API enter it: the
// request acceptance point and the reading points (published on the portal's guide page),
// and the yearly facts the annual report counts (staff, funding, meetings, trainings).
// Each validates, writes through the repositories and records one audit event; call inside
// Store::Transact. Administrative statistics have their own use case, SetAdminStats in
// core/proactive_stats.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// The public contact data of a body: the acceptance point (依申请公开受理点) and the
// places where disclosed information can be read (查阅点), in display order.
struct OrgContact {
  std::string acceptance_address;
  std::string acceptance_hours;
  std::string acceptance_phone;
  std::vector<ReadingPoint> reading_points;
  friend bool operator==(const OrgContact&, const OrgContact&) = default;
};

// Limits, in characters (code points), so a pasted document cannot become a page.
inline constexpr size_t kMaxAddressChars = 200;
inline constexpr size_t kMaxHoursChars = 100;
inline constexpr size_t kMaxPhoneChars = 50;
inline constexpr size_t kMaxPointNameChars = 100;
inline constexpr size_t kMaxReadingPoints = 50;
inline constexpr size_t kMaxMeetingTitleChars = 200;
inline constexpr size_t kMaxMeetingKindChars = 50;
inline constexpr int kMaxAttendees = 1000000;

// The contact of `org` as stored.
OrgContact ContactOf(const Org& org);

// Checks lengths (above) and that every reading point has a name. kInvalidArgument naming
// the field: "acceptance_address", "acceptance_hours", "acceptance_phone",
// "reading_points" (too many) or "reading_points[i].name" / ".address" / ".hours"
// (i from 0).
Status ValidateOrgContact(const OrgContact& contact);

// Replaces the acceptance point and the reading points of the org (other fields kept),
// after trimming surrounding ASCII spaces from every field. Audit event org.contact
// (before/after: the org). kInvalidArgument as ValidateOrgContact, kNotFound.
Result<Org> UpdateOrgContact(Repositories& repos, const ChangeContext& ctx, Id org_id,
                             OrgContact contact);

// Validates (ValidateOrgYearFacts: year 2000-2999, no negative figure; funding in integer
// yuan, which the report shows in 万元) and stores the org's facts for the year, replacing
// earlier ones. Audit event org_year_facts.set. kInvalidArgument, kNotFound.
Status SetOrgYearFacts(Repositories& repos, const ChangeContext& ctx, const OrgYearFacts& facts);

// Records a meeting or training of meeting.org_id held in `year`: title required (at most
// kMaxMeetingTitleChars), kind at most kMaxMeetingKindChars, held_on within `year`,
// 0 <= attendees <= kMaxAttendees; text fields trimmed. Audit event meeting.create.
// kInvalidArgument naming "title", "kind", "held_on", "attendees" or "year"; kNotFound.
Result<Meeting> AddMeeting(Repositories& repos, const ChangeContext& ctx, int year,
                           Meeting meeting);

// Deletes a meeting entered by mistake: the meeting `meeting_id` of `org_id` held in
// `year`. Audit event meeting.delete (before: the meeting). kNotFound when the org held no
// such meeting that year.
Status DeleteMeeting(Repositories& repos, const ChangeContext& ctx, Id org_id, int year,
                     Id meeting_id);

}  // namespace gongkai::core
