// The related-case screens end to end: consultations, complaints (and their replies),
// review and litigation cases (and their results) — recording, lists and counts, form
// re-rendering, CSRF, subtree checks, escaping, and the portal's sealed contact kept out.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class CasesScreenTest : public BackOfficeTest {
 protected:
  // Runs `work` on this backend's database directly (rows the portal would write).
  void Direct(const std::function<core::Status(core::Repositories&)>& work) {
    auto st =
        store::SociStore::Open(envs_[GetParam()]->db->url(), store::SchemaPolicy::kRequireCurrent);
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    core::Status s = (*st)->Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static core::Id OrgId(core::Repositories& r, const std::string& code) {
    auto org = r.orgs().FindByCode(code);
    return org.ok() && *org ? (*org)->id : 0;
  }

  // The first number right after `prefix` in `body` ("" when none).
  static std::string IdAfter(const std::string& body, const std::string& prefix) {
    for (size_t at = body.find(prefix); at != std::string::npos; at = body.find(prefix, at)) {
      at += prefix.size();
      size_t end = body.find_first_not_of("0123456789", at);
      if (end != at) return body.substr(at, end - at);
    }
    return "";
  }

  // Registers a request at `org` as `handler`; returns {id, tracking number}.
  static std::pair<std::string, std::string> Intake(Browser& handler, const std::string& org) {
    Reply r = handler.Post("/admin/requests/new",
                           {{"org", org},
                            {"channel", "online"},
                            {"applicant_type", "natural_person"},
                            {"name", "王五"},
                            {"contact", "13900000000"},
                            {"submitted_on", Today()},
                            {"description", "复议所涉信息"}},
                           "/admin/requests/new");
    EXPECT_EQ(r.status, 200) << r.body;
    std::string id = IdAfter(r.body, "/admin/requests/");
    std::string page = handler.Get("/admin/requests/" + id).body;
    size_t h = page.find("<h1>申请 ");
    std::string tracking;
    if (h != std::string::npos) {
      h += std::string("<h1>申请 ").size();
      tracking = page.substr(h, page.find("</h1>", h) - h);
    }
    return {id, tracking};
  }

  static bool Has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
  }
};

TEST_P(CasesScreenTest, ConsultationsAreRecordedListedAndCountedByChannel) {
  auto handler = As("handler");
  Reply form = handler->Get("/admin/consultations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form.body, "青溪市教育局 [QXA]"));
  struct Row {
    const char* channel;
    const char* on;
    const char* topic;
  };
  for (Row row :
       {Row{"phone", "2021-03-01", "如何查询学区划分"}, Row{"phone", "2021-03-02", "招生时间"},
        Row{"online", "2021-03-03", "转学手续"}}) {
    Reply r = handler->Post("/admin/consultations/new",
                            {{"org", "QXA"},
                             {"channel", row.channel},
                             {"asked_on", row.on},
                             {"topic", row.topic},
                             {"answered", "yes"}},
                            "/admin/consultations/new");
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.location, "/admin/consultations?org=QXA&year=2021");
  }
  // A consultation left on the portal's form, with its sealed contact.
  Direct([&](core::Repositories& r) -> core::Status {
    std::vector<core::Consultation> rows = {{0, OrgId(r, "QXA"), core::ConsultChannel::kOnline,
                                             core::Date::FromYmd(2021, 5, 1), "网上留言咨询", false,
                                             "SEALED-CONTACT-BLOB"}};
    return r.cases().InsertConsultations(rows);
  });
  Reply list = handler->Get("/admin/consultations?org=QXA&year=2021");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "如何查询学区划分"));
  EXPECT_TRUE(Has(list.body, "网上留言咨询"));
  EXPECT_TRUE(Has(list.body, "未答复"));
  EXPECT_FALSE(Has(list.body, "SEALED-CONTACT-BLOB"));
  // Counts by channel: 现场 0, 电话 2, 网上 2, total 4.
  EXPECT_TRUE(Has(list.body, "<tr><td>0</td><td>2</td><td>2</td><td>4</td></tr>")) << list.body;
  EXPECT_FALSE(Has(handler->Get("/admin/consultations?org=QXA&year=2020").body, "招生时间"));

  // An editor reads the list but records nothing.
  auto editor = As("editor");
  Reply read = editor->Get("/admin/consultations?org=QXA&year=2021");
  EXPECT_EQ(read.status, 200);
  EXPECT_FALSE(Has(read.body, "/admin/consultations/new"));
  EXPECT_EQ(editor->Get("/admin/consultations/new").status, 403);
}

