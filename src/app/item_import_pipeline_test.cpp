// ImportItems' row workers (app/item_import.cpp): a file checked in many small chunks on
// several threads gives exactly the report (rows, errors with fields, messages and line
// numbers, personal-data findings) and the stored rows and audit chain of the serial path,
// on both backends; and one bad row still rolls back every chunk already stored.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "app/item_io.hpp"
#include "core/org_service.hpp"
#include "store/soci_store.hpp"
#include "testing/import_fixture.hpp"
#include "testing/test_database.hpp"

namespace gongkai::app {
namespace {

constexpr const char* kHeader =
    "索引号,信息名称,机构代码,生成日期,发布日期,目录栏目,状态,正文,规章\n";

// `rows` data rows of published QXS items, with a bad row of a different kind every few
// rows, so that errors fall inside chunks and at their edges.
std::string MixedCsv(int rows) {
  std::string csv = kHeader;
  for (int k = 1; k <= rows; ++k) {
    std::string ix = "QXS/2024-" + std::to_string(10000 + k);
    std::string title = "关于第" + std::to_string(k) + "批項目的公告";  // 項 → 项
    std::string org = "QXS", formed = "2024-01-02", published = "2024/1/3", body = "正文",
                flag = "否", extra;
    // One kind of bad row per residue, the others good.
    const int kind = k % 23;
    if (kind == 3) title.clear();                          // no title
    if (kind == 5) formed = "2024-13-40";                  // bad date
    if (kind == 7) org = "NOPE";                           // unknown body
    if (kind == 9) ix = "QXS/2024-10001";                  // repeats row 1's 索引号
    if (kind == 11) ix = "QXS/2023-00001";                 // year does not match
    if (kind == 13) body = "身份证号 11010519491231002X";  // personal data, published
    if (kind == 15) flag = "也许";                         // bad flag
    if (kind == 17) extra = ",多余";                       // more cells than columns
    if (kind == 19) ix = "QXS/2024-00001";                 // stored before the import
    if (kind == 21) published = "2024-01-01";              // published before formed
    csv += ix + "," + title + "," + org + "," + formed + "," + published + ",政府工作报告," +
           "published," + body + "," + flag + extra + "\n";
  }
  return csv;
}

struct Outcome {
  ImportReport report;
  std::vector<std::string> items;  // index_no|title|category per stored item, by id
  std::vector<std::string> audit;  // hash chain, by id
};

class ImportPipelineTest : public ::testing::TestWithParam<const char*> {
 protected:
  // Imports `csv` into a fresh database (with QXS/2024-00001 stored) and reads back what
  // was stored.
  Outcome Run(const std::string& csv, int workers, size_t chunk, bool skip_bad) {
    gongkai::testing::TestDatabase db(GetParam());
    if (db.url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) ADD_FAILURE() << db.skip_reason();
      skipped_ = true;
      return {};
    }
    auto opened = store::SociStore::Open(db.url(), store::SchemaPolicy::kMigrate);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return {};
    auto& store = **opened;
    core::Status s = gongkai::testing::SeedImportBody(store, ctx_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    ImportOptions options;
    options.actor = "zhang.san";
    options.today = core::Date::FromYmd(2024, 6, 1);
    auto first = ImportItems(store, ctx_,
                             std::string(kHeader) +
                                 "QXS/2024-00001,已有的信息,QXS,2024-01-02,2024-01-03,"
                                 "政府工作报告,published,正文,否\n",
                             options);
    EXPECT_TRUE(first.ok() && first->written);
    options.row_workers = workers;
    options.chunk_rows = chunk;
    options.skip_bad = skip_bad;
    auto report = ImportItems(store, ctx_, csv, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    Outcome out;
    if (!report.ok()) return out;
    out.report = *report;
    soci::rowset<soci::row> items = store.session().prepare
                                    << "SELECT index_no, title, category FROM items ORDER BY id";
    for (const auto& row : items) {
      out.items.push_back(row.get<std::string>(0) + "|" + row.get<std::string>(1) + "|" +
                          row.get<std::string>(2));
    }
    soci::rowset<std::string> audit = store.session().prepare
                                      << "SELECT hash FROM audit_events ORDER BY id";
    for (const auto& h : audit) out.audit.push_back(h);
    return out;
  }

  static void ExpectSame(const Outcome& serial, const Outcome& parallel) {
    EXPECT_EQ(serial.report.rows, parallel.report.rows);
    EXPECT_EQ(serial.report.imported, parallel.report.imported);
    EXPECT_EQ(serial.report.written, parallel.report.written);
    ASSERT_EQ(serial.report.errors.size(), parallel.report.errors.size());
    for (size_t i = 0; i < serial.report.errors.size(); ++i) {
      const RowError& a = serial.report.errors[i];
      const RowError& b = parallel.report.errors[i];
      EXPECT_EQ(a.row, b.row);
      EXPECT_EQ(a.field, b.field) << "row " << a.row;
      EXPECT_EQ(a.message, b.message) << "row " << a.row;
    }
    ASSERT_EQ(serial.report.findings.size(), parallel.report.findings.size());
    for (size_t i = 0; i < serial.report.findings.size(); ++i) {
      EXPECT_EQ(serial.report.findings[i].row, parallel.report.findings[i].row);
      EXPECT_EQ(serial.report.findings[i].findings.size(),
                parallel.report.findings[i].findings.size());
    }
    EXPECT_EQ(serial.items, parallel.items);
    EXPECT_EQ(serial.audit, parallel.audit);
  }

  bool skipped_ = false;
  core::ChangeContext ctx_{"test", "2024-06-01T00:00:00Z"};
};

TEST_P(ImportPipelineTest, ChunksOnWorkersGiveTheSerialPathsRowsErrorsAndLineNumbers) {
  const std::string csv = MixedCsv(300);
  Outcome serial = Run(csv, 0, 100000, true);
  if (skipped_) GTEST_SKIP();
  Outcome parallel = Run(csv, 3, 7, true);
  // Ten kinds of bad row in every 23: well over a hundred errors, each on its own row.
  ASSERT_TRUE(serial.report.written);
  EXPECT_EQ(serial.report.rows, 300u);
  EXPECT_EQ(serial.report.errors.size(), 300u - serial.report.imported);
  EXPECT_GT(serial.report.errors.size(), 100u);
  // Line numbers are spreadsheet rows: data row 3 is line 4 (no title).
  EXPECT_EQ(serial.report.errors.front().row, 4u);
  EXPECT_EQ(serial.report.errors.front().field, "title");
  EXPECT_EQ(serial.items.size(), 1 + serial.report.imported);
  EXPECT_EQ(serial.items[1], "QXS/2024-10001|关于第1批项目的公告|法定主动公开内容/政府工作报告");
  ExpectSame(serial, parallel);
}

TEST_P(ImportPipelineTest, OneBadRowRollsBackChunksAlreadyStored) {
  // Only data row 250 is bad (personal data): the chunks before it are stored first.
  std::string csv = kHeader;
  for (int k = 1; k <= 300; ++k) {
    csv += "QXS/2024-" + std::to_string(10000 + k) + ",第" + std::to_string(k) +
           "号公告,QXS,2024-01-02,2024-01-03,政府工作报告,published," +
           (k == 250 ? "身份证号 11010519491231002X" : "正文") + ",否\n";
  }
  Outcome serial = Run(csv, 0, 100000, false);
  if (skipped_) GTEST_SKIP();
  Outcome parallel = Run(csv, 2, 16, false);
  for (const Outcome* o : {&serial, &parallel}) {
    EXPECT_FALSE(o->report.written);
    EXPECT_EQ(o->report.imported, 0u);
    ASSERT_EQ(o->report.errors.size(), 1u);
    EXPECT_EQ(o->report.errors[0].row, 251u);
    EXPECT_EQ(o->report.errors[0].field, "personal_data");
    EXPECT_EQ(o->items.size(), 1u);  // only the item stored before the import
  }
  ExpectSame(serial, parallel);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportPipelineTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace gongkai::app
