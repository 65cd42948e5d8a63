// The back office's queues and lists (issue 21): the requests queue across bodies and years
// with working days left and colours, the items list's search, filters and paging, the
// stale-columns list with its CSV and "publish in this column" links, the editor's
// "returned" and "approved" queues, and menus limited to what the role opens.
#include <array>

#include "admin/admin_test_support.hpp"
#include "core/org_service.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin::testing {
namespace {

class QueuesScreenTest : public BackOfficeTest {
 protected:
  static core::Status Db(const std::function<core::Status(core::Repositories&)>& work) {
    return envs_[GetParam()]->pool->With([&](store::SociStore& st) { return st.Transact(work); });
  }
  static core::Id OrgId(const std::string& code) {
    core::Id id = 0;
    EXPECT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                  GONGKAI_ASSIGN_OR_RETURN(auto orgs, r.orgs().List());
                  for (const auto& o : orgs) {
                    if (o.code == code) id = o.id;
                  }
                  return core::Status::Ok();
                }).ok());
    return id;
  }
  static core::Date Day(int offset) { return core::Date::Parse(Today()).value().AddDays(offset); }
  // A request stored as the request service leaves it (due date computed elsewhere).
  static void AddRequest(const std::string& org, int year, int serial, core::Date received,
                         std::optional<core::Date> due, core::RequestState state,
                         const std::string& description) {
    core::Request r;
    r.org_id = OrgId(org);
    r.year = year;
    r.serial = serial;
    r.tracking_no = std::to_string(year) + "-Q" + std::to_string(serial);
    r.lookup_code_hash = "h";
    r.description = description;
    r.submitted_on = r.received_on = received;
    r.due_on = due;
    r.state = state;
    if (state == core::RequestState::kAnswered) r.closed_on = received;
    core::Status s =
        Db([&](core::Repositories& repos) { return repos.requests().Insert(r).status(); });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
};

TEST_P(QueuesScreenTest, RequestsQueueSpansBodiesAndYearsOverdueFirst) {
  int year = core::Date::Parse(Today()).value().year();
  AddRequest("QXB", year - 1, 901, Day(-60), Day(-30), core::RequestState::kInProgress,
             "去年逾期的申请");
  AddRequest("QXA", year, 902, Day(-25), Day(40), core::RequestState::kReceived, "远期申请");
  AddRequest("QXA", year, 903, Day(-20), Day(1), core::RequestState::kInProgress, "明天到期");
  AddRequest("QXB", year, 904, Day(-10), Day(5), core::RequestState::kAnswered, "已答复申请");
  auto handler = As("handler");
  Reply page = handler->Get("/admin/requests");
  ASSERT_EQ(page.status, 200) << page.body;
  size_t overdue = page.body.find("去年逾期的申请"), soon = page.body.find("明天到期"),
         later = page.body.find("远期申请"), closed = page.body.find("已答复申请");
  ASSERT_NE(overdue, std::string::npos) << "last year's overdue request is in the queue";
  ASSERT_NE(closed, std::string::npos);
  EXPECT_LT(overdue, soon);
  EXPECT_LT(soon, later);
  EXPECT_LT(later, closed);
  EXPECT_NE(page.body.find("<tr class=\"overdue\">"), std::string::npos);
  EXPECT_NE(page.body.find("<tr class=\"due-soon\">"), std::string::npos);
  EXPECT_NE(page.body.find("<tr class=\"closed\">"), std::string::npos);
  // Filters: open only; one body (its subtree); a handler of QXB sees nothing of QXA.
  Reply open = handler->Get("/admin/requests?state=open");
  EXPECT_EQ(open.body.find("已答复申请"), std::string::npos);
  EXPECT_NE(open.body.find("远期申请"), std::string::npos);
  Reply qxb = handler->Get("/admin/requests?org=QXB");
  EXPECT_EQ(qxb.body.find("远期申请"), std::string::npos);
  EXPECT_NE(qxb.body.find("去年逾期的申请"), std::string::npos);
  Reply other = As("handlerb")->Get("/admin/requests");
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body.find("明天到期"), std::string::npos);
  EXPECT_EQ(As("handlerb")->Get("/admin/requests?org=QXA").status, 403);
  EXPECT_EQ(handler->Get("/admin/requests?page=0").status, 400);
  EXPECT_EQ(handler->Get("/admin/requests?state=bogus").status, 400);
}

