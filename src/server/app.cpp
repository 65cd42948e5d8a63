#include "server/app.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "app/address_range.hpp"
#include "app/holiday_file.hpp"
#include "app/personal_data.hpp"

namespace gongkai::server {
namespace {

// The CSRF key from a file (≥ 32 bytes, shared by every server behind one balancer), or a
// random one for this process.
core::Result<web::CsrfTokens> LoadCsrf(const std::string& path) {
  if (path.empty()) return web::CsrfTokens::Random();
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::InvalidArgument("无法读取 CSRF 密钥文件: " + path, "csrf_secret_file");
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return web::CsrfTokens::FromKey(key);
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

bool IsOps(const std::string& path) { return path == "/metrics" || path == "/readyz"; }

}  // namespace

App::~App() = default;

core::Result<std::unique_ptr<App>> App::Build(const app::ServerConfig& c, BuildOptions build) {
  std::unique_ptr<App> a(new App());
  if (build.clock) a->clock_ = build.clock;
  const std::string data_dir = build.data_dir.empty() ? app::DataDir() : build.data_dir;

  web::ServerOptions& options = a->server_options_;
  options.address = c.listen_address.host;
  options.port = c.listen_address.port;
  options.threads = std::max(1, c.threads);
  options.max_connections = static_cast<size_t>(std::max(1, c.max_connections));
  options.access_log = c.access_log;
  options.handle_signals = build.handle_signals;
  options.on_listening = build.on_listening;
  GONGKAI_ASSIGN_OR_RETURN(options.trusted_proxies,
                           app::AddressRanges::Parse(c.trusted_proxies, "trusted_proxies"));
  GONGKAI_ASSIGN_OR_RETURN(a->metrics_access_.allow,
                           app::AddressRanges::Parse(c.metrics_allow, "metrics_allow"));
  if (!c.metrics_token_file.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(a->metrics_access_.token,
                             LoadSecretLine(c.metrics_token_file, "metrics_token_file"));
  }
  // The threads that touch the database: the workers, or with no pool the I/O threads.
  const int db_threads = c.workers > 0 ? c.workers : options.threads;
  options.workers = c.workers;
  options.queue_limit = static_cast<size_t>(c.worker_queue);
  options.worker_nice = c.worker_nice;
  options.per_client_limit = static_cast<size_t>(c.search_per_client);
  const store::SqliteMemory sqlite{c.sqlite_cache_mb, c.sqlite_mmap_mb};
  GONGKAI_ASSIGN_OR_RETURN(a->pool_, web::StorePool::Open(c.db, db_threads, sqlite));
  a->metrics_.WatchPool(*a->pool_);
  if (!c.read_db.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(a->read_pool_, web::StorePool::Open(c.read_db, db_threads, sqlite));
  }

  std::optional<app::PersonalDataKey> key;
  if (!c.key_file.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(key, app::PersonalDataKey::Load(c.key_file));
  } else if (build.warn) {
    build.warn(
        "未指定个人信息密钥（key_file / --key-file / GONGKAI_KEY_FILE）："
        "网上申请、咨询、投诉和后台登记申请暂不受理");
  }
  GONGKAI_ASSIGN_OR_RETURN(web::CsrfTokens csrf, LoadCsrf(c.csrf_secret_file));

  web::PortalOptions portal;
  portal.data_dir = data_dir;
  portal.key = key;
  portal.csrf = csrf;
  portal.secure_cookies = c.secure_cookies;
  portal.metrics = &a->metrics_;
  portal.clock = a->clock_;
  portal.attachment_dir = c.attachment_dir;
  portal.read_pool = a->read_pool_.get();
  portal.page_cache_bytes = static_cast<size_t>(c.page_cache_mb) << 20;
  portal.search_cache_entries = static_cast<size_t>(c.search_cache_entries);
  portal.search_cache_bytes = static_cast<size_t>(c.search_cache_mb) << 20;
  portal.search_phrase_cache_bytes = static_cast<size_t>(c.search_phrase_cache_mb) << 20;
  portal.rules = c.rules;
  portal.public_url = c.public_url.empty() ? "http://" + c.listen : c.public_url;
  while (!portal.public_url.empty() && portal.public_url.back() == '/') {
    portal.public_url.pop_back();
  }
  GONGKAI_ASSIGN_OR_RETURN(a->portal_, web::Portal::Create(*a->pool_, portal));

  admin::BackOfficeOptions office;
  office.data_dir = data_dir;
  office.secure_cookies = c.secure_cookies;
  office.csrf = csrf;
  office.personal_data_key = key;
  office.attachment_dir = c.attachment_dir;
  office.rules = c.rules;
  office.clock = a->clock_;
  // Uploads may exceed the server's body limit: up to the attachment limit on their route.
  options.body_limit_for = [max = office.max_attachment_bytes](std::string_view target) {
    return admin::BackOffice::UploadBodyLimit(target, max);
  };
  GONGKAI_ASSIGN_OR_RETURN(a->office_, admin::BackOffice::Create(*a->pool_, office));

  api::ApiOptions api;
  api.clock = a->clock_;
  api.personal_key = key;
  api.rules = c.rules;
  GONGKAI_ASSIGN_OR_RETURN(a->api_, api::JsonApi::Create(*a->pool_, api));

  App* self = a.get();
  // Limits before bodies: the back office and the API decide from the header whether a
  // request's body is worth reading (a session, a token).
  options.admit = [self](const web::HttpRequest& head) -> std::optional<web::HttpResponse> {
    std::optional<web::HttpResponse> refused;
    if (admin::BackOffice::Owns(head.path)) refused = self->office_->Admit(head);
    if (api::JsonApi::Owns(head.path)) refused = self->api_->Admit(head);
    if (refused) self->AddRetryAfter(*refused);
    return refused;
  };
  auto label = [self](const web::HttpRequest& r) { return self->Label(r); };
  // Isolation: the portal's cached pages on the I/O threads; searches capped per client.
  options.cached = web::InstrumentCached(
      a->metrics_,
      [self](const web::HttpRequest& r) -> std::optional<web::HttpResponse> {
        if (IsOps(r.path) || admin::BackOffice::Owns(r.path) || api::JsonApi::Owns(r.path)) {
          return std::nullopt;
        }
        return self->portal_->TryCached(r);
      },
      label);
  options.per_client = [](const web::HttpRequest& r) { return r.path == "/search"; };
  a->instrumented_ = web::InstrumentHandler(
      a->metrics_, [self](const web::HttpRequest& r) { return self->Dispatch(r); }, label);
  return a;
}

web::HttpResponse App::Dispatch(const web::HttpRequest& r) {
  web::HttpResponse response = Route(r);
  AddRetryAfter(response);
  return response;
}

void App::AddRetryAfter(web::HttpResponse& response) const {
  // A 503 from a handler means the database is away (restart, failover; the pool reconnects
  // by itself): tell clients and load balancers when to come back, as a full queue does.
  if (response.status == 503 && response.Get("Retry-After").empty()) {
    response.Set("Retry-After", std::to_string(std::max(1, server_options_.retry_after)));
  }
}

web::HttpResponse App::Route(const web::HttpRequest& r) {
  if (r.path == "/metrics") return api::ServeMetrics(metrics_, r, metrics_access_);
  if (r.path == "/readyz") return api::ServeReadyz(*pool_);
  if (admin::BackOffice::Owns(r.path)) return office_->Handle(r);
  if (api::JsonApi::Owns(r.path)) return api_->Handle(r);
  return portal_->Handle(r);
}

web::HttpResponse App::Handle(const web::HttpRequest& request) { return instrumented_(request); }

std::string App::Label(const web::HttpRequest& r) const {
  if (IsOps(r.path)) return r.path;
  if (admin::BackOffice::Owns(r.path)) return admin::BackOffice::Label(r.path);
  if (api::JsonApi::Owns(r.path)) return api_->RouteLabel(r);
  return web::Portal::Label(r.path);
}

core::Status App::Run() {
  web::Portal* portal = portal_.get();
  server_ = std::make_unique<web::Server>(
      server_options_, instrumented_, [portal](int status) { return portal->ErrorPage(status); });
  return server_->Run();
}

void App::Stop() {
  if (server_) server_->Stop();
}

}  // namespace gongkai::server
