// The 机构数据 screens end to end: a body's contact and reading points, its year facts,
// meetings and administrative statistics — the figures reaching the report's inputs — and
// the refusals (read-only users, other subtrees, missing CSRF tokens) and escaping.
#include "admin/admin_test_support.hpp"
#include "core/report_compute.hpp"

namespace gongkai::admin::testing {
namespace {

class BodyScreenTest : public BackOfficeTest {
 protected:
  // Runs `work` in a transaction on the test's database.
  static core::Status Db(const std::function<core::Status(core::Repositories&)>& work) {
    return envs_[GetParam()]->pool->With([&](store::SociStore& st) { return st.Transact(work); });
  }
  static core::Org Body(const std::string& code) {
    core::Org org;
    core::Status s = Db([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto found, r.orgs().FindByCode(code));
      if (found) org = *found;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return org;
  }
  static int64_t AuditCount() {
    int64_t n = 0;
    EXPECT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                  GONGKAI_ASSIGN_OR_RETURN(n, r.audit().Count());
                  return core::Status::Ok();
                }).ok());
    return n;
  }
  using Fields = std::vector<std::pair<std::string, std::string>>;
  static Fields Facts(const std::string& bodies, const std::string& full, const std::string& part,
                      const std::string& funding) {
    return {{"dedicated_bodies", bodies},
            {"staff_full_time", full},
            {"staff_part_time", part},
            {"funding_yuan", funding}};
  }
  // The id in the first meeting-delete form on `page` ("" when none).
  static std::string FirstMeetingId(const std::string& page) {
    size_t at = page.find("/meetings/");
    if (at == std::string::npos) return "";
    at += 10;
    return page.substr(at, page.find('/', at) - at);
  }
};

TEST_P(BodyScreenTest, ListShowsTheSubtreeWithLinks) {
  auto admin = As("admin");
  Reply all = admin->Get("/admin/bodies");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_NE(all.body.find("href=\"/admin/bodies/QXA\""), std::string::npos);
  EXPECT_NE(all.body.find("href=\"/admin/bodies/QXB\""), std::string::npos);
  EXPECT_NE(all.body.find("href=\"/admin/bodies/QX/year/"), std::string::npos);
  EXPECT_NE(all.body.find("href=\"/admin/bodies\""), std::string::npos) << "navigation link";
  EXPECT_NE(all.body.find("<td>未填写</td>"), std::string::npos) << "no acceptance point yet";
  // A department's admin sees its own body only.
  Reply own = As("adminb")->Get("/admin/bodies");
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("/admin/bodies/QXB"), std::string::npos);
  EXPECT_EQ(own.body.find("/admin/bodies/QXA"), std::string::npos);
  EXPECT_EQ(own.body.find("青溪市教育局"), std::string::npos);
}