// The dashboard's figures of the year come from one read of every body's requests (one
// LoadInputs over the bodies with requests, split by body): received and answered this year
// across bodies, and the bodies with 逾期 requests by the clock's replay — not last year's
// answered ones. The suite shares its database, so the test compares before and after.
TEST_P(QueuesScreenTest, DashboardFiguresSpanBodies) {
  core::Date today = core::Date::Parse(Today()).value();
  if (today.month() < 3) GTEST_SKIP() << "needs 60 days of this year before today";
  int year = today.year();
  std::string qxb;
  const core::Id qxb_id = OrgId("QXB");  // not inside Db: SQLite has one writer at a time
  ASSERT_TRUE(Db([&](core::Repositories& r) -> core::Status {
                GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().Get(qxb_id));
                qxb = org.name;
                return core::Status::Ok();
              }).ok());
  // {received, answered, QXB's open overdue} as the admin's dashboard shows them.
  auto figures = [&]() -> std::array<int, 3> {
    Reply page = As("admin")->Get("/admin");
    EXPECT_EQ(page.status, 200) << page.body;
    auto number_after = [&](const std::string& marker) {
      size_t at = page.body.find(marker);
      if (at == std::string::npos) return -1;
      return std::atoi(page.body.c_str() + at + marker.size());
    };
    int open_overdue = 0;
    std::string row = "<tr><td>" + qxb + "</td><td>";
    if (size_t at = page.body.find(row); at != std::string::npos) {
      size_t cell = page.body.find("<td>", at + row.size());
      open_overdue = std::atoi(page.body.c_str() + cell + 4);
    }
    return {number_after("<dt>收到申请</dt><dd>"), number_after("<dt>已答复</dt><dd>"),
            open_overdue};
  };
  std::array<int, 3> before = figures();
  ASSERT_GE(before[0], 0);
  AddRequest("QXA", year, 921, Day(-3), Day(15), core::RequestState::kReceived, "本年申请甲");
  AddRequest("QXB", year, 922, Day(-2), Day(15), core::RequestState::kAnswered, "本年申请乙");
  AddRequest("QXB", year - 1, 923, core::Date::FromYmd(year - 1, 3, 1), std::nullopt,
             core::RequestState::kAnswered, "去年已答复");
  // Received 60 days ago through the service (with its receipt event), never answered.
  core::Status s = Db([&](core::Repositories& r) -> core::Status {
    core::IntakeInput in;
    in.org_code = "QXB";
    in.channel = core::RequestChannel::kInPerson;
    in.submitted_on = Day(-60);
    in.description = "逾期未答复的申请";
    in.applicant_sealed = "sealed";
    in.lookup_code_hash = "h";
    core::ChangeContext ctx{"system", "2026-01-01T00:00:00Z"};
    return core::IntakeRequest(r, ctx, Day(-60), in).status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::array<int, 3> after = figures();
  EXPECT_EQ(after[0] - before[0], 3) << "received this year, in both bodies";
  EXPECT_EQ(after[1] - before[1], 1);
  EXPECT_EQ(after[2] - before[2], 1) << "QXB's overdue request is replayed";
}

TEST_P(QueuesScreenTest, ItemsListSearchesFiltersAndPages) {
  auto editor = As("editor");
  for (int i = 0; i < 53; ++i) {
    Reply r = editor->Post("/admin/items/new",
                           {{"org", "QXA"},
                            {"title", "分页测试信息" + std::to_string(i)},
                            {"category", "法定主动公开内容/工作动态"},
                            {"doc_no", i == 7 ? "青教发〔2026〕77号" : ""},
                            {"formed_on", Today()}},
                           "/admin/items/new?org=QXA");
    ASSERT_EQ(r.status, 303) << r.body;
  }
  Reply first = editor->Get("/admin/items?q=" + web::UrlEncode("分页测试"));
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("共 53 条"), std::string::npos) << first.body;
  EXPECT_NE(first.body.find("分页测试信息52"), std::string::npos) << "newest first";
  EXPECT_EQ(first.body.find("分页测试信息2<"), std::string::npos);
  EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);
  Reply second = editor->Get("/admin/items?q=" + web::UrlEncode("分页测试") + "&page=2");
  EXPECT_NE(second.body.find("分页测试信息2<"), std::string::npos);
  Reply by_doc = editor->Get("/admin/items?q=" + web::UrlEncode("〔2026〕77号"));
  EXPECT_NE(by_doc.body.find("分页测试信息7<"), std::string::npos);
  EXPECT_NE(by_doc.body.find("共 1 条"), std::string::npos);
  Reply drafts = editor->Get("/admin/items?state=draft&category=" +
                             web::UrlEncode("法定主动公开内容/工作动态") + "&org=QXA");
  EXPECT_NE(drafts.body.find("分页测试信息52<"), std::string::npos);
  EXPECT_EQ(editor->Get("/admin/items?state=published&q=" + web::UrlEncode("分页测试"))
                .body.find("分页测试信息"),
            std::string::npos);
  EXPECT_EQ(editor->Get("/admin/items?validity=bogus").status, 400);
  EXPECT_EQ(editor->Get("/admin/items?year=20x6").status, 400);
  // Outside the subtree nothing is listed.
  EXPECT_EQ(
      As("editorb")->Get("/admin/items?q=" + web::UrlEncode("分页测试")).body.find("分页测试信息"),
      std::string::npos);
}

