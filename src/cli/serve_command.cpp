// gongkai serve: the public portal over HTTP; gongkai search: the full-text index.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/holiday_file.hpp"
#include "app/personal_data.hpp"
#include "cli/commands.hpp"
#include "search/search_index.hpp"
#include "web/portal.hpp"
#include "web/server.hpp"
#include "web/store_pool.hpp"

namespace gongkai::cli {
namespace {

struct ServeArgs {
  std::string url;
  std::string listen = "127.0.0.1:8080";
  std::string public_url;
  int threads = 4;
  size_t max_connections = 1024;
  std::string key_file;
  std::string csrf_secret_file;
  bool secure_cookies = false;
  bool quiet = false;
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

core::Status ParseListen(const std::string& text, std::string& host, unsigned short& port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return core::InvalidArgument("--listen 须为 地址:端口，如 127.0.0.1:8080", "listen");
  }
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    size_t used = 0;
    int p = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || p < 0 || p > 65535) throw std::out_of_range("port");
    port = static_cast<unsigned short>(p);
  } catch (const std::exception&) {
    return core::InvalidArgument("端口无效: " + text, "listen");
  }
  return core::Status::Ok();
}

// Brings the search index up to date on one connection (migrating the schema first).
core::Status SyncIndex(const std::string& url, bool rebuild, bool quiet) {
  GONGKAI_ASSIGN_OR_RETURN(auto store, OpenStore(url, store::SchemaPolicy::kMigrate));
  auto started = std::chrono::steady_clock::now();
  search::SearchIndex index(store->session(), store->backend());
  GONGKAI_ASSIGN_OR_RETURN(int64_t n, rebuild ? index.Rebuild() : index.Sync());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!quiet) {
    std::cerr << "检索索引：新索引 " << n << " 条（用时 " << static_cast<int>(seconds * 10) / 10.0
              << " 秒）\n";
  }
  return core::Status::Ok();
}

int Serve(const ServeArgs& a) {
  web::ServerOptions options;
  core::Status s = ParseListen(a.listen, options.address, options.port);
  if (!s.ok()) return PrintError(s);
  options.threads = std::max(1, a.threads);
  options.max_connections = a.max_connections;
  options.access_log = !a.quiet;
  s = SyncIndex(a.url, false, a.quiet);
  if (!s.ok()) return PrintError(s);
  auto pool = web::StorePool::Open(a.url, options.threads);
  if (!pool.ok()) return PrintError(pool.status());
  web::PortalOptions portal_options;
  portal_options.data_dir = app::DataDir();
  if (!a.key_file.empty() || std::getenv("GONGKAI_KEY_FILE")) {
    auto key = app::PersonalDataKey::LoadFromOptionOrEnv(a.key_file);
    if (!key.ok()) return PrintError(key.status());
    portal_options.key = *key;
  } else if (!a.quiet) {
    std::cerr
        << "未指定个人信息密钥（--key-file 或 GONGKAI_KEY_FILE）：网上申请、咨询、投诉暂不受理\n";
  }
  auto csrf = LoadCsrf(a.csrf_secret_file);
  if (!csrf.ok()) return PrintError(csrf.status());
  portal_options.csrf = *csrf;
  portal_options.secure_cookies = a.secure_cookies;
  portal_options.public_url = a.public_url.empty() ? "http://" + a.listen : a.public_url;
  while (!portal_options.public_url.empty() && portal_options.public_url.back() == '/') {
    portal_options.public_url.pop_back();
  }
  auto portal = web::Portal::Create(**pool, portal_options);
  if (!portal.ok()) return PrintError(portal.status());
  web::Portal* p = portal->get();
  options.on_listening = [](unsigned short port) {
    std::cout << "门户已启动: http://127.0.0.1:" << port << "/ （Ctrl-C 停止）" << std::endl;
  };
  web::Server server(
      options, [p](const web::HttpRequest& r) { return p->Handle(r); },
      [p](int status) { return p->ErrorPage(status); });
  s = server.Run();
  if (!s.ok()) return PrintError(s);
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "启动政府信息公开门户（HTTP）");
  AddDbOption(serve, args->url);
  serve->add_option("--listen", args->listen, "监听地址:端口（默认 127.0.0.1:8080）");
  serve->add_option("--threads", args->threads, "工作线程数（每线程一个数据库连接）")
      ->check(CLI::Range(1, 256));
  serve->add_option("--max-connections", args->max_connections, "最大并发连接数");
  serve->add_option("--public-url", args->public_url,
                    "站点对外地址（用于网站地图和 RSS，默认 http://<listen>）");
  serve->add_option("--key-file", args->key_file,
                    "个人信息密钥文件（网上申请等表单需要；也可用 GONGKAI_KEY_FILE）");
  serve->add_option("--csrf-secret-file", args->csrf_secret_file,
                    "表单令牌密钥文件（多台服务器共用；默认每次启动随机生成）");
  serve->add_flag("--secure-cookies", args->secure_cookies, "Cookie 加 Secure（经 HTTPS 访问时）");
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