TEST_P(CasesScreenTest, ComplaintsAreRecordedAndRepliedOnce) {
  auto handler = As("handler");
  Reply made = handler->Post("/admin/complaints/new",
                             {{"org", "QXA"},
                              {"channel", "hotline_12345"},
                              {"received_on", "2022-04-01"},
                              {"subject", "学校周边交通拥堵"},
                              {"replied_on", ""}},
                             "/admin/complaints/new");
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_EQ(made.location, "/admin/complaints?org=QXA&year=2022");
  EXPECT_EQ(handler
                ->Post("/admin/complaints/new",
                       {{"org", "QXA"},
                        {"channel", "mayor_mailbox"},
                        {"received_on", "2022-05-01"},
                        {"subject", "食堂卫生"},
                        {"replied_on", "2022-05-03"}},
                       "/admin/complaints/new")
                .status,
            303);
  // A complaint from the portal's form, replied already, with its sealed contact.
  Direct([&](core::Repositories& r) -> core::Status {
    std::vector<core::Complaint> rows = {{0, OrgId(r, "QXA"), core::ComplaintChannel::kOther,
                                          core::Date::FromYmd(2022, 6, 1), "网上举报",
                                          core::Date::FromYmd(2022, 6, 2), "SEALED-CONTACT-BLOB"}};
    return r.cases().InsertComplaints(rows);
  });
  std::string page = "/admin/complaints?org=QXA&year=2022";
  Reply list = handler->Get(page);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "网上举报"));
  EXPECT_FALSE(Has(list.body, "SEALED-CONTACT-BLOB"));
  EXPECT_TRUE(Has(list.body, "12345热线"));
  EXPECT_TRUE(Has(list.body, "市长信箱"));
  EXPECT_TRUE(Has(list.body, "<tr><td>1</td><td>1</td><td>1</td><td>3</td></tr>")) << list.body;
  std::string id = IdAfter(list.body, "/admin/complaints/");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(list.body.find("/reply"), list.body.rfind("/reply")) << "one unreplied complaint";
  EXPECT_TRUE(Has(list.body, "/admin/complaints/" + id + "/reply"));

  std::string reply = "/admin/complaints/" + id + "/reply";
  Reply bad = handler->Post(reply, {{"replied_on", "2022-02-30"}}, page);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "id=\"row-err-" + id + "\""));
  EXPECT_TRUE(Has(bad.body, "value=\"2022-02-30\""));
  Reply early = handler->Post(reply, {{"replied_on", "2022-03-31"}}, page);
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(Has(early.body, "答复日期早于收到日期"));
  Reply ok = handler->Post(reply, {{"replied_on", "2022-04-08"}}, page);
  EXPECT_EQ(ok.status, 303) << ok.body;
  Reply after = handler->Get(page);
  EXPECT_TRUE(Has(after.body, "2022-04-08"));
  EXPECT_FALSE(Has(after.body, "/reply")) << "nothing left to reply to";
  EXPECT_EQ(handler->Post(reply, {{"replied_on", "2022-04-09"}}, page).status, 409);
  EXPECT_FALSE(Has(handler->Get(page).body, "2022-04-09"));
}

