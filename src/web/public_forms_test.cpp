// The public forms over HTTP: online request → tracking number and code → status lookup;
// consultation and complaint; CSRF, honeypot, content type and rate limits; and the page
// cache, visit counts and zero-result log that the portal keeps beside them.
#include "web/public_forms.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <regex>
#include <thread>

#include "app/attachment_store.hpp"
#include "core/audit.hpp"
#include "core/request_letters.hpp"
#include "core/request_service.hpp"
#include "search/search_index.hpp"
#include "store/site_counters.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/portal.hpp"
#include "web/server.hpp"
#include "web/test_client.hpp"

namespace gongkai::web {
namespace {

using test_client::Reply;

// A published item of body `org` in the 通知公告 column.
core::Item PublishedItem(core::Id org, const std::string& title, const std::string& index_no,
                         core::Date published_on) {
  core::Item item;
  item.org_id = org;
  item.title = title;
  item.publisher = "青溪市人民政府";
  item.formed_on = published_on.AddDays(-1);
  item.published_on = published_on;
  item.index_no = index_no;
  item.category = "法定主动公开内容/通知公告";
  item.state = core::ItemState::kPublished;
  return item;
}

class FormsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new gongkai::testing::TestDatabase("sqlite");
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = opened->release();
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(root_id_, r.orgs().Insert(root));
      core::Item item = PublishedItem(root_id_, "青溪市义务教育招生工作方案", "QX/2026-00001",
                                      core::Date::FromYmd(2026, 5, 2));
      item.body_md = "招生范围和时间。";
      GONGKAI_ASSIGN_OR_RETURN(item_id_, r.items().Insert(item));
      auto file =
          app::AttachmentStore(AttachmentDir()).Put("%PDF-1.4\n招生范围图\n", "招生范围.pdf");
      GONGKAI_RETURN_IF_ERROR(file.status());
      file->item_id = item_id_;
      file->position = 1;
      GONGKAI_RETURN_IF_ERROR(r.items().AddAttachment(*file).status());
      core::Response reading;
      reading.org_id = root_id_;
      reading.kind = core::ResponseKind::kInterpretation;
      reading.held_on = core::Date::FromYmd(2026, 5, 3);
      reading.topic = "一图读懂义务教育招生";
      reading.interpreted_item_id = item_id_;
      return r.items().InsertResponse(reading).status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_TRUE(search::SearchIndex(*store_).Sync().ok());
  }

  static void TearDownTestSuite() {
    delete store_;
    delete db_;
    std::filesystem::remove_all(AttachmentDir());
  }

  static std::string AttachmentDir() {
    return (std::filesystem::temp_directory_path() /
            ("gongkai-forms-test-" + std::to_string(getpid())))
        .string();
  }

  void SetUp() override { Start(100); }
  void TearDown() override { Stop(); }

  void Start(int burst, const std::string& read_url = "") {
    auto pool = StorePool::Open(db_->url(), 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(*pool);
    if (!read_url.empty()) {
      auto reads = StorePool::Open(read_url, 2);
      ASSERT_TRUE(reads.ok()) << reads.status().ToString();
      read_pool_ = std::move(*reads);
    }
    PortalOptions po;
    po.data_dir = GONGKAI_SOURCE_DIR;
    po.public_url = "http://example.test";
    auto key = app::PersonalDataKey::FromBytes(std::string(32, 'k'));
    ASSERT_TRUE(key.ok());
    po.key = *key;
    po.form_burst = burst;
    po.attachment_dir = AttachmentDir();
    po.read_pool = read_pool_.get();
    po.counter_flush = std::chrono::milliseconds(100);
    po.clock = &clock_;
    auto portal = Portal::Create(*pool_, po);
    ASSERT_TRUE(portal.ok()) << portal.status().ToString();
    portal_ = std::move(*portal);
    ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.handle_signals = false;
    so.access_log = false;
    so.shutdown_grace = std::chrono::seconds(2);
    auto ready = std::make_shared<std::promise<unsigned short>>();
    so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    Portal* p = portal_.get();
    server_ = std::make_unique<Server>(
        so, [p](const HttpRequest& r) { return p->Handle(r); },
        [p](int status) { return p->ErrorPage(status); });
    thread_ = std::thread([this] { ASSERT_TRUE(server_->Run().ok()); });
    port_ = ready->get_future().get();
  }

  void Stop() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
    portal_.reset();  // flushes the counters
    pool_.reset();
    read_pool_.reset();
  }

