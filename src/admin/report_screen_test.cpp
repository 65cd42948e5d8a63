// The annual report screens end to end: the computed report and its preview, staff-written
// sections, publication of versions (and what the portal then shows), the 考核 comparison,
// stale columns on the dashboard; refusals, escaping, CSRF, over both backends.
#include "admin/admin_test_support.hpp"
#include "core/calendar_service.hpp"
#include "core/item_workflow.hpp"
#include "core/report_snapshot.hpp"
#include "core/request_service.hpp"
#include "report/report.hpp"
#include "store/site_counters.hpp"
#include "web/report_pages.hpp"

namespace gongkai::admin::testing {
namespace {

class ReportScreenTest : public BackOfficeTest {
 protected:
  static core::Status WithStore(const std::function<core::Status(core::Repositories&)>& work) {
    return envs_[GetParam()]->pool->With([&](store::SociStore& st) { return st.Transact(work); });
  }

  static std::string Page(const std::string& org, int year) {
    return "/admin/reports?org=" + org + "&year=" + std::to_string(year);
  }

  // Saves (or previews) the three staff-written sections as `b`.
  static Reply Narrative(Browser& b, const std::string& org, int year, const std::string& s1,
                         const std::string& s5, const std::string& s6,
                         const std::string& op = "save") {
    return b.Post("/admin/reports/narrative",
                  {{"org", org},
                   {"year", std::to_string(year)},
                   {"section_1", s1},
                   {"section_5", s5},
                   {"section_6", s6},
                   {"op", op}},
                  Page(org, year));
  }

  static Reply Publish(Browser& b, const std::string& org, int year, const std::string& note) {
    return b.Post("/admin/reports/publish",
                  {{"org", org}, {"year", std::to_string(year)}, {"note", note}}, Page(org, year));
  }

