// A back office on a real server (port 0) over a throwaway database, with an injected
// clock, and a small client that signs in and posts forms (header-only: test support).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <thread>

#include "admin/back_office.hpp"
#include "admin/office.hpp"
#include "app/password.hpp"
#include "core/org_service.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "web/server.hpp"
#include "web/store_pool.hpp"
#include "web/test_client.hpp"

namespace gongkai::admin::testing {

inline constexpr const char* kPassword = "correct-horse-battery";
inline constexpr const char* kXssScript = "<script>alert(1)</script>";
inline constexpr const char* kXssAttr = "\"><img src=x onerror=alert(1)>";

struct Reply {
  int status = 0;
  std::string body;
  std::string location;
  std::vector<std::string> cookies;  // Set-Cookie values
};

// A browser of one user: keeps the session cookie, finds CSRF tokens in forms.
class Browser {
 public:
  explicit Browser(unsigned short port) : port_(port) {}

  Reply Send(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& address_header = "") {
    std::string raw = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    std::string cookie;
    for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) raw += "Cookie: " + cookie + "\r\n";
    raw += address_header;
    if (method == "POST") {
      raw += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n";
    }
    raw += "Connection: close\r\n\r\n" + body;
    auto c = web::test_client::Exchange(port_, raw);
    Reply r;
    r.status = c.status();
    r.body = c.first().body;
    r.location = c.first().Header("Location");
    // Every Set-Cookie line (Header() returns only the first).
    const std::string& head = c.first().head;
    size_t pos = 0;
    while ((pos = head.find("\r\nSet-Cookie: ", pos)) != std::string::npos) {
      pos += 14;
      std::string line = head.substr(pos, head.find("\r\n", pos) - pos);
      r.cookies.push_back(line);
      std::string pair = line.substr(0, line.find(';'));
      size_t eq = pair.find('=');
      std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
      if (value.empty() || line.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
    if (!r.body.empty()) last_body_ = r.body;
    return r;
  }
  Reply Get(const std::string& target) { return Send("GET", target); }

  // The CSRF token of the last page that had a form.
  std::string Csrf() const {
    std::string key = "name=\"csrf\" value=\"";
    size_t p = last_body_.find(key);
    if (p == std::string::npos) return "";
    p += key.size();
    return last_body_.substr(p, last_body_.find('"', p) - p);
  }

  // Posts `fields` (name=value, encoded here) with the CSRF token of `form_page`.
  Reply Post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
             const std::string& form_page = "/admin") {
    Get(form_page);
    fields.emplace_back("csrf", Csrf());
    return PostRaw(target, Encode(fields));
  }
  Reply PostRaw(const std::string& target, const std::string& body) {
    return Send("POST", target, body);
  }

  Reply Login(const std::string& username, const std::string& password) {
    Get("/admin/login");
    return PostRaw("/admin/login",
                   Encode({{"username", username}, {"password", password}, {"csrf", Csrf()}}));
  }

  static std::string Encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
      out += (out.empty() ? "" : "&") + web::UrlEncode(k) + "=" + web::UrlEncode(v);
    }
    return out;
  }

  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  unsigned short port_;
  std::map<std::string, std::string> cookies_;
  std::string last_body_;
};

// City QX with departments A (QXA) and B (QXB); one account per role. Parameterised by
// backend ("sqlite", "postgres"): each backend gets its own database and server, set up by
// the first test that needs it and shared by the suite (the accounts are created once).
class BackOfficeTest : public ::testing::TestWithParam<std::string> {
 protected:
  struct Env {
    std::unique_ptr<gongkai::testing::TestDatabase> db;
    std::unique_ptr<web::StorePool> pool;
    std::unique_ptr<BackOffice> office;
    std::unique_ptr<web::Server> server;
    std::unique_ptr<std::thread> thread;
    unsigned short port = 0;
    bool ready = false;
  };

  void SetUp() override {
    std::unique_ptr<Env>& env = envs_[GetParam()];
    if (!env) {
      env = std::make_unique<Env>();
      env->db = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
      if (!env->db->url().empty()) Start(*env);
    }
    if (env->db->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << env->db->skip_reason();
      GTEST_SKIP() << env->db->skip_reason();
    }
    ASSERT_TRUE(env->ready) << "the back office did not start on " << GetParam();
    port_ = env->port;
  }

  static void TearDownTestSuite() {
    for (auto& [backend, env] : envs_) {
      if (env->server) env->server->Stop();
      if (env->thread) env->thread->join();
    }
    envs_.clear();
  }

