// The hostile HTTP suite: malformed and abusive requests against a real web::Server and
// web::Portal on a free port, spoken to through raw sockets (web/test_client.hpp).
//
// Every case asserts that the server answers with the expected 4xx (the exact code where
// the server or the portal defines it) or drops the connection, and never answers 5xx or
// hangs; every batch (test) ends by checking that /healthz still answers 200. The server
// runs with one-second read and idle timeouts so that slow clients are cut off quickly.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/portal.hpp"
#include "web/server.hpp"
#include "web/store_pool.hpp"
#include "web/test_client.hpp"

namespace gongkai::web {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test_client::Connection;
using test_client::Conversation;
using test_client::Exchange;
using test_client::Reply;

// One hostile request. `expect` lists the statuses allowed (empty: any 4xx); a dropped
// connection (no answer, then close) is allowed when `drop_ok`. A 405 must carry Allow.
struct Case {
  std::string name;
  std::string raw;
  std::vector<int> expect;
  bool drop_ok = false;
};

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The outcome checks every case shares; returns the conversation for extra checks.
Conversation RunCase(unsigned short port, const Case& c) {
  SCOPED_TRACE(c.name);
  Conversation conv = Exchange(port, c.raw);
  EXPECT_TRUE(conv.connected);
  EXPECT_FALSE(conv.timed_out) << "no answer and no close within 5 s (a hang)";
  if (conv.replies.empty()) {
    EXPECT_TRUE(c.drop_ok) << "dropped without an answer; received: " << conv.raw.substr(0, 200);
    return conv;
  }
  const Reply& r = conv.first();
  EXPECT_LT(r.status, 500) << r.head;
  if (c.expect.empty()) {
    EXPECT_GE(r.status, 400) << r.head;
    EXPECT_LT(r.status, 500) << r.head;
  } else {
    EXPECT_NE(std::find(c.expect.begin(), c.expect.end(), r.status), c.expect.end())
        << "status " << r.status << "\n"
        << r.head;
  }
  if (r.status == 405) {
    EXPECT_NE(r.Header("Allow").find("GET"), std::string::npos) << r.head;
  }
  // Nothing from the request may turn into a response header (CR/LF injection).
  std::string head = Lower(r.head);
  EXPECT_EQ(head.find("set-cookie"), std::string::npos) << r.head;
  EXPECT_EQ(head.find("x-injected"), std::string::npos) << r.head;
  EXPECT_EQ(head.find("location: http://evil"), std::string::npos) << r.head;
  // No file outside static/ leaks (path traversal).
  EXPECT_EQ(conv.raw.find("root:x:0:0"), std::string::npos);
  EXPECT_EQ(conv.raw.find("{{"), std::string::npos) << "a template leaked";
  return conv;
}

// A GET of `target` with a Host header and Connection: close.
std::string Get(const std::string& target, const std::string& method = "GET",
                const std::string& extra = "") {
  return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra +
         "Connection: close\r\n\r\n";
}

class HostileTest : public ::testing::Test {
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
      GONGKAI_ASSIGN_OR_RETURN(core::Id root_id, r.orgs().Insert(root));
      for (int n = 1; n <= 3; ++n) {
        core::Item item;
        item.org_id = root_id;
        item.title = "青溪市工作动态第" + std::to_string(n) + "期";
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2024, 5, 1);
        item.published_on = core::Date::FromYmd(2024, 5, n);
        item.index_no = "QX/2024-0000" + std::to_string(n);
        item.category = "法定主动公开内容/工作动态";
        item.state = core::ItemState::kPublished;
        item.body_md = "正文。";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.items().Insert(item));
        if (n == 1) item_ = id;
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
    so.max_connections = 256;
    so.handle_signals = false;
    so.access_log = false;
    so.read_timeout = seconds(1);
    so.idle_timeout = seconds(1);
    // Through the worker pool, as `gongkai serve` runs.
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

  // After every batch: the server still serves.
  void TearDown() override {
    Conversation health = Exchange(port_, Get("/healthz"));
    EXPECT_EQ(health.status(), 200) << "after " << cases_ << " cases: " << health.raw;
    EXPECT_EQ(health.first().body, "ok\n");
    RecordProperty("hostile_cases", cases_);
  }

  void RunAll(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      RunCase(port_, c);
      ++cases_;
    }
  }

  static inline gongkai::testing::TestDatabase* db_ = nullptr;
  static inline StorePool* pool_ = nullptr;
  static inline Portal* portal_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline unsigned short port_ = 0;
  static inline core::Id item_ = 0;
  int cases_ = 0;
};

