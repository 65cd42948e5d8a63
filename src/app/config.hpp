// The server configuration: a file of `key = value` lines, environment overrides and
// command-line flags, with one validation path for all three.
//
// File format (docs/deploy/gongkai.conf.example is a complete example):
//   # a comment (only whole lines: values such as URLs may contain '#')
//   listen = 127.0.0.1:8080
//   db = "postgresql://gongkai@db.internal/gongkai"
// - one `key = value` per line; blank lines and lines starting with '#' are ignored;
// - spaces around the key and the value are trimmed; a value wrapped in double quotes
//   loses the quotes (no escapes); an empty value sets the key to "" (for text keys the
//   default, for numbers and switches an error);
// - each key at most once.
//
// Keys, their environment variables and defaults:
//   listen            GONGKAI_LISTEN            127.0.0.1:8080  host:port or [v6]:port
//   db                GONGKAI_DB                (empty: the CLI's default, sqlite:gongkai.db)
//   read_db           GONGKAI_READ_DB           (empty: db)     a read-only replica for the
//                                                               public pages (not the forms)
//   public_url        GONGKAI_PUBLIC_URL        (empty: http://<listen>)
//   threads           GONGKAI_THREADS           4               1–256
//   max_connections   GONGKAI_MAX_CONNECTIONS   1024            1–1000000
//   page_cache_mb     GONGKAI_PAGE_CACHE_MB     64              0–4096 (0: no page cache)
//   workers           GONGKAI_WORKERS           2               0–256 threads for requests that
//                                                               touch the database or render
//                                                               (0: on the I/O threads, no pool)
//   worker_queue      GONGKAI_WORKER_QUEUE      256             1–100000 requests waiting for a
//                                                               worker; beyond: 503 + Retry-After
//   worker_nice       GONGKAI_WORKER_NICE       10              0–19 added to the workers'
//                                                               niceness (below the I/O threads)
//   search_per_client GONGKAI_SEARCH_PER_CLIENT 4               0–1000 concurrent searches per
//                                                               client; beyond: 429 (0: no cap)
//   search_cache_entries GONGKAI_SEARCH_CACHE_ENTRIES 2000     0–1000000 search results kept
//                                                               (0: no result cache)
//   search_cache_mb   GONGKAI_SEARCH_CACHE_MB   32              1–4096 MB those results hold
//                                                               at most (estimated bytes)
//   search_phrase_cache_mb GONGKAI_SEARCH_PHRASE_CACHE_MB 32   0–4096 MB of the sets of items
//                                                               each searched phrase matches
//                                                               (SQLite; 0: every search walks
//                                                               the index)
//   sqlite_cache_mb   GONGKAI_SQLITE_CACHE_MB   8               1–4096 MB page cache per SQLite
//                                                               connection (anonymous memory)
//   sqlite_mmap_mb    GONGKAI_SQLITE_MMAP_MB    256             0–65536 MB of the database file
//                                                               read through a memory map per
//                                                               connection (file-backed; 0: off)
// Memory sizing (docs/deploy/README.md): anonymous RSS ≈ 40 MB + page_cache_mb +
// search_cache_mb + search_phrase_cache_mb + connections × sqlite_cache_mb, connections = workers
// (or threads with no pool) per database URL.
//   key_file          GONGKAI_KEY_FILE          (empty)         personal-data key file
//   attachment_dir    GONGKAI_ATTACHMENT_DIR    attachments
//   log_level         GONGKAI_LOG_LEVEL         info            trace|debug|info|warn|error|off
//   access_log        GONGKAI_ACCESS_LOG        true            true|false (also yes/no, on/off)
//   csrf_secret_file  GONGKAI_CSRF_SECRET_FILE  (empty)
//   secure_cookies    GONGKAI_SECURE_COOKIES    false           true behind TLS (cookies get
//                                                               Secure)
//   trusted_proxies   GONGKAI_TRUSTED_PROXIES   (empty: none)   CIDR list of reverse proxies
//                                                               whose X-Forwarded-For is
//                                                               believed (e.g. 10.0.0.5/32)
//   metrics_allow     GONGKAI_METRICS_ALLOW     127.0.0.1/32 ::1/128  CIDR list of client
//                                                               addresses /metrics answers
//   metrics_token_file GONGKAI_METRICS_TOKEN_FILE (empty)      a file holding a bearer token
//                                                               that also opens /metrics
// Readings of the law (docs/requests.md, "Configurable readings"):
//   clock_count_receipt_day  GONGKAI_CLOCK_COUNT_RECEIPT_DAY  false  the receipt day is day 1
//   clock_fee_notice_pauses  GONGKAI_CLOCK_FEE_NOTICE_PAUSES  true   109号: fee time not counted
//   legacy_overdue_as        GONGKAI_LEGACY_OVERDUE_AS        extended  extended|on_time: the
//                            legacy row 逾期 answers are counted in (they are also listed)
//   report_case_year         GONGKAI_REPORT_CASE_YEAR         filed  filed|concluded (表四)
// Precedence: command-line flag > environment > file > default. An environment variable
// that is set but empty counts as unset (so `GONGKAI_DB=` in a unit file changes nothing).
//
// Wiring into a command (e.g. `gongkai serve --config FILE`):
//   auto config = app::LoadConfig(config_path, app::ProcessEnv());   // file + environment
//   if (!config.ok()) return PrintError(config.status());
//   if (threads_flag->count() > 0)                                 // flags given explicitly
//     GONGKAI_RETURN_IF_ERROR(app::SetConfigValue(*config, "threads", threads_text, "--threads"));
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report_compute.hpp"
#include "core/status.hpp"