  static std::vector<core::ReportSnapshot> Versions(const std::string& code, int year) {
    std::vector<core::ReportSnapshot> out;
    core::Status s = WithStore([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().FindByCode(code));
      GONGKAI_ASSIGN_OR_RETURN(out, r.reports().ListSnapshots(org->id, year, !org->parent_id));
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  static std::vector<core::ReportNarrative> Narratives(const std::string& code, int year) {
    std::vector<core::ReportNarrative> out;
    core::Status s = WithStore([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().FindByCode(code));
      GONGKAI_ASSIGN_OR_RETURN(out, r.reports().ListNarratives(org->id, year));
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  // The portal's report page for the body and year, through one ReportPages per backend
  // that keeps its computed reports, at the database's current data generation.
  static web::HttpResponse Portal(const std::string& code, int year) {
    core::Org org;
    core::Status s = WithStore([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(auto found, r.orgs().FindByCode(code));
      org = *found;
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    static std::map<std::string, std::unique_ptr<web::ReportPages>> pages;
    auto& p = pages[GetParam()];
    if (!p) p = std::make_unique<web::ReportPages>(*envs_[GetParam()]->pool);
    auto generation = envs_[GetParam()]->pool->With(
        [](store::SociStore& st) { return store::DataGeneration(st); });
    EXPECT_TRUE(generation.ok()) << generation.status().ToString();
    web::HttpRequest req;
    req.method = "GET";
    req.path = req.target = "/org/" + code + "/report/" + std::to_string(year);
    return p->Handle(req, org, year, "", generation.ok() ? *generation : 0);
  }

  static size_t Count(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
  }
};

TEST_P(ReportScreenTest, NarrativeShowsInPreviewAndInThePublishedVersion) {
  auto admin = As("admin");
  Reply page = admin->Get(Page("QXA", 2023));
  ASSERT_EQ(page.status, 200) << page.body;
  // The engine's document, embedded; the forms of an admin; section 五 reported missing.
  EXPECT_NE(page.body.find("青溪市教育局2023年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(page.body.find("class=\"report-preview\""), std::string::npos);
  EXPECT_EQ(page.body.find("<style"), std::string::npos) << "the engine's stylesheet stays out";
  EXPECT_NE(page.body.find("action=\"/admin/reports/narrative\""), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/admin/reports/publish\""), std::string::npos);
  EXPECT_NE(page.body.find("缺少正文"), std::string::npos);
  EXPECT_NE(page.body.find("尚未发布"), std::string::npos);

  // A preview shows the text in the engine's rendering and saves nothing.
  const std::string s5 = "栏目更新不够及时，下一年度将建立定期检查制度。";
  Reply preview = Narrative(*admin, "QXA", 2023, "", s5, "", "preview");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("尚未保存"), std::string::npos);
  EXPECT_NE(preview.body.find("<p>" + s5 + "</p>"), std::string::npos) << "rendered as a paragraph";
  EXPECT_TRUE(Narratives("QXA", 2023).empty());

  // Saved, with a placeholder filled from the tables.
  Reply saved = Narrative(*admin, "QXA", 2023, "全年共收到申请{{requests.new_received.total}}件。",
                          s5, "无其他事项。");
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_NE(saved.location.find("saved=1"), std::string::npos);
  ASSERT_EQ(Narratives("QXA", 2023).size(), 3u);
  page = admin->Get(saved.location);
  EXPECT_NE(page.body.find("正文已保存"), std::string::npos);
  EXPECT_NE(page.body.find(">" + s5 + "</textarea>"), std::string::npos) << "kept in the form";
  EXPECT_NE(page.body.find("<p>" + s5 + "</p>"), std::string::npos) << "in the preview";
  EXPECT_NE(page.body.find("全年共收到申请0件。"), std::string::npos) << "placeholder filled";
  EXPECT_EQ(page.body.find("缺少正文"), std::string::npos);
  EXPECT_EQ(Narratives("QXA", 2023)[1].text, s5);
  // A form holding one section leaves the others as they are.
  Reply one =
      admin->Post("/admin/reports/narrative",
                  {{"org", "QXA"}, {"year", "2023"}, {"section_6", "无其他需要报告的事项。"}},
                  Page("QXA", 2023));
  ASSERT_EQ(one.status, 303) << one.body;
  ASSERT_EQ(Narratives("QXA", 2023).size(), 3u);
  EXPECT_EQ(Narratives("QXA", 2023)[1].text, s5);
  EXPECT_EQ(Narratives("QXA", 2023)[2].text, "无其他需要报告的事项。");

  // First publication needs no note; the version is listed and served by the portal.
  Reply first = Publish(*admin, "QXA", 2023, "");
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_NE(first.location.find("published=1"), std::string::npos);
  page = admin->Get(first.location);
  EXPECT_NE(page.body.find("已发布第 1 版"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/org/QXA/report/2023/v1\""), std::string::npos);
  auto versions = Versions("QXA", 2023);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].published_by, "user:admin");
  EXPECT_NE(versions[0].html.find("<p>" + s5 + "</p>"), std::string::npos);
  EXPECT_NE(versions[0].json.find(s5), std::string::npos);
  web::HttpResponse portal = Portal("QXA", 2023);
  ASSERT_EQ(portal.status, 200);
  EXPECT_NE(portal.body.find("<p>" + s5 + "</p>"), std::string::npos);
  EXPECT_NE(portal.body.find("第 1 版"), std::string::npos);

  // A correction without a note is refused with the message, the form kept; with one it
  // becomes version 2, listed with its note.
  Reply refused = Publish(*admin, "QXA", 2023, "");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("更正须填写更正说明"), std::string::npos);
  EXPECT_NE(refused.body.find("id=\"note-err\""), std::string::npos);
  EXPECT_EQ(Versions("QXA", 2023).size(), 1u);
  Reply second = Publish(*admin, "QXA", 2023, "补充第六部分");
  ASSERT_EQ(second.status, 303) << second.body;
  page = admin->Get(second.location);
  EXPECT_NE(page.body.find("第 2 版"), std::string::npos);
  EXPECT_NE(page.body.find("补充第六部分"), std::string::npos);
  EXPECT_NE(Portal("QXA", 2023).body.find("补充第六部分"), std::string::npos);
  EXPECT_EQ(Versions("QXA", 2023).size(), 2u);
}

TEST_P(ReportScreenTest, BadPlaceholderAnswers422AndKeepsTheInput) {
  auto admin = As("admin");
  const std::string kept = "第五部分保留的输入";
  Reply r = Narrative(*admin, "QXA", 2022, "", kept, "共{{requests.no_such_row.total}}件");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"section_6-err\""), std::string::npos);
  EXPECT_NE(r.body.find(">" + kept + "</textarea>"), std::string::npos);
  EXPECT_NE(r.body.find(">共{{requests.no_such_row.total}}件</textarea>"), std::string::npos);
  EXPECT_TRUE(Narratives("QXA", 2022).empty()) << "nothing saved";
  // An unknown year field is no report.
  EXPECT_EQ(admin->Get("/admin/reports?org=QXA&year=20x3").status, 400);
  EXPECT_EQ(admin->Get("/admin/reports?org=NOPE&year=2023").status, 404);
  // Older formats: the 2019 trial format and the legacy table, with their own headings.
  EXPECT_EQ(admin->Get(Page("QX", 2020)).status, 200);
  Reply legacy = admin->Get(Page("QX", 2015));
  ASSERT_EQ(legacy.status, 200);
  EXPECT_NE(legacy.body.find("2015年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(legacy.body.find("其他需要报告的事项"), std::string::npos);
}

TEST_P(ReportScreenTest, TextContradictingTheTablesIsListed) {
  auto admin = As("admin");
  Reply page = admin->Get(Page("QXB", 2024));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<strong>提示</strong>"), std::string::npos) << page.body;
  // The tables hold no normative document of QXB in 2024; the text claims 55.
  ASSERT_EQ(Narrative(*admin, "QXB", 2024, "本年度制发行政规范性文件55件。", "问题", "事项").status,
            303);
  page = admin->Get(Page("QXB", 2024));
  size_t warning = page.body.find("<li class=\"warning\"><strong>提示</strong>");
  ASSERT_NE(warning, std::string::npos) << page.body.substr(0, 3000);
  EXPECT_NE(page.body.find("55", warning), std::string::npos);
}

TEST_P(ReportScreenTest, HostileTextIsEscapedOnEveryPage) {
  auto admin = As("admin");
  std::string hostile = std::string(kXssScript) + kXssAttr;
  Reply saved = Narrative(*admin, "QXB", 2022, hostile, hostile, hostile);
  ASSERT_EQ(saved.status, 303) << saved.body;
  ASSERT_EQ(Publish(*admin, "QXB", 2022, "").status, 303);
  ASSERT_EQ(Publish(*admin, "QXB", 2022, hostile).status, 303);
  Reply preview = Narrative(*admin, "QXB", 2022, hostile, hostile, hostile, "preview");
  Reply refused = Narrative(*admin, "QXB", 2022, hostile, hostile, "{{x.y.z}}" + hostile);
  EXPECT_EQ(refused.status, 422);
  for (const Reply& r : {admin->Get(Page("QXB", 2022)), preview, refused}) {
    EXPECT_EQ(r.body.find(kXssScript), std::string::npos);
    EXPECT_EQ(r.body.find("<img src=x"), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  }
  std::string portal = Portal("QXB", 2022).body;
  EXPECT_EQ(portal.find(kXssScript), std::string::npos);
  EXPECT_EQ(portal.find("<img src=x"), std::string::npos);
}

TEST_P(ReportScreenTest, ReadOnlyUserSeesNoFormsAndIsRefused) {
  auto editor = As("editor");  // kRead (and item editing) on QXA, no report actions
  Reply page = editor->Get(Page("QXA", 2021));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("class=\"report-preview\""), std::string::npos);
  EXPECT_EQ(page.body.find("action=\"/admin/reports/narrative\""), std::string::npos);
  EXPECT_EQ(page.body.find("action=\"/admin/reports/publish\""), std::string::npos);
  EXPECT_EQ(Narrative(*editor, "QXA", 2021, "", "越权写入", "").status, 403);
  EXPECT_EQ(Publish(*editor, "QXA", 2021, "").status, 403);
  EXPECT_TRUE(Narratives("QXA", 2021).empty());
  EXPECT_TRUE(Versions("QXA", 2021).empty());
}

TEST_P(ReportScreenTest, BodiesOutsideTheSubtreeAnswer403) {
  auto adminb = As("adminb");  // admin of QXB only
  EXPECT_EQ(adminb->Get(Page("QXA", 2021)).status, 403);
  EXPECT_EQ(adminb->Get(Page("QX", 2021)).status, 403);
  EXPECT_EQ(Narrative(*adminb, "QXA", 2021, "", "越权", "").status, 403);
  EXPECT_EQ(Publish(*adminb, "QXA", 2021, "").status, 403);
  EXPECT_EQ(adminb->Get("/admin/compare?org=QX&year=2021").status, 403);
  EXPECT_EQ(adminb->Get("/admin/compare/csv?org=QXA&year=2021").status, 403);
  EXPECT_EQ(adminb->Get(Page("QXB", 2021)).status, 200);
  EXPECT_TRUE(Narratives("QXA", 2021).empty());
  EXPECT_TRUE(Versions("QXA", 2021).empty());
}

TEST_P(ReportScreenTest, PostsWithoutAValidCsrfTokenWriteNothing) {
  auto admin = As("admin");
  std::string body = Browser::Encode(
      {{"org", "QXA"}, {"year", "2020"}, {"section_5", "无令牌"}, {"csrf", "forged"}});
  EXPECT_EQ(admin->PostRaw("/admin/reports/narrative", body).status, 403);
  EXPECT_EQ(
      admin->PostRaw("/admin/reports/publish", Browser::Encode({{"org", "QXA"}, {"year", "2020"}}))
          .status,
      403);
  EXPECT_TRUE(Narratives("QXA", 2020).empty());
  EXPECT_TRUE(Versions("QXA", 2020).empty());
}

TEST_P(ReportScreenTest, CompareListsEveryBodyWithTheComputedReportsNumbers) {
  const int year = 2019;
  // Requests in each body: QXA three (one refused, one opened), QXB one, QX none.
  core::Status s = WithStore([&](core::Repositories& r) -> core::Status {
    core::ChangeContext ctx{"test", "2019-03-01T00:00:00Z"};
    int n = 0;
    for (const char* code : {"QXA", "QXA", "QXA", "QXB"}) {
      core::IntakeInput in;
      in.org_code = code;
      in.channel = core::RequestChannel::kInPerson;
      in.submitted_on = core::Date::FromYmd(year, 3, 1 + n);
      in.description = "申请公开某项信息";
      in.applicant_sealed = "sealed";
      in.lookup_code_hash = "hash-" + std::to_string(n);
      GONGKAI_ASSIGN_OR_RETURN(auto created, core::IntakeRequest(r, ctx, in.submitted_on, in));
      if (n < 2) {
        core::EventInput answer;
        answer.kind = core::RequestEventKind::kAnswer;
        answer.on = core::Date::FromYmd(year, 3, 10 + n);
        answer.actor = "handler";
        answer.outcome = n == 0 ? "r3_3" : "r1_open";
        GONGKAI_RETURN_IF_ERROR(
            core::RecordRequestEvent(r, ctx, answer.on, created.view.request.id, answer).status());
      }
      ++n;
    }
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();

  auto admin = As("admin");
  Reply page = admin->Get("/admin/compare?org=QX&year=" + std::to_string(year));
  ASSERT_EQ(page.status, 200) << page.body;
  Reply csv = admin->Get("/admin/compare/csv?org=QX&year=" + std::to_string(year));
  ASSERT_EQ(csv.status, 200);
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF单位,代码,主动公开信息,收到申请,办结,按时办结,", 0), 0u);
  for (const char* code : {"QX", "QXA", "QXB"}) {
    // The body's own report, computed by the engine.
    report::Report computed;
    s = WithStore([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(r));
      report::ReportRequest req;
      req.org_code = code;
      req.year = year;
      req.subtree = false;
      GONGKAI_ASSIGN_OR_RETURN(computed, report::BuildReport(r, calendar, req));
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto cell = [&](const char* row) {
      return computed.values.Get("table3", row, "total").value_or(-1);
    };
    int64_t refused = 0;
    for (const char* row : {"r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8"}) {
      refused += cell(row);
    }
    // HTML row: name cell, then 主动公开, 收到, 办结, 按时办结, 率, 不予公开, 延期办结, 逾期办结,
    // 逾期未办结, 逾期.
    size_t at = page.body.find("[" + std::string(code) + "]</th>");
    ASSERT_NE(at, std::string::npos) << code;
    std::vector<std::string> cells;
    for (size_t p = page.body.find("<td class=\"num\">", at); cells.size() < 10;
         p = page.body.find("<td class=\"num\">", p + 1)) {
      ASSERT_NE(p, std::string::npos);
      size_t b = p + 16;
      cells.push_back(page.body.substr(b, page.body.find("</td>", b) - b));
    }
    EXPECT_EQ(cells[1], std::to_string(cell("new_received"))) << code;
    EXPECT_EQ(cells[2], std::to_string(cell("r7_total"))) << code;
    EXPECT_EQ(cells[5], std::to_string(refused)) << code;
    // The CSV has the same numbers.
    size_t line = csv.body.find("," + std::string(code) + ",");
    ASSERT_NE(line, std::string::npos) << code;
    std::string rest = csv.body.substr(line + std::string(code).size() + 2);
    rest = rest.substr(0, rest.find("\r\n"));
    std::string joined;
    for (const auto& c : cells) joined += (joined.empty() ? "" : ",") + c;
    EXPECT_EQ(rest, joined) << code;
  }
  EXPECT_NE(page.body.find(">3</td>"), std::string::npos) << "QXA received three";

  // Sorted by requests received, descending: QXA, QXB, QX; ascending reverses it.
  Reply desc = admin->Get("/admin/compare?org=QX&year=2019&sort=received&order=desc");
  ASSERT_EQ(desc.status, 200);
  EXPECT_LT(desc.body.find("[QXA]</th>"), desc.body.find("[QXB]</th>"));
  EXPECT_LT(desc.body.find("[QXB]</th>"), desc.body.find("[QX]</th>"));
  EXPECT_NE(desc.body.find("aria-sort=\"descending\""), std::string::npos);
  Reply asc = admin->Get("/admin/compare?org=QX&year=2019&sort=received&order=asc");
  EXPECT_LT(asc.body.find("[QX]</th>"), asc.body.find("[QXB]</th>"));
  EXPECT_LT(asc.body.find("[QXB]</th>"), asc.body.find("[QXA]</th>"));
  EXPECT_EQ(admin->Get("/admin/compare?org=QX&year=2019&sort=password").status, 400);
  // A department's comparison holds that department only.
  Reply dept = admin->Get("/admin/compare?org=QXA&year=2019");
  EXPECT_NE(dept.body.find("[QXA]</th>"), std::string::npos);
  EXPECT_EQ(dept.body.find("[QXB]</th>"), std::string::npos);
}

TEST_P(ReportScreenTest, DashboardListsStaleColumnsOfMyBodies) {
  core::Date on = core::Date::Parse(Today()).value().AddDays(-500);
  core::Status s = WithStore([&](core::Repositories& r) -> core::Status {
    core::ChangeContext ctx{"test", "2024-01-01T00:00:00Z"};
    GONGKAI_ASSIGN_OR_RETURN(auto qxa, r.orgs().FindByCode("QXA"));
    core::Item item;
    item.org_id = qxa->id;
    item.title = "教育局主要职责";
    item.category = "政府机构职能";
    item.formed_on = on;
    GONGKAI_ASSIGN_OR_RETURN(item, core::CreateItem(r, ctx, "editor", item));
    GONGKAI_RETURN_IF_ERROR(core::SubmitItem(r, ctx, "editor", item.id).status());
    GONGKAI_RETURN_IF_ERROR(core::ReviewItem(r, ctx, "reviewer", item.id, true, "").status());
    return core::PublishItem(r, ctx, "editor", item.id, on).status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  Reply mine = As("editor")->Get("/admin");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("长期未更新的栏目"), std::string::npos);
  EXPECT_NE(mine.body.find("政府机构职能"), std::string::npos);
  EXPECT_NE(mine.body.find(on.ToIso()), std::string::npos);
  // The link acts on it: the new-item form of QXA with the column chosen (issue 21).
  EXPECT_NE(mine.body.find("href=\"/admin/items/new?org=QXA&amp;category="), std::string::npos);
  Reply other = As("editorb")->Get("/admin");  // QXB's editor: not QXA's columns
  ASSERT_EQ(other.status, 200);
  EXPECT_NE(other.body.find("长期未更新的栏目"), std::string::npos);
  EXPECT_EQ(other.body.find(on.ToIso()), std::string::npos);
  Reply handler = As("handler")->Get("/admin");  // publishes nothing: no panel
  EXPECT_EQ(handler.body.find("长期未更新的栏目"), std::string::npos);
}

GONGKAI_ADMIN_BACKENDS(ReportScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
