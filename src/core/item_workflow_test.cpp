// The proactive-disclosure workflow over the in-memory store.
#include "core/item_workflow.hpp"

#include <gtest/gtest.h>

#include "core/fake_store.hpp"
#include "core/index_no.hpp"
#include "core/org_service.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

Org MakeOrg(Id id, const char* code, const char* name, OrgKind kind) {
  Org org;
  org.id = id;
  org.code = code;
  org.name = name;
  org.kind = kind;
  return org;
}

class ItemWorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Ok([&](Repositories& r) -> Status {
      Org root = MakeOrg(0, "QXS", "青溪市人民政府", OrgKind::kGovernment);
      GONGKAI_ASSIGN_OR_RETURN(root, CreateOrg(r, ctx_, root, ""));
      Org fgw = MakeOrg(0, "QXS-FGW", "青溪市发展和改革局", OrgKind::kDepartment);
      GONGKAI_ASSIGN_OR_RETURN(fgw, CreateOrg(r, ctx_, fgw, "QXS"));
      fgw_ = fgw.id;
      GONGKAI_RETURN_IF_ERROR(AddUser(r, "zhang.san", Role::kEditor, "QXS-FGW"));
      GONGKAI_RETURN_IF_ERROR(AddUser(r, "li.si", Role::kReviewer, "QXS"));
      // Both editor and reviewer: may review others' items, never their own.
      GONGKAI_RETURN_IF_ERROR(AddUser(r, "wang.wu", Role::kEditor, "QXS-FGW"));
      GONGKAI_ASSIGN_OR_RETURN(auto wang, r.users().FindByUsername("wang.wu"));
      return r.users()
          .InsertGrant({0, wang->id, fgw.id, Role::kReviewer, ctx_.at, std::nullopt})
          .status();
    });
  }

  Status AddUser(Repositories& r, const char* name, Role role, const char* org) {
    User u;
    u.username = name;
    u.password_hash = "x";
    return CreateUser(r, ctx_, u, role, org).status();
  }

  void Ok(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  Status Run(const std::function<Status(Repositories&)>& work) { return store_.Transact(work); }

  Item Draft(const char* author = "zhang.san") {
    Item it;
    it.org_id = fgw_;
    it.title = "关于印发《青溪市价格监测管理办法》的通知";
    it.category = "法律法规规范性文件";
    it.formed_on = D("2024-03-01");
    it.doc_no = "青发改发[２０２４]００７号";
    it.is_normative = true;
    Item created;
    Ok([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(created, CreateItem(r, ctx_, author, it));
      return Status::Ok();
    });
    return created;
  }

  // draft → submitted → approved (by li.si) → published on `on`.
  Item Published(const char* on = "2024-03-05") {
    Item it = Draft();
    Item out;
    Ok([&](Repositories& r) -> Status {
      GONGKAI_RETURN_IF_ERROR(SubmitItem(r, ctx_, "zhang.san", it.id).status());
      GONGKAI_RETURN_IF_ERROR(ReviewItem(r, ctx_, "li.si", it.id, true, "").status());
      GONGKAI_ASSIGN_OR_RETURN(out, PublishItem(r, ctx_, "zhang.san", it.id, D(on)));
      return Status::Ok();
    });
    return out;
  }

  FakeStore store_;
  ChangeContext ctx_{"test", "2024-03-05T01:00:00Z"};
  Id fgw_ = 0;
};

TEST_F(ItemWorkflowTest, CreateNormalisesFieldsAndStartsAsDraft) {
  Item it = Draft();
  EXPECT_EQ(it.state, ItemState::kDraft);
  EXPECT_EQ(it.doc_no, "青发改发〔2024〕7号");
  EXPECT_EQ(it.category, "法定主动公开内容/法律法规规范性文件");
  EXPECT_EQ(it.publisher, "青溪市发展和改革局");
  EXPECT_EQ(it.author, "zhang.san");
  EXPECT_FALSE(it.index_no.has_value());
}