TEST_F(HostileTest, BadRequestLines) {
  std::vector<Case> cases = {
      {"garbage", "GARBAGE\r\n\r\n", {400}},
      {"empty line only", "\r\n\r\n", {}, true},
      {"method only", "GET\r\n\r\n", {400}},
      {"HTTP/0.9 (no version)", "GET /\r\n\r\n", {400}},
      {"missing target", "GET HTTP/1.1\r\n\r\n", {400}},
      {"double space", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"trailing token", "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", {400}},
      {"tabs as separators", "GET\t/\tHTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"lowercase protocol", "GET / http/1.1\r\nHost: x\r\n\r\n", {400}},
      {"HTTPS protocol name", "GET / HTTPS/1.1\r\nHost: x\r\n\r\n", {400}},
      {"version without minor", "GET / HTTP/1\r\nHost: x\r\n\r\n", {400}},
      {"version with three parts", "GET / HTTP/1.1.1\r\nHost: x\r\n\r\n", {400}},
      {"two-digit minor", "GET / HTTP/1.10\r\nHost: x\r\n\r\n", {400}},
      {"letters as version", "GET / HTTP/a.b\r\nHost: x\r\n\r\n", {400}},
      {"method with separator", "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"method with space inside", "G ET / HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"NUL in method", std::string("GE\0T / HTTP/1.1\r\n\r\n", 19), {400}},
      {"NUL in target", std::string("GET /\0 HTTP/1.1\r\n\r\n", 19), {400}},
      {"DEL in target", "GET /\x7f HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"control byte in target", "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"space in query", "GET /search?q=a b HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"absolute-form target", "GET http://example.test/ HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"absolute-form https", "GET https://evil.test/healthz HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"authority-form target", "GET example.test:80 HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"asterisk target with GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"asterisk target with OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"relative target", "GET item/1 HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"fragment in target", "GET /#top HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"bad percent escape", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"truncated percent escape", "GET /search?q=%e HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"TLS ClientHello on plain HTTP",
       std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11) + std::string(64, 'x'),
       {400},
       true},
      {"HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", {400}},
      {"method of 10000 letters",
       std::string(10000, 'A') + " / HTTP/1.1\r\n\r\n",
       {400, 431},
       true},
      {"target over the header limit",
       "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n",
       {431},
       true},
      {"only CRLFs", std::string(64, '\r') + "\n", {400}, true},
      {"request line without CRLF, then close", "GET / HTTP/1.1", {400}, true},
  };
  RunAll(cases);
}

// HTTP versions: 1.0 and 1.1 are served; other versions must not be served as if they were
// HTTP/1.x (RFC 9110 §15.6.6: 505, or 400 for a version the parser rejects).
TEST_F(HostileTest, UnsupportedHttpVersions) {
  RunAll({{"HTTP/1.0 is served", "GET /healthz HTTP/1.0\r\n\r\n", {200}},
          {"HTTP/1.1 without Host is served (one site)", "GET /healthz HTTP/1.1\r\n\r\n", {200}}});
  std::vector<Case> cases;
  for (const char* v : {"HTTP/0.9", "HTTP/2.0", "HTTP/3.0", "HTTP/9.9", "HTTP/0.0"}) {
    cases.push_back({std::string(v),
                     std::string("GET /healthz ") + v + "\r\nHost: x\r\n\r\n",
                     {400, 505},
                     true});
  }
  for (const Case& c : cases) {
    Conversation conv = Exchange(port_, c.raw);
    ++cases_;
    EXPECT_NE(conv.status(), 200) << c.name;
    RunCase(port_, c);
  }
}

TEST_F(HostileTest, MalformedHeaders) {
  std::vector<Case> cases = {
      {"header without colon", "GET / HTTP/1.1\r\nHost localhost\r\n\r\n", {400}},
      {"space in header name", "GET / HTTP/1.1\r\nHo st: x\r\n\r\n", {400}},
      {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", {400}},
      {"empty header name", "GET / HTTP/1.1\r\n: x\r\n\r\n", {400}},
      {"separator in header name", "GET / HTTP/1.1\r\nX(y): 1\r\n\r\n", {400}},
      {"NUL in header value", std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26), {400}},
      {"CR alone in header value", "GET / HTTP/1.1\r\nX: a\rX-Injected: 1\r\n\r\n", {400}},
      {"DEL in header value", "GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n", {400}},
      {"control byte in header value", "GET / HTTP/1.1\r\nX: \x01\r\n\r\n", {400}},
      {"header value over the limit",
       "GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n",
       {431},
       true},
      {"header name over the limit",
       "GET / HTTP/1.1\r\n" + std::string(9000, 'X') + ": 1\r\n\r\n",
       {431},
       true},
      {"headers just over the limit in total",
       [] {
         std::string r = "GET / HTTP/1.1\r\n";
         for (int i = 0; i < 90; ++i)
           r += "X-Pad-" + std::to_string(i) + ": " + std::string(90, 'p') + "\r\n";
         return r + "\r\n";
       }(),
       {431},
       true},
      {"2000 headers",
       [] {
         std::string r = "GET / HTTP/1.1\r\n";
         for (int i = 0; i < 2000; ++i) r += "X" + std::to_string(i) + ": v\r\n";
         return r + "\r\n";
       }(),
       {431},
       true},
      {"never-ending headers", "GET / HTTP/1.1\r\n" + std::string(12000, 'a'), {431}, true},
      {"obs-fold continuation line",
       "GET /healthz HTTP/1.1\r\nX: a\r\n  b\r\nConnection: close\r\n\r\n",
       {200, 400}},
      {"header line of spaces", "GET / HTTP/1.1\r\n    \r\n\r\n", {400}},
      {"conflicting Content-Length and empty name",
       "GET / HTTP/1.1\r\nContent-Length: 0\r\n:\r\n\r\n",
       {400}},
      {"If-None-Match of 7000 bytes",
       Get("/", "GET", "If-None-Match: \"" + std::string(7000, 'e') + "\"\r\n"),
       {200}},
      {"duplicate Host", Get("/healthz", "GET", "Host: evil.test\r\n"), {400}, true},
      {"Host with CRLF-like escapes",
       Get("/healthz", "GET", "Host: a%0d%0aX-Injected: 1\r\n"),
       {200, 400}},
  };
  RunAll(cases);
  // 200 small headers stay under the 8 KB limit: served.
  std::string many = "GET /healthz HTTP/1.1\r\n";
  for (int i = 0; i < 200; ++i) many += "A" + std::to_string(i) + ": b\r\n";
  RunAll({{"200 small headers under the limit", many + "Connection: close\r\n\r\n", {200}}});
}

