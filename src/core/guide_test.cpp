// The 政府信息公开指南 composed from a body's records, and its new versions through review.
#include "core/guide.hpp"

#include <gtest/gtest.h>

#include "core/body_data_service.hpp"
#include "core/fake_store.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

GuideRecords Records() {
  GuideRecords r;
  r.org.name = "青溪市教育局";
  r.org.kind = OrgKind::kDepartment;
  r.org.acceptance_address = "青溪市育才路8号教育局办公室";
  r.org.acceptance_hours = "工作日 8:30-17:30";
  r.org.acceptance_phone = "0000-5211111";
  r.org.reading_points = {{"教育局政务公开查阅室", "青溪市育才路8号", "工作日 9:00-17:00"}};
  r.catalog = DefaultCatalog(OrgKind::kDepartment);
  r.parent_name = "青溪市人民政府";
  r.root_name = "青溪市人民政府";
  return r;
}

TEST(GuideTest, SaysWhatArticleTwelveAsksFromTheRecords) {
  const std::string text = ComposeGuide(Records());
  for (const char* expected : {"# 青溪市教育局政府信息公开指南",
                               "青溪市育才路8号教育局办公室",
                               "工作日 8:30-17:30",
                               "0000-5211111",
                               "教育局政务公开查阅室",
                               "工作动态",
                               "通知公告（必设）",
                               "7 个工作日内一次性告知",
                               "20 个工作日内予以答复",
                               "最长不得超过 20 个工作日",
                               "15 个工作日内提出意见",
                               "信息处理费",
                               "国办函〔2020〕109号",
                               "行政复议",
                               "行政诉讼",
                               "向青溪市人民政府",
                               "当面",
                               "邮寄",
                               "网络",
                               "/apply"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  // Deterministic, and different records give a different text.
  EXPECT_EQ(text, ComposeGuide(Records()));
  GuideRecords moved = Records();
  moved.org.acceptance_phone = "0000-5222222";
  EXPECT_NE(text, ComposeGuide(moved));
}

TEST(GuideTest, WithoutReadingPointsNamesTheGovernmentsAndStillReadsWell) {
  GuideRecords r = Records();
  r.org.reading_points.clear();
  r.org.acceptance_phone.clear();
  const std::string text = ComposeGuide(r);
  EXPECT_NE(text.find("青溪市人民政府设置的政府信息公开查阅点"), std::string::npos);
  EXPECT_NE(text.find("联系电话：（未登记）"), std::string::npos);
}

class GuideProposalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Ok([&](Repositories& r) -> Status {
      Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      root.kind = OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(root, CreateOrg(r, ctx_, root, ""));
      Org jyj;
      jyj.code = "QXS-JYJ";
      jyj.name = "青溪市教育局";
      jyj.acceptance_phone = "0000-5211111";
      GONGKAI_ASSIGN_OR_RETURN(jyj, CreateOrg(r, ctx_, jyj, "QXS"));
      jyj_ = jyj.id;
      for (auto [name, role] :
           {std::pair{"editor", Role::kEditor}, {"reviewer", Role::kReviewer}}) {
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
  GuideProposalResult Propose(const char* author = "editor") {
    GuideProposalResult out;
    Ok([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(out, ProposeGuideUpdate(r, ctx_, author, jyj_, D("2026-12-01")));
      return Status::Ok();
    });
    return out;
  }

  FakeStore store_;
  ChangeContext ctx_{"test", "2026-12-01T02:00:00Z"};
  Id jyj_ = 0;
};

TEST_F(GuideProposalTest, ProposesThroughReviewAndOnlyWhenTheRecordsChange) {
  GuideProposalResult first = Propose();
  ASSERT_EQ(first.what, GuideProposal::kProposed);
  ASSERT_TRUE(first.item.has_value());
  EXPECT_EQ(first.item->state, ItemState::kSubmitted);
  EXPECT_EQ(first.item->category, kGuideColumn);
  EXPECT_EQ(first.item->title, "青溪市教育局政府信息公开指南");
  EXPECT_NE(first.item->body_md.find("0000-5211111"), std::string::npos);
  // Asked again before review: the pending version is the proposal.
  EXPECT_EQ(Propose().what, GuideProposal::kAlreadyProposed);

  // The editor cannot approve it; the reviewer does, the editor publishes it.
  Ok([&](Repositories& r) -> Status {
    EXPECT_FALSE(ReviewItem(r, ctx_, "editor", first.item->id, true, "").ok());
    GONGKAI_RETURN_IF_ERROR(ReviewItem(r, ctx_, "reviewer", first.item->id, true, "").status());
    return PublishItem(r, ctx_, "editor", first.item->id, D("2026-12-02")).status();
  });
  EXPECT_EQ(Propose().what, GuideProposal::kUpToDate);
  Ok([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto current, CurrentGuide(r, jyj_));
    EXPECT_TRUE(current && current->index_no.has_value());
    return Status::Ok();
  });

  // The acceptance point moves: a new version is proposed, the published one stays.
  Ok([&](Repositories& r) -> Status {
    OrgContact contact;
    contact.acceptance_phone = "0000-5299999";
    return UpdateOrgContact(r, ctx_, jyj_, contact).status();
  });
  GuideProposalResult second = Propose();
  ASSERT_EQ(second.what, GuideProposal::kProposed);
  EXPECT_NE(second.item->body_md.find("0000-5299999"), std::string::npos);
  EXPECT_NE(second.item->id, first.item->id);
}

TEST_F(GuideProposalTest, OnlyAnEditorMayPropose) {
  Ok([&](Repositories& r) -> Status {
    auto refused = ProposeGuideUpdate(r, ctx_, "reviewer", jyj_, D("2026-12-01"));
    EXPECT_EQ(refused.status().code(), ErrorCode::kPermissionDenied);
    return Status::Ok();
  });
}

}  // namespace
}  // namespace gongkai::core