TEST_P(BodyScreenTest, ContactAndReadingPointsAreSavedAndFeedTheReport) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QXB";
  Reply form = admin->Get(page);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("name=\"rows\" value=\"2\""), std::string::npos) << "two blank rows";
  Reply saved = admin->Post(page,
                            {{"acceptance_address", "青溪市财政局一楼服务窗口"},
                             {"acceptance_hours", "工作日 9:00-17:00"},
                             {"acceptance_phone", "0730-7654321"},
                             {"rows", "2"},
                             {"rp_name_0", "市档案馆查阅点"},
                             {"rp_address_0", "青溪路 1 号"},
                             {"rp_hours_0", "工作日"},
                             {"rp_name_1", "市图书馆查阅点"}},
                            page);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.location, page);
  Reply shown = admin->Get(page);
  EXPECT_NE(shown.body.find("value=\"青溪市财政局一楼服务窗口\""), std::string::npos);
  EXPECT_NE(shown.body.find("value=\"市图书馆查阅点\""), std::string::npos);
  EXPECT_NE(shown.body.find("name=\"rows\" value=\"4\""), std::string::npos) << "2 stored + 2";
  core::Org org = Body("QXB");
  ASSERT_EQ(org.reading_points.size(), 2u);
  EXPECT_EQ(org.reading_points[0].address, "青溪路 1 号");
  EXPECT_EQ(org.acceptance_phone, "0730-7654321");

  // Clearing a row deletes that point; the others keep their order.
  ASSERT_EQ(admin
                ->Post(page,
                       {{"acceptance_address", "青溪市财政局一楼服务窗口"},
                        {"rows", "4"},
                        {"rp_name_0", ""},
                        {"rp_name_1", "市图书馆查阅点"},
                        {"rp_name_3", "新区查阅点"}},
                       page)
                .status,
            303);
  org = Body("QXB");
  ASSERT_EQ(org.reading_points.size(), 2u);
  EXPECT_EQ(org.reading_points[0].name, "市图书馆查阅点");
  EXPECT_EQ(org.reading_points[1].name, "新区查阅点");

  // The report counts the body's reading points; the change is in the audit trail.
  int64_t points = -1;
  ASSERT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(auto in, r.reports().LoadInputs({org.id}, 2024, false));
                points = in.reading_points;
                GONGKAI_ASSIGN_OR_RETURN(auto events,
                                         r.audit().ListFor("org", std::to_string(org.id)));
                EXPECT_EQ(events.back().action, "org.contact");
                EXPECT_EQ(events.back().actor, "user:admin");
                return core::Status::Ok();
              }).ok());
  EXPECT_EQ(points, 2);
}

TEST_P(BodyScreenTest, AReadingPointWithoutANameIsReportedOnItsRow) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QXA";
  int64_t before = AuditCount();
  Reply r = admin->Post(page,
                        {{"acceptance_address", "保留的受理地址"},
                         {"rows", "3"},
                         {"rp_name_0", "第一个"},
                         {"rp_name_1", ""},
                         {"rp_address_1", "有地址没名称"},
                         {"rp_name_2", ""}},
                        page);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"rp_name_1-err\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("第 2 个查阅点的名称不能为空"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"保留的受理地址\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"有地址没名称\""), std::string::npos);
  EXPECT_NE(r.body.find("name=\"rows\" value=\"3\""), std::string::npos);
  std::string too_long(201, 'x');
  Reply r2 = admin->Post(page, {{"acceptance_address", too_long}, {"rows", "0"}}, page);
  EXPECT_EQ(r2.status, 422);
  EXPECT_NE(r2.body.find("id=\"acceptance_address-err\""), std::string::npos);
  EXPECT_NE(r2.body.find("value=\"" + too_long + "\""), std::string::npos);
  EXPECT_EQ(AuditCount(), before) << "nothing written";
}