TEST_F(HostileTest, ContentLengthAbuse) {
  std::vector<Case> cases = {
      {"negative Content-Length", "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", {400}},
      {"non-numeric Content-Length", "GET / HTTP/1.1\r\nContent-Length: zz\r\n\r\n", {400}},
      {"hex Content-Length", "GET / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", {400}},
      {"exponent Content-Length", "GET / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n", {400}},
      {"plus sign Content-Length", "GET / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", {400}},
      {"decimal Content-Length", "GET / HTTP/1.1\r\nContent-Length: 1.5\r\n\r\n", {400}},
      {"empty Content-Length", "GET / HTTP/1.1\r\nContent-Length:\r\n\r\n", {400}},
      {"overflowing Content-Length",
       "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
       {400, 413}},
      {"two different Content-Lengths",
       "GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
       {400}},
      {"Content-Length list with different values",
       "GET / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello!",
       {400}},
      {"two equal Content-Lengths",
       "GET /healthz HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\nConnection: "
       "close\r\n\r\nhello",
       {200, 400}},
      {"Content-Length over the body limit (GET)",
       "GET / HTTP/1.1\r\nContent-Length: 70000\r\n\r\n",
       {413}},
      {"Content-Length over the body limit (POST)",
       "POST /search HTTP/1.1\r\nContent-Length: 1000000\r\nContent-Type: "
       "application/x-www-form-urlencoded\r\n\r\n",
       {413}},
      {"Content-Length of 2^63",
       "GET / HTTP/1.1\r\nContent-Length: 9223372036854775808\r\n\r\n",
       {400, 413}},
      {"body shorter than Content-Length, then close",
       "GET / HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort",
       {400},
       true},
      {"GET with a small body is served",
       "GET /healthz HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
       {200}},
      {"Content-Length with leading zeros",
       "GET /healthz HTTP/1.1\r\nContent-Length: 0005\r\nConnection: close\r\n\r\nhello",
       {200, 400}},
  };
  // Bodies of the exact limit and one byte over, sent whole.
  std::string at_limit(64 * 1024, 'a'), over_limit(64 * 1024 + 1, 'a');
  cases.push_back(
      {"body of exactly the limit",
       "GET /healthz HTTP/1.1\r\nContent-Length: 65536\r\nConnection: close\r\n\r\n" + at_limit,
       {200}});
  cases.push_back({"body one byte over the limit",
                   "GET /healthz HTTP/1.1\r\nContent-Length: 65537\r\n\r\n" + over_limit,
                   {413},
                   true});
  for (const Case& c : cases) {
    // The client shuts down its side so that a short body ends in end-of-stream.
    SCOPED_TRACE(c.name);
    ++cases_;
    if (c.name.find("then close") != std::string::npos) {
      Connection conn(port_);
      conn.Send(c.raw);
      conn.ShutdownWrite();
      Conversation conv = conn.Read(1, seconds(5));
      EXPECT_FALSE(conv.timed_out);
      if (!conv.replies.empty()) {
        EXPECT_EQ(conv.status(), 400) << conv.raw;
      }
      continue;
    }
    RunCase(port_, c);
  }
}

// A body shorter than its Content-Length: the server waits for the rest and must give up
// after its read timeout (1 s here) without answering 5xx.
TEST_F(HostileTest, ContentLengthLargerThanBodyTimesOut) {
  auto start = std::chrono::steady_clock::now();
  Connection conn(port_);
  ASSERT_TRUE(conn.Send("GET /healthz HTTP/1.1\r\nContent-Length: 50\r\n\r\nonly-ten!!"));
  Conversation conv = conn.Read(1, seconds(5));
  ++cases_;
  EXPECT_FALSE(conv.timed_out);
  EXPECT_TRUE(conv.closed);
  if (!conv.replies.empty()) {
    EXPECT_LT(conv.status(), 500);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(4));
}

