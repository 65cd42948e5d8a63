// Who may do what, in one place: every back-office screen and API route names an Action,
// and Authorize() checks that the acting user holds a role allowing it on a body at or
// above the record's body (roles are scoped to an org subtree).
#pragma once

#include <string_view>
#include <vector>

#include "core/org_tree.hpp"
#include "core/store.hpp"
#include "core/user.hpp"

namespace gongkai::core {

enum class Action {
  kRead,                 // see records of the subtree (no applicants' personal data)
  kItemEdit,             // create, edit, submit items; attachments
  kItemReview,           // 保密审查: approve or reject
  kItemPublish,          // publish, withdraw, channels, validity
  kRequestHandle,        // intake, events, fees, answers
  kRequestPersonalData,  // open applicants' sealed personal data
  kCaseRecord,           // consultations, complaints, review and litigation cases
  kOrgDataEdit,          // staff, funding, meetings, trainings, reading points, statistics
  kReportEdit,           // narrative, preview, validate
  kReportPublish,        // publish a report version
  kUserManage,           // users, roles, API tokens
  kAuditRead,            // the audit trail
};
inline constexpr Action kAllActions[] = {
    Action::kRead,          Action::kItemEdit,      Action::kItemReview,
    Action::kItemPublish,   Action::kRequestHandle, Action::kRequestPersonalData,
    Action::kCaseRecord,    Action::kOrgDataEdit,   Action::kReportEdit,
    Action::kReportPublish, Action::kUserManage,    Action::kAuditRead};
const char* ActionCode(Action a);   // "item_edit", ...
const char* ActionLabel(Action a);  // 编辑信息, ...

// The roles that allow `action` (the authorization matrix; see authorization.cpp).
bool RoleAllows(Role role, Action action);

// OK iff one of `grants` (unrevoked) allows `action` on `org_id` or an ancestor of it.
// kPermissionDenied otherwise, naming the action.
Status Authorize(const std::vector<RoleGrant>& grants, const OrgTree& tree, Action action,
                 Id org_id);

// The bodies on which the grants allow `action` (the union of the granted subtrees).
std::vector<Id> AuthorizedOrgs(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                               Action action);

// Four eyes (DESIGN §6): nobody widens their own rights or clears their own work.
//
// Accounts: nobody grants, revokes or changes roles of their own account; another user
// holding 管理员 (user_manage) on the body must do it. kPermissionDenied when `actor` is
// `target` (usernames), naming the role needed.
Status CheckNotOwnAccount(std::string_view actor, std::string_view target);

// Items: the 保密审查 of a version is refused to anyone who created, edited (attachments
// included) or submitted it — `contributors` are those usernames. A small office with one
// person cannot publish alone, by design: the message says so and names the role needed
// (审查员 held by someone else). kPermissionDenied.
Status CheckIndependentReviewer(std::string_view reviewer,
                                const std::vector<std::string>& contributors);

// Loads the enabled user `username` and checks as above. kNotFound for an unknown user;
// kPermissionDenied for a disabled one.
Status AuthorizeUser(Repositories& repos, std::string_view username, Action action, Id org_id);

}  // namespace gongkai::core