TEST_P(BodyScreenTest, YearFiguresEnteredOnTheScreenReachTheReport) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QXB/year/2024";
  Reply empty = admin->Get(page);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_NE(empty.body.find("2024 年尚未填报"), std::string::npos);

  Reply facts = admin->Post(page + "/facts", Facts("1", "3", "5", "180000"), page);
  ASSERT_EQ(facts.status, 303) << facts.body;
  EXPECT_EQ(facts.location, page + "#facts");
  Reply training = admin->Post(page + "/meetings",
                               {{"category", "training"},
                                {"kind", "业务培训"},
                                {"title", "全市政务公开业务培训班"},
                                {"held_on", "2024-05-10"},
                                {"attendees", "120"}},
                               page);
  ASSERT_EQ(training.status, 303) << training.body;
  for (const char* title : {"政务公开工作会议", "录错的会议"}) {
    ASSERT_EQ(admin
                  ->Post(page + "/meetings",
                         {{"category", "meeting"},
                          {"kind", "工作会议"},
                          {"title", title},
                          {"held_on", "2024-03-01"},
                          {"attendees", "40"}},
                         page)
                  .status,
              303);
  }
  Reply stats = admin->Post(
      page + "/stats",
      {{"licensing", "120"}, {"punishment", "30"}, {"coercion", "4"}, {"fees", "961716"}}, page);
  ASSERT_EQ(stats.status, 303) << stats.body;

  Reply shown = admin->Get(page);
  EXPECT_NE(shown.body.find("180000 元（年报中为 18 万元）"), std::string::npos);
  EXPECT_NE(shown.body.find("96.1716 万元"), std::string::npos);
  EXPECT_NE(shown.body.find("会议 2 次；培训 1 期，120 人次"), std::string::npos);
  EXPECT_NE(shown.body.find("value=\"961716\""), std::string::npos);

  // Delete the mistaken meeting (the later of the two meetings on 2024-03-01).
  size_t at = shown.body.find("录错的会议");
  ASSERT_NE(at, std::string::npos);
  std::string id = FirstMeetingId(shown.body.substr(at));
  ASSERT_FALSE(id.empty());
  Reply del = admin->Post(page + "/meetings/" + id + "/delete", {}, page);
  ASSERT_EQ(del.status, 303) << del.body;
  EXPECT_EQ(admin->Get(page).body.find("录错的会议"), std::string::npos);
  EXPECT_EQ(admin->Post(page + "/meetings/" + id + "/delete", {}, page).status, 404);

  core::Id org = Body("QXB").id;
  core::ReportInputs in;
  ASSERT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(in, r.reports().LoadInputs({org}, 2024, false));
                return core::Status::Ok();
              }).ok());
  EXPECT_EQ(in.facts.dedicated_bodies, 1);
  EXPECT_EQ(in.facts.staff_full_time, 3);
  EXPECT_EQ(in.facts.staff_part_time, 5);
  EXPECT_EQ(in.facts.funding_yuan, 180000);
  EXPECT_EQ(in.meetings, 1);
  EXPECT_EQ(in.trainings, 1);
  EXPECT_EQ(in.trainees, 120);
  EXPECT_EQ(in.admin.licensing_decisions, 120);
  EXPECT_EQ(in.admin.fees_yuan, 961716);
  // The 2021 format's table 二 carries the statistics as entered.
  core::ReportValues values =
      core::ComputeReport(core::ReportFormat::kFormat2021, in, core::Calendar());
  EXPECT_EQ(values.Get("table2", "licensing", "decisions"), 120);
  EXPECT_EQ(values.Get("table2", "admin_fees", "fee_amount"), 961716);

  // Each change left its audit event.
  ASSERT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                std::string key = std::to_string(org) + "/2024";
                GONGKAI_ASSIGN_OR_RETURN(auto f, r.audit().ListFor("org_year_facts", key));
                EXPECT_EQ(f.size(), 1u);
                GONGKAI_ASSIGN_OR_RETURN(auto s, r.audit().ListFor("admin_stats", key));
                EXPECT_EQ(s.size(), 1u);
                GONGKAI_ASSIGN_OR_RETURN(auto m, r.audit().ListFor("meeting", id));
                EXPECT_EQ(m.size(), 2u);
                if (m.size() == 2) {
                  EXPECT_EQ(m[1].action, "meeting.delete");
                }
                return core::Status::Ok();
              }).ok());
}