// Content-Length smaller than the bytes sent: the rest is the next request on the
// connection (here garbage), which gets its own 400; the first is served.
TEST_F(HostileTest, ContentLengthSmallerThanBody) {
  Conversation conv = Exchange(
      port_, "GET /healthz HTTP/1.1\r\nContent-Length: 2\r\n\r\nabcd\r\n\r\n", 2, seconds(5));
  ++cases_;
  ASSERT_FALSE(conv.replies.empty()) << conv.raw;
  EXPECT_EQ(conv.replies[0].status, 200);
  for (const Reply& r : conv.replies) EXPECT_LT(r.status, 500);
  if (conv.replies.size() > 1) {
    EXPECT_EQ(conv.replies[1].status, 400);
  }
}

TEST_F(HostileTest, ChunkedBodies) {
  const std::string te =
      "GET /healthz HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  std::vector<Case> cases = {
      {"valid chunked body is served", te + "5\r\nhello\r\n0\r\n\r\n", {200}},
      {"chunked with extension is served", te + "5;name=value\r\nhello\r\n0\r\n\r\n", {200}},
      {"chunked with trailer is served", te + "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n", {200}},
      {"non-hex chunk size", te + "zz\r\nhello\r\n0\r\n\r\n", {400}},
      {"negative chunk size", te + "-5\r\nhello\r\n0\r\n\r\n", {400}},
      {"chunk size with 0x prefix", te + "0x5\r\nhello\r\n0\r\n\r\n", {400}},
      {"overflowing chunk size", te + "ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n", {400, 413}},
      {"chunk size over the body limit", te + "20000\r\n", {413}},
      {"chunks adding up over the limit",
       [&] {
         std::string r = te;
         for (int i = 0; i < 17; ++i) r += "1000\r\n" + std::string(4096, 'c') + "\r\n";
         return r + "0\r\n\r\n";
       }(),
       {413},
       true},
      {"chunk data longer than its size", te + "2\r\nhello\r\n0\r\n\r\n", {400}},
      {"missing CRLF after chunk data", te + "5\r\nhelloXX0\r\n\r\n", {400}},
      {"control byte in chunk extension", te + "5;\x01\r\nhello\r\n0\r\n\r\n", {400}},
      {"space inside chunk size", te + "5 5\r\nhello\r\n0\r\n\r\n", {400}},
      {"empty chunk size line", te + "\r\nhello\r\n0\r\n\r\n", {400}},
      {"chunked twice",
       "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
       "chunked\r\n\r\n0\r\n\r\n",
       {400}},
      {"chunked over the header limit in trailers",
       te + "0\r\nX: " + std::string(9000, 't') + "\r\n\r\n",
       {},
       true},
  };
  RunAll(cases);
}

