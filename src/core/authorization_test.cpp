// The authorization matrix, exhaustively: every role × every action, on bodies inside and
// outside the granted subtree of a three-level tree.
#include "core/authorization.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/fake_store.hpp"

namespace gongkai::core {
namespace {

// The documented matrix (authorization.cpp), written out independently of RoleAllows.
const std::map<Role, std::set<Action>>& Matrix() {
  static const std::map<Role, std::set<Action>> kMatrix = {
      {Role::kAdmin,
       {Action::kRead, Action::kItemEdit, Action::kItemPublish, Action::kOrgDataEdit,
        Action::kReportEdit, Action::kReportPublish, Action::kUserManage, Action::kAuditRead}},
      {Role::kEditor, {Action::kRead, Action::kItemEdit, Action::kItemPublish}},
      {Role::kReviewer, {Action::kRead, Action::kItemReview}},
      {Role::kCaseHandler,
       {Action::kRead, Action::kRequestHandle, Action::kRequestPersonalData, Action::kCaseRecord}},
      {Role::kAuditor, {Action::kRead, Action::kAuditRead}},
  };
  return kMatrix;
}

constexpr Role kRoles[] = {Role::kAdmin, Role::kEditor, Role::kReviewer, Role::kCaseHandler,
                           Role::kAuditor};

// root (1) ─┬─ department (2) ── office (3)
//           └─ sibling (4)
OrgTree Tree() {
  std::vector<Org> orgs(4);
  for (int i = 0; i < 4; ++i) {
    orgs[i].id = i + 1;
    orgs[i].code = "O" + std::to_string(i + 1);
    orgs[i].name = "机构" + std::to_string(i + 1);
  }
  orgs[1].parent_id = 1;
  orgs[2].parent_id = 2;
  orgs[3].parent_id = 1;
  return OrgTree(orgs);
}

TEST(AuthorizationTest, EveryRoleTimesEveryActionInsideAndOutsideTheSubtree) {
  OrgTree tree = Tree();
  for (Role role : kRoles) {
    std::vector<RoleGrant> grants = {{1, 7, /*org_id=*/2, role, "2024-01-01T00:00:00Z", {}}};
    for (Action action : kAllActions) {
      bool expected = Matrix().at(role).contains(action);
      EXPECT_EQ(RoleAllows(role, action), expected) << RoleCode(role) << " " << ActionCode(action);
      for (Id inside : {2, 3}) {
        Status s = Authorize(grants, tree, action, inside);
        EXPECT_EQ(s.ok(), expected)
            << RoleCode(role) << " " << ActionCode(action) << " @" << inside;
        if (!expected) {
          EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
        }
      }
      for (Id outside : {1, 4}) {  // the parent and a sibling
        Status s = Authorize(grants, tree, action, outside);
        EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied)
            << RoleCode(role) << " " << ActionCode(action) << " @" << outside;
      }
      std::vector<Id> orgs = AuthorizedOrgs(grants, tree, action);
      EXPECT_EQ(orgs, expected ? std::vector<Id>({2, 3}) : std::vector<Id>())
          << RoleCode(role) << " " << ActionCode(action);
    }
  }
}

TEST(AuthorizationTest, RevokedGrantsAndUnknownBodiesAllowNothing) {
  OrgTree tree = Tree();
  std::vector<RoleGrant> grants = {
      {1, 7, 1, Role::kAdmin, "2024-01-01T00:00:00Z", std::string("2024-02-01T00:00:00Z")}};
  for (Action action : kAllActions) {
    EXPECT_FALSE(Authorize(grants, tree, action, 3).ok()) << ActionCode(action);
    EXPECT_TRUE(AuthorizedOrgs(grants, tree, action).empty());
  }
  grants[0].revoked_at.reset();
  EXPECT_FALSE(Authorize(grants, tree, Action::kRead, 99).ok());
  EXPECT_TRUE(Authorize(grants, tree, Action::kRead, 3).ok()) << "root grants reach the leaves";
}

TEST(AuthorizationTest, AuthorizeUserLoadsGrantsAndRefusesDisabledAndUnknownUsers) {
  FakeStore store;
  Status s = store.Transact([](Repositories& r) -> Status {
    Org root;
    root.code = "R";
    root.name = "市政府";
    GONGKAI_ASSIGN_OR_RETURN(Id root_id, r.orgs().Insert(root));
    Org dept;
    dept.code = "D";
    dept.name = "教育局";
    dept.parent_id = root_id;
    GONGKAI_ASSIGN_OR_RETURN(Id dept_id, r.orgs().Insert(dept));
    User u;
    u.username = "ed";
    GONGKAI_ASSIGN_OR_RETURN(u.id, r.users().Insert(u));
    GONGKAI_RETURN_IF_ERROR(
        r.users()
            .InsertGrant({0, u.id, dept_id, Role::kEditor, "2024-01-01T00:00:00Z", {}})
            .status());
    EXPECT_TRUE(AuthorizeUser(r, "ed", Action::kItemEdit, dept_id).ok());
    EXPECT_EQ(AuthorizeUser(r, "ed", Action::kItemEdit, root_id).code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(AuthorizeUser(r, "ed", Action::kItemReview, dept_id).code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(AuthorizeUser(r, "nobody", Action::kRead, dept_id).code(), ErrorCode::kNotFound);
    u.disabled = true;
    GONGKAI_RETURN_IF_ERROR(r.users().Update(u));
    EXPECT_EQ(AuthorizeUser(r, "ed", Action::kItemEdit, dept_id).code(),
              ErrorCode::kPermissionDenied);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace gongkai::core