TEST_P(BodyScreenTest, BadFiguresAreReportedNextToTheFieldAndKept) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QXA/year/2023";
  int64_t before = AuditCount();
  Reply facts =
      admin->Post(page + "/facts", Facts("1", "-3", "两人", "99999999999999999999"), page);
  EXPECT_EQ(facts.status, 422);
  EXPECT_NE(facts.body.find("id=\"staff_full_time-err\""), std::string::npos) << facts.body;
  EXPECT_NE(facts.body.find("不能为负数"), std::string::npos);
  EXPECT_NE(facts.body.find("id=\"staff_part_time-err\""), std::string::npos);
  EXPECT_NE(facts.body.find("value=\"两人\""), std::string::npos);
  EXPECT_NE(facts.body.find("id=\"funding_yuan-err\""), std::string::npos);
  EXPECT_NE(facts.body.find("数值过大"), std::string::npos);
  EXPECT_NE(facts.body.find("value=\"-3\""), std::string::npos);

  Reply meeting = admin->Post(page + "/meetings",
                              {{"category", "training"},
                               {"kind", "业务培训"},
                               {"title", "保留的培训名称"},
                               {"held_on", "2024-01-05"},
                               {"attendees", "30"}},
                              page);
  EXPECT_EQ(meeting.status, 422);
  EXPECT_NE(meeting.body.find("id=\"held_on-err\""), std::string::npos);
  EXPECT_NE(meeting.body.find("应在 2023 年内"), std::string::npos);
  EXPECT_NE(meeting.body.find("value=\"保留的培训名称\""), std::string::npos);
  EXPECT_NE(meeting.body.find("value=\"training\" selected"), std::string::npos);
  Reply untitled = admin->Post(
      page + "/meetings",
      {{"category", "meeting"}, {"title", " "}, {"held_on", "2023-02-01"}, {"attendees", "3"}},
      page);
  EXPECT_EQ(untitled.status, 422);
  EXPECT_NE(untitled.body.find("id=\"title-err\""), std::string::npos);

  Reply stats = admin->Post(
      page + "/stats", {{"licensing", "12"}, {"punishment", ""}, {"coercion", "1"}, {"fees", "5"}},
      page);
  EXPECT_EQ(stats.status, 422);
  EXPECT_NE(stats.body.find("id=\"punishment-err\""), std::string::npos);
  EXPECT_NE(stats.body.find("value=\"12\""), std::string::npos);
  EXPECT_EQ(AuditCount(), before) << "nothing written";
}

TEST_P(BodyScreenTest, ReadersSeeFiguresWithoutForms) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QXA/year/2022";
  ASSERT_EQ(admin->Post(page + "/facts", Facts("1", "2", "3", "50000"), page).status, 303);
  auto editor = As("editor");  // editor of QXA: may read, not edit, the body's data
  Reply r = editor->Get(page);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("5 人（专职 2，兼职 3）"), std::string::npos);
  EXPECT_EQ(r.body.find("action=\"" + page + "/facts\""), std::string::npos);
  EXPECT_EQ(r.body.find("name=\"funding_yuan\""), std::string::npos);
  Reply profile = editor->Get("/admin/bodies/QXA");
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(profile.body.find("name=\"acceptance_address\""), std::string::npos);
  EXPECT_EQ(editor->Post(page + "/facts", Facts("9", "9", "9", "9"), page).status, 403);
  EXPECT_EQ(editor->Post("/admin/bodies/QXA", {{"acceptance_address", "x"}}, page).status, 403);
  EXPECT_EQ(editor
                ->Post(page + "/meetings",
                       {{"category", "meeting"},
                        {"title", "越权"},
                        {"held_on", "2022-02-01"},
                        {"attendees", "1"}},
                       page)
                .status,
            403);
  EXPECT_EQ(Body("QXA").acceptance_address.find('x'), std::string::npos);
}

TEST_P(BodyScreenTest, OutsideTheSubtreeEveryBodyScreenRefuses) {
  auto adminb = As("adminb");  // admin of 财政局 only
  EXPECT_EQ(adminb->Get("/admin/bodies/QXA").status, 403);
  EXPECT_EQ(adminb->Get("/admin/bodies/QX").status, 403);
  EXPECT_EQ(adminb->Get("/admin/bodies/QXA/year/2024").status, 403);
  int64_t before = AuditCount();
  const std::string own = "/admin/bodies/QXB";
  EXPECT_EQ(adminb->Post("/admin/bodies/QXA", {{"acceptance_address", "越权"}, {"rows", "0"}}, own)
                .status,
            403);
  EXPECT_EQ(
      adminb->Post("/admin/bodies/QXA/year/2024/facts", Facts("1", "1", "1", "1"), own).status,
      403);
  EXPECT_EQ(
      adminb
          ->Post("/admin/bodies/QXA/year/2024/stats",
                 {{"licensing", "1"}, {"punishment", "1"}, {"coercion", "1"}, {"fees", "1"}}, own)
          .status,
      403);
  EXPECT_EQ(adminb->Post("/admin/bodies/QXA/year/2024/meetings/1/delete", {}, own).status, 403);
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(adminb->Get("/admin/bodies/NOPE").status, 404);
  EXPECT_EQ(adminb->Get("/admin/bodies/QXB/year/20x4").status, 404);
}

