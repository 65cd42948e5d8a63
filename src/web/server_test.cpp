// HTTP-level tests: a real server on a free port over a throwaway SQLite database, spoken to
// through a plain socket.
#include "web/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/portal.hpp"
#include "web/store_pool.hpp"

namespace gongkai::web {
namespace {

struct Reply {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
  std::string Header(const std::string& name) const {
    std::string key = "\r\n" + name + ": ";
    size_t p = head.find(key);
    if (p == std::string::npos) return {};
    size_t s = p + key.size();
    return head.substr(s, head.find("\r\n", s) - s);
  }
};

// Sends `raw` on a new connection and reads until the server closes it.
Reply Exchange(unsigned short port, const std::string& raw) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  Reply reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return reply;
  }
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, 0);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string all;
  char buf[65536];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    all.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  size_t end = all.find("\r\n\r\n");
  if (end == std::string::npos) return reply;
  reply.head = all.substr(0, end + 2);
  reply.body = all.substr(end + 4);
  if (all.size() > 12) reply.status = std::atoi(all.substr(9, 3).c_str());
  return reply;
}

Reply Get(unsigned short port, const std::string& target, const std::string& extra = "",
          const std::string& method = "GET") {
  return Exchange(port, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra +
                            "Connection: close\r\n\r\n");
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new gongkai::testing::TestDatabase("sqlite");
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto& st = **opened;
    core::Status s = st.Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      root.acceptance_address = "青溪市人民路1号";
      GONGKAI_ASSIGN_OR_RETURN(core::Id root_id, r.orgs().Insert(root));
      for (int n = 1; n <= 25; ++n) {
        core::Item item;
        item.org_id = root_id;
        item.title = n == 1 ? "关于<script>alert(1)</script>政府信息公开的通知"
                            : "青溪市工作动态第" + std::to_string(n) + "期";
        item.summary = "摘要";
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2024, 5, 1);
        item.published_on = core::Date::FromYmd(2024, 5, n);
        item.index_no = "QX/2024-000" + std::to_string(10 + n);
        item.doc_no = n == 1 ? "青府发〔2024〕1号" : "";
        item.topic = "综合政务";
        item.category = n == 1 ? "法定主动公开内容/通知公告" : "法定主动公开内容/工作动态";
        item.state = core::ItemState::kPublished;
        item.body_md = "正文第一段。\n\n<script>alert(2)</script>";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.items().Insert(item));
        if (n == 1) first_item_ = id;
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_TRUE(search::SearchIndex(st).Sync().ok());

    auto pool = StorePool::Open(db_->url(), 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = pool->release();
    PortalOptions po;
    po.data_dir = GONGKAI_SOURCE_DIR;
    po.public_url = "http://example.test";
    auto portal = Portal::Create(*pool_, po);
    ASSERT_TRUE(portal.ok()) << portal.status().ToString();
    portal_ = portal->release();
    ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.handle_signals = false;
    so.access_log = false;
    so.read_timeout = std::chrono::seconds(2);
    // Through the worker pool, as `gongkai serve` runs (page-cache hits on the I/O threads).
    so.workers = 2;
    so.cached = [](const HttpRequest& r) { return portal_->TryCached(r); };
    auto ready = std::make_shared<std::promise<unsigned short>>();
    so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    server_ = new Server(
        so, [](const HttpRequest& r) { return portal_->Handle(r); },
        [](int status) { return portal_->ErrorPage(status); });
    thread_ = new std::thread([] { ASSERT_TRUE(server_->Run().ok()); });
    port_ = ready->get_future().get();
  }

  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (thread_) thread_->join();
    delete thread_;
    delete server_;
    delete portal_;
    delete pool_;
    delete db_;
  }

  static inline gongkai::testing::TestDatabase* db_ = nullptr;
  static inline StorePool* pool_ = nullptr;
  static inline Portal* portal_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline unsigned short port_ = 0;
  static inline core::Id first_item_ = 0;
};

