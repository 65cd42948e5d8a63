#include "app/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/address_range.hpp"

namespace gongkai::app {
namespace {

const EnvLookup kNoEnv = MapEnv({});

core::Result<ServerConfig> FromText(const std::string& text, const EnvLookup& env = kNoEnv) {
  ServerConfig config;
  GONGKAI_RETURN_IF_ERROR(ApplyConfigText(config, text, "gongkai.conf"));
  GONGKAI_RETURN_IF_ERROR(ApplyEnvOverrides(config, env));
  return config;
}

TEST(ConfigTest, DefaultsWithoutFileOrEnvironment) {
  auto config = LoadConfig("", kNoEnv);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->listen_address.host, "127.0.0.1");
  EXPECT_EQ(config->listen_address.port, 8080);
  EXPECT_EQ(config->db, "");
  EXPECT_EQ(config->threads, 4);
  EXPECT_EQ(config->max_connections, 1024);
  EXPECT_EQ(config->attachment_dir, "attachments");
  EXPECT_EQ(config->log_level, LogLevel::kInfo);
  EXPECT_TRUE(config->access_log);
}

TEST(ConfigTest, ReadsEveryKeyWithCommentsQuotesAndBlankLines) {
  auto config = FromText(
      "# gongkai\n"
      "\n"
      "listen = [::1]:9000\n"
      "db = \"postgresql://gongkai@db/gongkai?sslmode=require#x\"\n"
      "read_db = postgresql://gongkai@replica/gongkai\n"
      "  public_url=https://gk.example.gov.cn  \r\n"
      "threads = 8\n"
      "max_connections = 20000\n"
      "key_file = /etc/gongkai/personal.key\n"
      "attachment_dir = /var/lib/gongkai/attachments\n"
      "log_level = warn\n"
      "access_log = false\n"
      "csrf_secret_file = /etc/gongkai/csrf.key\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "[::1]:9000");
  EXPECT_EQ(config->listen_address.host, "::1");
  EXPECT_EQ(config->listen_address.port, 9000);
  EXPECT_EQ(config->db, "postgresql://gongkai@db/gongkai?sslmode=require#x");
  EXPECT_EQ(config->read_db, "postgresql://gongkai@replica/gongkai");
  EXPECT_EQ(config->public_url, "https://gk.example.gov.cn");
  EXPECT_EQ(config->threads, 8);
  EXPECT_EQ(config->max_connections, 20000);
  EXPECT_EQ(config->key_file, "/etc/gongkai/personal.key");
  EXPECT_EQ(config->attachment_dir, "/var/lib/gongkai/attachments");
  EXPECT_EQ(config->log_level, LogLevel::kWarn);
  EXPECT_FALSE(config->access_log);
  EXPECT_EQ(config->csrf_secret_file, "/etc/gongkai/csrf.key");
}

TEST(ConfigTest, EveryKeyHasItsEnvironmentVariable) {
  EXPECT_EQ(ConfigKeys().size(), 29u);
  EXPECT_EQ(ConfigEnvName("listen"), "GONGKAI_LISTEN");
  EXPECT_EQ(ConfigEnvName("attachment_dir"), "GONGKAI_ATTACHMENT_DIR");
  auto config = FromText("", MapEnv({{"GONGKAI_LISTEN", "0.0.0.0:80"},
                                     {"GONGKAI_DB", "sqlite:/var/lib/gongkai/gongkai.db"},
                                     {"GONGKAI_READ_DB", "sqlite:/var/lib/gongkai/replica.db"},
                                     {"GONGKAI_PUBLIC_URL", "https://x.example"},
                                     {"GONGKAI_THREADS", "2"},
                                     {"GONGKAI_MAX_CONNECTIONS", "10"},
                                     {"GONGKAI_KEY_FILE", "/k"},
                                     {"GONGKAI_ATTACHMENT_DIR", "/a"},
                                     {"GONGKAI_LOG_LEVEL", "trace"},
                                     {"GONGKAI_ACCESS_LOG", "no"},
                                     {"GONGKAI_CSRF_SECRET_FILE", "/c"}}));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen_address.host, "0.0.0.0");
  EXPECT_EQ(config->listen_address.port, 80);
  EXPECT_EQ(config->db, "sqlite:/var/lib/gongkai/gongkai.db");
  EXPECT_EQ(config->read_db, "sqlite:/var/lib/gongkai/replica.db");
  EXPECT_EQ(config->public_url, "https://x.example");
  EXPECT_EQ(config->threads, 2);
  EXPECT_EQ(config->max_connections, 10);
  EXPECT_EQ(config->key_file, "/k");
  EXPECT_EQ(config->attachment_dir, "/a");
  EXPECT_EQ(config->log_level, LogLevel::kTrace);
  EXPECT_FALSE(config->access_log);
  EXPECT_EQ(config->csrf_secret_file, "/c");
}

// Issue 16, findings 6 and 8: Secure cookies, trusted proxies (a CIDR list) and the metrics
// access rule are config keys with environment overrides, validated like the others.
TEST(ConfigTest, SecureCookiesTrustedProxiesAndMetricsAccessAreKeys) {
  ServerConfig defaults;
  EXPECT_FALSE(defaults.secure_cookies);
  EXPECT_TRUE(defaults.trusted_proxies.empty()) << "no proxy is believed unless configured";
  auto config = FromText(
      "secure_cookies = true\ntrusted_proxies = 10.0.0.0/8, 192.0.2.7\n"
      "metrics_allow = 10.1.2.0/24\nmetrics_token_file = /etc/gongkai/metrics.token\n",
      MapEnv({{"GONGKAI_TRUSTED_PROXIES", "172.16.0.0/12 ::1/128"}}));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->secure_cookies);
  EXPECT_EQ(config->trusted_proxies, "172.16.0.0/12 ::1/128");  // environment over file
  EXPECT_EQ(config->metrics_allow, "10.1.2.0/24");
  EXPECT_EQ(config->metrics_token_file, "/etc/gongkai/metrics.token");
  auto bad = FromText("trusted_proxies = 10.0.0.0/33\n", MapEnv({}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "trusted_proxies");
  bad = FromText("secure_cookies = maybe\n", MapEnv({}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "secure_cookies");
}

TEST(AddressRangesTest, CidrMatchingForBothFamilies) {
  auto r = AddressRanges::Parse("10.0.0.0/8, 192.0.2.7 2001:db8::/32", "trusted_proxies");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->Contains("10.200.3.4"));
  EXPECT_TRUE(r->Contains("::ffff:10.1.1.1")) << "IPv4-mapped";
  EXPECT_TRUE(r->Contains("192.0.2.7"));
  EXPECT_FALSE(r->Contains("192.0.2.8"));
  EXPECT_FALSE(r->Contains("11.0.0.1"));
  EXPECT_TRUE(r->Contains("2001:db8:1::5"));
  EXPECT_FALSE(r->Contains("2001:db9::1"));
  EXPECT_FALSE(r->Contains("not-an-address"));
  EXPECT_FALSE(AddressRanges().Contains("127.0.0.1"));
  EXPECT_FALSE(AddressRanges::Parse("10.0.0.0/x", "f").ok());
  EXPECT_FALSE(AddressRanges::Parse("example.org", "f").ok());
  EXPECT_TRUE(AddressRanges::Parse("", "f")->empty());
}

TEST(ConfigTest, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  auto config = FromText("threads = 8\nlisten = 10.0.0.1:8080\n",
                         MapEnv({{"GONGKAI_THREADS", "16"}, {"GONGKAI_LOG_LEVEL", ""}}));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->threads, 16);                      // environment over file
  EXPECT_EQ(config->listen_address.host, "10.0.0.1");  // file over default
  EXPECT_EQ(config->log_level, LogLevel::kInfo);       // an empty variable is unset
  ASSERT_TRUE(SetConfigValue(*config, "threads", "32", "--threads").ok());
  EXPECT_EQ(config->threads, 32);  // flag over environment
}

