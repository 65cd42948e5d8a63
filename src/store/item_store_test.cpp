// The item workflow's repositories (migration 0004) and the workflow itself on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "core/proactive_stats.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

using core::Date;

Date D(const char* iso) { return Date::Parse(iso).value(); }

class ItemStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    Tx([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(root, core::CreateOrg(r, ctx_, root, ""));
      root_ = root.id;
      core::Org fgw;
      fgw.code = "QXS-FGW";
      fgw.name = "青溪市发展和改革局";
      GONGKAI_ASSIGN_OR_RETURN(fgw, core::CreateOrg(r, ctx_, fgw, "QXS"));
      fgw_ = fgw.id;
      core::User u;
      u.password_hash = "x";
      u.username = "zhang.san";
      GONGKAI_RETURN_IF_ERROR(core::CreateUser(r, ctx_, u, core::Role::kEditor, "QXS").status());
      u.username = "li.si";
      return core::CreateUser(r, ctx_, u, core::Role::kReviewer, "QXS").status();
    });
  }

  void Tx(const std::function<core::Status(core::Repositories&)>& work) {
    core::Status status = store_->Transact(work);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  core::Item Publish(const char* title, const char* on, std::vector<core::Channel> channels) {
    core::Item it;
    it.org_id = fgw_;
    it.title = title;
    it.category = "通知公告";
    it.formed_on = D(on);
    it.body_md = "正文";
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(it, core::CreateItem(r, ctx_, "zhang.san", it));
      GONGKAI_RETURN_IF_ERROR(core::SubmitItem(r, ctx_, "zhang.san", it.id).status());
      GONGKAI_RETURN_IF_ERROR(core::ReviewItem(r, ctx_, "li.si", it.id, true, "").status());
      GONGKAI_ASSIGN_OR_RETURN(it, core::PublishItem(r, ctx_, "zhang.san", it.id, D(on), channels));
      return core::Status::Ok();
    });
    return it;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
  core::ChangeContext ctx_{"test", "2024-03-05T01:00:00Z"};
  core::Id root_ = 0, fgw_ = 0;
};

TEST_P(ItemStoreTest, WorkflowIssuesIndexNumbersThatSurviveRenameAndWithdrawal) {
  core::Item a = Publish("第一条", "2024-03-05", {});
  EXPECT_EQ(a.index_no, "QXS-FGW/2024-00001");
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, r.orgs().Get(fgw_));
    org.name = "青溪市发展和改革委员会";
    GONGKAI_RETURN_IF_ERROR(r.orgs().Update(org));
    return core::WithdrawItem(r, ctx_, "zhang.san", a.id, "有误").status();
  });
  core::Item b = Publish("第二条", "2024-04-01", {});
  EXPECT_EQ(b.index_no, "QXS-FGW/2024-00002");
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Item got, r.items().Get(a.id));
    EXPECT_EQ(got.index_no, "QXS-FGW/2024-00001");
    EXPECT_EQ(got.state, core::ItemState::kWithdrawn);
    EXPECT_EQ(got.author, "zhang.san");
    GONGKAI_ASSIGN_OR_RETURN(int max, r.items().MaxIndexSerial("QXS-FGW", 2024));
    EXPECT_EQ(max, 2);
    GONGKAI_ASSIGN_OR_RETURN(int none, r.items().MaxIndexSerial("QXS", 2024));
    EXPECT_EQ(none, 0) << "QXS-FGW's numbers are not QXS's";
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.items().ListEvents(a.id));
    EXPECT_EQ(events.size(), 5u);
    EXPECT_EQ(events.back().kind, core::ItemEventKind::kWithdraw);
    EXPECT_EQ(events.back().reason, "有误");
    EXPECT_EQ(events[2].actor, "li.si");
    return core::Status::Ok();
  });
}

TEST_P(ItemStoreTest, PublishWithoutReviewIsRefusedByTheCore) {
  core::Item it;
  it.org_id = fgw_;
  it.title = "未审查";
  it.category = "通知公告";
  it.formed_on = D("2024-03-01");
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(it, core::CreateItem(r, ctx_, "zhang.san", it));
    return core::SubmitItem(r, ctx_, "zhang.san", it.id).status();
  });
  core::Status s = store_->Transact([&](core::Repositories& r) {
    return core::PublishItem(r, ctx_, "zhang.san", it.id, D("2024-03-05")).status();
  });
  EXPECT_EQ(s.code(), core::ErrorCode::kFailedPrecondition);
}

