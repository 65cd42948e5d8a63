#include "core/authorization.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace gongkai::core {

const char* ActionCode(Action a) {
  switch (a) {
    case Action::kRead:
      return "read";
    case Action::kItemEdit:
      return "item_edit";
    case Action::kItemReview:
      return "item_review";
    case Action::kItemPublish:
      return "item_publish";
    case Action::kRequestHandle:
      return "request_handle";
    case Action::kRequestPersonalData:
      return "request_personal_data";
    case Action::kCaseRecord:
      return "case_record";
    case Action::kOrgDataEdit:
      return "org_data_edit";
    case Action::kReportEdit:
      return "report_edit";
    case Action::kReportPublish:
      return "report_publish";
    case Action::kUserManage:
      return "user_manage";
    case Action::kAuditRead:
      return "audit_read";
  }
  return "unknown";
}

const char* ActionLabel(Action a) {
  switch (a) {
    case Action::kRead:
      return "查看记录";
    case Action::kItemEdit:
      return "编辑信息";
    case Action::kItemReview:
      return "保密审查";
    case Action::kItemPublish:
      return "发布或撤回信息";
    case Action::kRequestHandle:
      return "办理依申请公开";
    case Action::kRequestPersonalData:
      return "查看申请人个人信息";
    case Action::kCaseRecord:
      return "登记咨询、投诉和复议诉讼";
    case Action::kOrgDataEdit:
      return "维护机构数据";
    case Action::kReportEdit:
      return "编辑年报";
    case Action::kReportPublish:
      return "发布年报";
    case Action::kUserManage:
      return "管理用户";
    case Action::kAuditRead:
      return "查看审计记录";
  }
  return "执行此操作";
}

// Separation of duties: the reviewer who clears an item (保密审查) is not its editor, and
// only case handlers see applicants' personal data. Editors (and admins) write items and
// publish them once cleared, as the item workflow has it.
bool RoleAllows(Role role, Action action) {
  switch (action) {
    case Action::kRead:
      return true;
    case Action::kItemEdit:
    case Action::kItemPublish:
      return role == Role::kEditor || role == Role::kAdmin;
    case Action::kItemReview:
      return role == Role::kReviewer;
    case Action::kRequestHandle:
    case Action::kRequestPersonalData:
    case Action::kCaseRecord:
      return role == Role::kCaseHandler;
    case Action::kOrgDataEdit:
    case Action::kReportEdit:
    case Action::kReportPublish:
    case Action::kUserManage:
      return role == Role::kAdmin;
    case Action::kAuditRead:
      return role == Role::kAdmin || role == Role::kAuditor;
  }
  return false;
}

Status Authorize(const std::vector<RoleGrant>& grants, const OrgTree& tree, Action action,
                 Id org_id) {
  for (const auto& g : grants) {
    if (g.revoked_at || !RoleAllows(g.role, action)) continue;
    if (tree.Contains(g.org_id, org_id)) return Status::Ok();
  }
  const Org* org = tree.Find(org_id);
  return PermissionDenied(std::string("没有在") + (org ? org->name : "该机构") +
                          ActionLabel(action) + "的权限（" + ActionCode(action) + "）");
}

std::vector<Id> AuthorizedOrgs(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                               Action action) {
  std::set<Id> ids;
  for (const auto& g : grants) {
    if (g.revoked_at || !RoleAllows(g.role, action)) continue;
    for (const Org* o : tree.Subtree(g.org_id)) ids.insert(o->id);
  }
  return {ids.begin(), ids.end()};
}

Status CheckNotOwnAccount(std::string_view actor, std::string_view target) {
  if (actor != target) return Status::Ok();
  return PermissionDenied("不能授予、撤销或变更自己账号的角色或令牌（四眼原则）：须由另一位具有“" +
                          std::string(RoleLabel(Role::kAdmin)) + "”角色的用户办理");
}

Status CheckIndependentReviewer(std::string_view reviewer,
                                const std::vector<std::string>& contributors) {
  if (std::find(contributors.begin(), contributors.end(), reviewer) == contributors.end()) {
    return Status::Ok();
  }
  return PermissionDenied("保密审查须由未创建、修改或提交该版本的人进行（四眼原则）：" +
                          std::string(reviewer) + " 参与了此版本的编写；请由另一位具有“" +
                          RoleLabel(Role::kReviewer) +
                          "”角色的用户审查（仅一人的机构不能独自发布信息）");
}

Status AuthorizeUser(Repositories& repos, std::string_view username, Action action, Id org_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(username));
  if (!user) return NotFound("用户不存在: " + std::string(username), "user");
  if (user->disabled) return PermissionDenied("用户已停用: " + user->username);
  GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  return Authorize(grants, OrgTree(std::move(orgs)), action, org_id);
}

}  // namespace gongkai::core