TEST_P(QueuesScreenTest, FormsOfferTheBodysCatalogAndRefuseOtherColumns) {
  auto editor = As("editor");
  Reply form = editor->Get("/admin/items/new?org=QXA&category=" +
                           web::UrlEncode("法定主动公开内容/通知公告"));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"法定主动公开内容/通知公告\" selected"), std::string::npos);
  EXPECT_NE(form.body.find("type=\"date\""), std::string::npos);
  EXPECT_NE(form.body.find("综合政务"), std::string::npos);
  Reply typo = editor->Post(
      "/admin/items/new",
      {{"org", "QXA"}, {"title", "栏目拼错"}, {"category", "通知工告"}, {"formed_on", Today()}},
      "/admin/items/new?org=QXA");
  EXPECT_EQ(typo.status, 422);
  EXPECT_NE(typo.body.find("id=\"category-err\""), std::string::npos);
  EXPECT_NE(typo.body.find("value=\"栏目拼错\""), std::string::npos) << "the input is kept";
  Reply topic = editor->Post("/admin/items/new",
                             {{"org", "QXA"},
                              {"title", "主题自拟"},
                              {"topic", "自拟主题"},
                              {"category", "法定主动公开内容/通知公告"},
                              {"formed_on", Today()}},
                             "/admin/items/new?org=QXA");
  EXPECT_EQ(topic.status, 422);
  // The Markdown preview renders the body with the portal's renderer and saves nothing.
  Reply preview = editor->Post("/admin/items/new",
                               {{"org", "QXA"},
                                {"title", "预览不保存"},
                                {"category", "法定主动公开内容/通知公告"},
                                {"formed_on", Today()},
                                {"body_md", "# 标题\n\n**加粗** <script>x</script>"},
                                {"op", "preview"}},
                               "/admin/items/new?org=QXA");
  EXPECT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("<strong>加粗</strong>"), std::string::npos) << preview.body;
  EXPECT_EQ(preview.body.find("<script>x"), std::string::npos);
  EXPECT_EQ(
      editor->Get("/admin/items?q=" + web::UrlEncode("预览不保存")).body.find("预览不保存</a>"),
      std::string::npos);
  // A body outside the editor's subtree cannot be chosen.
  EXPECT_EQ(editor->Get("/admin/items/new?org=QXB").status, 403);
}

