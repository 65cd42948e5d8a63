// The HTTP server: listener → session → handler, on Boost.Beast/Asio (the only file that
// includes Beast is server.cpp).
//
// Sessions keep connections alive, limit header and body size, time out slow reads and idle
// connections, and the listener caps concurrent connections (beyond the cap a connection
// gets 503 and is closed). Malformed requests get 400 and the connection is closed. HEAD is
// answered with the GET response's headers and no body. Every response passes through
// AddSecurityHeaders. One access log line per request (method, path without the query
// string, status, bytes, milliseconds): no addresses, no query strings, no personal data.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/address_range.hpp"
#include "core/status.hpp"
#include "web/http.hpp"

namespace gongkai::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see on_listening)
  int threads = 2;
  size_t max_connections = 1024;
  size_t header_limit = 8 * 1024;
  size_t body_limit = 64 * 1024;
  // A larger limit for some requests (file uploads), given their target once the header is
  // read; 0 keeps body_limit.
  std::function<size_t(std::string_view target)> body_limit_for;
  std::chrono::seconds read_timeout{15};    // to receive a whole request once it starts
  std::chrono::seconds idle_timeout{30};    // between requests on a kept-alive connection
  std::chrono::seconds shutdown_grace{10};  // for in-flight requests after SIGTERM/SIGINT
  bool access_log = true;
  // Peers whose X-Forwarded-For is believed (the reverse proxies, as CIDR ranges; config
  // key trusted_proxies): for requests from them, HttpRequest::remote_address is the last
  // address the proxy appended, so rate limits and sign-in throttling apply per client, not
  // to the proxy. Requests from anyone else keep the socket's address, whatever they send.
  // Empty (the default): no one's X-Forwarded-For is believed.
  app::AddressRanges trusted_proxies;
  // Limits before bodies (DESIGN §6): called once the header of a request that has a body
  // is read, with the request as far as the header tells (method, path, query, headers,
  // remote_address; empty body), before any body byte is read. A response refuses the
  // request: it is sent and the connection closed, the body never read (e.g. an upload
  // without a valid session). nullopt lets the body be read (within body_limit_for).
  std::function<std::optional<HttpResponse>(const HttpRequest&)> admit;
  // Isolation (DESIGN §6). workers = 0: every request is handled on the I/O threads, as
  // before the pool existed (tests, benchmarks' baseline). workers > 0: the I/O threads
  // answer what `cached` answers (a page-cache hit: shared bytes, no database, no
  // rendering) and hand everything else to a WorkerPool of that many threads (see
  // worker_pool.hpp), refusing with 503 + Retry-After when its queue is full and with 429
  // when `per_client` names a request of a client (HttpRequest::remote_address) that
  // already has per_client_limit such requests queued or running (searches).
  int workers = 0;
  size_t queue_limit = 256;
  size_t per_client_limit = 4;
  int worker_nice = 10;  // workers' niceness above the I/O threads'
  int retry_after = 1;   // seconds, in the Retry-After of a 503 for a full queue
  // Called on an I/O thread with the complete request (HEAD as GET); must not block, touch
  // the database or render; an exception counts as nullopt. nullopt: the request goes to the pool.
  // Unset: everything does.
  std::function<std::optional<HttpResponse>(const HttpRequest&)> cached;
  // Whether the request counts against its client's per_client_limit. Unset: none does.
  std::function<bool(const HttpRequest&)> per_client;
  bool handle_signals = true;  // SIGTERM/SIGINT stop the server gracefully
  // Called once the socket listens, with the bound port (useful with port 0).
  std::function<void(unsigned short)> on_listening;
};

// Serves `handler` until SIGTERM/SIGINT (when handle_signals) or until `stop` is called
// from another thread via Stop(). Blocks. On shutdown it stops accepting, lets in-flight
// requests finish (up to shutdown_grace; those handed to the worker pool, queued or
// running, are run to the end before Run returns), closes idle connections and returns
// OK. Fails with kInvalidArgument for a bad address and kUnavailable when the port cannot
// be bound. A handler that throws produces a 500 page, never a crash.
//
// Concurrency contract of the handler (and of `cached`, `per_client`, `admit`,
// `body_limit_for` and `error_page`): they are called from several threads at once — the
// I/O threads (`options.threads`) and, with workers > 0, the worker pool's threads — so
// they must be thread-safe; one connection's requests are handled one after the other
// (HTTP/1.1 in order), never two at once. `handler` may block (it runs on a worker when
// the pool is on, so a slow page never holds an I/O thread); `cached`, `admit`,
// `per_client` and `body_limit_for` run on the I/O threads and must not block. The handler
// gets HEAD as GET and its response is sent without the body. The front ends built by
// server::App keep per-request state on the stack and share only thread-safe state (store
// pools, caches, counters).
class Server {
 public:
  // `error_page(status)` renders the friendly page for 400, 404, 429, 500 and 503 answers
  // the server makes itself (429 and 503 for admission once, when Run starts).
  Server(ServerOptions options, Handler handler, std::function<HttpResponse(int)> error_page);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  core::Status Run();
  // Asks a running server to shut down gracefully (thread-safe; no-op if not running).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::web