TEST_F(ItemWorkflowTest, RejectsBadFields) {
  Item it;
  it.org_id = fgw_;
  it.title = "标题";
  it.category = "不存在的栏目";
  it.formed_on = D("2024-03-01");
  Status s = Run([&](Repositories& r) { return CreateItem(r, ctx_, "zhang.san", it).status(); });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "category");
  it.category = "通知公告";
  it.doc_no = "青发改发2024年7号";
  s = Run([&](Repositories& r) { return CreateItem(r, ctx_, "zhang.san", it).status(); });
  EXPECT_EQ(s.field(), "doc_no") << s.ToString();
  it.doc_no = "";
  s = Run([&](Repositories& r) { return CreateItem(r, ctx_, "li.si", it).status(); });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << "a reviewer is not an editor";
}

TEST_F(ItemWorkflowTest, PublishWithoutReviewIsRefused) {
  Item it = Draft();
  Status s = Run([&](Repositories& r) {
    return PublishItem(r, ctx_, "zhang.san", it.id, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  Ok([&](Repositories& r) { return SubmitItem(r, ctx_, "zhang.san", it.id).status(); });
  s = Run([&](Repositories& r) {
    return PublishItem(r, ctx_, "zhang.san", it.id, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition) << "submitted is not approved";
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(it.id));
    EXPECT_EQ(got.state, ItemState::kSubmitted);
    EXPECT_FALSE(got.index_no.has_value());
    return Status::Ok();
  });
}

TEST_F(ItemWorkflowTest, PublishRequiresAnApprovalInTheHistoryNotJustTheState) {
  // A row forced to "approved" behind the workflow's back (e.g. a bulk load) still cannot
  // be published: no approval event by someone other than the author.
  Item it = Draft();
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(it.id));
    got.state = ItemState::kApproved;
    return r.items().Update(got);
  });
  Status s = Run([&](Repositories& r) {
    return PublishItem(r, ctx_, "zhang.san", it.id, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("保密审查"), std::string::npos) << s.message();
}

TEST_F(ItemWorkflowTest, ReviewerCannotApproveTheirOwnItem) {
  Item it = Draft("wang.wu");
  Ok([&](Repositories& r) { return SubmitItem(r, ctx_, "wang.wu", it.id).status(); });
  Status s = Run(
      [&](Repositories& r) { return ReviewItem(r, ctx_, "wang.wu", it.id, true, "").status(); });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  // An editor without the reviewer role cannot review either.
  s = Run(
      [&](Repositories& r) { return ReviewItem(r, ctx_, "zhang.san", it.id, true, "").status(); });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  // Another reviewer may.
  Ok([&](Repositories& r) { return ReviewItem(r, ctx_, "li.si", it.id, true, "").status(); });
}

// Issue 16, finding 1: wang.wu (editor and reviewer) edits and submits zhang.san's item,
// then tries to clear it; the review is refused (anyone who created, edited or submitted the
// version), the message names the role needed, and a forged approval event by an editor of
// the version does not let the item be published.
TEST_F(ItemWorkflowTest, NobodyReviewsAVersionTheyEditedOrSubmitted) {
  Item it = Draft();
  Ok([&](Repositories& r) -> Status {
    Item changed = it;
    changed.summary = "由另一位编辑修改";
    GONGKAI_RETURN_IF_ERROR(EditItem(r, ctx_, "wang.wu", changed).status());
    return SubmitItem(r, ctx_, "wang.wu", it.id).status();
  });
  Status s = Run(
      [&](Repositories& r) { return ReviewItem(r, ctx_, "wang.wu", it.id, true, "").status(); });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.message().find("审查员"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("四眼"), std::string::npos) << s.message();
  s = Run([&](Repositories& r) {
    return ReviewItem(r, ctx_, "wang.wu", it.id, false, "退回").status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << "rejecting is a review too";
  // An approval event written behind the workflow's back by an editor of the version.
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(it.id));
    got.state = ItemState::kApproved;
    GONGKAI_RETURN_IF_ERROR(r.items().Update(got));
    return r.items()
        .AppendEvent({0, it.id, 0, ItemEventKind::kApprove, "wang.wu", ctx_.at, ""})
        .status();
  });
  s = Run([&](Repositories& r) {
    return PublishItem(r, ctx_, "zhang.san", it.id, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << s.ToString();
}

TEST_F(ItemWorkflowTest, RejectionNeedsAReasonAndSendsTheItemBackForEditing) {
  Item it = Draft();
  Ok([&](Repositories& r) { return SubmitItem(r, ctx_, "zhang.san", it.id).status(); });
  Status s = Run(
      [&](Repositories& r) { return ReviewItem(r, ctx_, "li.si", it.id, false, " ").status(); });
  EXPECT_EQ(s.field(), "reason");
  Ok([&](Repositories& r) {
    return ReviewItem(r, ctx_, "li.si", it.id, false, "含有个人身份证号码").status();
  });
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(it.id));
    EXPECT_EQ(got.state, ItemState::kRejected);
    got.summary = "已删除个人信息";
    GONGKAI_RETURN_IF_ERROR(EditItem(r, ctx_, "zhang.san", got).status());
    GONGKAI_RETURN_IF_ERROR(SubmitItem(r, ctx_, "zhang.san", it.id).status());
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.items().ListEvents(it.id));
    std::vector<ItemEventKind> kinds;
    for (const auto& e : events) kinds.push_back(e.kind);
    EXPECT_EQ(kinds, (std::vector<ItemEventKind>{ItemEventKind::kCreate, ItemEventKind::kSubmit,
                                                 ItemEventKind::kReject, ItemEventKind::kEdit,
                                                 ItemEventKind::kSubmit}));
    EXPECT_EQ(events[2].reason, "含有个人身份证号码");
    EXPECT_EQ(events[2].actor, "li.si");
    return Status::Ok();
  });
}