TEST_P(CasesScreenTest, LegalCasesAreRecordedLinkedAndDecided) {
  auto handler = As("handler");
  auto [request_id, tracking] = Intake(*handler, "QXA");
  ASSERT_FALSE(tracking.empty());
  // Numbers are per body (QXB's first request is numbered like QXA's): its id names it.
  std::string other_id = Intake(*handler, "QXB").first;
  // A request of another body is refused next to the field, as an unknown one is.
  for (const std::string& ref : {other_id, std::string("2023-9999")}) {
    Reply wrong = handler->Post("/admin/cases/new",
                                {{"org", "QXA"},
                                 {"kind", "review"},
                                 {"filed_on", "2023-06-01"},
                                 {"request", ref},
                                 {"result", "pending"},
                                 {"closed_on", ""}},
                                "/admin/cases/new");
    EXPECT_EQ(wrong.status, 422) << ref;
    EXPECT_TRUE(Has(wrong.body, "id=\"request-err\"")) << ref;
    EXPECT_TRUE(Has(wrong.body, "value=\"" + ref + "\"")) << ref;
  }
  Reply review = handler->Post("/admin/cases/new",
                               {{"org", "QXA"},
                                {"kind", "review"},
                                {"filed_on", "2023-06-01"},
                                {"request", tracking},
                                {"result", "pending"},
                                {"closed_on", ""}},
                               "/admin/cases/new");
  ASSERT_EQ(review.status, 303) << review.body;
  EXPECT_EQ(review.location, "/admin/cases?org=QXA&year=2023");
  Reply suit = handler->Post("/admin/cases/new",
                             {{"org", "QXA"},
                              {"kind", "litigation_after_review"},
                              {"filed_on", "2023-07-01"},
                              {"request", request_id},
                              {"result", "maintained"},
                              {"closed_on", "2023-09-01"}},
                             "/admin/cases/new");
  ASSERT_EQ(suit.status, 303) << suit.body;
  std::string page = "/admin/cases?org=QXA&year=2023";
  Reply list = handler->Get(page);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(
      Has(list.body, "<a href=\"/admin/requests/" + request_id + "\">" + tracking + "</a>"));
  EXPECT_TRUE(Has(list.body, "<td>行政诉讼（复议后起诉）</td>"));
  // Table 四: 行政复议 one pending; 复议后起诉 one maintained.
  EXPECT_TRUE(
      Has(list.body,
          "<th scope=\"row\">行政复议</th><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td>"));
  EXPECT_TRUE(Has(list.body,
                  "<th scope=\"row\">行政诉讼（复议后起诉）</th><td>1</td><td>0</td><td>0</"
                  "td><td>0</td><td>1</td>"));
  std::string id = IdAfter(list.body, "/admin/cases/");
  ASSERT_FALSE(id.empty());
  std::string result = "/admin/cases/" + id + "/result";
  Reply undated = handler->Post(result, {{"result", "corrected"}, {"closed_on", ""}}, page);
  EXPECT_EQ(undated.status, 422);
  EXPECT_TRUE(Has(undated.body, "已审结的案件须给出审结日期"));
  EXPECT_TRUE(Has(undated.body, "id=\"row-err-" + id + "\""));
  EXPECT_TRUE(Has(undated.body, "<option value=\"corrected\" selected>"));
  Reply decided =
      handler->Post(result, {{"result", "corrected"}, {"closed_on", "2023-08-15"}}, page);
  EXPECT_EQ(decided.status, 303) << decided.body;
  Reply after = handler->Get(page);
  EXPECT_TRUE(
      Has(after.body,
          "<th scope=\"row\">行政复议</th><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>"));
  EXPECT_TRUE(Has(after.body, "2023-08-15"));
  EXPECT_FALSE(Has(after.body, "/result")) << "no pending case left";
}

TEST_P(CasesScreenTest, ABadFieldIsReportedNextToItAndTheInputKept) {
  auto handler = As("handler");
  Reply c = handler->Post("/admin/consultations/new",
                          {{"org", "QXA"},
                           {"channel", "phone"},
                           {"asked_on", "2999-01-01"},
                           {"topic", "保留这个咨询事项"},
                           {"answered", "no"}},
                          "/admin/consultations/new");
  EXPECT_EQ(c.status, 422);
  EXPECT_TRUE(Has(c.body, "id=\"asked_on-err\""));
  EXPECT_TRUE(Has(c.body, "晚于今天"));
  EXPECT_TRUE(Has(c.body, "保留这个咨询事项</textarea>"));
  EXPECT_TRUE(Has(c.body, "value=\"2999-01-01\""));
  EXPECT_TRUE(Has(c.body, "<option value=\"no\" selected>"));

  Reply k = handler->Post("/admin/complaints/new",
                          {{"org", "QXA"},
                           {"channel", "other"},
                           {"received_on", "2022-06-01"},
                           {"subject", ""},
                           {"replied_on", "2022-06-0x"}},
                          "/admin/complaints/new");
  EXPECT_EQ(k.status, 422);
  EXPECT_TRUE(Has(k.body, "id=\"subject-err\""));
  EXPECT_TRUE(Has(k.body, "id=\"replied_on-err\""));
  EXPECT_TRUE(Has(k.body, "value=\"2022-06-0x\""));
  EXPECT_TRUE(Has(k.body, "<option value=\"other\" selected>"));

  Reply l = handler->Post("/admin/cases/new",
                          {{"org", "QXA"},
                           {"kind", "litigation_direct"},
                           {"filed_on", "2023-05-01"},
                           {"request", ""},
                           {"result", "other"},
                           {"closed_on", "2023-04-01"}},
                          "/admin/cases/new");
  EXPECT_EQ(l.status, 422);
  EXPECT_TRUE(Has(l.body, "id=\"closed_on-err\""));
  EXPECT_TRUE(Has(l.body, "审结日期早于立案日期"));
  EXPECT_TRUE(Has(l.body, "<option value=\"litigation_direct\" selected>"));
  EXPECT_TRUE(Has(l.body, "value=\"2023-05-01\""));
}

