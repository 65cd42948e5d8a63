// A body's own data through the API (/api/v1/orgs/{org}/…), over SQLite and PostgreSQL:
// contact and reading points, year facts, meetings, administrative statistics; the report
// loads what was written; reads need kRead, writes kOrgDataEdit on the body.
#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

namespace json = boost::json;

// The fixture's users plus `orgadmin`, an admin of QX-A (kOrgDataEdit there only).
class BodyRoutesTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUserWithToken("orgadmin", core::Role::kAdmin, "QX-A");
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto a, r.orgs().FindByCode("QX-A"));
      qxa_ = a->id;
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  core::ReportInputs Inputs(int year) {
    core::ReportInputs in;
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(in, r.reports().LoadInputs({qxa_}, year, false));
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return in;
  }

  std::vector<core::AuditEvent> Audit(const std::string& entity, const std::string& id) {
    std::vector<core::AuditEvent> out;
    EXPECT_TRUE(store_
                    ->Transact([&](core::Repositories& r) -> core::Status {
                      GONGKAI_ASSIGN_OR_RETURN(out, r.audit().ListFor(entity, id));
                      return core::Status::Ok();
                    })
                    .ok());
    return out;
  }

  core::Id qxa_ = 0;
};

TEST_P(BodyRoutesTest, ContactAndReadingPoints) {
  const std::string path = "/api/v1/orgs/QX-A/contact";
  Reply empty = Get(path, "editor");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.Json().at("org").as_string(), "QX-A");
  EXPECT_TRUE(empty.Json().at("reading_points").as_array().empty());

  // Editors read but do not edit the body's data; another subtree is refused both.
  EXPECT_EQ(Post(path, "editor", R"({"acceptance_phone":"1"})").status, 403);
  EXPECT_EQ(Get("/api/v1/orgs/QX-A/contact", "recorder").status, 403);
  EXPECT_EQ(Post("/api/v1/orgs/QX-B/contact", "orgadmin", R"({"acceptance_phone":"1"})").status,
            403);
  EXPECT_EQ(Get("/api/v1/orgs/NOPE/contact", "orgadmin").status, 404);

  Reply saved = Post(path, "orgadmin", R"({
    "acceptance_address": "青溪市教育局一楼", "acceptance_phone": "0730-1234567",
    "reading_points": [{"name": "市档案馆查阅点", "address": "青溪路 1 号", "hours": "工作日"},
                       {"name": "市图书馆"}]})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json().at("reading_points").as_array().size(), 2u);
  // A later post names only the phone: the rest is kept.
  Reply phone = Post(path, "orgadmin", R"({"acceptance_phone": "0730-7654321"})");
  ASSERT_EQ(phone.status, 200) << phone.body;
  auto got = Get(path, "editor").Json().as_object();
  EXPECT_EQ(got.at("acceptance_address").as_string(), "青溪市教育局一楼");
  EXPECT_EQ(got.at("acceptance_phone").as_string(), "0730-7654321");
  EXPECT_EQ(got.at("reading_points").as_array()[1].at("name").as_string(), "市图书馆");
  EXPECT_EQ(Inputs(2024).reading_points, 2);

  Reply unnamed =
      Post(path, "orgadmin", R"({"reading_points": [{"name": "甲"}, {"address": "x"}]})");
  EXPECT_EQ(unnamed.status, 422);
  EXPECT_EQ(unnamed.ErrorField(), "reading_points[1].name");
  EXPECT_EQ(Post(path, "orgadmin", R"({"reading_points": [{"nmae": "甲"}]})").ErrorField(),
            "reading_points[0].nmae");
  EXPECT_EQ(Post(path, "orgadmin", R"({"reading_points": "甲"})").ErrorField(), "reading_points");
  EXPECT_EQ(Post(path, "orgadmin", R"({"phone": "1"})").ErrorField(), "phone");
  EXPECT_EQ(Post(path, "orgadmin", R"({"acceptance_phone": 12})").ErrorField(), "acceptance_phone");
  EXPECT_EQ(Get(path, "editor").Json().at("reading_points").as_array().size(), 2u);

  auto events = Audit("org", std::to_string(qxa_));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "org.contact");
  EXPECT_EQ(events.back().actor, "api:orgadmin");
}