  Reply Get(const std::string& target, const std::string& extra = "") {
    return test_client::Exchange(port_, "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra +
                                            "Connection: close\r\n\r\n")
        .first();
  }

  Reply Post(const std::string& target, const std::string& body, const std::string& cookie,
             const std::string& type = "application/x-www-form-urlencoded") {
    std::string raw = "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type +
                      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
                      (cookie.empty() ? "" : "Cookie: gk_csrf=" + cookie + "\r\n") +
                      "Connection: close\r\n\r\n" + body;
    return test_client::Exchange(port_, raw).first();
  }

  // The form's CSRF token and the cookie it is bound to, from a GET of `target`.
  std::pair<std::string, std::string> TokenAndCookie(const std::string& target) {
    Reply r = Get(target);
    EXPECT_EQ(r.status, 200);
    std::smatch m;
    std::string token, cookie;
    if (std::regex_search(r.body, m, std::regex("name=\"token\" value=\"([^\"]+)\""))) {
      token = m[1];
    }
    std::string set = r.Header("Set-Cookie");
    if (std::regex_search(set, m, std::regex("gk_csrf=([^;]+)"))) cookie = m[1];
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    return {token, cookie};
  }

  static std::string ApplyBody(const std::string& token, const std::string& description) {
    return "org=QX&applicant_type=natural_person&name=%E5%BC%A0%E4%B8%89%E4%B8%B0"
           "&id_document=ID-4301&contact=13800000000&description=" +
           UrlEncode(description) + "&doc_no=&delivery=" + UrlEncode("电子邮件") +
           "&website=&token=" + token;
  }

