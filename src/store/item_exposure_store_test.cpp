// The review gate of issue 20 on SQLite and PostgreSQL: an approval is refused while the
// item carries unmasked personal data (text or attachment) or a misstatement, unless each
// finding is justified in the recorded reason; masking clears it and keeps the original
// in the audit trail.
#include <gtest/gtest.h>

#include "core/item_exposure.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

constexpr const char* kIdNumber = "11010519491231002X";

class ItemExposureStoreTest : public ::testing::TestWithParam<std::string> {
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
    ASSERT_TRUE(store_
                    ->Transact([&](core::Repositories& r) -> core::Status {
                      core::Org root;
                      root.code = "QXS";
                      root.name = "青溪市人民政府";
                      root.kind = core::OrgKind::kGovernment;
                      root.acceptance_phone = "0731-88880000";
                      GONGKAI_ASSIGN_OR_RETURN(root, core::CreateOrg(r, ctx_, root, ""));
                      org_ = root.id;
                      core::User u;
                      u.password_hash = "x";
                      u.username = "editor";
                      GONGKAI_RETURN_IF_ERROR(
                          core::CreateUser(r, ctx_, u, core::Role::kEditor, "QXS").status());
                      u.username = "reviewer";
                      return core::CreateUser(r, ctx_, u, core::Role::kReviewer, "QXS").status();
                    })
                    .ok());
  }
  void TearDown() override { core::SetAttachmentTextReader(nullptr); }

  // A submitted item whose body lists a recipient with a full ID number.
  core::Id Submitted(
      std::string body,
      std::function<core::Status(core::Repositories&, core::Id)> before_submit = {}) {
    core::Item it;
    it.org_id = org_;
    it.title = "2024年低保对象名单公示";
    it.category = "通知公告";
    it.formed_on = core::Date::Parse("2024-03-05").value();
    it.body_md = std::move(body);
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(it, core::CreateItem(r, ctx_, "editor", it));
      if (before_submit) GONGKAI_RETURN_IF_ERROR(before_submit(r, it.id));
      return core::SubmitItem(r, ctx_, "editor", it.id).status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return it.id;
  }

  core::Status Review(core::Id id, std::string reason) {
    return store_->Transact([&](core::Repositories& r) -> core::Status {
      return core::ReviewItem(r, ctx_, "reviewer", id, true, reason).status();
    });
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
  core::ChangeContext ctx_{"test", "2024-03-05T01:00:00Z"};
  core::Id org_ = 0;
};