// A Transfer-Encoding whose final coding is not chunked: the body length cannot be known,
// so RFC 9112 §6.3 requires 400 and closing the connection.
TEST_F(HostileTest, TransferEncodingWithoutFinalChunked) {
  const std::vector<Case> cases = {
      {"unknown transfer coding only",
       "GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\nxx",
       {400}},
      {"chunked not last",
       "GET / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\nConnection: close\r\n\r\n0\r\n\r\n",
       {400}},
      {"identity transfer coding",
       "GET / HTTP/1.1\r\nTransfer-Encoding: identity\r\nConnection: close\r\n\r\n",
       {400}},
      {"misspelt chunked",
       "GET / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
       {400}},
  };
  std::vector<std::string> served;
  for (const Case& c : cases) {
    ++cases_;
    Conversation conv = Exchange(port_, c.raw);
    if (conv.status() == 200) {
      served.push_back(c.name);
      continue;
    }
    RunCase(port_, c);
  }
  // What a proxy that honours Transfer-Encoding sees as one request's body is answered here
  // as a second request.
  Conversation smuggle = Exchange(port_,
                                  "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
                                  "GET /smuggled HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                  0, seconds(5));
  ++cases_;
  if (!served.empty()) {
    std::string names;
    for (const auto& n : served) names += (names.empty() ? "" : ", ") + n;
    ADD_FAILURE() << "requests whose Transfer-Encoding does not end in chunked were served "
                     "(RFC 9112 §6.3: 400 and close): "
                  << names;
  }
  EXPECT_EQ(smuggle.replies.size(), 1u);
}

// Request smuggling: Content-Length together with Transfer-Encoding must be refused
// (RFC 9112 §6.1 allows either refusing or ignoring Content-Length; this server refuses),
// and the bytes hidden in the body must never be answered as a second request.
TEST_F(HostileTest, SmugglingWithBothContentLengthAndTransferEncoding) {
  const std::string smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
  std::vector<std::string> requests = {
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: "
      "chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
      "4\r\n\r\n0\r\n\r\n" +
          smuggled,
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\nTransfer-Encoding: "
      "chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: "
      "4\r\n\r\n0\r\n\r\n" +
          smuggled,
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\tchunked\r\nContent-Length: "
      "4\r\n\r\n0\r\n\r\n" +
          smuggled,
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nContent-Length: "
      "4\r\n\r\n0\r\n\r\n" +
          smuggled,
  };
  for (size_t i = 0; i < requests.size(); ++i) {
    SCOPED_TRACE("smuggling variant " + std::to_string(i));
    ++cases_;
    Conversation conv = Exchange(port_, requests[i], 0, seconds(5));
    EXPECT_FALSE(conv.timed_out);
    ASSERT_FALSE(conv.replies.empty()) << conv.raw;
    EXPECT_EQ(conv.replies[0].status, 400);
    EXPECT_EQ(conv.replies.size(), 1u) << "the smuggled request was answered:\n" << conv.raw;
  }
}

// Slow clients (slowloris): the server cuts every one off after its read timeout (1 s).
TEST_F(HostileTest, SlowClientsAreCutOff) {
  auto cut_off_within = [&](const char* name, const std::function<void(Connection&)>& act) {
    SCOPED_TRACE(name);
    ++cases_;
    auto start = std::chrono::steady_clock::now();
    Connection conn(port_);
    ASSERT_TRUE(conn.ok());
    act(conn);
    Conversation conv = conn.Read(0, seconds(6));
    EXPECT_TRUE(conv.closed) << "still open after 6 s";
    for (const Reply& r : conv.replies) EXPECT_LT(r.status, 500);
    EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(5));
  };
  cut_off_within("connects and sends nothing", [](Connection&) {});
  cut_off_within("half a request line", [](Connection& c) { c.Send("GET / HT"); });
  cut_off_within("headers without the final CRLF",
                 [](Connection& c) { c.Send("GET / HTTP/1.1\r\nHost: x\r\n"); });
  cut_off_within("one header byte every 200 ms", [](Connection& c) {
    std::string head = "GET / HTTP/1.1\r\nX-Slow: " + std::string(40, 'z');
    for (char ch : head.substr(0, 15)) {
      if (!c.Send(std::string(1, ch))) return;
      std::this_thread::sleep_for(milliseconds(200));
    }
  });
  cut_off_within("body trickled after the headers", [](Connection& c) {
    c.Send("GET / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n");
    for (int i = 0; i < 15; ++i) {
      if (!c.Send("b")) return;
      std::this_thread::sleep_for(milliseconds(200));
    }
  });
  cut_off_within("idle after a kept-alive response",
                 [](Connection& c) { c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); });
  cut_off_within("chunked body that never ends", [](Connection& c) {
    c.Send("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
  });
}

// While many slow connections are held open, other clients are still served.
TEST_F(HostileTest, SlowClientsDoNotStarveOthers) {
  std::vector<std::unique_ptr<Connection>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<Connection>(port_));
    slow.back()->Send("GET / HTTP/1.1\r\nHost: x\r\n");
  }
  cases_ += 50;
  auto start = std::chrono::steady_clock::now();
  Conversation conv = Exchange(port_, Get("/healthz"));
  EXPECT_EQ(conv.status(), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(900));
}

