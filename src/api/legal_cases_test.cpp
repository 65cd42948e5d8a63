// 行政复议 and 行政诉讼 cases through the API (/api/v1/legal-cases), over SQLite and
// PostgreSQL: recording, linking a request of the same body, results, lists and refusals.
#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

class LegalCasesApiTest : public ApiFixture {
 protected:
  // Registers a request at `org`; returns {id, tracking number}.
  std::pair<int64_t, std::string> Intake(const std::string& org) {
    Reply r = Post("/api/v1/requests", "handler", R"({"org":")" + org + R"(","channel":"in_person",
        "applicant_type":"natural_person","submitted_on":"2024-06-03","description":"复议所涉信息",
        "applicant":{"name":"王五","contact":"13900000000"}})");
    EXPECT_EQ(r.status, 201) << r.body;
    auto v = r.Json();
    if (!v.is_object()) return {0, ""};
    return {v.at("id").as_int64(), std::string(v.at("tracking_no").as_string())};
  }
};

TEST_P(LegalCasesApiTest, RecordLinkDecideAndList) {
  auto [request_id, tracking] = Intake("QX-A");
  int64_t other_id = Intake("QX-B").first;  // its number is QX-A's too (numbers are per body)

  Reply review = Post(
      "/api/v1/legal-cases", "handler",
      R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","request":")" + tracking + R"("})");
  ASSERT_EQ(review.status, 201) << review.body;
  auto c = review.Json().as_object();
  EXPECT_EQ(c.at("kind").as_string(), "review");
  EXPECT_EQ(c.at("result").as_string(), "pending");
  EXPECT_TRUE(c.at("closed_on").is_null());
  EXPECT_EQ(c.at("request_id").as_int64(), request_id);
  EXPECT_EQ(c.at("request").as_string(), tracking);
  std::string result = "/api/v1/legal-cases/" + std::to_string(c.at("id").as_int64()) + "/result";

  Reply suit =
      Post("/api/v1/legal-cases", "handler",
           R"({"org":"QX-A","kind":"litigation_direct","filed_on":"2024-04-01",
                        "request_id":)" +
               std::to_string(request_id) + R"(,"result":"maintained","closed_on":"2024-05-30"})");
  ASSERT_EQ(suit.status, 201) << suit.body;
  EXPECT_EQ(suit.Json().at("request").as_string(), tracking);
  Reply plain = Post("/api/v1/legal-cases", "recorder",
                     R"({"org":"QX-B","kind":"litigation_after_review","filed_on":"2024-03-01"})");
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_TRUE(plain.Json().at("request_id").is_null());

  // Each bad field is named.
  struct Bad {
    std::string body;
    std::string field;
  };
  for (const Bad& b : std::vector<Bad>{
           {R"({"org":"QX-A","kind":"appeal","filed_on":"2024-05-20"})", "kind"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-06-04"})", "filed_on"},
           {R"({"org":"QX-A","kind":"review"})", "filed_on"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","result":"won"})", "result"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","result":"corrected"})",
            "closed_on"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","request":")" +
                std::to_string(other_id) + R"("})",
            "request"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","request_id":)" +
                std::to_string(other_id) + "}",
            "request_id"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","request":"2024-0999"})",
            "request"},
           {R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20","verdict":"x"})", "verdict"},
           {R"({"org":"QX-Z","kind":"review","filed_on":"2024-05-20"})", "org"}}) {
    Reply r = Post("/api/v1/legal-cases", "handler", b.body);
    EXPECT_EQ(r.status, 422) << b.body << " " << r.body;
    EXPECT_EQ(r.ErrorField(), b.field) << b.body;
    EXPECT_EQ(r.body.find("不属于"), std::string::npos) << "another body's request stays private";
  }

  EXPECT_EQ(Post(result, "handler", R"({"result":"corrected"})").ErrorField(), "closed_on");
  EXPECT_EQ(Post(result, "handler", R"({"closed_on":"2024-06-01"})").ErrorField(), "result");
  EXPECT_EQ(
      Post(result, "handler", R"({"result":"corrected","closed_on":"2024-05-01"})").ErrorField(),
      "closed_on");  // before filing
  Reply decided = Post(result, "handler", R"({"result":"corrected","closed_on":"2024-06-01"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.Json().at("result").as_string(), "corrected");
  EXPECT_EQ(decided.Json().at("closed_on").as_string(), "2024-06-01");
  EXPECT_EQ(decided.Json().at("request").as_string(), tracking);
  EXPECT_EQ(Post("/api/v1/legal-cases/999999/result", "handler",
                 R"({"result":"corrected","closed_on":"2024-06-01"})")
                .status,
            404);

  Reply all = Get("/api/v1/legal-cases?year=2024", "handler");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json().at("total").as_int64(), 3);
  auto items = all.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("filed_on").as_string(), "2024-05-20");  // newest first
  EXPECT_EQ(items[2].at("filed_on").as_string(), "2024-03-01");
  Reply paged = Get("/api/v1/legal-cases?year=2024&per_page=1&page=2", "handler");
  ASSERT_EQ(paged.status, 200) << paged.body;
  EXPECT_EQ(paged.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(paged.Json().at("items").as_array()[0].at("kind").as_string(), "litigation_direct");
  auto total = [&](const std::string& target, const std::string& user) {
    return Get(target, user).Json().at("total").as_int64();
  };
  EXPECT_EQ(total("/api/v1/legal-cases?year=2024&kind=review", "handler"), 1);
  EXPECT_EQ(Get("/api/v1/legal-cases?year=2024&kind=x", "handler").status, 422);
  EXPECT_EQ(total("/api/v1/legal-cases?year=2023", "handler"), 0);
  EXPECT_EQ(total("/api/v1/legal-cases?org=QX-B&year=2024", "handler"), 1);
  // An editor of QX-A reads its cases only; another subtree is refused.
  EXPECT_EQ(total("/api/v1/legal-cases?year=2024", "editor"), 2);
  EXPECT_EQ(Get("/api/v1/legal-cases?org=QX-B&year=2024", "editor").status, 403);
}