TEST_P(CasesScreenTest, WithoutAValidCsrfTokenNothingIsWritten) {
  auto handler = As("handler");
  ASSERT_EQ(handler
                ->Post("/admin/complaints/new",
                       {{"org", "QXB"},
                        {"channel", "other"},
                        {"received_on", "2019-02-01"},
                        {"subject", "待答复"}},
                       "/admin/complaints/new")
                .status,
            303);
  ASSERT_EQ(handler
                ->Post("/admin/cases/new",
                       {{"org", "QXB"},
                        {"kind", "review"},
                        {"filed_on", "2019-02-01"},
                        {"result", "pending"}},
                       "/admin/cases/new")
                .status,
            303);
  std::string complaint =
      IdAfter(handler->Get("/admin/complaints?org=QXB&year=2019").body, "/admin/complaints/");
  std::string legal = IdAfter(handler->Get("/admin/cases?org=QXB&year=2019").body, "/admin/cases/");
  ASSERT_FALSE(complaint.empty());
  ASSERT_FALSE(legal.empty());
  struct Post {
    std::string path;
    std::string body;
  };
  for (const std::string& csrf : {std::string(), std::string("&csrf=forged")}) {
    for (const Post& p :
         {Post{"/admin/consultations/new",
               "org=QXB&channel=phone&asked_on=2019-02-02&topic=CSRF-TOPIC&answered=yes"},
          Post{"/admin/complaints/new",
               "org=QXB&channel=other&received_on=2019-02-02&subject=CSRF-SUBJECT"},
          Post{"/admin/complaints/" + complaint + "/reply", "replied_on=2019-02-03"},
          Post{"/admin/cases/new",
               "org=QXB&kind=litigation_direct&filed_on=2019-02-02&result=pending"},
          Post{"/admin/cases/" + legal + "/result", "result=maintained&closed_on=2019-02-03"}}) {
      EXPECT_EQ(handler->PostRaw(p.path, p.body + csrf).status, 403) << p.path << csrf;
    }
  }
  EXPECT_FALSE(Has(handler->Get("/admin/consultations?org=QXB&year=2019").body, "CSRF-TOPIC"));
  Reply complaints = handler->Get("/admin/complaints?org=QXB&year=2019");
  EXPECT_FALSE(Has(complaints.body, "CSRF-SUBJECT"));
  EXPECT_FALSE(Has(complaints.body, "2019-02-03"));
  Reply cases = handler->Get("/admin/cases?org=QXB&year=2019");
  EXPECT_FALSE(Has(cases.body, "<td>行政诉讼（未经复议直接起诉）</td>"));
  EXPECT_FALSE(Has(cases.body, "结果维持</td>"));
}

