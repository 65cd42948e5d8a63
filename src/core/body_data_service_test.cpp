// A body's own data: contact and reading points, year facts, meetings — validation, audit
// and what the report then loads.
#include "core/body_data_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_store.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

class BodyDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_
                    .Transact([&](Repositories& r) -> Status {
                      Org org;
                      org.code = "QXS";
                      org.name = "青溪市人民政府";
                      org.kind = OrgKind::kGovernment;
                      org.acceptance_phone = "0731-1";
                      GONGKAI_ASSIGN_OR_RETURN(org_, r.orgs().Insert(org));
                      return Status::Ok();
                    })
                    .ok());
  }

  Status Run(const std::function<Status(Repositories&)>& work) { return store_.Transact(work); }

  std::vector<AuditEvent> Events(const std::string& entity, const std::string& id) {
    std::vector<AuditEvent> out;
    EXPECT_TRUE(Run([&](Repositories& r) -> Status {
                  GONGKAI_ASSIGN_OR_RETURN(out, r.audit().ListFor(entity, id));
                  return Status::Ok();
                }).ok());
    return out;
  }

  Meeting MakeMeeting(const char* title, const char* on, int attendees,
                      MeetingCategory c = MeetingCategory::kMeeting) {
    Meeting m;
    m.org_id = org_;
    m.category = c;
    m.kind = "专题会议";
    m.title = title;
    m.held_on = D(on);
    m.attendees = attendees;
    return m;
  }

  FakeStore store_;
  ChangeContext ctx_{"user:admin", "2024-06-01T00:00:00Z"};
  Id org_ = 0;
};

TEST_F(BodyDataTest, ContactIsTrimmedStoredAndAudited) {
  OrgContact c{" 青溪市政务服务中心一楼 ",
               "工作日 9:00-17:00",
               "0731-12345678",
               {{"市档案馆查阅点", "青溪路 1 号", "工作日"}, {"市图书馆", "", ""}}};
  Org saved;
  ASSERT_TRUE(Run([&](Repositories& r) -> Status {
                GONGKAI_ASSIGN_OR_RETURN(saved, UpdateOrgContact(r, ctx_, org_, c));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(saved.acceptance_address, "青溪市政务服务中心一楼");
  EXPECT_EQ(saved.name, "青溪市人民政府");  // untouched
  ASSERT_TRUE(Run([&](Repositories& r) -> Status {
                GONGKAI_ASSIGN_OR_RETURN(Org o, r.orgs().Get(org_));
                EXPECT_EQ(o.reading_points.size(), 2u);
                EXPECT_EQ(o.reading_points[1].name, "市图书馆");
                EXPECT_EQ(o.acceptance_phone, "0731-12345678");
                return Status::Ok();
              }).ok());
  auto events = Events("org", std::to_string(org_));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "org.contact");
  EXPECT_EQ(events[0].actor, "user:admin");
  EXPECT_NE(events[0].before_json.find("0731-1\""), std::string::npos);
  EXPECT_NE(events[0].after_json.find("市档案馆查阅点"), std::string::npos);
}

TEST_F(BodyDataTest, ContactValidationNamesTheFieldAndWritesNothing) {
  struct Case {
    OrgContact contact;
    std::string field;
  };
  std::vector<Case> cases = {
      {{"", "", "", {{"甲", "", ""}, {"  ", "某路", ""}}}, "reading_points[1].name"},
      {{std::string(201, 'a'), "", "", {}}, "acceptance_address"},
      {{"", std::string(101, 'h'), "", {}}, "acceptance_hours"},
      {{"", "", std::string(51, '1'), {}}, "acceptance_phone"},
      {{"", "", "", {{"甲", std::string(201, 'x'), ""}}}, "reading_points[0].address"},
      {{"", "", "", std::vector<ReadingPoint>(51, {"点", "", ""})}, "reading_points"},
  };
  // Characters, not bytes: 200 Chinese characters (600 bytes) is within the limit.
  std::string long_ok;
  for (int i = 0; i < 200; ++i) long_ok += "路";
  EXPECT_TRUE(ValidateOrgContact({long_ok, "", "", {}}).ok());
  for (const auto& c : cases) {
    Status s =
        Run([&](Repositories& r) { return UpdateOrgContact(r, ctx_, org_, c.contact).status(); });
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field);
  }
  EXPECT_TRUE(Events("org", std::to_string(org_)).empty());
  Status missing =
      Run([&](Repositories& r) { return UpdateOrgContact(r, ctx_, 999, {}).status(); });
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
}

TEST_F(BodyDataTest, YearFactsReplaceWithBeforeAndAfter) {
  OrgYearFacts f{org_, 2024, 1, 3, 5, 180000};
  ASSERT_TRUE(Run([&](Repositories& r) { return SetOrgYearFacts(r, ctx_, f); }).ok());
  f.staff_full_time = 4;
  ASSERT_TRUE(Run([&](Repositories& r) { return SetOrgYearFacts(r, ctx_, f); }).ok());
  auto events = Events("org_year_facts", std::to_string(org_) + "/2024");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "org_year_facts.set");
  EXPECT_TRUE(events[0].before_json.empty());
  EXPECT_NE(events[1].before_json.find("\"staff_full_time\":3"), std::string::npos);
  EXPECT_NE(events[1].after_json.find("\"staff_full_time\":4"), std::string::npos);

  for (auto [facts, field] : {std::pair{OrgYearFacts{org_, 2024, -1, 0, 0, 0}, "dedicated_bodies"},
                              std::pair{OrgYearFacts{org_, 2024, 0, 0, -2, 0}, "staff_part_time"},
                              std::pair{OrgYearFacts{org_, 2024, 0, 0, 0, -5}, "funding_yuan"},
                              std::pair{OrgYearFacts{org_, 1999, 0, 0, 0, 0}, "year"}}) {
    Status s = Run([&](Repositories& r) { return SetOrgYearFacts(r, ctx_, facts); });
    EXPECT_EQ(s.field(), field);
  }
  EXPECT_EQ(Run([&](Repositories& r) {
              return SetOrgYearFacts(r, ctx_, {999, 2024, 0, 0, 0, 0});
            }).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Events("org_year_facts", std::to_string(org_) + "/2024").size(), 2u);
}

