// CSV/JSON import and export of items, and the attachment store.
#include "app/item_io.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <fstream>

#include "app/attachment_store.hpp"
#include "core/fake_store.hpp"
#include "core/org_service.hpp"

namespace gongkai::app {
namespace {

using core::Date;

// The GB18030 bytes of UTF-8 text, as Excel on a Chinese Windows saves a CSV.
std::string ToGb18030(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("gb18030", "utf-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

class ItemIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = store_.Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, ctx_, root, "").status());
      core::Org fgw;
      fgw.code = "QXS-FGW";
      fgw.name = "青溪市发展和改革局";
      GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, ctx_, fgw, "QXS").status());
      core::User u;
      u.username = "zhang.san";
      u.password_hash = "x";
      return core::CreateUser(r, ctx_, u, core::Role::kEditor, "QXS").status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    options_.actor = "zhang.san";
    options_.today = Date::FromYmd(2024, 6, 1);
  }
  using Status = core::Status;

  int64_t ItemCount() {
    int64_t n = -1;
    EXPECT_TRUE(store_
                    .Transact([&](core::Repositories& r) -> Status {
                      GONGKAI_ASSIGN_OR_RETURN(n, r.items().Count());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  core::FakeStore store_;
  core::ChangeContext ctx_{"test", "2024-06-01T00:00:00Z"};
  ImportOptions options_;
};

const char* kCsv =
    "索引号,信息名称,機構代碼,生成日期,發布日期,文號,目錄欄目,有效性,規範性文件,發布渠道\r\n"
    "QXS-FGW/2023-00007,關於印發《青溪市價格監測管理辦法》的通知,QXS-FGW,2023年3月1日,2023/3/5,"
    "青發改發（２０２３）７號,法律法規規範性文件,有效,是,\"政府網站;政務微信:2023-03-06\"\r\n"
    ",\"草稿，含逗號\",QXS,2024-05-01,,,通知公告,,,\r\n";

TEST_F(ItemIoTest, ImportsAGb18030CsvWithTraditionalCharacters) {
  // The header uses traditional labels too; everything is normalised to simplified.
  std::string bytes = ToGb18030(kCsv);
  ASSERT_NE(bytes, kCsv);
  auto report = ImportItems(store_, ctx_, bytes, options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const auto& e : report->errors) ADD_FAILURE() << e.row << " " << e.field << " " << e.message;
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->imported, 2u);
  ASSERT_TRUE(store_
                  .Transact([&](core::Repositories& r) -> Status {
                    GONGKAI_ASSIGN_OR_RETURN(auto it,
                                             r.items().FindByIndexNo("QXS-FGW/2023-00007"));
                    EXPECT_TRUE(it.has_value());
                    if (!it) return Status::Ok();
                    EXPECT_EQ(it->title, "关于印发《青溪市价格监测管理办法》的通知");
                    EXPECT_EQ(it->doc_no, "青发改发〔2023〕7号");
                    EXPECT_EQ(it->category, "法定主动公开内容/法律法规规范性文件");
                    EXPECT_EQ(it->state, core::ItemState::kPublished);
                    EXPECT_EQ(it->published_on, Date::FromYmd(2023, 3, 5));
                    EXPECT_TRUE(it->is_normative);
                    EXPECT_EQ(it->channels.size(), 2u);
                    GONGKAI_ASSIGN_OR_RETURN(auto drafts, r.items().ListByOrg(1, 10));
                    EXPECT_EQ(drafts.size(), 1u);
                    if (!drafts.empty()) {
                      EXPECT_EQ(drafts[0].title, "草稿，含逗号");
                      EXPECT_EQ(drafts[0].state, core::ItemState::kDraft);
                    }
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(ItemIoTest, ABadRowRollsBackTheWholeImport) {
  std::string csv = std::string(kCsv) +
                    ",坏日期,QXS,2024-13-01,,,通知公告,,,\r\n"
                    ",坏栏目,QXS,2024-05-01,,,不存在,,,\r\n";
  auto report = ImportItems(store_, ctx_, csv, options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->written);
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 4u);
  EXPECT_EQ(report->errors[0].field, "formed_on");
  EXPECT_EQ(report->errors[1].row, 5u);
  EXPECT_EQ(report->errors[1].field, "category");
  EXPECT_EQ(ItemCount(), 0) << "the two good rows were not written either";

  options_.skip_bad = true;
  report = ImportItems(store_, ctx_, csv, options_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(ItemCount(), 2);
}

// Issue 20: text arriving by import is scanned. An item imported as published with an
// unmasked ID number is refused (all or nothing) unless allow_personal_data; a draft with
// personal data is only reported; only masked previews reach the report.
TEST_F(ItemIoTest, PublishedItemsWithPersonalDataNeedAnExplicitFlag) {
  const std::string id_number = "11010519491231002X";
  const std::string json = R"([
    {"index_no": "QXS/2024-00001", "title": "低保对象名单", "org": "QXS",
     "formed_on": "2024-03-01", "published_on": "2024-03-02", "category": "通知公告",
     "body_md": "赵六 )" + id_number +
                           R"("},
    {"title": "联系人", "org": "QXS", "formed_on": "2024-03-01", "category": "通知公告",
     "body_md": "联系电话 13812345678"},
    {"index_no": "QXS/2024-00002", "title": "已遮盖", "org": "QXS",
     "formed_on": "2024-03-01", "published_on": "2024-03-02", "category": "通知公告",
     "body_md": "赵六 110105********002X"}])";
  options_.format = "json";
  auto report = ImportItems(store_, ctx_, json, options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->written);
  EXPECT_EQ(ItemCount(), 0) << "all or nothing";
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 1u);
  EXPECT_EQ(report->errors[0].field, "personal_data");
  EXPECT_NE(report->errors[0].message.find("--allow-personal-data"), std::string::npos);
  ASSERT_EQ(report->findings.size(), 2u);  // the masked row is not reported
  EXPECT_EQ(report->findings[0].row, 1u);
  EXPECT_EQ(report->findings[0].state, "published");
  auto preview_of = [](const ImportFindings& f, core::PiiKind kind) {
    for (const auto& p : f.findings) {
      if (p.kind == kind) return p.preview;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(preview_of(report->findings[0], core::PiiKind::kIdCard), "110105********002X");
  EXPECT_EQ(report->findings[1].row, 2u);
  EXPECT_EQ(report->findings[1].state, "draft");
  EXPECT_EQ(preview_of(report->findings[1], core::PiiKind::kMobile), "138****5678");

  options_.allow_personal_data = true;
  report = ImportItems(store_, ctx_, json, options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->imported, 3u);
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->findings.size(), 2u);
  // The scan is stored for the dashboard: one published item with unmasked findings.
  ASSERT_TRUE(store_
                  .Transact([&](core::Repositories& r) -> Status {
                    GONGKAI_ASSIGN_OR_RETURN(auto orgs, r.orgs().List());
                    std::vector<core::Id> all;
                    for (const auto& o : orgs) all.push_back(o.id);
                    GONGKAI_ASSIGN_OR_RETURN(auto page,
                                             r.items().PublishedWithPersonalData(all, 10));
                    EXPECT_EQ(page.total, 1);
                    if (page.items.size() == 1) {
                      EXPECT_EQ(page.items[0].title, "低保对象名单");
                    }
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(ItemIoTest, FileLevelProblemsWriteNothing) {
  EXPECT_EQ(ImportItems(store_, ctx_, "信息名称,生成日期\r\n标题,2024-01-01\r\n", options_)
                .status()
                .field(),
            "file");  // 目录栏目 missing
  EXPECT_FALSE(ImportItems(store_, ctx_, "信息名称,颜色\r\n", options_).ok());
  EXPECT_FALSE(ImportItems(store_, ctx_, "\"unterminated\r\n", options_).ok());
  EXPECT_FALSE(ImportItems(store_, ctx_, "\x81\x30", options_).ok());  // truncated GB18030
  EXPECT_EQ(ItemCount(), 0);
}

// Found by fuzz/csv_import_fuzz: a JSON channel that is not a string threw out of
// ImportItems (boost::json's value_to) instead of being a row error.
TEST_F(ItemIoTest, JsonChannelThatIsNotAStringIsARowError) {
  options_.format = "json";
  options_.skip_bad = true;
  for (const char* channel : {"1", "null", "true", "[\"政府网站\"]", "{}"}) {
    SCOPED_TRACE(channel);
    std::string json = std::string(
                           "[{\"title\":\"通知\",\"org\":\"QXS\",\"formed_on\":\"2024-05-01\","
                           "\"category\":\"通知公告\",\"channels\":[{\"channel\":") +
                       channel + ",\"published_on\":\"2024-05-02\"}]}]";
    auto report = ImportItems(store_, ctx_, json, options_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->imported, 0u);
    ASSERT_EQ(report->errors.size(), 1u);
    EXPECT_EQ(report->errors[0].row, 1u);
  }
  EXPECT_EQ(ItemCount(), 0);
}

TEST_F(ItemIoTest, ExportsOnlyPublishedItemsAndRoundTripsThroughJson) {
  ASSERT_TRUE(ImportItems(store_, ctx_, kCsv, options_).ok());
  size_t count = 0;
  ExportOptions json_options;
  json_options.format = "json";
  auto json = ExportItems(store_, json_options, &count);
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ(count, 1u) << "the draft is not exported";
  EXPECT_EQ(json->find("草稿"), std::string::npos);
  EXPECT_EQ(json->find("zhang.san"), std::string::npos) << "no author (personal data)";
  EXPECT_NE(json->find("QXS-FGW/2023-00007"), std::string::npos);
  auto csv = ExportItems(store_, {}, &count);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->substr(0, 3), "\xEF\xBB\xBF");
  // The JSON export reads back as the same record: here a duplicate 索引号, refused.
  ImportOptions again = options_;
  again.format = "json";
  auto report = ImportItems(store_, ctx_, *json, again);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->written);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].field, "index_no") << report->errors[0].message;
}

TEST(CsvTest, ParsesQuotesAndNewlines) {
  auto rows = ParseCsv("a,\"b,c\",\"d\"\"e\"\r\n\"多\n行\",,\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b,c", "d\"e"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"多\n行", "", ""}));
}

TEST(AttachmentStoreTest, StoresBySha256SniffsAndSanitises) {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / ("gongkai-att-" + std::string(6, 'X'))).string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  std::filesystem::path dir = tmpl;
  AttachmentStore files(dir.string(), 1024);
  std::string pdf = "%PDF-1.7\n% test\n";
  auto a = files.Put(pdf, "../../etc/价格<办法>.pdf");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->media_type, "application/pdf");
  EXPECT_EQ(a->name, "价格_办法_.pdf");
  EXPECT_EQ(a->sha256.size(), 64u);
  EXPECT_EQ(a->size_bytes, static_cast<int64_t>(pdf.size()));
  EXPECT_TRUE(std::filesystem::exists(files.PathFor(a->sha256)));
  auto back = files.Read(a->sha256);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, pdf);
  // A PNG named .pdf keeps its name and gets the right extension.
  auto png = files.Put(std::string("\x89PNG\r\n\x1a\n", 8) + "data", "扫描件.pdf");
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->name, "扫描件.pdf.png");
  EXPECT_EQ(files.Put("MZ\x90\x00", "setup.pdf").status().field(), "file");
  EXPECT_EQ(files.Put("<html><script>x</script>", "a.txt").status().field(), "file");
  EXPECT_FALSE(files.Put(std::string(2048, 'x'), "big.txt").ok()) << "over the limit";
  EXPECT_FALSE(files.Put("", "empty.pdf").ok());
  // Tampering with the stored bytes is detected.
  { std::ofstream(files.PathFor(a->sha256), std::ios::trunc) << "changed"; }
  EXPECT_EQ(files.Read(a->sha256).status().code(), core::ErrorCode::kDataLoss);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gongkai::app