TEST_P(CasesScreenTest, OutsideTheSubtreeEveryCaseScreenRefuses) {
  auto handler = As("handler");
  ASSERT_EQ(handler
                ->Post("/admin/complaints/new",
                       {{"org", "QXA"},
                        {"channel", "other"},
                        {"received_on", "2018-02-01"},
                        {"subject", "教育局的投诉"}},
                       "/admin/complaints/new")
                .status,
            303);
  ASSERT_EQ(handler
                ->Post("/admin/cases/new",
                       {{"org", "QXA"},
                        {"kind", "review"},
                        {"filed_on", "2018-02-01"},
                        {"result", "pending"}},
                       "/admin/cases/new")
                .status,
            303);
  std::string complaint =
      IdAfter(handler->Get("/admin/complaints?org=QXA&year=2018").body, "/admin/complaints/");
  std::string legal = IdAfter(handler->Get("/admin/cases?org=QXA&year=2018").body, "/admin/cases/");
  ASSERT_FALSE(complaint.empty());
  ASSERT_FALSE(legal.empty());

  auto outsider = As("handlerb");  // case handler of 财政局, a sibling of 教育局
  for (const char* list :
       {"/admin/consultations?org=QXA", "/admin/complaints?org=QXA", "/admin/cases?org=QXA"}) {
    EXPECT_EQ(outsider->Get(list).status, 403) << list;
  }
  Reply own = outsider->Get("/admin/complaints");
  EXPECT_EQ(own.status, 200);
  EXPECT_FALSE(Has(own.body, "青溪市教育局 [QXA]")) << "the body select offers only QXB";
  Reply form = outsider->Get("/admin/cases/new");
  EXPECT_FALSE(Has(form.body, "[QXA]"));
  EXPECT_EQ(outsider
                ->Post("/admin/consultations/new",
                       {{"org", "QXA"},
                        {"channel", "phone"},
                        {"asked_on", "2018-02-02"},
                        {"topic", "越权"},
                        {"answered", "yes"}},
                       "/admin/consultations/new")
                .status,
            403);
  EXPECT_EQ(outsider
                ->Post("/admin/complaints/new",
                       {{"org", "QXA"},
                        {"channel", "other"},
                        {"received_on", "2018-02-02"},
                        {"subject", "越权"}},
                       "/admin/complaints/new")
                .status,
            403);
  EXPECT_EQ(outsider
                ->Post("/admin/cases/new",
                       {{"org", "QXA"},
                        {"kind", "review"},
                        {"filed_on", "2018-02-02"},
                        {"result", "pending"}},
                       "/admin/cases/new")
                .status,
            403);
  EXPECT_EQ(outsider
                ->Post("/admin/complaints/" + complaint + "/reply", {{"replied_on", "2018-02-03"}},
                       "/admin/complaints")
                .status,
            403);
  EXPECT_EQ(outsider
                ->Post("/admin/cases/" + legal + "/result",
                       {{"result", "maintained"}, {"closed_on", "2018-02-03"}}, "/admin/cases")
                .status,
            403);
  // The department's own editor may read but not record.
  auto editor = As("editor");
  EXPECT_EQ(editor
                ->Post("/admin/complaints/" + complaint + "/reply", {{"replied_on", "2018-02-03"}},
                       "/admin/complaints")
                .status,
            403);
  Reply still = handler->Get("/admin/complaints?org=QXA&year=2018");
  EXPECT_FALSE(Has(still.body, "2018-02-03"));
  EXPECT_FALSE(Has(still.body, "越权"));
  EXPECT_TRUE(Has(handler->Get("/admin/cases?org=QXA&year=2018").body, "尚未审结</td>"));
}

TEST_P(CasesScreenTest, HostileInputIsEscapedEverywhere) {
  auto handler = As("handler");
  for (const char* payload : {kXssScript, kXssAttr}) {
    EXPECT_EQ(handler
                  ->Post("/admin/consultations/new",
                         {{"org", "QXA"},
                          {"channel", "on_site"},
                          {"asked_on", "2020-01-02"},
                          {"topic", payload},
                          {"answered", "yes"}},
                         "/admin/consultations/new")
                  .status,
              303);
    EXPECT_EQ(handler
                  ->Post("/admin/complaints/new",
                         {{"org", "QXA"},
                          {"channel", "other"},
                          {"received_on", "2020-01-02"},
                          {"subject", payload}},
                         "/admin/complaints/new")
                  .status,
              303);
    std::vector<Reply> pages = {handler->Get("/admin/consultations?org=QXA&year=2020"),
                                handler->Get("/admin/complaints?org=QXA&year=2020")};
    // Re-rendered forms and row forms echo the input escaped too.
    pages.push_back(handler->Post("/admin/consultations/new",
                                  {{"org", "QXA"},
                                   {"channel", "on_site"},
                                   {"asked_on", payload},
                                   {"topic", payload},
                                   {"answered", payload}},
                                  "/admin/consultations/new"));
    pages.push_back(handler->Post("/admin/complaints/new",
                                  {{"org", payload},
                                   {"channel", payload},
                                   {"received_on", payload},
                                   {"subject", payload},
                                   {"replied_on", payload}},
                                  "/admin/complaints/new"));
    pages.push_back(handler->Post("/admin/cases/new",
                                  {{"org", "QXA"},
                                   {"kind", "review"},
                                   {"filed_on", "2020-01-02"},
                                   {"request", payload},
                                   {"result", "pending"},
                                   {"closed_on", ""}},
                                  "/admin/cases/new"));
    pages.push_back(handler->Post("/admin/cases/new",
                                  {{"org", "QXA"},
                                   {"kind", payload},
                                   {"filed_on", payload},
                                   {"request", payload},
                                   {"result", payload},
                                   {"closed_on", payload}},
                                  "/admin/cases/new"));
    std::string complaint = IdAfter(pages[1].body, "/admin/complaints/");
    ASSERT_FALSE(complaint.empty());
    pages.push_back(handler->Post("/admin/complaints/" + complaint + "/reply",
                                  {{"replied_on", payload}}, "/admin/complaints"));
    EXPECT_TRUE(Has(pages[0].body, "&lt;") && Has(pages[1].body, "&lt;"));
    for (size_t i = 0; i < pages.size(); ++i) {
      EXPECT_NE(pages[i].status, 500) << i;
      EXPECT_FALSE(Has(pages[i].body, payload)) << i;
      EXPECT_FALSE(Has(pages[i].body, "<script>")) << i;
      EXPECT_FALSE(Has(pages[i].body, "<img")) << i;
    }
    EXPECT_EQ(pages[2].status, 422);
    EXPECT_EQ(pages[4].status, 422);
  }
}