// Targets that try to leave static/ (or reach templates/ and data files): refused with 400
// when a decoded segment is "." or "..", else 404 as an unknown file; never the file.
TEST_F(HostileTest, PathTraversal) {
  struct Dots {
    std::string text;
    bool decodes_to_dot_segment;  // one percent-decoding gives "." or ".."
  };
  const std::vector<Dots> dots = {
      {"..", true},
      {"%2e%2e", true},
      {"%2E%2E", true},
      {".%2e", true},
      {"%2e.", true},
      {".", true},
      {"%2e", true},
      {"%252e%252e", false},
      {"%c0%ae%c0%ae", false},
      {"..%00", false},
      {"...", false},
      {"..;", false},
      {"%u002e%u002e", false},
  };
  const std::vector<std::string> separators = {"/", "%2f", "%5c"};
  std::vector<Case> cases;
  for (const std::string& prefix : {std::string("/static/"), std::string("/")}) {
    for (const Dots& d : dots) {
      for (const std::string& sep : separators) {
        std::string target = prefix + d.text + sep + d.text + sep + "etc" + sep + "passwd";
        std::vector<int> expect;
        bool has_nul = d.text.find("%00") != std::string::npos;
        bool bad_escape = d.text.find("%u") != std::string::npos;
        // A '\' (%5c) does not separate segments, so "..\..\etc\passwd" is one odd name.
        bool dot_segment = d.decodes_to_dot_segment && sep != "%5c";
        if (has_nul || bad_escape || dot_segment) {
          expect = {400};
        } else {
          expect = {404};
        }
        cases.push_back({target, Get(target), expect});
      }
    }
  }
  // Single cases for the other shapes.
  const std::vector<std::pair<std::string, int>> singles = {
      {"/static/../templates/layout.mustache", 400},
      {"/static/..%2ftemplates%2flayout.mustache", 400},
      {"/static/portal.css/..", 400},
      {"/static/./portal.css", 400},
      {"/static/..\\..\\etc\\passwd", 404},
      {"/static/%5c..%5c..%5cetc%5cpasswd", 404},
      {"/static//etc/passwd", 404},
      {"//etc/passwd", 404},
      {"/static/%2fetc%2fpasswd", 404},
      {"/static/portal.css%00.png", 400},
      {"/static/%00", 400},
      {"/static/.htaccess", 404},
      {"/static/~root", 404},
      {"/static/....//....//etc/passwd", 404},
      {"/templates/layout.mustache", 404},
      {"/data/holidays-cn.json", 404},
      {"/migrations/sqlite/0001_init.sql", 404},
      {"/item/../healthz", 400},
      {"/org/QX/../../etc/passwd", 400},
      {"/static/%252e%252e%252fetc%252fpasswd", 404},
  };
  for (const auto& [target, status] : singles) cases.push_back({target, Get(target), {status}});
  // The query string is not part of the path: the stylesheet is served, nothing else.
  cases.push_back(
      {"traversal in the query string", Get("/static/portal.css?../../etc/passwd"), {200}});
  RunAll(cases);
}

TEST_F(HostileTest, InvalidUtf8AndOddBytes) {
  std::vector<Case> cases = {
      {"lone continuation byte in query", Get("/search?q=%80"), {200}},
      {"0xFF 0xFE in query", Get("/search?q=%ff%fe"), {200}},
      {"overlong NUL in query", Get("/search?q=%c0%80"), {200}},
      {"overlong slash in query", Get("/search?q=%c0%af"), {200}},
      {"UTF-16 surrogate in query", Get("/search?q=%ed%a0%80"), {200}},
      {"code point over U+10FFFF in query", Get("/search?q=%f4%90%80%80"), {200}},
      {"truncated sequence in query", Get("/search?q=%e4%b8"), {200}},
      {"raw UTF-8 bytes in target", Get("/search?q=\xe4\xb8\xad\xe6\x96\x87"), {200, 400}},
      {"raw invalid bytes in target", Get("/search?q=\xff\xfe"), {200, 400}},
      {"NUL in query", Get("/search?q=%00"), {400}},
      {"NUL in query key", Get("/search?%00=1"), {400}},
      {"lone percent in query", Get("/search?q=%"), {400}},
      {"invalid UTF-8 in item id", Get("/item/%ff"), {404}},
      {"invalid UTF-8 in org code", Get("/org/%ff%fe"), {404}},
      {"invalid UTF-8 in category", Get("/org/QX?cat=%ff"), {404}},
      {"invalid UTF-8 in report year", Get("/org/QX/report/%e4%b8"), {404}},
      {"invalid UTF-8 in static name", Get("/static/%ff.css"), {404}},
      {"invalid UTF-8 in sitemap name", Get("/sitemap-%ff.xml"), {404}},
      {"full-width digits as item id", Get("/item/%ef%bc%91"), {404}},
  };
  RunAll(cases);
}

TEST_F(HostileTest, OverlongQueriesAndParameters) {
  std::string many_params;
  for (int i = 0; i < 1000; ++i) many_params += "&a" + std::to_string(i) + "=1";
  std::string cjk;
  for (int i = 0; i < 800; ++i) cjk += "%E4%B8%AD";
  std::vector<Case> cases = {
      {"query of 7000 bytes", Get("/search?q=" + std::string(7000, 'a')), {200}},
      {"query over the header limit", Get("/search?q=" + std::string(9000, 'a')), {431}, true},
      {"1000 parameters", Get("/search?q=x" + many_params), {200}},
      {"800 encoded CJK characters", Get("/search?q=" + cjk), {200}},
      {"the same parameter 500 times",
       Get("/search?" +
           [] {
             std::string s;
             for (int i = 0; i < 500; ++i) s += "q=%E4%BF%A1&";
             return s;
           }()),
       {200}},
      {"empty parameters", Get("/search?&&&=&q=&="), {200}},
      {"page far too large", Get("/search?q=a&page=99999999999999999999"), {400}},
      {"negative page", Get("/search?q=a&page=-1"), {400}},
      {"page zero", Get("/search?q=a&page=0"), {200}},
      {"page over the cap", Get("/search?q=a&page=501"), {400}},
      {"year not a number", Get("/search?q=a&year=abc"), {400}},
      {"year too large", Get("/search?q=a&year=99999"), {400}},
      {"unknown org", Get("/search?q=a&org=NOPE"), {400}},
      {"org page far too large", Get("/org/QX?page=100001"), {400}},
      {"org page at the cap", Get("/org/QX?page=100000"), {200}},
      {"org page with a sign", Get("/org/QX?page=+1"), {400}},
      {"unknown category", Get("/org/QX?cat=" + std::string(3000, 'c')), {404}},
      {"sitemap page zero", Get("/sitemap-0.xml"), {404}},
      {"sitemap page huge", Get("/sitemap-99999999999.xml"), {404}},
      {"sitemap page past the end", Get("/sitemap-2.xml"), {404}},
      {"report year too early", Get("/org/QX/report/1999"), {404}},
      {"report year too late", Get("/org/QX/report/3000"), {404}},
      {"report year not a number", Get("/org/QX/report/20x4"), {404}},
      {"report of an unknown body", Get("/org/NOPE/report/2024"), {404}},
      {"item id zero", Get("/item/0"), {404}},
      {"item id negative", Get("/item/-1"), {404}},
      {"item id huge", Get("/item/99999999999999999999"), {404}},
      {"item id with leading zeros", Get("/item/000000000001"), {200, 404}},
      {"form field of 60000 bytes (POST to a GET route)",
       "POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
       "Content-Length: 60002\r\nConnection: close\r\n\r\nq=" +
           std::string(60000, 'f'),
       {405}},
      {"form field over the body limit",
       "POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
       "Content-Length: 70002\r\n\r\n",
       {413}},
  };
  RunAll(cases);
}