TEST_P(ItemExposureStoreTest, ApprovalRefusedUntilJustified) {
  std::string body = std::string("张三 ") + kIdNumber + "\n咨询电话：0731-88880000";
  core::Id id = Submitted(body);
  core::Status refused = Review(id, "");
  ASSERT_EQ(refused.code(), core::ErrorCode::kFailedPrecondition) << refused.ToString();
  std::string key = "body@" + std::to_string(body.find(kIdNumber));
  EXPECT_NE(refused.message().find(key), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("110105********002X"), std::string::npos);
  EXPECT_EQ(refused.message().find("88880000"), std::string::npos);  // the office's own line
  // A justification for another finding does not count; the right one does.
  EXPECT_FALSE(Review(id, "body@1：无关").ok());
  std::string why = key + "：法定代表人身份信息依法公示（行政许可决定）";
  ASSERT_TRUE(Review(id, why).ok());
  ASSERT_TRUE(store_
                  ->Transact([&](core::Repositories& r) -> core::Status {
                    GONGKAI_ASSIGN_OR_RETURN(auto events, r.items().ListEvents(id));
                    EXPECT_EQ(events.back().kind, core::ItemEventKind::kApprove);
                    EXPECT_EQ(events.back().reason, why);
                    GONGKAI_ASSIGN_OR_RETURN(auto item, r.items().Get(id));
                    EXPECT_EQ(item.state, core::ItemState::kApproved);
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST_P(ItemExposureStoreTest, MaskingByTheReviewerClearsTheGateAndKeepsTheOriginal) {
  core::Id id = Submitted(std::string("李四 ") + kIdNumber + " 13812345678");
  ASSERT_FALSE(Review(id, "").ok());
  ASSERT_TRUE(store_
                  ->Transact([&](core::Repositories& r) -> core::Status {
                    GONGKAI_ASSIGN_OR_RETURN(auto masked,
                                             core::MaskItemPersonalData(r, ctx_, "reviewer", id));
                    EXPECT_EQ(masked.body_md, "李四 110105********002X 138****5678");
                    GONGKAI_ASSIGN_OR_RETURN(auto audit,
                                             r.audit().ListFor("item", std::to_string(id)));
                    bool kept = false;
                    for (const auto& e : audit)
                      if (e.action == "item.mask")
                        kept = e.before_json.find(kIdNumber) != std::string::npos;
                    EXPECT_TRUE(kept);
                    return core::Status::Ok();
                  })
                  .ok());
  // Masking writes no content of the reviewer's own: they may still approve.
  core::Status approved = Review(id, "");
  EXPECT_TRUE(approved.ok()) << approved.ToString();
}

TEST_P(ItemExposureStoreTest, AttachmentTextIsScanned) {
  core::SetAttachmentTextReader([](const core::ItemAttachment& a) -> core::Result<std::string> {
    if (a.name == "scan.png") return core::InvalidArgument("图片，无文字层");
    return std::string("序号,姓名,手机\n1,王五,13912345678\n");
  });
  core::Id id = Submitted("见附件", [&](core::Repositories& r, core::Id id) -> core::Status {
    for (const char* name : {"名单.csv", "scan.png"}) {
      core::ItemAttachment a;
      a.name = name;
      a.sha256 = std::string(64, name[0] == 's' ? 'b' : 'a');
      a.media_type = "text/csv";
      a.size_bytes = 10;
      GONGKAI_RETURN_IF_ERROR(core::AttachToItem(r, ctx_, "editor", id, a).status());
    }
    return core::Status::Ok();
  });
  core::Status scanned = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto item, r.items().Get(id));
    GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().Get(org_));
    GONGKAI_ASSIGN_OR_RETURN(auto exposure, core::ScanItemExposure(r, item, org));
    EXPECT_EQ(exposure.unmasked(), 1);
    EXPECT_EQ(exposure.unreadable.size(), 1u);
    return core::Status::Ok();
  });
  ASSERT_TRUE(scanned.ok()) << scanned.ToString();
  core::Status refused = Review(id, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("attachment:名单.csv@"), std::string::npos) << refused.message();
}

// Issue 21: a view of the item page scans again, but does not read the attachment again —
// the text is kept by digest — and the review gate still sees what the attachment holds.
TEST_P(ItemExposureStoreTest, AttachmentTextIsReadOncePerDigest) {
  int reads = 0;
  core::SetAttachmentTextReader([&](const core::ItemAttachment&) -> core::Result<std::string> {
    ++reads;
    return std::string("序号,姓名,手机\n1,王五,13912345678\n");
  });
  core::Id id = Submitted("见附件", [&](core::Repositories& r, core::Id id) -> core::Status {
    core::ItemAttachment a;
    a.name = "名单.csv";
    a.sha256 = std::string(64, 'c');
    a.media_type = "text/csv";
    a.size_bytes = 10;
    return core::AttachToItem(r, ctx_, "editor", id, a).status();
  });
  for (int view = 0; view < 3; ++view) {
    core::Status scanned = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto item, r.items().Get(id));
      GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().Get(org_));
      GONGKAI_ASSIGN_OR_RETURN(auto exposure, core::ScanItemExposure(r, item, org));
      EXPECT_EQ(exposure.unmasked(), 1) << "view " << view;
      return core::Status::Ok();
    });
    ASSERT_TRUE(scanned.ok()) << scanned.ToString();
  }
  EXPECT_EQ(reads, 1);
  core::Status refused = Review(id, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("attachment:名单.csv@"), std::string::npos) << refused.message();
  EXPECT_EQ(reads, 1);
}