  static inline gongkai::testing::TestDatabase* db_ = nullptr;
  static inline store::SociStore* store_ = nullptr;
  static inline core::Id root_id_ = 0, item_id_ = 0;
  core::FixedClock clock_{"2026-11-20T02:00:00Z", core::Date::FromYmd(2026, 11, 20)};
  std::unique_ptr<StorePool> pool_, read_pool_;
  std::unique_ptr<Portal> portal_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

TEST_F(FormsTest, OnlineRequestGetsTrackingNumberAndCodeThatFindItsStatus) {
  auto [token, cookie] = TokenAndCookie("/apply?org=QX");
  ASSERT_FALSE(token.empty());
  ASSERT_FALSE(cookie.empty());
  Reply done = Post("/apply", ApplyBody(token, "请公开《青溪市义务教育招生工作方案》"), cookie);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Header("Cache-Control"), "no-store");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(done.body, m, std::regex("id=\"tracking-no\">([^<]+)<")));
  std::string tracking = m[1];
  ASSERT_TRUE(std::regex_search(done.body, m, std::regex("id=\"lookup-code\">([^<]+)<")));
  std::string code = m[1];
  EXPECT_EQ(tracking, "2026-0001");
  // The published item that may already answer it is suggested.
  EXPECT_NE(done.body.find("青溪市义务教育招生工作方案"), std::string::npos);
  // The applicant's data never comes back on a page.
  EXPECT_EQ(done.body.find("张三丰"), std::string::npos);
  // No holiday notice is loaded here: the due date is an estimate, and the receipt says why.
  EXPECT_NE(done.body.find("（暂定）"), std::string::npos) << done.body;
  EXPECT_NE(done.body.find("年节假日安排尚未发布"), std::string::npos);

  auto [t2, c2] = TokenAndCookie("/status");
  Reply status =
      Post("/status", "org=QX&tracking_no=" + tracking + "&code=" + code + "&token=" + t2, c2);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_NE(status.body.find("已收到，待办理"), std::string::npos);
  EXPECT_NE(status.body.find("收到申请"), std::string::npos);
  EXPECT_NE(status.body.find("年节假日安排尚未发布"), std::string::npos) << status.body;
  EXPECT_EQ(status.body.find("张三丰"), std::string::npos);
  EXPECT_EQ(status.body.find("13800000000"), std::string::npos);

  // A wrong code learns nothing, not even whether the number exists.
  Reply wrong =
      Post("/status", "org=QX&tracking_no=" + tracking + "&code=AAAAAAAAAAAA&token=" + t2, c2);
  EXPECT_EQ(wrong.status, 404);
  EXPECT_NE(wrong.body.find("申请编号或查询码不正确"), std::string::npos);
  Reply unknown = Post("/status", "org=QX&tracking_no=2026-0999&code=" + code + "&token=" + t2, c2);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("申请编号或查询码不正确"), std::string::npos);

  // Stored sealed, not in clear.
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto list, r.requests().ListByOrgYear(root_id_, 2026));
    EXPECT_EQ(list.size(), 1u);
    if (!list.empty()) {
      EXPECT_EQ(list[0].channel, core::RequestChannel::kOnline);
      EXPECT_EQ(list[0].applicant_sealed.find("张三丰"), std::string::npos);
      EXPECT_EQ(list[0].description, "请公开《青溪市义务教育招生工作方案》");
    }
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// Issue 21: the code typed loosely finds the request; the page says what to correct, by
// when and how once the 补正告知书 is issued, and serves the applicant's own letters only.
TEST_F(FormsTest, StatusShowsTheCorrectionAndServesOnlyTheApplicantsLetters) {
  auto [token, cookie] = TokenAndCookie("/apply?org=QX");
  Reply done = Post("/apply", ApplyBody(token, "请公开本机关去年的全部会议纪要"), cookie);
  ASSERT_EQ(done.status, 200) << done.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(done.body, m, std::regex("id=\"tracking-no\">([^<]+)<")));
  std::string tracking = m[1];
  ASSERT_TRUE(std::regex_search(done.body, m, std::regex("id=\"lookup-code\">([^<]+)<")));
  std::string code = m[1];
  core::Id letter_id = 0;
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto req, core::FindRequest(r, "QX", tracking));
    core::ChangeContext ctx{"user:handler", "2026-11-20T02:00:00Z"};
    core::EventInput in;
    in.kind = core::RequestEventKind::kCorrectionRequested;
    in.on = clock_.Today();
    in.note = "请写明会议名称和时间";
    in.correction_how = "通过网上申请平台";
    in.correction_deadline = core::Date::FromYmd(2026, 12, 4);
    GONGKAI_RETURN_IF_ERROR(core::RecordRequestEvent(r, ctx, clock_.Today(), req.id, in).status());
    GONGKAI_ASSIGN_OR_RETURN(
        auto letter,
        core::IssueLetter(
            r, ctx, clock_.Today(), req.id,
            {core::LetterKind::kCorrection, "补正告知书\n\n请于2026年12月4日前补正。", {}}));
    letter_id = letter.id;
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();

  auto [t2, c2] = TokenAndCookie("/status");
  std::string loose;
  for (char c : code) loose += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  loose.insert(4, "+");  // a space, form-encoded
  Reply status =
      Post("/status", "org=QX&tracking_no=+" + tracking + "&code=" + loose + "&token=" + t2, c2);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_NE(status.body.find("请写明会议名称和时间"), std::string::npos);
  EXPECT_NE(status.body.find("2026年12月4日"), std::string::npos);
  EXPECT_NE(status.body.find("通过网上申请平台"), std::string::npos);
  ASSERT_TRUE(std::regex_search(status.body, m,
                                std::regex("name=\"token\" value=\"([^\"]+)\"><input "
                                           "type=\"hidden\" name=\"request\" value=\"([0-9]+)\"")));
  std::string letter_token = m[1], request_id = m[2];
  std::string fetch =
      "token=" + letter_token + "&request=" + request_id + "&letter=" + std::to_string(letter_id);
  Reply txt = Post("/status/letter", fetch + "&format=txt", c2);
  ASSERT_EQ(txt.status, 200) << txt.body;
  EXPECT_EQ(txt.body, "补正告知书\n\n请于2026年12月4日前补正。");
  EXPECT_NE(txt.Header("Content-Disposition").find("attachment"), std::string::npos);
  Reply html = Post("/status/letter", fetch + "&format=html", c2);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("class=\"letter-title\">补正告知书"), std::string::npos);
  // Another letter id under this request: not found; another request: the token refuses.
  EXPECT_EQ(Post("/status/letter",
                 "token=" + letter_token + "&request=" + request_id +
                     "&letter=" + std::to_string(letter_id + 1) + "&format=txt",
                 c2)
                .status,
            404);
  EXPECT_EQ(
      Post("/status/letter",
           "token=" + letter_token + "&request=" + std::to_string(std::stoll(request_id) + 1) +
               "&letter=" + std::to_string(letter_id) + "&format=txt",
           c2)
          .status,
      403);
  EXPECT_EQ(Post("/status/letter", fetch + "&format=txt", "").status, 403) << "cookie-bound";
}

