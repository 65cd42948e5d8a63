// Test support for the API tests (header-only: every non-test .cpp in src/api goes into the
// library): a throwaway database with a small org tree, users and tokens, and a real server
// on a free port in front of JsonApi, spoken to over a plain socket.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "api/json_api.hpp"
#include "api/ops.hpp"
#include "api/tokens.hpp"
#include "core/org_service.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/metrics.hpp"
#include "web/server.hpp"

namespace gongkai::api::test {

struct Reply {
  int status = 0;
  std::string head;
  std::string body;
  std::string Header(const std::string& name) const {
    std::string key = "\r\n" + name + ": ";
    size_t p = head.find(key);
    if (p == std::string::npos) return {};
    size_t s = p + key.size();
    return head.substr(s, head.find("\r\n", s) - s);
  }
  boost::json::value Json() const {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    return ec ? boost::json::value() : v;
  }
  // error.code / error.field of a JSON error ("" when absent).
  std::string ErrorCode() const { return Error("code"); }
  std::string ErrorField() const { return Error("field"); }

 private:
  std::string Error(const char* key) const {
    auto v = Json();
    if (!v.is_object() || !v.as_object().contains("error")) return {};
    const auto& e = v.as_object().at("error").as_object();
    return e.contains(key) ? std::string(e.at(key).as_string()) : std::string();
  }
};

// Sends `raw` on a new connection and reads until the server closes it.
inline Reply Exchange(unsigned short port, const std::string& raw) {
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

// A database with the tree QX (root) > QX-A, QX-B; users and their tokens:
//   editor (editor@QX-A), reviewer (reviewer@QX-A), handler (case_handler@QX),
//   auditor (auditor@QX), recorder (editor@QX-B, case_handler@QX-B);
// and a server on a free port: /api/... → JsonApi, /metrics, /readyz, all instrumented.
class ApiFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    core::ChangeContext ctx{"test", "2024-06-03T02:00:00Z"};
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id root_id, r.orgs().Insert(root));
      for (const char* code : {"QX-A", "QX-B"}) {
        core::Org dept;
        dept.code = code;
        dept.name = std::string(code) == "QX-A" ? "青溪市教育局" : "青溪市卫生健康委员会";
        dept.parent_id = root_id;
        GONGKAI_RETURN_IF_ERROR(r.orgs().Insert(dept).status());
      }
      struct U {
        const char* name;
        core::Role role;
        const char* org;
      };
      for (U u :
           {U{"editor", core::Role::kEditor, "QX-A"}, U{"reviewer", core::Role::kReviewer, "QX-A"},
            U{"handler", core::Role::kCaseHandler, "QX"}, U{"auditor", core::Role::kAuditor, "QX"},
            U{"recorder", core::Role::kEditor, "QX-B"}}) {
        core::User user;
        user.username = u.name;
        user.display_name = u.name;
        user.password_hash = "unused";
        user.created_at = ctx.at;
        GONGKAI_ASSIGN_OR_RETURN(core::User created, core::CreateUser(r, ctx, user, u.role, u.org));
        if (std::string(u.name) == "recorder") {
          core::RoleGrant g;
          g.user_id = created.id;
          GONGKAI_ASSIGN_OR_RETURN(auto b, r.orgs().FindByCode("QX-B"));
          g.org_id = b->id;
          g.role = core::Role::kCaseHandler;
          g.granted_at = ctx.at;
          GONGKAI_RETURN_IF_ERROR(r.users().InsertGrant(g).status());
        }
        GONGKAI_ASSIGN_OR_RETURN(CreatedToken t, CreateApiToken(r, ctx, u.name, "测试"));
        tokens_[u.name] = t.secret;
        token_ids_[u.name] = t.token.id;
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    StartServer();
  }