TEST_P(CasesScreenTest, LongListsArePagedWithTheUnansweredFirst) {
  auto handler = As("handler");
  // 60 answered consultations and complaints of 2016, then one unanswered of each, older still.
  Direct([&](core::Repositories& r) -> core::Status {
    core::Id org = OrgId(r, "QXA");
    std::vector<core::Consultation> consultations;
    std::vector<core::Complaint> complaints;
    for (int i = 0; i < 60; ++i) {
      core::Date on = core::Date::FromYmd(2016, 3, 1).AddDays(i);
      std::string n = std::to_string(i);
      consultations.push_back(
          {0, org, core::ConsultChannel::kPhone, on, "PAGED-C-" + n + "-END", true, ""});
      complaints.push_back(
          {0, org, core::ComplaintChannel::kOther, on, "PAGED-K-" + n + "-END", on.AddDays(1), ""});
    }
    consultations.push_back({0, org, core::ConsultChannel::kOnSite, core::Date::FromYmd(2016, 1, 2),
                             "OPEN-C-END", false, ""});
    complaints.push_back({0, org, core::ComplaintChannel::kOther, core::Date::FromYmd(2016, 1, 2),
                          "OPEN-K-END", std::nullopt, ""});
    GONGKAI_RETURN_IF_ERROR(r.cases().InsertConsultations(consultations));
    return r.cases().InsertComplaints(complaints);
  });
  for (std::string kind : {"consultations", "complaints"}) {
    std::string mark = kind == "consultations" ? "-C-" : "-K-";
    std::string path = "/admin/" + kind + "?org=QXA&year=2016";
    Reply first = handler->Get(path);
    ASSERT_EQ(first.status, 200) << kind;
    // The unanswered one leads although it is the oldest; then the newest answered ones.
    size_t open = first.body.find("OPEN" + mark + "END");
    ASSERT_NE(open, std::string::npos) << kind;
    EXPECT_LT(open, first.body.find("PAGED" + mark + "59-END")) << kind;
    EXPECT_LT(first.body.find("PAGED" + mark + "59-END"),
              first.body.find("PAGED" + mark + "58-END"))
        << kind;
    // 50 rows a page: page 1 ends with answered no. 11, page 2 holds 10 to 0.
    EXPECT_TRUE(Has(first.body, "PAGED" + mark + "11-END")) << kind;
    EXPECT_FALSE(Has(first.body, "PAGED" + mark + "10-END")) << kind;
    EXPECT_TRUE(Has(first.body, "共 61 条，第 1/2 页")) << kind;
    EXPECT_TRUE(Has(first.body, "page=2\" rel=\"next\"")) << kind;
    Reply second = handler->Get(path + "&page=2");
    ASSERT_EQ(second.status, 200) << kind;
    EXPECT_TRUE(Has(second.body, "PAGED" + mark + "10-END")) << kind;
    EXPECT_TRUE(Has(second.body, "PAGED" + mark + "0-END")) << kind;
    EXPECT_FALSE(Has(second.body, "PAGED" + mark + "11-END")) << kind;
    EXPECT_FALSE(Has(second.body, "OPEN" + mark + "END")) << kind;
    // The counts cover the whole year, not the page.
    EXPECT_TRUE(Has(second.body, "<td>61</td></tr>")) << kind;
    EXPECT_EQ(handler->Get(path + "&page=0").status, 400) << kind;
  }
}

GONGKAI_ADMIN_BACKENDS(CasesScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