TEST_F(ItemWorkflowTest, PublicationIssuesSequentialIndexNumbersPerBodyAndYear) {
  Item a = Published("2024-03-05");
  Item b = Published("2024-04-01");
  Item c = Published("2025-01-02");
  EXPECT_EQ(a.index_no, "QXS-FGW/2024-00001");
  EXPECT_EQ(b.index_no, "QXS-FGW/2024-00002");
  EXPECT_EQ(c.index_no, "QXS-FGW/2025-00001");
  EXPECT_EQ(a.state, ItemState::kPublished);
  EXPECT_EQ(a.published_on, D("2024-03-05"));
  ASSERT_EQ(a.channels.size(), 1u);
  EXPECT_EQ(a.channels[0].channel, Channel::kWebsite);
}

TEST_F(ItemWorkflowTest, IndexNumbersSurviveRenamingTheBodyAndAreNeverReused) {
  Item a = Published("2024-03-05");
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Org org, r.orgs().Get(fgw_));
    org.name = "青溪市发展和改革委员会";  // 机构改革: renamed
    return r.orgs().Update(org);
  });
  Ok([&](Repositories& r) {
    return WithdrawItem(r, ctx_, "zhang.san", a.id, "信息有误").status();
  });
  Item b = Published("2024-06-01");
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(a.id));
    EXPECT_EQ(got.index_no, "QXS-FGW/2024-00001");  // unchanged by the rename and withdrawal
    EXPECT_EQ(got.state, ItemState::kWithdrawn);
    return Status::Ok();
  });
  EXPECT_EQ(b.index_no, "QXS-FGW/2024-00002") << "the withdrawn item's serial is not reused";
  // Immutable: a published item cannot be edited, so its 索引号 cannot change.
  Status s = Run([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(b.id));
    got.title = "改名";
    return EditItem(r, ctx_, "zhang.san", got).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
}

