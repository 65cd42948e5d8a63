// gongkai serve: the public portal over HTTP; gongkai search: the full-text index.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>

#include "app/config.hpp"
#include "app/exposure_setup.hpp"
#include "app/holiday_file.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "search/index_build.hpp"
#include "search/search_index.hpp"
#include "server/app.hpp"

namespace gongkai::cli {
namespace {

// Items per committed batch of the start-up index build: each batch holds SQLite's write
// lock while it is inserted (tens of milliseconds), so publications wait at most that long.
constexpr int kServeIndexBatch = 4000;

struct ServeArgs {
  std::string config_file;
  // Flags as typed; each one given overrides the config file and the environment.
  std::map<std::string, std::string> values;  // config key → flag value
  std::map<std::string, CLI::Option*> options;
  bool secure_cookies = false;
  bool quiet = false;
  std::string url;  // gongkai search …
};

// Brings the full-text index up to date (or rebuilds it), saying what it is doing: the first
// start on a new database indexes every item, which takes a while. A bar on a terminal,
// periodic lines in a log (cli/progress); nothing at all when the index was current and
// `quiet`.
core::Status SyncIndex(const std::string& url, bool rebuild, bool quiet) {
  GONGKAI_ASSIGN_OR_RETURN(auto store, OpenStore(url, store::SchemaPolicy::kMigrate));
  search::SearchIndex index(*store);
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
  auto resolved = ResolveConfig(a);
  if (!resolved.ok()) return PrintError(resolved.status());
  app::ServerConfig c = *resolved;
  if (a.secure_cookies) c.secure_cookies = true;
  spdlog::set_level(SpdlogLevel(c.log_level));
  // 保密审查's second reader: attachment text and the misstatement rules, before threads.
  if (auto e = app::InstallExposureScanning(c.attachment_dir); !e.ok()) return PrintError(e);
  // The schema is brought up to date before listening; the index is not waited for: it is
  // brought up to date on a connection of its own in the background while the portal
  // answers (search says how far the build got; search/index_build.hpp).
  auto index_store = OpenStore(c.db, store::SchemaPolicy::kMigrate);
  if (!index_store.ok()) return PrintError(index_store.status());
  const bool quiet = !c.access_log;
  search::BackgroundIndexBuild::Options build_options;
  build_options.batch_items = kServeIndexBatch;
  build_options.on_done = [quiet](const core::Result<int64_t>& n) {
    if (!n.ok()) {
      spdlog::error("search: index build failed: {}", n.status().ToString());
    } else if (*n > 0 || !quiet) {
      spdlog::info("search: index build done, {} items indexed", *n);
    }
  };
  auto index_build = std::make_unique<search::BackgroundIndexBuild>(std::move(index_store).value(),
                                                                    std::move(build_options));
  server::BuildOptions build;
  build.warn = [](const std::string& message) { std::cerr << message << "\n"; };
  build.on_listening = [](unsigned short port) {
    std::cout << "门户已启动: http://127.0.0.1:" << port << "/ （后台 /admin，Ctrl-C 停止）"
              << std::endl;
  };
  auto server = server::App::Build(c, std::move(build));
  if (!server.ok()) return PrintError(server.status());
  core::Status s = (*server)->Run();
  index_build.reset();  // stops between two batches; the next start resumes
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
