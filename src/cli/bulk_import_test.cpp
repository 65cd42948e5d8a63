// The bulk path of `item import`: a large file is stored and indexed in one transaction,
// and a bad row still writes nothing (neither items nor index entries).
#include "cli/bulk_import.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <memory>
#include <string>

#include "core/org_service.hpp"
#include "search/search_index.hpp"
#include "testing/import_fixture.hpp"
#include "testing/test_database.hpp"

namespace gongkai::cli {
namespace {

class BulkImportTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    search::InstallPublishHook(*store_);
    core::Status s = gongkai::testing::SeedImportBody(*store_, ctx_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    options_.actor = "zhang.san";
    options_.today = core::Date::FromYmd(2024, 6, 1);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  // `rows` published items of QXS in 2024; row `bad` (1-based, 0: none) has no title.
  static std::string Csv(int rows, int bad) {
    std::string csv = "索引号,信息名称,机构代码,生成日期,发布日期,目录栏目,状态,正文\n";
    for (int k = 1; k <= rows; ++k) {
      char no[32];
      std::snprintf(no, sizeof no, "QXS/2024-%05d", k);
      std::string title = k == bad ? "" : "关于第" + std::to_string(k) + "批水利工程项目的公告";
      csv += std::string(no) + "," + title +
             ",QXS,2024-01-02,2024-01-03,政府工作报告,published,正文 " + std::to_string(k) +
             " 号\n";
    }
    return csv;
  }

  int64_t Indexed() {
    auto n = search::SearchIndex(store_->session(), store_->backend()).IndexedCount();
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  int64_t Count(const std::string& table) {
    long long n = -1;
    store_->session() << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<store::SociStore> store_;
  core::ChangeContext ctx_{"test", "2024-06-01T00:00:00Z"};
  app::ImportOptions options_;
};

TEST_P(BulkImportTest, LargeFileIsStoredAndIndexedInOneTransaction) {
  const int rows = static_cast<int>(kBulkImportRows) + 500;
  BulkImport bulk(*store_);
  bulk.Attach(options_);
  auto report = app::ImportItems(*store_, ctx_, Csv(rows, 0), options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(bulk.active());
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->imported, static_cast<size_t>(rows));
  EXPECT_EQ(Count("items"), rows);
  EXPECT_EQ(Indexed(), rows);
  EXPECT_GE(Count("audit_events"), rows);  // one audit event per imported item
  EXPECT_EQ(Count("item_events"), rows);
  EXPECT_EQ(Count("item_pii_scans"), rows);
  core::Status verified = store_->Transact([](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto broken, r.audit().Verify());
    EXPECT_EQ(broken, std::nullopt) << "the batched audit chain verifies";
    return core::Status::Ok();
  });
  EXPECT_TRUE(verified.ok()) << verified.ToString();
  search::SearchIndex index(store_->session(), store_->backend());
  search::SearchRequest r;
  r.q = "水利工程";
  auto found = index.Search(r);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->count, rows);
  r.q = "1234";  // one item's body: "正文 1234 号"
  found = index.Search(r);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->count, 1);
}

TEST_P(BulkImportTest, OneBadRowWritesNothing) {
  BulkImport bulk(*store_);
  bulk.Attach(options_);
  auto report =
      app::ImportItems(*store_, ctx_, Csv(static_cast<int>(kBulkImportRows) + 10, 77), options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(bulk.active());
  EXPECT_FALSE(report->written);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 78u);
  EXPECT_EQ(Count("items"), 0);
  EXPECT_EQ(Indexed(), 0);
}

TEST_P(BulkImportTest, SkipBadImportsTheOtherRowsAndRefusesPersonalData) {
  const int rows = static_cast<int>(kBulkImportRows) + 10;
  std::string csv = Csv(rows, 77);
  // Row 101 (data row 100) carries an unmasked ID number: refused for a published item.
  const std::string marker = "正文 100 号";
  csv.replace(csv.find(marker), marker.size(), "正文 身份证号 11010519491231002X");
  options_.skip_bad = true;
  BulkImport bulk(*store_);
  bulk.Attach(options_);
  auto report = app::ImportItems(*store_, ctx_, csv, options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->written);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 78u);
  EXPECT_EQ(report->errors[1].row, 101u);
  EXPECT_EQ(report->errors[1].field, "personal_data");
  EXPECT_EQ(report->imported, static_cast<size_t>(rows - 2));
  EXPECT_EQ(Count("items"), rows - 2);
  EXPECT_EQ(Indexed(), rows - 2);
}

TEST_P(BulkImportTest, SmallFileKeepsThePerItemPath) {
  BulkImport bulk(*store_);
  bulk.Attach(options_);
  auto report = app::ImportItems(*store_, ctx_, Csv(10, 0), options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(bulk.active());
  EXPECT_EQ(Indexed(), 10);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkImportTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace gongkai::cli