  // The demo city's data and accounts come from `gongkai demo`; these are the test's own.
  static void Seed(store::SociStore& st) {
    auto hash = app::HashPassword(kPassword);
    ASSERT_TRUE(hash.ok());
    core::Status s = st.Transact([&](core::Repositories& r) -> core::Status {
      core::ChangeContext ctx{"system", "2024-01-01T00:00:00Z"};
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, ctx, root, "").status());
      for (auto [code, name] : {std::pair{"QXA", "青溪市教育局"}, {"QXB", "青溪市财政局"}}) {
        core::Org o;
        o.code = code;
        o.name = name;
        o.kind = core::OrgKind::kDepartment;
        GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, ctx, o, "QX").status());
      }
      struct U {
        const char* name;
        core::Role role;
        const char* org;
      };
      for (U u :
           {U{"admin", core::Role::kAdmin, "QX"}, U{"editor", core::Role::kEditor, "QXA"},
            U{"reviewer", core::Role::kReviewer, "QX"},
            U{"handler", core::Role::kCaseHandler, "QX"}, U{"editorb", core::Role::kEditor, "QXB"},
            U{"adminb", core::Role::kAdmin, "QXB"}, U{"handlerb", core::Role::kCaseHandler, "QXB"},
            U{"throttled", core::Role::kEditor, "QXA"}, U{"sleepy", core::Role::kEditor, "QXA"},
            U{"roamer", core::Role::kEditor, "QXA"}, U{"guesser", core::Role::kEditor, "QXA"}}) {
        core::User user;
        user.username = u.name;
        user.display_name = u.name;
        user.password_hash = *hash;
        GONGKAI_RETURN_IF_ERROR(core::CreateUser(r, ctx, user, u.role, u.org).status());
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Migrates `env`'s database, fills it with `seed` and starts a server on it (env.ready on
  // success).
  static void Start(Env& env, const std::function<void(store::SociStore&)>& seed = Seed) {
    {
      auto opened = store::SociStore::Open(env.db->url(), store::SchemaPolicy::kMigrate);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      seed(**opened);
      if (::testing::Test::HasFatalFailure()) return;
    }
    auto pool = web::StorePool::Open(env.db->url(), 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    env.pool = std::move(*pool);
    BackOfficeOptions options;
    options.data_dir = GONGKAI_SOURCE_DIR;
    auto key = app::PersonalDataKey::FromBytes(std::string(32, 'k'));
    ASSERT_TRUE(key.ok());
    options.personal_data_key = *key;
    // Uploads land in a directory of this run; the limit sits below the server's body limit
    // so that a file too large gets the form's message, not the server's 413.
    options.attachment_dir = ::testing::TempDir() + "gongkai-admin-attachments-" +
                             std::to_string(::getpid()) + "-" + env.db->url().substr(0, 6);
    options.max_attachment_bytes = 32 * 1024;
    options.clock = &clock_;
    auto office = BackOffice::Create(*env.pool, options);
    ASSERT_TRUE(office.ok()) << office.status().ToString();
    env.office = std::move(*office);
    web::ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.handle_signals = false;
    so.access_log = false;
    auto ready = std::make_shared<std::promise<unsigned short>>();
    so.on_listening = [ready](unsigned short p) { ready->set_value(p); };
    BackOffice* back_office = env.office.get();
    // As `gongkai serve` wires it: sessions and the upload limit decided from the header.
    so.admit = [back_office](const web::HttpRequest& head) { return back_office->Admit(head); };
    so.body_limit_for = [max = options.max_attachment_bytes](std::string_view target) {
      return BackOffice::UploadBodyLimit(target, max);
    };
    env.server = std::make_unique<web::Server>(
        so, [back_office](const web::HttpRequest& r) { return back_office->Handle(r); },
        [](int status) {
          web::HttpResponse r;
          r.status = status;
          return r;
        });
    web::Server* server = env.server.get();
    env.thread = std::make_unique<std::thread>([server] { ASSERT_TRUE(server->Run().ok()); });
    env.port = ready->get_future().get();
    env.ready = true;
  }

  // A browser signed in as `username`.
  static std::unique_ptr<Browser> As(const std::string& username) {
    auto b = std::make_unique<Browser>(port_);
    Reply r = b->Login(username, kPassword);
    EXPECT_EQ(r.status, 303) << username << ": " << r.body;
    return b;
  }

  static void Advance(std::chrono::seconds s) { offset_ += s.count(); }

  // The server's today in Asia/Shanghai ("2026-11-28"), by the injected clock.
  static std::string Today() {
    std::time_t t = std::chrono::system_clock::to_time_t(
        base_ + std::chrono::seconds(offset_.load()) + std::chrono::hours(8));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
  }

  static inline std::map<std::string, std::unique_ptr<Env>> envs_;
  static inline unsigned short port_ = 0;  // of the current test's backend
  static inline const std::chrono::system_clock::time_point base_ =
      std::chrono::system_clock::now();
  static inline std::atomic<int64_t> offset_{0};

  // The server's clock: base_ moved on by Advance (one core::Clock, as `serve` injects).
  class TestClock : public core::Clock {
   public:
    std::string NowUtc() const override {
      return IsoUtc(base_ + std::chrono::seconds(offset_.load()));
    }
    core::Date Today() const override {
      return ShanghaiDate(base_ + std::chrono::seconds(offset_.load()));
    }
  };
  static inline TestClock clock_;
};

// Both backends, named by backend in the test names (PostgreSQL skips without a server).
#define GONGKAI_ADMIN_BACKENDS(suite)                                                \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), \
                           [](const auto& info) { return info.param; })

}  // namespace gongkai::admin::testing
