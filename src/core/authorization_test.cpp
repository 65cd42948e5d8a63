// The authorization matrix, exhaustively: every role × every action, on bodies inside and
// outside the granted subtree of a three-level tree.
#include "core/authorization.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/account_service.hpp"
#include "core/fake_store.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"

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

// Four eyes, rows for every role (issue 16): whatever a user holds — even 管理员 of the root —
// they cannot grant or revoke roles of their own account, and they cannot review an item
// version they created, edited or submitted. Another admin and another reviewer can.
class FourEyesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Run([&](Repositories& r) -> Status {
      Org root;
      root.code = "QX";
      root.name = "市政府";
      GONGKAI_ASSIGN_OR_RETURN(root, CreateOrg(r, ctx_, root, ""));
      root_ = root.id;
      GONGKAI_RETURN_IF_ERROR(AddUser(r, "other.admin", Role::kAdmin));
      return AddUser(r, "other.reviewer", Role::kReviewer);
    });
  }
  Status AddUser(Repositories& r, const std::string& name, Role role) {
    User u;
    u.username = name;
    u.password_hash = "x";
    return CreateUser(r, ctx_, u, role, "QX").status();
  }
  void Run(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  Status Try(const std::function<Status(Repositories&)>& work) { return store_.Transact(work); }

  FakeStore store_;
  ChangeContext ctx_{"test", "2024-03-01T00:00:00Z"};
  Id root_ = 0;
};

TEST_F(FourEyesTest, NoRoleGrantsOrRevokesRolesOfItsOwnAccount) {
  for (Role held : kRoles) {
    std::string me = std::string("self.") + RoleCode(held);
    std::replace(me.begin(), me.end(), '_', '.');
    Id grant_id = 0;
    Run([&](Repositories& r) -> Status {
      GONGKAI_RETURN_IF_ERROR(AddUser(r, me, held));
      // Admin as well, so the refusal is the four-eyes rule, not a missing kUserManage.
      GONGKAI_ASSIGN_OR_RETURN(auto g, GrantRole(r, ctx_, "other.admin", me, Role::kAdmin, root_));
      grant_id = g.id;
      return Status::Ok();
    });
    for (Role wanted : kRoles) {
      Status s =
          Try([&](Repositories& r) { return GrantRole(r, ctx_, me, me, wanted, root_).status(); });
      EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied)
          << RoleCode(held) << " grants itself " << RoleCode(wanted);
      EXPECT_NE(s.message().find("管理员"), std::string::npos) << s.message();
    }
    Status s = Try([&](Repositories& r) { return RevokeRole(r, ctx_, me, me, grant_id).status(); });
    EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << RoleCode(held) << " revokes its own";
    // Another admin may grant the same user (and it is audited).
    Run([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(auto g, GrantRole(r, ctx_, "other.admin", me, held, root_));
      GONGKAI_ASSIGN_OR_RETURN(auto events, r.audit().ListFor("role_grant", std::to_string(g.id)));
      EXPECT_EQ(events.size(), 1u);
      return Status::Ok();
    });
  }
}

TEST_F(FourEyesTest, NoRoleReviewsAVersionItCreatedEditedOrSubmitted) {
  for (Role held : kRoles) {
    std::string me = std::string("rev.") + RoleCode(held);
    std::replace(me.begin(), me.end(), '_', '.');
    Item it;
    Run([&](Repositories& r) -> Status {
      GONGKAI_RETURN_IF_ERROR(AddUser(r, me, held));
      for (Role extra : {Role::kEditor, Role::kReviewer}) {
        GONGKAI_RETURN_IF_ERROR(GrantRole(r, ctx_, "other.admin", me, extra, root_).status());
      }
      Item draft;
      draft.org_id = root_;
      draft.title = "关于开展安全检查的通知";
      draft.category = "通知公告";
      draft.formed_on = Date::Parse("2024-03-01").value();
      GONGKAI_ASSIGN_OR_RETURN(it, CreateItem(r, ctx_, me, draft));
      GONGKAI_RETURN_IF_ERROR(SubmitItem(r, ctx_, me, it.id).status());
      return Status::Ok();
    });
    for (bool approve : {true, false}) {
      Status s = Try([&](Repositories& r) {
        return ReviewItem(r, ctx_, me, it.id, approve, "理由").status();
      });
      EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << RoleCode(held) << " reviews own";
      EXPECT_NE(s.message().find("审查员"), std::string::npos) << s.message();
    }
    Run([&](Repositories& r) {
      return ReviewItem(r, ctx_, "other.reviewer", it.id, true, "").status();
    });
  }
}

}  // namespace
}  // namespace gongkai::core
