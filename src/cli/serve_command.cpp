// gongkai serve: the public portal over HTTP; gongkai search: the full-text index.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>

#include "admin/back_office.hpp"
#include "api/json_api.hpp"
#include "api/ops.hpp"
#include "app/address_range.hpp"
#include "app/config.hpp"
#include "app/exposure_setup.hpp"
#include "app/holiday_file.hpp"
#include "app/personal_data.hpp"
#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "search/search_index.hpp"
#include "web/metrics.hpp"
#include "web/portal.hpp"
#include "web/route_label.hpp"
#include "web/server.hpp"
#include "web/store_pool.hpp"

namespace gongkai::cli {
namespace {

struct ServeArgs {
  std::string config_file;
  // Flags as typed; each one given overrides the config file and the environment.
  std::map<std::string, std::string> values;  // config key → flag value
  std::map<std::string, CLI::Option*> options;
  bool secure_cookies = false;
  bool quiet = false;
  std::string url;  // gongkai search …
};

// The CSRF key from a file (≥ 32 bytes, shared by every server behind one balancer), or a
// random one for this process.
core::Result<web::CsrfTokens> LoadCsrf(const std::string& path) {
  if (path.empty()) return web::CsrfTokens::Random();
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::InvalidArgument("无法读取 CSRF 密钥文件: " + path, "csrf_secret_file");
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return web::CsrfTokens::FromKey(key);
}

// Brings the search index up to date on one connection (migrating the schema first).
// Brings the full-text index up to date (or rebuilds it), saying what it is doing: the first
// start on a new database indexes every item, which takes a while. A bar on a terminal,
// periodic lines in a log (cli/progress); nothing at all when the index was current and
// `quiet`.
core::Status SyncIndex(const std::string& url, bool rebuild, bool quiet) {
  GONGKAI_ASSIGN_OR_RETURN(auto store, OpenStore(url, store::SchemaPolicy::kMigrate));
  search::SearchIndex index(store->session(), store->backend());
  std::optional<Progress> progress;
  index.SetProgress([&](int64_t done, int64_t total) {
    if (!progress) {
      std::cerr << (rebuild ? "正在重建检索索引" : "正在建立检索索引") << "（共 " << total
                << " 条，首次启动需要一些时间）\n";
      progress.emplace("检索索引", total);
    }
    progress->Update(done);
  });
  GONGKAI_ASSIGN_OR_RETURN(int64_t n, rebuild ? index.Rebuild() : index.Sync());
  if (progress) {
    progress->Finish();
  } else if (!quiet) {
    std::cerr << "检索索引：新索引 " << n << " 条\n";
  }
  return core::Status::Ok();
}

// The settings: defaults, then the config file, then GONGKAI_* variables, then flags.
core::Result<app::ServerConfig> ResolveConfig(const ServeArgs& a) {
  GONGKAI_ASSIGN_OR_RETURN(app::ServerConfig config,
                           app::LoadConfig(a.config_file, app::ProcessEnv()));
  for (const auto& [key, option] : a.options) {
    if (option->count() == 0) continue;
    GONGKAI_RETURN_IF_ERROR(
        app::SetConfigValue(config, key, a.values.at(key), "--" + std::string(key)));
  }
  if (a.quiet) config.access_log = false;
  if (config.db.empty()) config.db = DefaultDbUrl();
  return config;
}

// The first line of a secret file (a token), without its line ending. kInvalidArgument
// naming `field` when the file cannot be read or the line is shorter than 16 bytes.
core::Result<std::string> LoadSecretLine(const std::string& path, const char* field) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return core::InvalidArgument("无法读取文件: " + path, field);
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.size() < 16) return core::InvalidArgument("令牌过短（至少 16 字节）: " + path, field);
  return line;
}

// The metrics label of a request: the API's route template, else the portal's or the back
// office's; every unknown path shares web::kUnmatchedRoute (bounded series).
std::string Label(const api::JsonApi& json_api, const web::HttpRequest& r) {
  if (r.path == "/api/openapi.json" || !api::JsonApi::Owns(r.path)) return web::RouteLabel(r.path);
  std::string label = json_api.RouteLabel(r);
  return label == "/api/{unknown}" ? std::string(web::kUnmatchedRoute) : label;
}

