// 更正 over the in-memory store: the corrected version is published and the old one
// withdrawn together, or neither; review cannot be skipped; the note is required.
#include "core/item_correction.hpp"

#include <gtest/gtest.h>

#include "core/fake_store.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

class ItemCorrectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Ok([&](Repositories& r) -> Status {
      Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_ASSIGN_OR_RETURN(root, CreateOrg(r, ctx_, root, ""));
      org_ = root.id;
      Org dept;
      dept.code = "QXS-FGW";
      dept.name = "青溪市发展和改革局";
      dept.kind = OrgKind::kDepartment;
      GONGKAI_ASSIGN_OR_RETURN(dept, CreateOrg(r, ctx_, dept, "QXS"));
      dept_ = dept.id;
      for (auto [name, role] :
           {std::pair{"zhang.san", Role::kEditor}, {"li.si", Role::kReviewer}}) {
        User u;
        u.username = name;
        u.password_hash = "x";
        GONGKAI_RETURN_IF_ERROR(CreateUser(r, ctx_, u, role, "QXS").status());
      }
      return Status::Ok();
    });
  }

  void Ok(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // A draft of `org` taken to approval, and published on `on` when given.
  Item Approved(Id org, const char* title, const char* publish_on = nullptr) {
    Item it;
    it.org_id = org;
    it.title = title;
    it.category = "通知公告";
    it.formed_on = D("2026-03-01");
    Ok([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(it, CreateItem(r, ctx_, "zhang.san", it));
      GONGKAI_RETURN_IF_ERROR(SubmitItem(r, ctx_, "zhang.san", it.id).status());
      GONGKAI_ASSIGN_OR_RETURN(it, ReviewItem(r, ctx_, "li.si", it.id, true, ""));
      if (publish_on) {
        GONGKAI_ASSIGN_OR_RETURN(it, PublishItem(r, ctx_, "zhang.san", it.id, D(publish_on)));
      }
      return Status::Ok();
    });
    return it;
  }

  Result<CorrectionResult> Correct(Id id, const std::string& replaces, const std::string& note) {
    Result<CorrectionResult> out = Internal("not run");
    Status s = store_.Transact([&](Repositories& r) -> Status {
      out = PublishCorrection(r, ctx_, "zhang.san", id, replaces, D("2026-03-10"), note);
      return out.status();
    });
    if (!s.ok() && out.ok()) return s;
    return out;
  }

  Item Load(Id id) {
    Item it;
    Ok([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(it, r.items().Get(id));
      return Status::Ok();
    });
    return it;
  }

  FakeStore store_;
  ChangeContext ctx_{"test", "2026-03-10T02:00:00Z"};
  Id org_ = 0, dept_ = 0;
};

TEST_F(ItemCorrectionTest, PublishesTheNewVersionAndWithdrawsTheOldTogether) {
  Item old = Approved(org_, "关于森林防火的通知", "2026-03-02");
  Item fixed = Approved(org_, "关于森林防火的通知（更正）");
  auto done = Correct(fixed.id, *old.index_no, "更正联系电话");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(Load(fixed.id).state, ItemState::kPublished);
  EXPECT_EQ(Load(old.id).state, ItemState::kWithdrawn);
  std::vector<ItemEvent> events;
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(events, r.items().ListEvents(old.id));
    return Status::Ok();
  });
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, ItemEventKind::kWithdraw);
  EXPECT_NE(events.back().reason.find("更正：更正联系电话"), std::string::npos);
  EXPECT_NE(events.back().reason.find(*Load(fixed.id).index_no), std::string::npos);
}

TEST_F(ItemCorrectionTest, RefusesWithoutNoteReviewOrAPublishedOriginal) {
  Item old = Approved(org_, "原通知", "2026-03-02");
  Item fixed = Approved(org_, "更正后的通知");
  EXPECT_EQ(Correct(fixed.id, *old.index_no, "  ").status().field(), "note");
  EXPECT_EQ(Correct(fixed.id, "QXS/2026-99999", "x").status().field(), "replaces");
  // Not reviewed: PublishItem refuses, and the old item stays published.
  Item draft;
  draft.org_id = org_;
  draft.title = "未经审查的更正";
  draft.category = "通知公告";
  draft.formed_on = D("2026-03-01");
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(draft, CreateItem(r, ctx_, "zhang.san", draft));
    return Status::Ok();
  });
  EXPECT_EQ(Correct(draft.id, *old.index_no, "x").status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Load(old.id).state, ItemState::kPublished);
  // Another body's item cannot be corrected by this one.
  Item other = Approved(dept_, "发改局的通知", "2026-03-02");
  EXPECT_EQ(Correct(fixed.id, *other.index_no, "x").status().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Load(fixed.id).state, ItemState::kApproved);
}

}  // namespace
}  // namespace gongkai::core