TEST_F(ServerTest, HomeListsLatestItemsWithSecurityHeaders) {
  Reply r = Get(port_, "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("青溪市人民政府"), std::string::npos);
  EXPECT_NE(r.body.find("青溪市工作动态第25期"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);  // escaped
  EXPECT_NE(r.Header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.Header("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(r.Header("Referrer-Policy").empty());
  EXPECT_FALSE(r.Header("ETag").empty());
  EXPECT_NE(r.Header("Cache-Control").find("max-age"), std::string::npos);
}

TEST_F(ServerTest, OrgColumnPagesTwentyAtATime) {
  Reply r = Get(port_, "/org/QX");
  EXPECT_EQ(r.status, 200);
  for (const char* s : {"政府信息公开指南", "政府信息公开制度", "法定主动公开内容",
                        "政府信息公开年报", "共 25 条", "第 1 / 2 页"}) {
    EXPECT_NE(r.body.find(s), std::string::npos) << s;
  }
  Reply p2 = Get(port_, "/org/QX?cat=" + UrlEncode("法定主动公开内容") + "&page=2");
  EXPECT_EQ(p2.status, 200);
  EXPECT_NE(p2.body.find("第 2 / 2 页"), std::string::npos);
  Reply guide = Get(port_, "/org/QX?cat=" + UrlEncode("政府信息公开指南"));
  EXPECT_NE(guide.body.find("青溪市人民路1号"), std::string::npos);
  EXPECT_EQ(Get(port_, "/org/NOPE").status, 404);
  EXPECT_EQ(Get(port_, "/org/QX?page=x").status, 400);
}

TEST_F(ServerTest, ItemPageShowsMetadataAndEscapedBody) {
  Reply r = Get(port_, "/item/" + std::to_string(first_item_));
  EXPECT_EQ(r.status, 200);
  for (const char* s :
       {"索引号", "信息名称", "发布机构", "生成日期", "发布日期", "文号", "主题分类", "有效性",
        "QX/2024-00011", "青府发〔2024〕1号", "&lt;script&gt;alert(1)&lt;/script&gt;"}) {
    EXPECT_NE(r.body.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_EQ(Get(port_, "/item/999999").status, 404);
  EXPECT_EQ(Get(port_, "/item/abc").status, 404);
  Reply missing = Get(port_, "/no/such/page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("返回首页"), std::string::npos);
}

TEST_F(ServerTest, SearchFindsChineseWords) {
  Reply r = Get(port_, "/search?q=" + UrlEncode("工作动态"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("找到 24 条结果"), std::string::npos);
  EXPECT_NE(r.body.find("<mark>工作动态</mark>"), std::string::npos);
  Reply trad = Get(port_, "/search?q=" + UrlEncode("資訊") + "&sort=newest");
  EXPECT_EQ(trad.status, 200);
  Reply exact = Get(port_, "/search?q=" + UrlEncode("QX/2024-00011"));
  EXPECT_NE(exact.body.find("完全匹配"), std::string::npos);
  Reply xss = Get(port_, "/search?q=" + UrlEncode("<script>"));
  EXPECT_EQ(xss.body.find("<script>"), std::string::npos);
}

TEST_F(ServerTest, HeadHasHeadersButNoBody) {
  Reply get = Get(port_, "/robots.txt");
  Reply head = Get(port_, "/robots.txt", "", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_NE(get.body.find("Sitemap: http://example.test/sitemap.xml"), std::string::npos);
}

TEST_F(ServerTest, ConditionalRequestsGet304) {
  Reply r = Get(port_, "/item/" + std::to_string(first_item_));
  std::string etag = r.Header("ETag");
  ASSERT_FALSE(etag.empty());
  Reply again =
      Get(port_, "/item/" + std::to_string(first_item_), "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ServerTest, StaticCssIsCachedForAYear) {
  Reply home = Get(port_, "/");
  size_t p = home.body.find("/static/portal.");
  ASSERT_NE(p, std::string::npos);
  std::string href = home.body.substr(p, home.body.find('"', p) - p);
  Reply css = Get(port_, href);
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.Header("Cache-Control").find("max-age=31536000"), std::string::npos);
  EXPECT_NE(css.Header("Content-Type").find("text/css"), std::string::npos);
  EXPECT_EQ(Get(port_, "/static/../../etc/passwd").status, 400);
}

TEST_F(ServerTest, MalformedRequestsGet400AndTheServerLives) {
  EXPECT_EQ(Exchange(port_, "GARBAGE\r\n\r\n").status, 400);
  EXPECT_EQ(Exchange(port_, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n").status, 400);
  EXPECT_EQ(Exchange(port_, "GET nothing HTTP/1.1\r\nHost: x\r\n\r\n").status, 400);
  EXPECT_EQ(Exchange(port_, "GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n").status,
            431);
  EXPECT_EQ(Get(port_, "/", "", "POST").status, 405);
  EXPECT_EQ(Get(port_, "/healthz").status, 200);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Reply r = Exchange(port_,
                     "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("HTTP/1.1 200"), std::string::npos);  // the second response
}

// A page-cache hit is written from shared pre-serialised bytes: the same page as a fresh
// render, with the client's HTTP version and connection handling, pipelined or not.
TEST_F(ServerTest, CachedPagesKeepVersionConnectionAndHead) {
  std::string item = "/item/" + std::to_string(first_item_);
  Reply first = Get(port_, item);  // renders (or hits)
  ASSERT_EQ(first.status, 200);
  Reply again = Get(port_, item);  // a hit
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.Header("ETag"), first.Header("ETag"));
  EXPECT_EQ(again.Header("Content-Length"), std::to_string(first.body.size()));
  EXPECT_EQ(again.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(again.Header("Server"), "gongkai");

  Reply old = Exchange(port_, "GET " + item + " HTTP/1.0\r\n\r\n");  // 1.0: closes
  EXPECT_EQ(old.head.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << old.head;
  EXPECT_EQ(old.body, first.body);
  EXPECT_EQ(old.Header("Connection"), "");

  // Three pipelined requests on one connection: 1.0 keep-alive, HEAD, then close.
  Reply three = Exchange(port_, "GET " + item +
                                    " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                    "HEAD " +
                                    item +
                                    " HTTP/1.1\r\nHost: x\r\n\r\n"
                                    "GET " +
                                    item + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(three.head.rfind("HTTP/1.0 200 OK\r\n", 0), 0u);
  EXPECT_EQ(three.Header("Connection"), "keep-alive");
  // The first body is followed by the HEAD's head (no body) and the last full response.
  std::string rest = three.body.substr(first.body.size());
  EXPECT_EQ(three.body.substr(0, first.body.size()), first.body);
  ASSERT_EQ(rest.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << rest.substr(0, 200);
  size_t head_end = rest.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_NE(rest.substr(0, head_end).find("Content-Length: " + std::to_string(first.body.size())),
            std::string::npos);
  std::string last = rest.substr(head_end + 4);
  ASSERT_EQ(last.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << last.substr(0, 200);
  EXPECT_NE(last.find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(last.substr(last.size() - first.body.size()), first.body);
}

TEST_F(ServerTest, SitemapRssAndReport) {
  Reply index = Get(port_, "/sitemap.xml");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("http://example.test/sitemap-1.xml"), std::string::npos);
  Reply page = Get(port_, "/sitemap-1.xml");
  EXPECT_NE(page.body.find("http://example.test/item/" + std::to_string(first_item_) + "<"),
            std::string::npos);
  size_t urls = 0;
  for (size_t p = page.body.find("<url>"); p != std::string::npos;
       p = page.body.find("<url>", p + 1)) {
    ++urls;
  }
  EXPECT_EQ(urls, 25u);
  Reply rss = Get(port_, "/org/QX/rss.xml");
  EXPECT_EQ(rss.status, 200);
  EXPECT_NE(rss.body.find("<rss version=\"2.0\">"), std::string::npos);
  Reply report = Get(port_, "/org/QX/report/2024");
  EXPECT_EQ(report.status, 200) << report.body.substr(0, 500);
  EXPECT_NE(report.body.find("2024年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(report.Header("Content-Security-Policy").find("'sha256-"), std::string::npos);
  EXPECT_NE(report.body.find("本年报尚未发布"), std::string::npos);  // no version published
  Reply json = Get(port_, "/org/QX/report/2024/report.json");
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(json.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(json.body.find("\"cells\""), std::string::npos);
  Reply xlsx = Get(port_, "/org/QX/report/2024/report.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a ZIP container
  Reply csv = Get(port_, "/org/QX/report/2024/table3.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 BOM for Excel
  EXPECT_EQ(Get(port_, "/org/QX/report/2024/v1").status, 404);
  EXPECT_EQ(Get(port_, "/org/QX/report/2024/secrets.txt").status, 404);
  EXPECT_EQ(Get(port_, "/org/QX/report/2024/a/b").status, 404);
}

}  // namespace
}  // namespace gongkai::web