  // Adds `username` holding `role` on `org`, with an API token (tokens_[username]).
  void AddUserWithToken(const std::string& username, core::Role role, const std::string& org) {
    core::ChangeContext ctx{"test", "2024-06-03T02:00:00Z"};
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::User user;
      user.username = username;
      user.display_name = username;
      user.password_hash = "unused";
      user.created_at = ctx.at;
      GONGKAI_RETURN_IF_ERROR(core::CreateUser(r, ctx, user, role, org).status());
      GONGKAI_ASSIGN_OR_RETURN(CreatedToken t, CreateApiToken(r, ctx, username, "测试"));
      tokens_[username] = t.secret;
      token_ids_[username] = t.token.id;
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  virtual ApiOptions Options() {
    ApiOptions o;
    o.clock = &clock_;
    o.personal_key = app::PersonalDataKey::FromBytes(std::string(32, 'k')).value();
    o.max_per_page = 50;
    return o;
  }

  void StartServer() {
    auto pool = web::StorePool::Open(db_->url(), 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(pool).value();
    metrics_.WatchPool(*pool_);
    auto api = JsonApi::Create(*pool_, Options());
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    web::ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.handle_signals = false;
    so.access_log = false;
    so.read_timeout = std::chrono::seconds(2);
    auto ready = std::make_shared<std::promise<unsigned short>>();
    so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    JsonApi* api_ptr = api_.get();
    web::StorePool* pool_ptr = pool_.get();
    // As `gongkai serve` wires it: the token is checked from the header, before the body.
    so.admit = [api_ptr](const web::HttpRequest& head) { return api_ptr->Admit(head); };
    web::Metrics* metrics = &metrics_;
    web::Handler inner = [api_ptr, pool_ptr, metrics](const web::HttpRequest& r) {
      if (r.path == "/metrics") return ServeMetrics(*metrics);
      if (r.path == "/readyz") return ServeReadyz(*pool_ptr);
      return api_ptr->Handle(r);
    };
    web::Handler handler =
        web::InstrumentHandler(metrics_, inner, [api_ptr](const web::HttpRequest& r) {
          if (r.path == "/metrics" || r.path == "/readyz") return r.path;
          return api_ptr->RouteLabel(r);
        });
    server_ = std::make_unique<web::Server>(so, handler, [](int status) {
      return JsonError(status, "error", web::ReasonPhrase(status));
    });
    thread_ = std::thread([this] { EXPECT_TRUE(server_->Run().ok()); });
    port_ = ready->get_future().get();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  Reply Call(const std::string& method, const std::string& target, const std::string& user,
             const std::string& body = "", const std::string& content_type = "application/json") {
    std::string raw = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    if (!user.empty()) raw += "Authorization: Bearer " + Token(user) + "\r\n";
    if (!body.empty() || method == "POST") {
      if (!content_type.empty()) raw += "Content-Type: " + content_type + "\r\n";
      raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    raw += "Connection: close\r\n\r\n" + body;
    return Exchange(port_, raw);
  }
  Reply Get(const std::string& target, const std::string& user) {
    return Call("GET", target, user);
  }
  Reply Post(const std::string& target, const std::string& user, const std::string& body) {
    return Call("POST", target, user, body);
  }

  std::string Token(const std::string& user) {
    auto it = tokens_.find(user);
    return it == tokens_.end() ? user : it->second;  // an unknown user is a literal token
  }

  // Creates a draft in `org` as `user`; returns its id (0 on failure).
  int64_t CreateDraft(const std::string& user, const std::string& org, const std::string& title) {
    Reply r = Post("/api/v1/items", user,
                   R"({"org":")" + org + R"(","title":")" + title +
                       R"(","formed_on":"2024-05-30","category":"通知公告","body_md":"正文"})");
    EXPECT_EQ(r.status, 201) << r.body;
    auto v = r.Json();
    return v.is_object() ? v.as_object().at("id").as_int64() : 0;
  }

  core::FixedClock clock_{"2024-06-03T02:00:00Z", core::Date::FromYmd(2024, 6, 3)};
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<store::SociStore> store_;
  std::unique_ptr<web::StorePool> pool_;
  std::unique_ptr<JsonApi> api_;
  web::Metrics metrics_;
  std::unique_ptr<web::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, core::Id> token_ids_;
};

}  // namespace gongkai::api::test