namespace gongkai::app {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// "trace", "debug", …, "off".
std::string_view LogLevelName(LogLevel level);

struct ListenAddress {
  std::string host;  // without the brackets of an IPv6 literal
  unsigned short port = 0;
};

// Parses "host:port" or "[v6]:port" (port 0–65535; 0 asks for any free port).
// kInvalidArgument with field "listen" otherwise.
core::Result<ListenAddress> ParseListenAddress(std::string_view text);

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // as written; always parses (see listen_address)
  ListenAddress listen_address{"127.0.0.1", 8080};
  std::string db;          // database URL; empty means the CLI's default
  std::string read_db;     // streaming replica for public page reads; empty means db
  std::string public_url;  // empty means http://<listen>
  int threads = 4;
  int max_connections = 1024;
  int page_cache_mb = 64;  // rendered public pages kept in memory; 0 turns the cache off
  int workers = 2;         // the worker pool (web/worker_pool.hpp); 0: no pool
  int worker_queue = 256;
  int worker_nice = 10;
  int search_per_client = 4;
  int search_cache_entries = 2000;
  int search_cache_mb = 32;         // bytes bound of those entries
  int search_phrase_cache_mb = 32;  // search/phrase_cache.hpp; 0 turns it off
  int sqlite_cache_mb = 8;          // PRAGMA cache_size per pooled SQLite connection
  int sqlite_mmap_mb = 256;         // PRAGMA mmap_size per pooled SQLite connection
  std::string key_file;
  std::string attachment_dir = "attachments";
  LogLevel log_level = LogLevel::kInfo;
  bool access_log = true;
  std::string csrf_secret_file;
  bool secure_cookies = false;
  std::string trusted_proxies;  // as written; always parses (AddressRanges)
  std::string metrics_allow = "127.0.0.1/32 ::1/128";
  std::string metrics_token_file;
  // The readings of the law the clock and the reports use (clock_*, legacy_*, report_*).
  core::ReportRules rules;
};

// The configuration keys, in the order documented above.
const std::vector<std::string>& ConfigKeys();
// The environment variable overriding `key` (e.g. "GONGKAI_THREADS").
std::string ConfigEnvName(std::string_view key);

// Looks an environment variable up; nullopt when unset. Injectable so tests need not touch
// the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnv();  // std::getenv
EnvLookup MapEnv(std::map<std::string, std::string> vars);

// Validates `value` and stores it under `key`. `origin` names where the value came from
// ("--threads", "环境变量 GONGKAI_THREADS", "gongkai.conf 第 3 行") and starts the error
// message. kInvalidArgument with field = key for an unknown key or a bad value.
core::Status SetConfigValue(ServerConfig& config, std::string_view key, std::string_view value,
                            std::string_view origin);

// Applies `text` (the file format above) on top of `config`. `file_name` is used in error
// messages, which also give the line: unknown key, duplicate key, a line without '=',
// or a bad value.
core::Status ApplyConfigText(ServerConfig& config, std::string_view text,
                             std::string_view file_name);

// Applies every GONGKAI_* variable of ConfigKeys() that `env` holds (non-empty).
core::Status ApplyEnvOverrides(ServerConfig& config, const EnvLookup& env);

// Defaults, then the file at `path` (skipped when `path` is empty), then the environment.
// A file that cannot be read is kInvalidArgument with field "config". Flags are the
// caller's to apply afterwards with SetConfigValue.
core::Result<ServerConfig> LoadConfig(const std::string& path, const EnvLookup& env);

}  // namespace gongkai::app