TEST(ConfigTest, FileErrorsNameTheKeyAndTheLine) {
  struct Case {
    const char* text;
    const char* field;
    const char* needle;
  };
  for (const Case& c : {
           Case{"threads = 4\nlisen = 127.0.0.1:1\n", "lisen", "第 2 行"},
           Case{"\n\nthreads = many\n", "threads", "第 3 行"},
           Case{"threads = 0\n", "threads", "1–256"},
           Case{"max_connections = 99999999999\n", "max_connections", "第 1 行"},
           Case{"listen = localhost\n", "listen", "地址:端口"},
           Case{"listen = ::1:80\n", "listen", "第 1 行"},
           Case{"listen = 127.0.0.1:70000\n", "listen", "70000"},
           Case{"log_level = verbose\n", "log_level", "verbose"},
           Case{"access_log = maybe\n", "access_log", "第 1 行"},
           Case{"db = a\n# c\ndb = b\n", "db", "第 3 行"},
           Case{"threads\n", "config", "key = value"},
       }) {
    auto config = FromText(c.text);
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_EQ(config.status().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(config.status().field(), c.field) << c.text;
    EXPECT_NE(config.status().message().find(c.needle), std::string::npos)
        << config.status().message();
    EXPECT_NE(config.status().message().find("gongkai.conf"), std::string::npos)
        << config.status().message();
  }
}

TEST(ConfigTest, EnvironmentErrorsNameTheVariable) {
  auto config = FromText("", MapEnv({{"GONGKAI_THREADS", "x"}}));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().field(), "threads");
  EXPECT_NE(config.status().message().find("GONGKAI_THREADS"), std::string::npos);
  auto listen = FromText("", MapEnv({{"GONGKAI_LISTEN", "8080"}}));
  ASSERT_FALSE(listen.ok());
  EXPECT_EQ(listen.status().field(), "listen");
}

TEST(ConfigTest, FlagErrorsNameTheFlag) {
  ServerConfig config;
  core::Status s = SetConfigValue(config, "log_level", "loud", "--log-level");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.field(), "log_level");
  EXPECT_EQ(s.message().rfind("--log-level", 0), 0u) << s.message();
  EXPECT_EQ(config.log_level, LogLevel::kInfo);  // unchanged on error
}

