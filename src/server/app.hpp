// The composition root of `gongkai serve` (DESIGN §1's app/ role for the HTTP side): from a
// resolved app::ServerConfig it builds, once, everything a server runs —
//
//   the store pool (one connection per thread that touches the database) and the optional
//   read replica pool, the metrics, the one core::Clock, the CSRF key, the personal-data
//   key, the public portal (with its page cache, search cache and batched counters), the
//   back office and the JSON API —
//
// and joins them into one handler: socket → web::Server → Dispatch (operations, /admin,
// /api/, the portal) → the front end's route table (web/router.hpp) → one handler → a core
// service or the read port → the store. Every request is recorded in the metrics under its
// route template (or "unmatched").
//
// `gongkai serve`, the server tests and the benchmarks build servers through it, so the
// wiring exists once. Dependencies: cli → server → {admin, api} → web → app.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "admin/back_office.hpp"
#include "api/json_api.hpp"
#include "api/ops.hpp"
#include "app/config.hpp"
#include "app/system_clock.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"
#include "web/metrics.hpp"
#include "web/portal.hpp"
#include "web/server.hpp"
#include "web/store_pool.hpp"

namespace gongkai::server {

// What the caller decides beyond the config file.
struct BuildOptions {
  std::string data_dir;  // templates/ and static/; app::DataDir() when empty
  // The clock every front end reads (tests inject a fixed one); the system clock when null.
  // Must outlive the App.
  const core::Clock* clock = nullptr;
  bool handle_signals = true;  // SIGTERM/SIGINT stop Run (off in tests)
  // Called once the socket listens, with the bound port (config listen port 0: any).
  std::function<void(unsigned short)> on_listening;
  // Called with a warning for the operator (no personal-data key: forms closed).
  std::function<void(const std::string&)> warn;
};

// One server, wired. Not copyable; the front ends hold references into it.
class App {
 public:
  // Opens the pools and builds the front ends. Fails as the store (kUnavailable), the
  // templates (kNotFound, kInvalidArgument) or the secret files (kInvalidArgument naming
  // the config key) do. Does not sync the search index (the caller does, with progress).
  static core::Result<std::unique_ptr<App>> Build(const app::ServerConfig& config,
                                                  BuildOptions options = {});
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Serves until SIGTERM/SIGINT (when handle_signals) or Stop(); blocks. As web::Server::Run.
  core::Status Run();
  // Asks a running server to stop (thread-safe).
  void Stop();

  // The one entry point (instrumented): what web::Server calls for every request.
  web::HttpResponse Handle(const web::HttpRequest& request);
  // The metrics label of a request: the template of the route it matches in the table of
  // the front end that owns it, "/metrics" or "/readyz", else web::kUnmatchedRoute.
  std::string Label(const web::HttpRequest& request) const;

  web::Portal& portal() { return *portal_; }
  admin::BackOffice& back_office() { return *office_; }
  api::JsonApi& json_api() { return *api_; }
  web::Metrics& metrics() { return metrics_; }
  web::StorePool& pool() { return *pool_; }
  const core::Clock& clock() const { return *clock_; }
  const web::ServerOptions& server_options() const { return server_options_; }

 private:
  App() = default;
  // Routes a request to operations, the back office, the API or the portal (uninstrumented).
  web::HttpResponse Dispatch(const web::HttpRequest& request);
  // The front end that owns the request's path (Dispatch adds Retry-After to its 503s).
  web::HttpResponse Route(const web::HttpRequest& request);
  // Sets Retry-After (ServerOptions::retry_after) on a 503 that has none: the database is
  // away, and the pool reconnects by itself.
  void AddRetryAfter(web::HttpResponse& response) const;

  app::SystemClock system_clock_;
  const core::Clock* clock_ = &system_clock_;
  web::Metrics metrics_;
  std::unique_ptr<web::StorePool> pool_;
  std::unique_ptr<web::StorePool> read_pool_;  // a streaming replica for the public pages
  std::unique_ptr<web::Portal> portal_;
  std::unique_ptr<admin::BackOffice> office_;
  std::unique_ptr<api::JsonApi> api_;
  api::MetricsAccess metrics_access_;
  web::ServerOptions server_options_;
  std::unique_ptr<web::Server> server_;
  web::Handler instrumented_;
};

}  // namespace gongkai::server