TEST_P(BodyRoutesTest, YearFactsAndAdminStatsReachTheReport) {
  const std::string facts = "/api/v1/orgs/QX-A/years/2024/facts";
  Reply none = Get(facts, "editor");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_FALSE(none.Json().at("recorded").as_bool());
  Reply set = Post(facts, "orgadmin",
                   R"({"dedicated_bodies":1,"staff_full_time":3,"staff_part_time":5,
                       "funding_yuan":180000})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_TRUE(set.Json().at("recorded").as_bool());
  Reply partial = Post(facts, "orgadmin", R"({"staff_full_time":4})");
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(partial.Json().at("funding_yuan").as_int64(), 180000);
  EXPECT_EQ(Post(facts, "orgadmin", R"({"staff_part_time":-1})").ErrorField(), "staff_part_time");
  EXPECT_EQ(Post(facts, "orgadmin", R"({"funding_yuan":"18万"})").ErrorField(), "funding_yuan");
  EXPECT_EQ(Post(facts, "orgadmin", R"({"funding_yuan":1e20})").status, 422);
  EXPECT_EQ(Post(facts, "editor", R"({"staff_full_time":9})").status, 403);
  EXPECT_EQ(Get("/api/v1/orgs/QX-A/years/1999/facts", "editor").status, 404);
  EXPECT_EQ(Get("/api/v1/orgs/QX-A/years/abc/facts", "editor").status, 404);

  const std::string stats = "/api/v1/orgs/QX-A/years/2024/admin-stats";
  Reply s = Post(stats, "orgadmin",
                 R"({"licensing_decisions":120,"punishment_decisions":30,
                     "coercion_decisions":4,"fees_yuan":961716})");
  ASSERT_EQ(s.status, 200) << s.body;
  Reply bad = Post(stats, "orgadmin", R"({"punishment_decisions":-2})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.ErrorField(), "punishment_decisions");
  EXPECT_EQ(Get(stats, "editor").Json().at("fees_yuan").as_int64(), 961716);
  EXPECT_EQ(Get(stats, "recorder").status, 403);

  core::ReportInputs in = Inputs(2024);
  EXPECT_EQ(in.facts.staff_full_time, 4);
  EXPECT_EQ(in.facts.staff_part_time, 5);
  EXPECT_EQ(in.facts.funding_yuan, 180000);
  EXPECT_EQ(in.admin.licensing_decisions, 120);
  EXPECT_EQ(in.admin.fees_yuan, 961716);
  std::string key = std::to_string(qxa_) + "/2024";
  EXPECT_EQ(Audit("org_year_facts", key).size(), 2u);
  EXPECT_EQ(Audit("admin_stats", key).size(), 1u);
}

TEST_P(BodyRoutesTest, MeetingsAreAddedListedAndDeleted) {
  const std::string base = "/api/v1/orgs/QX-A/years/2024/meetings";
  Reply training = Post(base, "orgadmin",
                        R"({"category":"training","kind":"业务培训","title":"业务培训班",
                            "held_on":"2024-05-10","attendees":120})");
  ASSERT_EQ(training.status, 201) << training.body;
  Reply mistake = Post(base, "orgadmin",
                       R"({"category":"meeting","title":"录错的会议","held_on":"2024-03-01"})");
  ASSERT_EQ(mistake.status, 201) << mistake.body;
  EXPECT_EQ(mistake.Json().at("attendees").as_int64(), 0);
  std::string id = std::to_string(mistake.Json().at("id").as_int64());

  EXPECT_EQ(Post(base, "orgadmin", R"({"category":"meeting","title":"t","held_on":"2023-12-31"})")
                .ErrorField(),
            "held_on");
  EXPECT_EQ(Post(base, "orgadmin", R"({"category":"meeting","held_on":"2024-01-02"})").ErrorField(),
            "title");
  EXPECT_EQ(Post(base, "orgadmin", R"({"category":"party","title":"t","held_on":"2024-01-02"})")
                .ErrorField(),
            "category");
  EXPECT_EQ(Post(base, "orgadmin",
                 R"({"category":"meeting","title":"t","held_on":"2024-01-02","attendees":-1})")
                .ErrorField(),
            "attendees");
  EXPECT_EQ(
      Post(base, "editor", R"({"category":"meeting","title":"t","held_on":"2024-01-02"})").status,
      403);

  Reply list = Get(base, "editor");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("meetings").as_array().size(), 2u);
  EXPECT_EQ(Post(base + "/" + id + "/delete", "editor", "").status, 403);
  EXPECT_EQ(Post("/api/v1/orgs/QX-A/years/2023/meetings/" + id + "/delete", "orgadmin", "").status,
            404);
  EXPECT_EQ(Post(base + "/" + id + "/delete", "orgadmin", "").status, 200);
  EXPECT_EQ(Post(base + "/" + id + "/delete", "orgadmin", "").status, 404);
  EXPECT_EQ(Get(base, "editor").Json().at("meetings").as_array().size(), 1u);

  core::ReportInputs in = Inputs(2024);
  EXPECT_EQ(in.meetings, 0);
  EXPECT_EQ(in.trainings, 1);
  EXPECT_EQ(in.trainees, 120);
  auto events = Audit("meeting", id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "meeting.delete");
}

INSTANTIATE_TEST_SUITE_P(Backends, BodyRoutesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
