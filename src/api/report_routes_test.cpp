// /api/v1/reports over a real server: the computed report (as the portal serves it), the
// staff-written sections, publication of versions and their list, and refusals.
#include "api/api_test_support.hpp"
#include "web/report_pages.hpp"

namespace gongkai::api::test {
namespace {

namespace json = boost::json;

class ReportRoutesTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // Report editing and publishing belong to admins: one for QX-A only.
    AddUserWithToken("reporter", core::Role::kAdmin, "QX-A");
  }

  // The portal's page `rest` of the body's report (a fresh ReportPages: nothing cached).
  web::HttpResponse Portal(const std::string& code, int year, const std::string& rest) {
    core::Org org;
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto found, r.orgs().FindByCode(code));
      org = *found;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    web::ReportPages pages(*pool_);
    web::HttpRequest req;
    req.method = "GET";
    req.path = req.target = "/org/" + code + "/report/" + std::to_string(year) + rest;
    return pages.Handle(req, org, year, rest, 0);
  }
};

TEST_P(ReportRoutesTest, ComputedReportIsThePortalsJson) {
  Reply r = Get("/api/v1/reports/QX-A/2023", "editor");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value got = r.Json();
  EXPECT_EQ(got.at("org_code").as_string(), "QX-A");
  EXPECT_EQ(got.at("year").as_int64(), 2023);
  EXPECT_FALSE(got.at("cells").as_array().empty());
  web::HttpResponse portal = Portal("QX-A", 2023, "/report.json");
  ASSERT_EQ(portal.status, 200);
  EXPECT_EQ(got, json::parse(portal.body));

  EXPECT_EQ(Get("/api/v1/reports/QX-B/2023", "editor").status, 403);  // not editor's subtree
  EXPECT_EQ(Get("/api/v1/reports/NOPE/2023", "editor").status, 404);
  EXPECT_EQ(Get("/api/v1/reports/QX-A/20x3", "editor").status, 404);
  EXPECT_EQ(Get("/api/v1/reports/QX-A/2023", "").status, 401);
}

TEST_P(ReportRoutesTest, NarrativeIsSavedCheckedAndShown) {
  const std::string base = "/api/v1/reports/QX-A/2023";
  const std::string body =
      R"({"section":5,"text":"全年收到申请{{requests.new_received.total}}件，栏目更新仍不及时。"})";
  Reply refused = Post(base + "/narrative", "editor", body);  // kRead only
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "permission_denied");
  Reply saved = Post(base + "/narrative", "reporter", body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json().at("updated_by").as_string(), "api:reporter");
  std::string text(Get(base, "editor").Json().at("text").as_string());
  EXPECT_NE(text.find("全年收到申请0件，栏目更新仍不及时。"), std::string::npos) << text;

  Reply bad =
      Post(base + "/narrative", "reporter", R"({"section":5,"text":"{{requests.x.total}}"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.ErrorField(), "text");
  EXPECT_EQ(Post(base + "/narrative", "reporter", R"({"section":3,"text":"x"})").ErrorField(),
            "section");
  EXPECT_EQ(Post(base + "/narrative", "reporter", R"({"section":5})").ErrorField(), "text");
  EXPECT_EQ(
      Post(base + "/narrative", "reporter", R"({"section":5,"text":"x","sectoin":6})").ErrorField(),
      "sectoin");
  // The refused texts were not kept.
  text = std::string(Get(base, "editor").Json().at("text").as_string());
  EXPECT_NE(text.find("栏目更新仍不及时"), std::string::npos);
  EXPECT_EQ(Post("/api/v1/reports/QX-B/2023/narrative", "reporter", body).status, 403);
}

TEST_P(ReportRoutesTest, PublishingNeedsANoteFromTheSecondVersionOn) {
  const std::string base = "/api/v1/reports/QX-A/2023";
  EXPECT_EQ(Post(base + "/publish", "editor", "{}").status, 403);
  Reply first = Post(base + "/publish", "reporter", "");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json().at("version").as_int64(), 1);
  EXPECT_EQ(first.Json().at("published_by").as_string(), "api:reporter");
  EXPECT_EQ(first.Json().at("url").as_string(), "/org/QX-A/report/2023/v1");
  Reply again = Post(base + "/publish", "reporter", "{}");
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.ErrorField(), "note");
  Reply second = Post(base + "/publish", "reporter", R"({"note":"更正第五部分"})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.Json().at("version").as_int64(), 2);

  Reply versions = Get(base + "/versions", "editor");
  ASSERT_EQ(versions.status, 200) << versions.body;
  json::value listed = versions.Json();
  const auto& list = listed.at("versions").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].at("change_note").as_string(), "更正第五部分");
  EXPECT_EQ(list[1].at("format").as_string(), "format_2021");
  Reply frozen = Get(base + "/versions/2", "editor");
  ASSERT_EQ(frozen.status, 200) << frozen.body;
  EXPECT_EQ(frozen.Json(), json::parse(Portal("QX-A", 2023, "/report.json").body))
      << "the latest version is what the portal's report.json serves";
  EXPECT_EQ(Get(base + "/versions/9", "editor").status, 404);
  // The portal serves the published version.
  EXPECT_EQ(Portal("QX-A", 2023, "/v2").status, 200);
  EXPECT_EQ(Get("/api/v1/reports/QX-A/2023/versions", "recorder").status, 403);
  EXPECT_EQ(Get(base + "/narrative", "reporter").status, 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportRoutesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