TEST_P(ItemExposureStoreTest, WithdrawAndResubmitMaskedInOneAction) {
  std::string body = std::string("赵六 ") + kIdNumber;
  core::Id id = Submitted(body);
  std::string key = "body@" + std::to_string(body.find(kIdNumber));
  ASSERT_TRUE(Review(id, key + "：演示").ok());
  ASSERT_TRUE(store_
                  ->Transact([&](core::Repositories& r) -> core::Status {
                    return core::PublishItem(r, ctx_, "editor", id,
                                             core::Date::Parse("2024-03-06").value())
                        .status();
                  })
                  .ok());
  core::Item copy;
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(copy, core::WithdrawAndResubmitMasked(r, ctx_, "editor", id));
    GONGKAI_ASSIGN_OR_RETURN(auto old, r.items().Get(id));
    EXPECT_EQ(old.state, core::ItemState::kWithdrawn);
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(copy.id, id);
  EXPECT_EQ(copy.state, core::ItemState::kSubmitted);
  EXPECT_EQ(copy.body_md, "赵六 110105********002X");
  EXPECT_TRUE(Review(copy.id, "").ok());  // nothing left to justify
}

// The dashboard's count (migration 0017): publishing stores the scan; the count is of
// published items in the scope with unmasked findings, re-saving replaces the scan, and
// withdrawing (撤下并遮盖) takes the item out of the count.
TEST_P(ItemExposureStoreTest, StoredScanCountsPublishedItemsWithPersonalData) {
  auto page = [&](std::vector<core::Id> scope) {
    core::ExposedItemsPage out;
    EXPECT_TRUE(store_
                    ->Transact([&](core::Repositories& r) -> core::Status {
                      GONGKAI_ASSIGN_OR_RETURN(out, r.items().PublishedWithPersonalData(scope, 5));
                      return core::Status::Ok();
                    })
                    .ok());
    return out;
  };
  std::string body = std::string("赵六 ") + kIdNumber + " 手机 138****5678";
  core::Id id = Submitted(body);
  core::Id clean = Submitted("本月无新增对象。");
  std::string key = "body@" + std::to_string(body.find(kIdNumber));
  ASSERT_TRUE(Review(id, key + "：演示").ok());
  ASSERT_TRUE(Review(clean, "").ok());
  EXPECT_EQ(page({org_}).total, 0);  // approved is not yet public
  for (core::Id each : {id, clean}) {
    ASSERT_TRUE(store_
                    ->Transact([&](core::Repositories& r) {
                      return core::PublishItem(r, ctx_, "editor", each,
                                               core::Date::FromYmd(2024, 3, 6))
                          .status();
                    })
                    .ok());
  }
  core::ExposedItemsPage found = page({org_});
  EXPECT_EQ(found.total, 1);
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_EQ(found.items[0].id, id);
  EXPECT_EQ(found.items[0].org_id, org_);
  EXPECT_EQ(found.items[0].title, "2024年低保对象名单公示");
  EXPECT_FALSE(found.items[0].index_no.empty());
  EXPECT_GE(found.items[0].unmasked, 1);
  EXPECT_EQ(page({org_ + 1000}).total, 0);  // another body's scope
  EXPECT_EQ(page({}).total, 0);
  // A later scan replaces the stored one (the audit's refresh).
  ASSERT_TRUE(store_
                  ->Transact([&](core::Repositories& r) -> core::Status {
                    GONGKAI_RETURN_IF_ERROR(r.items().SaveExposureScan(id, 0, 2));
                    GONGKAI_RETURN_IF_ERROR(r.items().SaveExposureScan(clean, 3, 0));
                    return core::Status::Ok();
                  })
                  .ok());
  found = page({org_});
  EXPECT_EQ(found.total, 1);
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_EQ(found.items[0].id, clean);
  EXPECT_EQ(found.items[0].unmasked, 3);
  ASSERT_TRUE(store_
                  ->Transact([&](core::Repositories& r) -> core::Status {
                    return core::WithdrawItem(r, ctx_, "editor", clean, "测试").status();
                  })
                  .ok());
  EXPECT_EQ(page({org_}).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ItemExposureStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