// The search page must stay well-formed UTF-8 even when the 200-byte cap on q cuts a
// multi-byte character in two.
TEST_F(HostileTest, SearchQueryCapKeepsUtf8) {
  std::string q = std::string(199, 'a') + "%E4%B8%AD";  // 199 bytes + a 3-byte character
  Conversation conv = Exchange(port_, Get("/search?q=" + q));
  ++cases_;
  ASSERT_EQ(conv.status(), 200);
  const std::string& body = conv.first().body;
  bool valid = true;
  for (size_t i = 0; i < body.size();) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > body.size()) {
      valid = false;
      break;
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(body[i + k]) & 0xc0) != 0x80) valid = false;
    }
    if (!valid) break;
    i += n;
  }
  EXPECT_TRUE(valid) << "the search page holds invalid UTF-8 after capping the query";
}

TEST_F(HostileTest, WrongContentTypes) {
  const std::string body = "{\"q\":\"x\"}";
  auto with_type = [&](const std::string& method, const std::string& type) {
    return method + " /search HTTP/1.1\r\nHost: x\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
           body;
  };
  std::vector<Case> cases;
  for (const char* type :
       {"application/json", "multipart/form-data; boundary=----x", "text/xml",
        "application/x-www-form-urlencoded; charset=gbk", "application/octet-stream"}) {
    // A body on GET is read and ignored; on POST to a GET-only route it is 405.
    cases.push_back({std::string("GET with ") + type, with_type("GET", type), {200}});
    cases.push_back({std::string("POST with ") + type, with_type("POST", type), {405}});
  }
  cases.push_back({"Content-Type with CR LF",
                   with_type("GET", "text/plain\r\nX-Injected: 1"),
                   {200}});  // a second header line, harmless: never echoed
  cases.push_back(
      {"Content-Type of 9000 bytes", with_type("GET", std::string(9000, 't')), {431}, true});
  RunAll(cases);
}

// Every method other than GET and HEAD on the GET-only routes: 405 with Allow.
TEST_F(HostileTest, MethodConfusion) {
  std::vector<Case> cases;
  const std::vector<std::string> routes = {"/", "/search", "/item/1", "/sitemap.xml"};
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"}) {
    for (const std::string& route : routes) {
      cases.push_back(
          {std::string(method) + " " + route, Get(route, method, "Content-Length: 0\r\n"), {405}});
    }
  }
  for (const char* method : {"get", "Get", "PROPFIND", "MKCOL", "FOO", "BREW", "SEARCH"}) {
    cases.push_back({std::string(method) + " /", Get("/", method), {400, 405}});
  }
  cases.push_back({"CONNECT in authority-form",
                   "CONNECT example.test:443 HTTP/1.1\r\nHost: "
                   "example.test:443\r\n\r\n",
                   {400}});
  RunAll(cases);
  // TRACE must not reflect the request (cross-site tracing).
  Conversation trace =
      Exchange(port_, Get("/", "TRACE", "X-Secret: trace-me\r\nCookie: session=abc\r\n"));
  ++cases_;
  EXPECT_EQ(trace.status(), 405);
  EXPECT_EQ(trace.raw.find("trace-me"), std::string::npos);
  EXPECT_EQ(trace.raw.find("session=abc"), std::string::npos);
}