TEST_P(LegalCasesApiTest, RecordingNeedsCaseRecordOnTheCasesBody) {
  Reply made = Post("/api/v1/legal-cases", "handler",
                    R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20"})");
  ASSERT_EQ(made.status, 201) << made.body;
  std::string result =
      "/api/v1/legal-cases/" + std::to_string(made.Json().at("id").as_int64()) + "/result";
  // Editors read but do not record; the recorder handles cases of QX-B only.
  EXPECT_EQ(Post("/api/v1/legal-cases", "editor",
                 R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20"})")
                .status,
            403);
  EXPECT_EQ(Post("/api/v1/legal-cases", "recorder",
                 R"({"org":"QX-A","kind":"review","filed_on":"2024-05-20"})")
                .status,
            403);
  EXPECT_EQ(Post(result, "recorder", R"({"result":"maintained","closed_on":"2024-06-01"})").status,
            403);
  EXPECT_EQ(Post(result, "editor", R"({"result":"maintained","closed_on":"2024-06-01"})").status,
            403);
  EXPECT_EQ(Post(result, "", R"({"result":"maintained","closed_on":"2024-06-01"})").status, 401);
  Reply still = Get("/api/v1/legal-cases?org=QX-A&year=2024", "handler");
  ASSERT_EQ(still.status, 200);
  EXPECT_EQ(still.Json().at("items").as_array()[0].at("result").as_string(), "pending");
  EXPECT_EQ(Get("/api/v1/legal-cases/1/result", "handler").status, 405);
}

TEST_P(LegalCasesApiTest, AFutureDateOfAComplaintOrConsultationNamesItsField) {
  Reply k = Post("/api/v1/complaints", "handler",
                 R"({"org":"QX-B","received_on":"2024-07-01","subject":"x"})");
  EXPECT_EQ(k.status, 422);
  EXPECT_EQ(k.ErrorField(), "received_on");
  Reply c = Post("/api/v1/consultations", "handler",
                 R"({"org":"QX-A","channel":"phone","asked_on":"2024-07-01","topic":"x"})");
  EXPECT_EQ(c.status, 422);
  EXPECT_EQ(c.ErrorField(), "asked_on");
}

INSTANTIATE_TEST_SUITE_P(Backends, LegalCasesApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