spdlog::level::level_enum SpdlogLevel(app::LogLevel level) {
  switch (level) {
    case app::LogLevel::kTrace:
      return spdlog::level::trace;
    case app::LogLevel::kDebug:
      return spdlog::level::debug;
    case app::LogLevel::kInfo:
      return spdlog::level::info;
    case app::LogLevel::kWarn:
      return spdlog::level::warn;
    case app::LogLevel::kError:
      return spdlog::level::err;
    case app::LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

int Serve(const ServeArgs& a) {
  auto config = ResolveConfig(a);
  if (!config.ok()) return PrintError(config.status());
  const app::ServerConfig& c = *config;
  spdlog::set_level(SpdlogLevel(c.log_level));
  web::ServerOptions options;
  options.address = c.listen_address.host;
  options.port = c.listen_address.port;
  options.threads = std::max(1, c.threads);
  options.max_connections = static_cast<size_t>(std::max(1, c.max_connections));
  options.access_log = c.access_log;
  // Validated when the config was loaded: these parse.
  auto proxies = app::AddressRanges::Parse(c.trusted_proxies, "trusted_proxies");
  if (!proxies.ok()) return PrintError(proxies.status());
  options.trusted_proxies = *proxies;
  api::MetricsAccess metrics_access;
  auto metrics_allow = app::AddressRanges::Parse(c.metrics_allow, "metrics_allow");
  if (!metrics_allow.ok()) return PrintError(metrics_allow.status());
  metrics_access.allow = *metrics_allow;
  if (!c.metrics_token_file.empty()) {
    auto token = LoadSecretLine(c.metrics_token_file, "metrics_token_file");
    if (!token.ok()) return PrintError(token.status());
    metrics_access.token = *token;
  }
  const bool secure_cookies = a.secure_cookies || c.secure_cookies;
  core::Status s = SyncIndex(c.db, false, !c.access_log);
  if (!s.ok()) return PrintError(s);
  // The threads that touch the database: the workers, or with no pool the I/O threads.
  const int db_threads = c.workers > 0 ? c.workers : options.threads;
  options.workers = c.workers;
  options.queue_limit = static_cast<size_t>(c.worker_queue);
  options.worker_nice = c.worker_nice;
  options.per_client_limit = static_cast<size_t>(c.search_per_client);
  auto pool = web::StorePool::Open(c.db, db_threads);
  if (!pool.ok()) return PrintError(pool.status());
  web::Metrics metrics;
  metrics.WatchPool(**pool);
  std::unique_ptr<web::StorePool> read_pool;  // a streaming replica for the public pages
  if (!c.read_db.empty()) {
    auto opened = web::StorePool::Open(c.read_db, db_threads);
    if (!opened.ok()) return PrintError(opened.status());
    read_pool = std::move(*opened);
  }

  std::optional<app::PersonalDataKey> key;
  if (!c.key_file.empty()) {
    auto loaded = app::PersonalDataKey::Load(c.key_file);
    if (!loaded.ok()) return PrintError(loaded.status());
    key = *loaded;
  } else {
    std::cerr << "未指定个人信息密钥（key_file / --key-file / GONGKAI_KEY_FILE）："
                 "网上申请、咨询、投诉和后台登记申请暂不受理\n";
  }
  auto csrf = LoadCsrf(c.csrf_secret_file);
  if (!csrf.ok()) return PrintError(csrf.status());

  web::PortalOptions portal_options;
  portal_options.data_dir = app::DataDir();
  portal_options.key = key;
  portal_options.csrf = *csrf;
  portal_options.secure_cookies = secure_cookies;
  portal_options.metrics = &metrics;
  portal_options.attachment_dir = c.attachment_dir;
  if (auto s = app::InstallExposureScanning(c.attachment_dir); !s.ok()) return PrintError(s);
  portal_options.read_pool = read_pool.get();
  portal_options.page_cache_bytes = static_cast<size_t>(c.page_cache_mb) << 20;
  portal_options.search_cache_entries = static_cast<size_t>(c.search_cache_entries);
  portal_options.rules = c.rules;
  portal_options.public_url = c.public_url.empty() ? "http://" + c.listen : c.public_url;
  while (!portal_options.public_url.empty() && portal_options.public_url.back() == '/') {
    portal_options.public_url.pop_back();
  }
  auto portal = web::Portal::Create(**pool, portal_options);
  if (!portal.ok()) return PrintError(portal.status());

  admin::BackOfficeOptions office_options;
  office_options.data_dir = app::DataDir();
  office_options.secure_cookies = secure_cookies;
  office_options.csrf = *csrf;
  office_options.personal_data_key = key;
  office_options.attachment_dir = c.attachment_dir;
  office_options.rules = c.rules;
  // Uploads may exceed the server's body limit: up to the attachment limit on their route.
  options.body_limit_for = [max = office_options.max_attachment_bytes](std::string_view target) {
    return admin::BackOffice::UploadBodyLimit(target, max);
  };
  auto office = admin::BackOffice::Create(**pool, office_options);
  if (!office.ok()) return PrintError(office.status());

  api::ApiOptions api_options;
  app::SystemClock clock;
  api_options.clock = &clock;
  api_options.personal_key = key;
  api_options.rules = c.rules;
  auto json_api = api::JsonApi::Create(**pool, api_options);
  if (!json_api.ok()) return PrintError(json_api.status());

  web::Portal* p = portal->get();
  admin::BackOffice* o = office->get();
  api::JsonApi* j = json_api->get();
  web::StorePool* db = pool->get();
  web::Metrics* m = &metrics;
  // One entry point: operations, the back office, the API, then the public portal.
  web::Handler route = [p, o, j, db, m, metrics_access](const web::HttpRequest& r) {
    if (r.path == "/metrics") return api::ServeMetrics(*m, r, metrics_access);
    if (r.path == "/readyz") return api::ServeReadyz(*db);
    if (admin::BackOffice::Owns(r.path)) return o->Handle(r);
    if (api::JsonApi::Owns(r.path)) return j->Handle(r);
    return p->Handle(r);
  };
  // Limits before bodies: the back office and the API decide from the header whether a
  // request's body is worth reading (a session, a token).
  options.admit = [o, j](const web::HttpRequest& head) -> std::optional<web::HttpResponse> {
    if (admin::BackOffice::Owns(head.path)) return o->Admit(head);
    if (api::JsonApi::Owns(head.path)) return j->Admit(head);
    return std::nullopt;
  };
  // Isolation: page-cache hits on the I/O threads; searches capped per client.
  auto label = [j](const web::HttpRequest& r) { return Label(*j, r); };
  options.cached = web::InstrumentCached(
      metrics,
      [p](const web::HttpRequest& r) -> std::optional<web::HttpResponse> {
        if (r.path == "/metrics" || r.path == "/readyz" || admin::BackOffice::Owns(r.path) ||
            api::JsonApi::Owns(r.path)) {
          return std::nullopt;
        }
        return p->TryCached(r);
      },
      label);
  options.per_client = [](const web::HttpRequest& r) { return r.path == "/search"; };
  options.on_listening = [](unsigned short port) {
    std::cout << "门户已启动: http://127.0.0.1:" << port << "/ （后台 /admin，Ctrl-C 停止）"
              << std::endl;
  };
  web::Server server(options, web::InstrumentHandler(metrics, route, label),
                     [p](int status) { return p->ErrorPage(status); });
  s = server.Run();
  if (!s.ok()) return PrintError(s);
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "启动政府信息公开门户与后台（HTTP）");
  serve->add_option(
      "--config", args->config_file,
      "配置文件（见 docs/deploy/gongkai.conf.example；GONGKAI_* 环境变量和命令行参数优先）");
  auto flag = [&](const char* name, const char* key, const char* help) {
    args->options[key] = serve->add_option(std::string("--") + name, args->values[key], help);
  };
  flag("db", "db",
       "数据库 URL：sqlite:PATH 或 postgresql://…（默认 $GONGKAI_DB，否则 sqlite:gongkai.db）");
  flag("read-db", "read_db", "只读副本数据库 URL（公开页面从此读取；表单、计数仍写主库）");
  flag("listen", "listen", "监听地址:端口（默认 127.0.0.1:8080）");
  flag("threads", "threads", "I/O 线程数（默认 4）");
  flag("workers", "workers",
       "工作线程数：查询数据库、渲染页面（每线程一个数据库连接，默认 2；0 表示不用工作线程池）");
  flag("max-connections", "max_connections", "最大并发连接数（默认 1024）");
  flag("public-url", "public_url", "站点对外地址（用于网站地图和 RSS，默认 http://<listen>）");
  flag("key-file", "key_file", "个人信息密钥文件（网上申请、后台登记申请需要）");
  flag("csrf-secret-file", "csrf_secret_file",
       "表单令牌密钥文件（≥32 字节，多台服务器共用；默认每次启动随机生成）");
  flag("log-level", "log_level", "日志级别：trace/debug/info/warn/error/off");
  serve->add_flag("--secure-cookies", args->secure_cookies,
                  "Cookie 加 Secure（经 HTTPS 访问时；或配置项 secure_cookies）");
  serve->add_flag("--quiet", args->quiet, "不输出访问日志");
  serve->callback([&action, args] { action.Set([args] { return Serve(*args); }); });

  auto sargs = std::make_shared<ServeArgs>();
  auto* search = app.add_subcommand("search", "全文检索索引");
  search->require_subcommand(1);
  auto* reindex = search->add_subcommand("reindex", "重建检索索引（全部已发布信息）");
  AddDbOption(reindex, sargs->url);
  reindex->callback([&action, sargs] {
    action.Set([sargs] {
      core::Status s = SyncIndex(sargs->url, true, false);
      return s.ok() ? kExitOk : PrintError(s);
    });
  });
  auto* sync = search->add_subcommand("sync", "索引新发布的信息");
  AddDbOption(sync, sargs->url);
  sync->callback([&action, sargs] {
    action.Set([sargs] {
      core::Status s = SyncIndex(sargs->url, false, false);
      return s.ok() ? kExitOk : PrintError(s);
    });
  });
}

}  // namespace gongkai::cli