// CR/LF smuggled into values that the portal reflects must never become header lines.
TEST_F(HostileTest, HeaderInjection) {
  std::vector<Case> cases = {
      {"CRLF in the path", Get("/%0d%0aSet-Cookie:%20a=b"), {404}},
      {"CRLF in an org code", Get("/org/QX%0d%0aLocation:%20http://evil"), {404}},
      {"CRLF in the search query", Get("/search?q=x%0d%0aSet-Cookie:+a=b"), {200}},
      {"LF in the search query", Get("/search?q=x%0aX-Injected:+1"), {200}},
      {"CRLF in a category", Get("/org/QX?cat=%0d%0aX-Injected:%201"), {404}},
      {"CRLF in If-None-Match",
       Get("/", "GET", "If-None-Match: \"x\"%0d%0aX-Injected: 1\r\n"),
       {200}},
      {"bare LF inside a header value",
       "GET / HTTP/1.1\r\nX: a\nX-Injected: 1\r\n\r\n",
       {200, 400}},
      {"CRLF in the sitemap name", Get("/sitemap-1%0d%0aX-Injected:1.xml"), {404}},
  };
  RunAll(cases);
}

TEST_F(HostileTest, PipelinedRequests) {
  {
    SCOPED_TRACE("50 pipelined requests");
    std::string raw;
    for (int i = 0; i < 49; ++i) raw += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    raw += Get("/healthz");
    Conversation conv = Exchange(port_, raw, 50, seconds(10));
    ++cases_;
    ASSERT_EQ(conv.replies.size(), 50u) << conv.raw.substr(0, 300);
    for (const Reply& r : conv.replies) EXPECT_EQ(r.status, 200);
  }
  {
    SCOPED_TRACE("mixed statuses in order");
    std::string raw =
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /no/such HTTP/1.1\r\nHost: x\r\n\r\n"
        "DELETE / HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /search?page=x HTTP/1.1\r\nHost: x\r\n\r\n" +
        Get("/robots.txt");
    Conversation conv = Exchange(port_, raw, 5, seconds(5));
    ++cases_;
    ASSERT_EQ(conv.replies.size(), 5u) << conv.raw.substr(0, 300);
    EXPECT_EQ(conv.replies[0].status, 200);
    EXPECT_EQ(conv.replies[1].status, 404);
    EXPECT_EQ(conv.replies[2].status, 405);
    EXPECT_EQ(conv.replies[3].status, 400);
    EXPECT_EQ(conv.replies[4].status, 200);
  }
  {
    SCOPED_TRACE("garbage in the middle ends the connection");
    std::string raw;
    for (int i = 0; i < 3; ++i) raw += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    raw += "GARBAGE\r\n\r\n";
    for (int i = 0; i < 3; ++i) raw += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    Conversation conv = Exchange(port_, raw, 0, seconds(5));
    ++cases_;
    EXPECT_FALSE(conv.timed_out);
    ASSERT_EQ(conv.replies.size(), 4u) << conv.raw.substr(0, 300);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(conv.replies[i].status, 200);
    EXPECT_EQ(conv.replies[3].status, 400);
  }
  {
    SCOPED_TRACE("nothing after Connection: close is answered");
    Conversation conv = Exchange(
        port_, Get("/healthz") + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 0, seconds(5));
    ++cases_;
    EXPECT_EQ(conv.replies.size(), 1u);
  }
  {
    SCOPED_TRACE("a bad target mid-pipeline closes the connection after its 400");
    Conversation conv = Exchange(port_,
                                 "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /static/../x HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                                 0, seconds(5));
    ++cases_;
    ASSERT_EQ(conv.replies.size(), 2u) << conv.raw.substr(0, 300);
    EXPECT_EQ(conv.replies[0].status, 200);
    EXPECT_EQ(conv.replies[1].status, 400);
  }
  {
    SCOPED_TRACE("200 pipelined requests of 404s");
    std::string raw;
    for (int i = 0; i < 199; ++i)
      raw += "GET /no/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    raw += Get("/no/last");
    Conversation conv = Exchange(port_, raw, 200, seconds(20));
    ++cases_;
    ASSERT_EQ(conv.replies.size(), 200u);
    for (const Reply& r : conv.replies) EXPECT_EQ(r.status, 404);
  }
}

// Many clients at once sending garbage: each gets its 400, none a 5xx.
TEST_F(HostileTest, ConcurrentGarbage) {
  std::vector<std::future<Conversation>> futures;
  for (int i = 0; i < 40; ++i) {
    futures.push_back(std::async(std::launch::async, [i] {
      std::string raw = i % 2 ? "GARBAGE " + std::to_string(i) + "\r\n\r\n"
                              : "GET /static/%2e%2e/" + std::to_string(i) + " HTTP/1.1\r\n\r\n";
      return Exchange(port_, raw);
    }));
  }
  for (auto& f : futures) {
    Conversation conv = f.get();
    ++cases_;
    EXPECT_EQ(conv.status(), 400) << conv.raw.substr(0, 200);
  }
}

}  // namespace
}  // namespace gongkai::web
