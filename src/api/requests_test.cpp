// Requests for disclosure, complaints and consultations through the API, over SQLite and
// PostgreSQL.
#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

namespace json = boost::json;

class RequestsApiTest : public ApiFixture {};

constexpr const char* kIntake = R"({
  "org": "QX-A", "channel": "in_person", "applicant_type": "natural_person",
  "submitted_on": "2024-06-03", "description": "2023年义务教育招生计划",
  "applicant": {"name": "张三", "id_document": "110101199001011234", "contact": "13800000000"}
})";

TEST_P(RequestsApiTest, IntakeEventsAnswerAndPersonalData) {
  Reply created = Post("/api/v1/requests", "handler", kIntake);
  ASSERT_EQ(created.status, 201) << created.body;
  auto r = created.Json().as_object();
  EXPECT_EQ(r.at("tracking_no").as_string(), "2024-0001");
  EXPECT_EQ(r.at("state").as_string(), "received");
  EXPECT_EQ(r.at("lookup_code").as_string().size(), 12u);
  EXPECT_EQ(created.body.find("张三"), std::string::npos);  // personal data stays sealed
  EXPECT_EQ(created.body.find("13800000000"), std::string::npos);
  std::string base = "/api/v1/requests/" + std::to_string(r.at("id").as_int64());

  // Editors may read the subtree's requests but neither handle them nor see the applicant.
  EXPECT_EQ(Post("/api/v1/requests", "editor", kIntake).status, 403);
  Reply read = Get(base, "editor");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.body.find("张三"), std::string::npos);
  EXPECT_EQ(read.Json().at("events").as_array().size(), 1u);
  EXPECT_EQ(Get(base + "/applicant", "editor").status, 403);
  EXPECT_EQ(Get(base, "recorder").status, 403);  // another subtree

  Reply applicant = Get(base + "/applicant", "handler");
  ASSERT_EQ(applicant.status, 200) << applicant.body;
  EXPECT_EQ(applicant.Json().at("name").as_string(), "张三");
  EXPECT_EQ(applicant.Json().at("contact").as_string(), "13800000000");

  Reply note = Post(base + "/events", "handler",
                    R"({"kind":"note","on":"2024-06-03","note":"已转业务科室"})");
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.Json().at("events").as_array().size(), 2u);
  EXPECT_EQ(
      Post(base + "/events", "handler", R"({"kind":"receipt","on":"2024-06-03"})").ErrorField(),
      "kind");
  EXPECT_EQ(Post(base + "/events", "handler", R"({"kind":"note","on":"2024-06-31"})").ErrorField(),
            "on");

  Reply answered = Post(base + "/answer", "handler", R"({"on":"2024-06-03","outcome":"r3_4"})");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json().at("state").as_string(), "answered");
  EXPECT_EQ(answered.Json().at("outcome").as_string(), "r3_4");
  EXPECT_EQ(Post(base + "/answer", "handler", R"({"on":"2024-06-03","outcome":"r3_4"})").status,
            409);  // already closed

  Reply list = Get("/api/v1/requests?year=2024&state=answered", "handler");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("total").as_int64(), 1);
  EXPECT_EQ(Get("/api/v1/requests?year=2024", "recorder").Json().at("total").as_int64(), 0);

  Reply audit = Get(base + "/audit", "auditor");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.body.find("张三"), std::string::npos);
  bool opened = false;
  json::value audit_json = audit.Json();
  for (const auto& e : audit_json.at("events").as_array()) {
    opened = opened || e.at("action").as_string() == "request.personal_data";
  }
  EXPECT_TRUE(opened);  // opening the sealed data is on the record

  Reply missing = Post("/api/v1/requests", "handler", R"({"org":"QX-A","channel":"in_person",
      "applicant_type":"natural_person","submitted_on":"2024-06-03","description":"x"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.ErrorField(), "applicant");
}

TEST_P(RequestsApiTest, ComplaintsAndConsultations) {
  Reply c = Post(
      "/api/v1/complaints", "editor",
      R"({"org":"QX-A","channel":"hotline_12345","received_on":"2024-06-01","subject":"政务公开栏未更新"})");
  EXPECT_EQ(c.status, 403);  // recording cases needs kCaseRecord (case handlers)
  c = Post(
      "/api/v1/complaints", "recorder",
      R"({"org":"QX-B","channel":"hotline_12345","received_on":"2024-06-01","subject":"政务公开栏未更新"})");
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(c.Json().at("channel").as_string(), "hotline_12345");
  Reply future = Post("/api/v1/complaints", "handler",
                      R"({"org":"QX-B","received_on":"2024-07-01","subject":"x"})");
  EXPECT_EQ(future.status, 422);
  Reply list = Get("/api/v1/complaints?year=2024", "handler");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("total").as_int64(), 1);
  EXPECT_EQ(Get("/api/v1/complaints?year=2024", "editor").Json().at("total").as_int64(), 0);

  Reply q = Post("/api/v1/consultations", "handler",
                 R"({"org":"QX-A","channel":"phone","asked_on":"2024-06-02","topic":"如何申请"})");
  ASSERT_EQ(q.status, 201) << q.body;
  EXPECT_TRUE(q.Json().at("answered").as_bool());
  EXPECT_EQ(Post("/api/v1/consultations", "handler",
                 R"({"org":"QX-A","channel":"fax","asked_on":"2024-06-02"})")
                .ErrorField(),
            "channel");
  Reply ql = Get("/api/v1/consultations?org=QX-A&year=2024", "editor");
  ASSERT_EQ(ql.status, 200) << ql.body;
  EXPECT_EQ(ql.Json().at("total").as_int64(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestsApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