TEST_P(ItemStoreTest, FindAndChannelCounting) {
  Publish("三渠道", "2024-05-01",
          {core::Channel::kWebsite, core::Channel::kWechat, core::Channel::kWeibo});
  Publish("网站", "2024-06-01", {});
  Publish("去年", "2023-06-01", {});
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto report, core::CountChannelsInSubtree(r, root_, 2024));
    EXPECT_EQ(report.total.distinct, 2);
    EXPECT_EQ(report.total.On(core::Channel::kWebsite), 2);
    EXPECT_EQ(report.total.On(core::Channel::kWechat), 1);
    EXPECT_EQ(report.total.On(core::Channel::kWeibo), 1);
    EXPECT_EQ(report.by_org.at(fgw_).distinct, 2);
    core::ItemQuery q;
    q.org_ids = {fgw_};
    q.published_from = D("2024-01-01");
    q.published_to = D("2024-12-31");
    q.with_body = false;
    GONGKAI_ASSIGN_OR_RETURN(auto items, r.items().Find(q));
    EXPECT_EQ(items.size(), 2u);
    if (!items.empty()) {
      EXPECT_EQ(items[0].title, "三渠道");
      EXPECT_EQ(items[0].channels.size(), 3u);
      EXPECT_EQ(items[0].body_md, "");
    }
    q.with_body = true;
    q.states = {core::ItemState::kDraft};
    GONGKAI_ASSIGN_OR_RETURN(auto drafts, r.items().Find(q));
    EXPECT_TRUE(drafts.empty());
    return core::Status::Ok();
  });
}

TEST_P(ItemStoreTest, AttachmentsCategoriesAndSubmissions) {
  core::Item it = Publish("报送", "2024-05-01", {});
  Tx([&](core::Repositories& r) -> core::Status {
    core::ItemAttachment att{0, it.id, 0, "办法.pdf", std::string(64, 'a'), "application/pdf", 10};
    GONGKAI_RETURN_IF_ERROR(r.items().AddAttachment(att).status());
    att.name = "附表.xlsx";
    GONGKAI_RETURN_IF_ERROR(r.items().AddAttachment(att).status());
    GONGKAI_ASSIGN_OR_RETURN(auto list, r.items().ListAttachments(it.id));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[1].position, 2);
      EXPECT_EQ(list[1].name, "附表.xlsx");
    }
    core::CatalogCategory c{0, fgw_, "法定主动公开内容/乡村振兴", true, 30, 5};
    GONGKAI_ASSIGN_OR_RETURN(c.id, r.items().InsertCategory(c));
    EXPECT_EQ(r.items().InsertCategory(c).status().code(), core::ErrorCode::kAlreadyExists);
    GONGKAI_ASSIGN_OR_RETURN(auto cats, r.items().ListCategories(fgw_));
    EXPECT_EQ(cats, std::vector<core::CatalogCategory>{c});

    GONGKAI_ASSIGN_OR_RETURN(
        auto sub, core::SubmitToPortal(r, ctx_, "zhang.san", it.id, root_, D("2024-05-02")));
    EXPECT_EQ(
        core::SubmitToPortal(r, ctx_, "zhang.san", it.id, root_, D("2024-05-02")).status().code(),
        core::ErrorCode::kAlreadyExists);
    GONGKAI_RETURN_IF_ERROR(
        core::DecideSubmission(r, ctx_, "zhang.san", sub.id, true, D("2024-05-03")).status());
    GONGKAI_ASSIGN_OR_RETURN(auto received, r.submissions().List(root_, true, 2024));
    auto counts = core::CountSubmissions(received);
    EXPECT_EQ(counts, (core::SubmissionCounts{1, 1, 0, 0}));
    GONGKAI_ASSIGN_OR_RETURN(auto got, r.submissions().Get(sub.id));
    EXPECT_EQ(got.decided_on, D("2024-05-03"));
    return core::Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, ItemStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