TEST_F(FormsTest, BadFieldsReRenderWithMessagesAndKeepTheInput) {
  auto [token, cookie] = TokenAndCookie("/apply");
  Reply r = Post("/apply", ApplyBody(token, "太短"), cookie);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("请至少填写 5 个字"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"张三丰\""), std::string::npos);  // kept
  EXPECT_NE(r.body.find(">太短</textarea>"), std::string::npos);
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  // Full-width digits and traditional characters are normalised before checking.
  Reply ok = Post("/apply", ApplyBody(token, "請公開２０２６年招生方案全文"), cookie);
  EXPECT_EQ(ok.status, 200) << ok.body;
  // XSS in a kept field is escaped.
  Reply x = Post("/apply", ApplyBody(token, "<script>alert(1)</script>"), cookie);
  EXPECT_EQ(x.body.find("<script>alert(1)"), std::string::npos);
}

TEST_F(FormsTest, CsrfHoneypotContentTypeAndMethodAreChecked) {
  auto [token, cookie] = TokenAndCookie("/apply");
  std::string body = ApplyBody(token, "请公开某某文件的全文内容");
  Reply no_cookie = Post("/apply", body, "");
  EXPECT_EQ(no_cookie.status, 403);
  EXPECT_NE(no_cookie.body.find("页面已过期"), std::string::npos);
  EXPECT_NE(no_cookie.body.find("value=\"张三丰\""), std::string::npos);  // input kept
  Reply other_cookie = Post("/apply", body, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(other_cookie.status, 403);
  Reply no_token = Post("/apply", ApplyBody("", "请公开某某文件的全文内容"), cookie);
  EXPECT_EQ(no_token.status, 403);
  auto [consult_token, consult_cookie] = TokenAndCookie("/consult");
  Reply wrong_form =
      Post("/apply", ApplyBody(consult_token, "请公开某某文件的全文内容"), consult_cookie);
  EXPECT_EQ(wrong_form.status, 403);  // a token is for one form
  std::string trap = body;
  trap.replace(trap.find("website="), 8, "website=http://spam");
  EXPECT_EQ(Post("/apply", trap, cookie).status, 400);
  EXPECT_EQ(Post("/apply", body, cookie, "text/plain").status, 415);
  EXPECT_EQ(Post("/apply", "%zz=1", cookie).status, 400);
  EXPECT_EQ(Post("/", "a=1", cookie).status, 405);
  EXPECT_EQ(Post("/item/1", "a=1", cookie).Header("Allow"), "GET, HEAD");
  // Nothing above was stored.
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto list, r.requests().ListByOrgYear(root_id_, 2026));
    for (const auto& req : list) EXPECT_NE(req.description, "请公开某某文件的全文内容");
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_F(FormsTest, BlankFormsAreRenderedOnceYetEachVisitorGetsItsOwnToken) {
  // Two new visitors: the stored page is shared, the cookie and the token are each their own.
  auto page = [&](const std::string& target) {
    Reply r = Get(target);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(r.body, m, std::regex("name=\"token\" value=\"([^\"]+)\"")));
    std::string token = m[1];
    std::string cookie;
    std::string set = r.Header("Set-Cookie");
    if (std::regex_search(set, m, std::regex("gk_csrf=([^;]+)"))) cookie = m[1];
    std::string body = r.body;
    body.replace(body.find(token), token.size(), "TOKEN");
    return std::tuple{token, cookie, body};
  };
  for (const char* form : {"/apply", "/consult", "/complaint", "/status", "/apply?org=QX"}) {
    SCOPED_TRACE(form);
    auto [t1, c1, b1] = page(form);
    auto [t2, c2, b2] = page(form);
    EXPECT_NE(c1, c2);
    EXPECT_NE(t1, t2);
    EXPECT_EQ(b1, b2);
    EXPECT_EQ(b1.find("TOKEN"), b1.rfind("TOKEN"));  // one token, no marker left over
  }
  EXPECT_NE(std::get<2>(page("/apply?org=QX")).find("value=\"QX\" selected"), std::string::npos);
  EXPECT_EQ(std::get<2>(page("/apply?org=NOPE")).find(" selected>"), std::string::npos);
  // A token from the shared page works for its own visitor only.
  auto [t1, c1, b1] = page("/apply");
  auto [t2, c2, b2] = page("/apply");
  EXPECT_EQ(Post("/apply", ApplyBody(t1, "请公开青溪市二〇二六年部门预算"), c2).status, 403);
  Reply done = Post("/apply", ApplyBody(t2, "请公开青溪市二〇二六年部门预算"), c2);
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("申请已提交"), std::string::npos);
}