TEST(ConfigTest, LoadsAFileAndRefusesAMissingOne) {
  auto path = std::filesystem::temp_directory_path() /
              ("gongkai_config_" + std::to_string(::getpid()) + ".conf");
  {
    std::ofstream out(path);
    out << "threads = 3\nlog_level = error\n";
  }
  auto config = LoadConfig(path.string(), MapEnv({{"GONGKAI_LOG_LEVEL", "debug"}}));
  std::filesystem::remove(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->threads, 3);
  EXPECT_EQ(config->log_level, LogLevel::kDebug);

  auto missing = LoadConfig(path.string(), kNoEnv);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "config");
  EXPECT_NE(missing.status().message().find(path.string()), std::string::npos);
}

TEST(ConfigTest, LogLevelNamesRoundTrip) {
  for (LogLevel level : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn,
                         LogLevel::kError, LogLevel::kOff}) {
    ServerConfig config;
    ASSERT_TRUE(SetConfigValue(config, "log_level", LogLevelName(level), "t").ok());
    EXPECT_EQ(config.log_level, level);
  }
}

TEST(ConfigTest, ReadingsOfTheLawAreKeys) {
  ServerConfig c;
  ASSERT_TRUE(ApplyConfigText(c,
                              "clock_count_receipt_day = true\nclock_fee_notice_pauses = off\n"
                              "legacy_overdue_as = on_time\nreport_case_year = concluded\n",
                              "gongkai.conf")
                  .ok());
  EXPECT_TRUE(c.rules.clock.count_receipt_day);
  EXPECT_FALSE(c.rules.clock.fee_notice_pauses);
  EXPECT_FALSE(c.rules.legacy.overdue_counts_as_extended);
  EXPECT_EQ(c.rules.case_year, core::CaseYearRule::kConcluded);
  core::Status bad = SetConfigValue(c, "legacy_overdue_as", "late", "--overdue-as");
  EXPECT_EQ(bad.field(), "legacy_overdue_as");
  EXPECT_EQ(SetConfigValue(c, "report_case_year", "x", "env").field(), "report_case_year");
}

// Issue 19: the worker pool and the search result cache are sized by config keys with
// environment overrides and documented defaults.
TEST(ConfigTest, WorkerPoolAndSearchCacheKeys) {
  auto defaults = FromText("", MapEnv({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->workers, 2);
  EXPECT_EQ(defaults->worker_queue, 256);
  EXPECT_EQ(defaults->worker_nice, 10);
  EXPECT_EQ(defaults->search_per_client, 4);
  EXPECT_EQ(defaults->search_cache_entries, 2000);
  auto config = FromText("workers = 0\nworker_queue = 10\nsearch_per_client = 0\n",
                         MapEnv({{"GONGKAI_WORKERS", "3"}, {"GONGKAI_SEARCH_CACHE_ENTRIES", "0"}}));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->workers, 3);  // environment over file
  EXPECT_EQ(config->worker_queue, 10);
  EXPECT_EQ(config->search_per_client, 0);
  EXPECT_EQ(config->search_cache_entries, 0);
  EXPECT_FALSE(FromText("workers = 257\n", MapEnv({})).ok());
  EXPECT_FALSE(FromText("worker_queue = 0\n", MapEnv({})).ok());
  EXPECT_FALSE(FromText("worker_nice = 20\n", MapEnv({})).ok());
  EXPECT_FALSE(FromText("search_per_client = -1\n", MapEnv({})).ok());
  EXPECT_EQ(ConfigEnvName("search_cache_entries"), "GONGKAI_SEARCH_CACHE_ENTRIES");
}

// Issue 19 (deliverable 6): every memory the server holds is sized by a key with a default.
TEST(ConfigTest, MemoryKeys) {
  auto defaults = FromText("", MapEnv({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->page_cache_mb, 64);
  EXPECT_EQ(defaults->search_cache_mb, 32);
  EXPECT_EQ(defaults->search_phrase_cache_mb, 32);
  EXPECT_EQ(defaults->sqlite_cache_mb, 8);
  EXPECT_EQ(defaults->sqlite_mmap_mb, 256);
  auto config = FromText("search_cache_mb = 4\nsqlite_mmap_mb = 0\nsearch_phrase_cache_mb = 0\n",
                         MapEnv({{"GONGKAI_SQLITE_CACHE_MB", "2"}}));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->search_cache_mb, 4);
  EXPECT_EQ(config->sqlite_cache_mb, 2);
  EXPECT_EQ(config->sqlite_mmap_mb, 0);
  EXPECT_EQ(config->search_phrase_cache_mb, 0);  // off: every search walks the index
  auto bad = FromText("sqlite_cache_mb = 0\n", MapEnv({}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "sqlite_cache_mb");
  EXPECT_FALSE(FromText("search_cache_mb = 0\n", MapEnv({})).ok());
  EXPECT_FALSE(FromText("sqlite_mmap_mb = -1\n", MapEnv({})).ok());
  EXPECT_FALSE(FromText("search_phrase_cache_mb = 4097\n", MapEnv({})).ok());
}

}  // namespace
}  // namespace gongkai::app