TEST_P(QueuesScreenTest, EditorIsToldOfReturnedAndApprovedItems) {
  auto editor = As("editor");
  auto reviewer = As("reviewer");
  std::vector<std::string> pages;
  for (const char* title : {"待退回的信息", "待通过的信息"}) {
    Reply r = editor->Post("/admin/items/new",
                           {{"org", "QXA"},
                            {"title", title},
                            {"category", "法定主动公开内容/通知公告"},
                            {"formed_on", Today()}},
                           "/admin/items/new?org=QXA");
    ASSERT_EQ(r.status, 303) << r.body;
    pages.push_back(r.location);
    ASSERT_EQ(editor->Post(r.location + "/submit", {}, r.location).status, 303);
  }
  ASSERT_EQ(
      reviewer
          ->Post(pages[0] + "/review", {{"decision", "reject"}, {"reason", "请补充依据"}}, pages[0])
          .status,
      303);
  ASSERT_EQ(reviewer->Post(pages[1] + "/review", {{"decision", "approve"}}, pages[1]).status, 303);
  Reply dash = editor->Get("/admin");
  size_t returned = dash.body.find("id=\"returned\"");
  size_t approved = dash.body.find("id=\"to-publish\"");
  ASSERT_NE(returned, std::string::npos) << dash.body;
  ASSERT_NE(approved, std::string::npos);
  std::string returned_list =
      dash.body.substr(returned, dash.body.find("</ul>", returned) - returned);
  EXPECT_NE(returned_list.find("待退回的信息"), std::string::npos);
  EXPECT_NE(returned_list.find("请补充依据"), std::string::npos);
  std::string approved_list =
      dash.body.substr(approved, dash.body.find("</ul>", approved) - approved);
  EXPECT_NE(approved_list.find("待通过的信息"), std::string::npos);
}

TEST_P(QueuesScreenTest, ColumnsListFiltersExportsAndLinksToPublish) {
  auto editor = As("editor");
  Reply all = editor->Get("/admin/columns?finding=all&org=QXA");
  ASSERT_EQ(all.status, 200) << all.body;
  // Every column of QXA's catalog, each with its "publish here" link.
  EXPECT_NE(all.body.find("/admin/items/new?org=QXA&amp;category="), std::string::npos) << all.body;
  Reply csv = editor->Get("/admin/columns/csv?finding=all&org=QXA");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF机构,代码,栏目", 0), 0u);
  EXPECT_NE(csv.body.find("法定主动公开内容/通知公告"), std::string::npos);
  Reply mandatory = editor->Get("/admin/columns/csv?finding=all&org=QXA&mandatory=1");
  EXPECT_LT(mandatory.body.size(), csv.body.size());
  EXPECT_EQ(editor->Get("/admin/columns?finding=bogus").status, 400);
  EXPECT_EQ(As("editorb")->Get("/admin/columns?org=QXA").status, 403);
}

TEST_P(QueuesScreenTest, MenusOfferOnlyWhatTheRoleOpens) {
  EXPECT_EQ(As("editor")->Get("/admin").body.find("href=\"/admin/users\""), std::string::npos);
  EXPECT_NE(As("admin")->Get("/admin").body.find("href=\"/admin/users\""), std::string::npos);
}

TEST_P(QueuesScreenTest, MonitoringShowsNothingToRateAndMissedDeadlines) {
  auto admin = As("admin");
  // No request closed in 2019: 考核 has nothing to rate.
  Reply compare = admin->Get("/admin/compare?org=QX&year=2019");
  ASSERT_EQ(compare.status, 200);
  EXPECT_NE(compare.body.find("<td class=\"num\">—</td>"), std::string::npos);
  EXPECT_EQ(compare.body.find("100.0%"), std::string::npos);
  // The 2019 report was never published and its deadline has passed.
  Reply report = admin->Get("/admin/reports?org=QX&year=2019");
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("id=\"deadline-missed\""), std::string::npos);
}

GONGKAI_ADMIN_BACKENDS(QueuesScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