TEST_F(FormsTest, SubmissionsAreRateLimitedPerClient) {
  Stop();
  Start(3);
  auto [token, cookie] = TokenAndCookie("/consult");
  std::string body = "org=QX&question=" + UrlEncode("信息公开指南在哪里查看") +
                     "&name=&contact=&website=&token=" + token;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Post("/consult", body, cookie).status, 200) << i;
  Reply limited = Post("/consult", body, cookie);
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.Header("Retry-After").empty());
}

TEST_F(FormsTest, ConsultationAndComplaintAreStoredWithSealedContact) {
  auto [token, cookie] = TokenAndCookie("/complaint?org=QX");
  Reply r = Post("/complaint",
                 "org=QX&subject=" + UrlEncode("申请超过期限未获答复") +
                     "&name=" + UrlEncode("李四") + "&contact=13900000000&website=&token=" + token,
                 cookie);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("TS-"), std::string::npos);
  Reply missing = Post("/complaint",
                       "org=QX&subject=" + UrlEncode("申请超过期限未获答复") +
                           "&name=&contact=&website=&token=" + token,
                       cookie);
  EXPECT_EQ(missing.status, 400);  // a complaint needs a way to answer it
  core::Status s = store_->Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto list, repos.cases().ListComplaints(root_id_, 2026));
    EXPECT_EQ(list.size(), 1u);
    if (!list.empty()) {
      EXPECT_EQ(list[0].subject, "申请超过期限未获答复");
      EXPECT_FALSE(list[0].contact_sealed.empty());
      EXPECT_EQ(list[0].contact_sealed.find("13900000000"), std::string::npos);
    }
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(FormsTest, PagesAreCachedUntilTheDataChangesAndVisitsAreCounted) {
  Reply first = Get("/item/" + std::to_string(item_id_));
  ASSERT_EQ(first.status, 200);
  EXPECT_FALSE(first.Header("Last-Modified").empty());
  Reply again =
      Get("/item/" + std::to_string(item_id_), "If-None-Match: " + first.Header("ETag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  Reply home = Get("/");
  EXPECT_EQ(home.body.find("新发布的通知"), std::string::npos);
  // Publish another item (with its audit event, as every change has): the home page shows
  // it once the generation is re-read (at most a second later).
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    core::Item item =
        PublishedItem(root_id_, "新发布的通知", "QX/2026-00002", core::Date::FromYmd(2026, 11, 2));
    GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.items().Insert(item));
    return core::RecordChange(r.audit(), {"test", "2026-11-20T02:00:00Z"}, "item.publish", "item",
                              std::to_string(id), "", "{}");
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(Get("/").body.find("新发布的通知"), std::string::npos);
  // A search page is cached like the others; a query without hits counts at every answer,
  // rendered or from the cache, and the marker field never reaches the client.
  for (int i = 0; i < 2; ++i) {
    Reply none = Get("/search?q=" + UrlEncode("不存在的词语甲乙丙"));
    EXPECT_EQ(none.status, 200);
    EXPECT_EQ(none.Header("X-Gongkai-Search-Miss"), "");
    EXPECT_EQ(none.Header("Cache-Control"), "no-store");
  }
  Stop();  // flushes the counters
  auto visits =
      store::SumCounters(*store_, store::SiteCounter::kPageVisits, "2026-11-20", "2026-11-20");
  ASSERT_TRUE(visits.ok()) << visits.status().ToString();
  EXPECT_EQ(*visits, 4);  // the item twice (a 304 is a visit too), home twice
  auto misses = store::TopCounters(*store_, store::SiteCounter::kSearchMisses, "2026-01-01",
                                   "2026-12-31", 10);
  ASSERT_TRUE(misses.ok());
  ASSERT_EQ(misses->size(), 1u);
  EXPECT_EQ((*misses)[0].key, "不存在的词语甲乙丙");
  EXPECT_EQ((*misses)[0].count, 2);
}

TEST_F(FormsTest, ItemPageListsAttachmentsAndInterpretations) {
  std::string item = "/item/" + std::to_string(item_id_);
  Reply page = Get(item);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("招生范围.pdf"), std::string::npos);
  EXPECT_NE(page.body.find("一图读懂义务教育招生"), std::string::npos);
  EXPECT_NE(page.body.find("政策解读稿件"), std::string::npos);
  Reply file = Get(item + "/attachment/1");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.Header("Content-Type"), "application/pdf");
  EXPECT_NE(file.Header("Content-Disposition").find("attachment; filename*=UTF-8''"),
            std::string::npos);
  EXPECT_EQ(file.body, "%PDF-1.4\n招生范围图\n");
  // Issue 16, finding 7: a withdrawal reaches caches within minutes — attachments and item
  // pages are cacheable for at most five minutes and revalidate by ETag.
  for (const Reply* r : {&page, &file}) {
    std::string cc = r->Header("Cache-Control");
    size_t at = cc.find("max-age=");
    ASSERT_NE(at, std::string::npos) << cc;
    EXPECT_LE(std::stoi(cc.substr(at + 8)), 300) << cc;
    EXPECT_FALSE(r->Header("ETag").empty());
  }
  EXPECT_EQ(Get(item + "/attachment/1", "If-None-Match: " + file.Header("ETag") + "\r\n").status,
            304);
  EXPECT_EQ(Get(item + "/attachment/2").status, 404);
  int traversal = Get(item + "/attachment/..%2f..%2fetc").status;
  EXPECT_TRUE(traversal == 400 || traversal == 404) << traversal;
  EXPECT_EQ(Get("/item/999999/attachment/1").status, 404);
}