TEST_F(ItemWorkflowTest, WithdrawalNeedsAReasonAndKeepsTheHistory) {
  Item a = Published();
  Status s =
      Run([&](Repositories& r) { return WithdrawItem(r, ctx_, "zhang.san", a.id, "").status(); });
  EXPECT_EQ(s.field(), "reason");
  Ok([&](Repositories& r) {
    return WithdrawItem(r, ctx_, "zhang.san", a.id, "已被新文件替代").status();
  });
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.items().ListEvents(a.id));
    EXPECT_EQ(events.back().kind, ItemEventKind::kWithdraw);
    EXPECT_EQ(events.back().reason, "已被新文件替代");
    GONGKAI_ASSIGN_OR_RETURN(auto audit, r.audit().ListFor("item", std::to_string(a.id)));
    EXPECT_EQ(audit.back().action, "item.withdraw");
    return Status::Ok();
  });
  s = Run(
      [&](Repositories& r) { return WithdrawItem(r, ctx_, "zhang.san", a.id, "再撤").status(); });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
}

TEST_F(ItemWorkflowTest, ChannelsAndValidityAfterPublication) {
  Item a = Published("2024-03-05");
  Ok([&](Repositories& r) {
    return AddItemChannel(r, ctx_, "zhang.san", a.id, Channel::kWechat, D("2024-03-06")).status();
  });
  Status s = Run([&](Repositories& r) {
    return AddItemChannel(r, ctx_, "zhang.san", a.id, Channel::kWechat, D("2024-03-07")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  s = Run([&](Repositories& r) {
    return AddItemChannel(r, ctx_, "zhang.san", a.id, Channel::kWeibo, D("2024-03-01")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << "before publication";
  Ok([&](Repositories& r) {
    return SetItemValidity(r, ctx_, "zhang.san", a.id, Validity::kRepealed, D("2025-06-30"))
        .status();
  });
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(a.id));
    EXPECT_EQ(got.channels.size(), 2u);
    EXPECT_EQ(got.validity, Validity::kRepealed);
    EXPECT_EQ(got.validity_changed_on, D("2025-06-30"));
    return Status::Ok();
  });
}

TEST_F(ItemWorkflowTest, ImportKeepsPastPublicationsAndChecksTheirIndexNumbers) {
  Item it;
  it.org_id = fgw_;
  it.title = "2023年价格工作总结";
  it.category = "工作动态";
  it.formed_on = D("2023-12-20");
  it.published_on = D("2023-12-22");
  it.index_no = "QXS-FGW/2023-00042";
  it.state = ItemState::kPublished;
  Ok([&](Repositories& r) {
    return ImportItem(r, ctx_, "zhang.san", it, D("2024-03-05")).status();
  });
  // The next serial of that year follows the imported one.
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Org org, r.orgs().Get(fgw_));
    GONGKAI_ASSIGN_OR_RETURN(std::string next, NextIndexNo(r, org, 2023));
    EXPECT_EQ(next, "QXS-FGW/2023-00043");
    return Status::Ok();
  });
  Status s = Run([&](Repositories& r) {
    return ImportItem(r, ctx_, "zhang.san", it, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  it.index_no = "QXS/2023-00001";  // another body's code
  s = Run([&](Repositories& r) {
    return ImportItem(r, ctx_, "zhang.san", it, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.field(), "index_no");
  it.index_no.reset();  // without a 索引号 only a draft can be imported
  s = Run([&](Repositories& r) {
    return ImportItem(r, ctx_, "zhang.san", it, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.field(), "state");
}

TEST(IndexNoTest, FormatsAndParses) {
  EXPECT_EQ(FormatIndexNo("QXS-FGW", 2024, 17), "QXS-FGW/2024-00017");
  auto parts = ParseIndexNo("QXS-FGW/2024-00017");
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(*parts, (IndexNoParts{"QXS-FGW", 2024, 17}));
  for (const char* bad : {"QXS-FGW/2024-17", "qxs/2024-00001", "QXS/24-00001", "QXS/2024-00000",
                          "QXS2024-00001", "QXS/2024-0000a"}) {
    EXPECT_FALSE(ParseIndexNo(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace gongkai::core