TEST_P(BodyScreenTest, WithoutAValidCsrfTokenNothingIsWritten) {
  auto admin = As("admin");
  int64_t before = AuditCount();
  const std::string year = "/admin/bodies/QXB/year/2021";
  for (const std::string& target :
       {std::string("/admin/bodies/QXB"), year + "/facts", year + "/stats", year + "/meetings"}) {
    std::string fields = Browser::Encode({{"acceptance_address", "伪造"},
                                          {"rows", "0"},
                                          {"dedicated_bodies", "7"},
                                          {"staff_full_time", "7"},
                                          {"staff_part_time", "7"},
                                          {"funding_yuan", "7"},
                                          {"licensing", "7"},
                                          {"punishment", "7"},
                                          {"coercion", "7"},
                                          {"fees", "7"},
                                          {"category", "meeting"},
                                          {"title", "伪造"},
                                          {"held_on", "2021-03-01"},
                                          {"attendees", "7"}});
    EXPECT_EQ(admin->PostRaw(target, fields).status, 403) << target;
    EXPECT_EQ(admin->PostRaw(target, fields + "&csrf=forged").status, 403) << target;
  }
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(Body("QXB").acceptance_address.find("伪造"), std::string::npos);
}

TEST_P(BodyScreenTest, HostileInputIsEscapedEverywhere) {
  auto admin = As("admin");
  const std::string page = "/admin/bodies/QX";
  const std::string year = page + "/year/2020";
  for (const char* payload : {kXssScript, kXssAttr}) {
    ASSERT_EQ(admin
                  ->Post(page,
                         {{"acceptance_address", payload},
                          {"acceptance_hours", payload},
                          {"acceptance_phone", std::string(payload).substr(0, 40)},
                          {"rows", "1"},
                          {"rp_name_0", payload},
                          {"rp_address_0", payload},
                          {"rp_hours_0", payload}},
                         page)
                  .status,
              303);
    ASSERT_EQ(admin
                  ->Post(year + "/meetings",
                         {{"category", "meeting"},
                          {"kind", payload},
                          {"title", payload},
                          {"held_on", "2020-06-01"},
                          {"attendees", "1"}},
                         year)
                  .status,
              303);
    // Re-rendered forms echo what was typed, escaped.
    Reply bad_facts = admin->Post(year + "/facts", Facts(payload, payload, "1", payload), year);
    Reply bad_meeting = admin->Post(
        year + "/meetings",
        {{"category", payload}, {"kind", payload}, {"title", payload}, {"held_on", payload}}, year);
    Reply bad_point = admin->Post(
        page, {{"acceptance_address", payload}, {"rows", "1"}, {"rp_address_0", payload}}, page);
    EXPECT_EQ(bad_facts.status, 422);
    EXPECT_EQ(bad_meeting.status, 422);
    EXPECT_EQ(bad_point.status, 422);
    std::vector<std::pair<std::string, std::string>> pages = {
        {"list", admin->Get("/admin/bodies").body},
        {"profile", admin->Get(page).body},
        {"year", admin->Get(year).body},
        {"read-only", As("reviewer")->Get(page).body},
        {"facts 422", bad_facts.body},
        {"meeting 422", bad_meeting.body},
        {"point 422", bad_point.body}};
    for (const auto& [name, body] : pages) {
      EXPECT_EQ(body.find(payload), std::string::npos) << name;
      EXPECT_EQ(body.find("<script>"), std::string::npos) << name;
      EXPECT_EQ(body.find("<img"), std::string::npos) << name;
    }
    EXPECT_NE(pages[2].second.find("&lt;"), std::string::npos) << "the payload is shown, escaped";
  }
}

GONGKAI_ADMIN_BACKENDS(BodyScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