// With a read pool (a streaming replica in production; here another database), public
// pages read from it while the forms write to the primary.
TEST_F(FormsTest, PublicPagesReadTheReplicaFormsWriteThePrimary) {
  gongkai::testing::TestDatabase replica("sqlite");
  {
    auto opened = store::SociStore::Open(replica.url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok());
    core::Status s = (*opened)->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府（副本）";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.orgs().Insert(root));
      return r.items()
          .Insert(PublishedItem(id, "只在副本中的通知", "QX/2026-00900",
                                core::Date::FromYmd(2026, 6, 2)))
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  Stop();
  Start(100, replica.url());
  EXPECT_NE(Get("/").body.find("只在副本中的通知"), std::string::npos);
  auto [token, cookie] = TokenAndCookie("/consult?org=QX");
  Reply r = Post("/consult",
                 "org=QX&question=" + UrlEncode("副本读取时咨询写入主库") +
                     "&name=&contact=&website=&token=" + token,
                 cookie);
  ASSERT_EQ(r.status, 200) << r.body;
  core::Status s = store_->Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto list, repos.cases().ListConsultations(root_id_, 2026));
    bool found = false;
    for (const auto& c : list) found = found || c.topic == "副本读取时咨询写入主库";
    EXPECT_TRUE(found);
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace gongkai::web