TEST_F(BodyDataTest, MeetingsAreValidatedCountedAndDeletable) {
  struct Case {
    Meeting m;
    std::string field;
  };
  std::vector<Case> bad = {
      {MakeMeeting(" ", "2024-03-01", 10), "title"},
      {MakeMeeting("会议", "2023-12-31", 10), "held_on"},
      {MakeMeeting("会议", "2024-03-01", -1), "attendees"},
      {MakeMeeting("会议", "2024-03-01", kMaxAttendees + 1), "attendees"},
      {MakeMeeting(std::string(201, 't').c_str(), "2024-03-01", 1), "title"},
  };
  for (const auto& c : bad) {
    Status s = Run([&](Repositories& r) { return AddMeeting(r, ctx_, 2024, c.m).status(); });
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field);
  }
  Meeting work, training, mistake;
  ASSERT_TRUE(
      Run([&](Repositories& r) -> Status {
        GONGKAI_ASSIGN_OR_RETURN(
            work, AddMeeting(r, ctx_, 2024, MakeMeeting("政务公开工作会议", "2024-03-01", 40)));
        GONGKAI_ASSIGN_OR_RETURN(training, AddMeeting(r, ctx_, 2024,
                                                      MakeMeeting("业务培训班", "2024-05-10", 120,
                                                                  MeetingCategory::kTraining)));
        GONGKAI_ASSIGN_OR_RETURN(
            mistake, AddMeeting(r, ctx_, 2024, MakeMeeting("录错的会议", "2024-06-01", 9)));
        return Status::Ok();
      }).ok());
  EXPECT_GT(work.id, 0);
  ASSERT_EQ(Events("meeting", std::to_string(work.id)).size(), 1u);
  EXPECT_EQ(Events("meeting", std::to_string(work.id))[0].action, "meeting.create");

  // Deleting checks the org and the year: another year or another body is not found.
  EXPECT_EQ(
      Run([&](Repositories& r) { return DeleteMeeting(r, ctx_, org_, 2023, mistake.id); }).code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(Run([&](Repositories& r) {
              return DeleteMeeting(r, ctx_, org_ + 1, 2024, mistake.id);
            }).code(),
            ErrorCode::kNotFound);
  ASSERT_TRUE(
      Run([&](Repositories& r) { return DeleteMeeting(r, ctx_, org_, 2024, mistake.id); }).ok());
  auto deleted = Events("meeting", std::to_string(mistake.id));
  ASSERT_EQ(deleted.size(), 2u);
  EXPECT_EQ(deleted[1].action, "meeting.delete");
  EXPECT_NE(deleted[1].before_json.find("录错的会议"), std::string::npos);
  EXPECT_TRUE(deleted[1].after_json.empty());

  // The report counts what is left: one meeting, one training of 120 persons.
  ASSERT_TRUE(Run([&](Repositories& r) -> Status {
                GONGKAI_ASSIGN_OR_RETURN(auto in, r.reports().LoadInputs({org_}, 2024, false));
                EXPECT_EQ(in.meetings, 1);
                EXPECT_EQ(in.trainings, 1);
                EXPECT_EQ(in.trainees, 120);
                return Status::Ok();
              }).ok());
}

}  // namespace
}  // namespace gongkai::core
