#include "web/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "web/worker_pool.hpp"

namespace gongkai::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

// What every session shares: options, handler, the registry used for shutdown.
struct Shared {
  ServerOptions options;
  Handler handler;
  std::function<HttpResponse(int)> error_page;
  std::atomic<size_t> connections{0};
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::set<std::shared_ptr<Session>> sessions;  // live sessions (guarded by mu)
  // With options.workers > 0 (set before the I/O threads start, read-only after): the pool
  // and the admission refusals, rendered and serialised once.
  std::unique_ptr<WorkerPool> pool;
  std::shared_ptr<const WireResponse> queue_full;   // 503 + Retry-After
  std::shared_ptr<const WireResponse> client_busy;  // 429 + Retry-After
};

HttpResponse SafeErrorPage(Shared& shared, int status) {
  try {
    HttpResponse r = shared.error_page(status);
    r.status = status;
    return r;
  } catch (...) {
    HttpResponse r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = ReasonPhrase(status);
    return r;
  }
}

// The handler's answer, or the 500 page when it throws.
HttpResponse RunHandler(Shared& shared, const HttpRequest& request) {
  try {
    return shared.handler(request);
  } catch (const std::exception& e) {
    spdlog::error("handler failed for {}: {}", request.path, e.what());
  } catch (...) {
    spdlog::error("handler failed for {}", request.path);
  }
  return SafeErrorPage(shared, 500);
}

std::shared_ptr<const WireResponse> Refusal(Shared& shared, int status) {
  HttpResponse r = SafeErrorPage(shared, status);
  r.Set("Cache-Control", "no-store");
  r.Set("Retry-After", std::to_string(std::max(1, shared.options.retry_after)));
  return Serialize(std::move(r));
}

HttpRequest ToHttpRequest(const http::request<http::string_body>& req, bool& ok) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  ok = ParseTarget(out.target, out.path, out.query);
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(std::move(name), std::string(field.value()));
  }
  out.body = req.body();
  return out;
}

// One connection. Reads with Beast's parser; writes its own serialisation of HttpResponse
// (SerializeHead) in one gathered write, so a page-cache hit sends shared bytes with no copy.
// One timer per connection enforces the deadlines: moving a deadline later only stores it
// (the timer, when it fires, sleeps again until the stored deadline), so a kept-alive
// connection costs no timer operation per request.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), shared_(shared) {
    beast::error_code ec;
    auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
  }

  void Start() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->Read(true); });
  }

  // Shutdown: close now if idle, else after the response in flight.
  void RequestClose() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->socket_.shutdown(tcp::socket::shutdown_both, ec);
        self->socket_.close(ec);
        self->timer_.cancel();
      }
    });
  }

 private:
  using Clock = std::chrono::steady_clock;

  // The connection is closed at `Clock::now() + timeout` unless a later deadline is set
  // before then.
  void SetDeadline(Clock::duration timeout) {
    deadline_ = Clock::now() + timeout;
    if (!timer_armed_ || deadline_ < timer_at_) ArmTimer();
  }

  void ArmTimer() {
    timer_armed_ = true;
    timer_at_ = deadline_;
    timer_.expires_at(deadline_);  // cancels an earlier wait (its handler sees aborted)
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec == asio::error::operation_aborted) return;  // re-armed or closed
      self->OnTimer();
    });
  }

  void OnTimer() {
    timer_armed_ = false;
    if (closed_) return;
    if (Clock::now() < deadline_) return ArmTimer();
    // Timed out (slow request, idle connection or a client not reading): the operation in
    // flight ends with operation_aborted and the session closes.
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  void Read(bool first) {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    // With per-target limits or an admission check the header is read without a body limit
    // (Beast would check Content-Length against it while parsing the header) and OnHeader
    // applies the target's after admission: authentication first, then the limit.
    if (shared_.options.body_limit_for || shared_.options.admit) {
      parser_->body_limit(boost::none);
    } else {
      parser_->body_limit(shared_.options.body_limit);
    }
    // Idle timeout until a request arrives on a kept-alive connection; a new connection
    // must send its request within the read timeout.
    SetDeadline(first ? shared_.options.read_timeout : shared_.options.idle_timeout);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    busy_ = true;
    // Refused before the body is read: HTTP versions other than 1.0/1.1 (505); a
    // Transfer-Encoding that does not end in chunked, whose body length is unknowable
    // (RFC 9112 §6.3 — served, its body would be read as the next request: smuggling);
    // several Host headers (§3.2). A missing Host is tolerated: there is one site.
    const auto& h = parser_->get();
    int refuse = 0;
    if (h.version() != 10 && h.version() != 11) {
      refuse = 505;
    } else if (h.find(http::field::transfer_encoding) != h.end() && !parser_->chunked()) {
      refuse = 400;
    } else if (h.count(http::field::host) > 1) {
      refuse = 400;
    }
    if (refuse != 0) {
      auto start = Clock::now();
      return Send(SafeErrorPage(shared_, refuse), std::string(h.method_string()), "-", false, false,
                  start, 11);
    }
    // A request without a body (every GET) is complete with its header.
    if (parser_->is_done()) return OnRead({});
    // Authentication and the route's limits are decided from the header: a refused request
    // is answered now and its body never read.
    if (shared_.options.admit) {
      auto start = Clock::now();
      bool target_ok = false;
      HttpRequest head = ToHttpRequest(h, target_ok);
      head.remote_address = ClientAddress(head);
      std::optional<HttpResponse> refused;
      if (!target_ok) {
        refused = SafeErrorPage(shared_, 400);
      } else {
        try {
          refused = shared_.options.admit(head);
        } catch (const std::exception& e) {
          spdlog::error("admission failed for {}: {}", head.path, e.what());
          refused = SafeErrorPage(shared_, 500);
        }
      }
      if (refused) {
        return Send(std::move(*refused), std::string(h.method_string()),
                    target_ok ? std::string_view(head.path) : std::string_view("-"), false, false,
                    start, h.version());
      }
    }
    if (shared_.options.body_limit_for || shared_.options.admit) {
      size_t limit = shared_.options.body_limit_for
                         ? shared_.options.body_limit_for(
                               std::string_view(h.target().data(), h.target().size()))
                         : 0;
      if (limit == 0) limit = shared_.options.body_limit;
      auto length = parser_->content_length();
      if (length && *length > limit) return OnReadError(http::error::body_limit);
      parser_->body_limit(limit);  // a chunked body counts against it as it arrives
    }
    SetDeadline(shared_.options.read_timeout);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::bad_descriptor || closed_ ||
        shared_.stopping) {
      return Close();
    }
    // Anything else is a malformed request: answer 400 (431/413 for limits) and close.
    int status = 400;
    if (ec == http::error::header_limit) status = 431;
    if (ec == http::error::body_limit) status = 413;
    busy_ = true;
    auto start = Clock::now();
    HttpResponse r = SafeErrorPage(shared_, status);
    Send(std::move(r), "-", "-", false, false, start, 11);
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto start = Clock::now();
    const auto& req = parser_->get();
    bool keep_alive = req.keep_alive() && !shared_.stopping;
    bool head = req.method() == http::verb::head;
    bool target_ok = false;
    HttpRequest request = ToHttpRequest(req, target_ok);
    request.remote_address = ClientAddress(request);
    HttpResponse response;
    bool known_method = req.method() == http::verb::get || head || req.method() == http::verb::post;
    if (!target_ok) {
      response = SafeErrorPage(shared_, 400);
      keep_alive = false;
    } else if (!known_method) {
      response = SafeErrorPage(shared_, 405);
      response.status = 405;
      response.Set("Allow", "GET, HEAD, POST");
    } else {
      if (head) request.method = "GET";
      if (shared_.pool) {
        return Dispatch(std::move(request), std::string(req.method_string()), keep_alive, head,
                        start, req.version());
      }
      response = RunHandler(shared_, request);
    }
    Send(std::move(response), std::string_view(req.method_string()),
         target_ok ? std::string_view(request.path) : std::string_view("-"), keep_alive, head,
         start, req.version());
  }

  // With the worker pool: a cached answer now, else the handler on a worker (its answer is
  // serialised there and written back on this session's strand), else a refusal.
  void Dispatch(HttpRequest request, std::string method, bool keep_alive, bool head,
                Clock::time_point start, unsigned version) {
    if (shared_.options.cached) {
      std::optional<HttpResponse> hit;
      try {
        hit = shared_.options.cached(request);
      } catch (const std::exception& e) {
        spdlog::error("cache lookup failed for {}: {}", request.path, e.what());
      }
      if (hit) return Send(std::move(*hit), method, request.path, keep_alive, head, start, version);
    }
    std::string client;
    if (shared_.options.per_client && shared_.options.per_client(request)) {
      client = request.remote_address;
    }
    std::string path = request.path;
    // The handler may take longer than any timeout: the connection waits for it (shutdown
    // is bounded by shutdown_grace); the write deadline is set when the answer is back.
    SetDeadline(std::chrono::hours(24));
    auto self = shared_from_this();
    auto executor = socket_.get_executor();  // the session's strand
    auto admission = shared_.pool->Submit(
        [self, executor, request = std::move(request), method, keep_alive, head, start,
         version]() -> WorkerPool::Continuation {
          // Serialised here, not on the I/O thread (a page-cache entry already is).
          HttpResponse response = RunHandler(self->shared_, request);
          std::shared_ptr<const WireResponse> wire =
              response.wire ? std::move(response.wire) : Serialize(std::move(response));
          return [self, executor, wire = std::move(wire), path = request.path, method, keep_alive,
                  head, start, version] {
            asio::post(executor, [self, wire, path, method, keep_alive, head, start, version] {
              HttpResponse r;
              r.status = wire->status;
              r.wire = wire;
              self->SetDeadline(self->shared_.options.read_timeout);
              self->Send(std::move(r), method, path, keep_alive, head, start, version);
            });
          };
        },
        client);
    if (admission == WorkerPool::Admission::kAccepted) return;
    HttpResponse r;
    r.wire =
        admission == WorkerPool::Admission::kClientBusy ? shared_.client_busy : shared_.queue_full;
    r.status = r.wire->status;
    SetDeadline(shared_.options.read_timeout);
    Send(std::move(r), method, path, keep_alive, head, start, version);
  }

  // The socket's peer, or for a trusted proxy the client it names last in X-Forwarded-For.
  std::string ClientAddress(const HttpRequest& request) const {
    if (!shared_.options.trusted_proxies.Contains(remote_address_)) return remote_address_;
    auto it = request.headers.find("x-forwarded-for");
    if (it == request.headers.end()) return remote_address_;
    const std::string& forwarded = it->second;
    size_t comma = forwarded.rfind(',');
    std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
    while (!last.empty() && last.front() == ' ') last.erase(0, 1);
    while (!last.empty() && last.back() == ' ') last.pop_back();
    beast::error_code ec;
    auto address = asio::ip::make_address(last, ec);
    return ec ? remote_address_ : address.to_string();
  }

  void Send(HttpResponse r, std::string_view method, std::string_view path, bool keep_alive,
            bool head, Clock::time_point start, unsigned version) {
    // A page-cache hit arrives serialised; anything else is serialised here, once.
    out_ = r.wire ? std::move(r.wire) : Serialize(std::move(r));
    const WireResponse& wire = *out_;
    if (shared_.options.access_log) {
      auto ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      spdlog::info("{} {} {} {} {:.2f}ms", method, path, wire.status, head ? 0 : wire.body.size(),
                   ms);
    }
    // The head is HTTP/1.1's; a 1.0 client gets its own version back, as Beast did.
    std::string_view status_line = wire.head;
    std::string_view version_text;
    if (version == 10 && status_line.size() > 8) {
      version_text = "HTTP/1.0";
      status_line.remove_prefix(8);
    }
    std::string_view end_of_head;
    if (version == 10) {
      end_of_head = keep_alive ? "Connection: keep-alive\r\n\r\n" : "\r\n";
    } else {
      end_of_head = keep_alive ? "\r\n" : "Connection: close\r\n\r\n";
    }
    std::array<asio::const_buffer, 4> buffers = {
        asio::buffer(version_text.data(), version_text.size()),
        asio::buffer(status_line.data(), status_line.size()),
        asio::buffer(end_of_head.data(), end_of_head.size()),
        head ? asio::const_buffer() : asio::buffer(wire.body.data(), wire.body.size())};
    // The write must finish within the read timeout (a client that stops reading).
    if (deadline_ - Clock::now() < shared_.options.read_timeout) {
      SetDeadline(shared_.options.read_timeout);
    }
    asio::async_write(socket_, buffers,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->busy_ = false;
                        self->out_.reset();
                        if (ec || !keep_alive || self->shared_.stopping) return self->Close();
                        self->Read(false);
                      });
  }

  void Close() {
    closed_ = true;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
    timer_.cancel();
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (shared_.sessions.erase(shared_from_this()) > 0) shared_.connections--;
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  Clock::time_point deadline_{};  // when the connection times out
  Clock::time_point timer_at_{};  // when the timer wakes (never after deadline_)
  bool timer_armed_ = false;
  bool closed_ = false;
  beast::flat_buffer buffer_{8192};
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const WireResponse> out_;  // the response being written
  Shared& shared_;
  bool busy_ = false;  // touched only on the session's strand
  std::string remote_address_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor acceptor, Shared& shared)
      : ioc_(ioc), acceptor_(std::move(acceptor)), shared_(shared) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
                             self->OnAccept(ec, std::move(s));
                           });
  }

  void Close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (shared_.stopping) return;
      if (shared_.connections >= shared_.options.max_connections) {
        // Over the cap: a short 503 written synchronously, then close.
        std::string msg =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n"
            "Retry-After: 1\r\n\r\n";
        beast::error_code wec;
        asio::write(socket, asio::buffer(msg), wec);
        socket.close(wec);
      } else {
        auto session = std::make_shared<Session>(std::move(socket), shared_);
        {
          std::lock_guard<std::mutex> lock(shared_.mu);
          shared_.sessions.insert(session);
          shared_.connections++;
        }
        session->Start();
      }
    }
    Accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

struct Server::Impl {
  Shared shared;
  asio::io_context ioc;
  std::shared_ptr<Listener> listener;
  std::mutex mu;
  bool running = false;

  void BeginShutdown() {
    if (shared.stopping.exchange(true)) return;
    spdlog::info("shutting down: finishing requests in flight");
    if (listener) listener->Close();
    std::vector<std::shared_ptr<Session>> sessions;
    {
      std::lock_guard<std::mutex> lock(shared.mu);
      sessions.assign(shared.sessions.begin(), shared.sessions.end());
    }
    for (auto& s : sessions) s->RequestClose();
  }
};

Server::Server(ServerOptions options, Handler handler, std::function<HttpResponse(int)> error_page)
    : impl_(std::make_unique<Impl>()) {
  impl_->shared.options = std::move(options);
  impl_->shared.handler = std::move(handler);
  impl_->shared.error_page = std::move(error_page);
}

Server::~Server() = default;

void Server::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginShutdown(); });
}

core::Status Server::Run() {
  Impl& impl = *impl_;
  const ServerOptions& opt = impl.shared.options;
  beast::error_code ec;
  auto address = asio::ip::make_address(opt.address, ec);
  if (ec) return core::InvalidArgument("监听地址无效: " + opt.address, "listen");
  tcp::endpoint endpoint(address, opt.port);
  tcp::acceptor acceptor(impl.ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::Status(
        core::ErrorCode::kUnavailable,
        "无法监听 " + opt.address + ":" + std::to_string(opt.port) + ": " + ec.message());
  }
  unsigned short port = acceptor.local_endpoint().port();
  impl.listener = std::make_shared<Listener>(impl.ioc, std::move(acceptor), impl.shared);
  impl.listener->Accept();

  asio::signal_set signals(impl.ioc);
  if (opt.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([&impl](beast::error_code e, int) {
      if (!e) impl.BeginShutdown();
    });
  }
  // After shutdown begins, a watchdog stops the loop when the grace period ends.
  asio::steady_timer watchdog(impl.ioc);
  std::function<void(beast::error_code)> tick = [&](beast::error_code e) {
    if (e) return;
    if (impl.shared.stopping) {
      signals.cancel();
      watchdog.expires_after(opt.shutdown_grace);
      watchdog.async_wait([&impl](beast::error_code e2) {
        if (!e2) impl.ioc.stop();
      });
      return;
    }
    watchdog.expires_after(std::chrono::milliseconds(100));
    watchdog.async_wait(tick);
  };
  watchdog.expires_after(std::chrono::milliseconds(100));
  watchdog.async_wait(tick);
  // Once every session has ended, cancel the watchdog so that run() returns.
  asio::steady_timer drained(impl.ioc);
  std::function<void(beast::error_code)> check = [&](beast::error_code e) {
    if (e) return;
    if (impl.shared.stopping && impl.shared.connections == 0) {
      watchdog.cancel();
      signals.cancel();
      return;
    }
    drained.expires_after(std::chrono::milliseconds(50));
    drained.async_wait(check);
  };
  drained.expires_after(std::chrono::milliseconds(50));
  drained.async_wait(check);

  if (opt.workers > 0) {
    WorkerPoolOptions po;
    po.workers = opt.workers;
    po.queue_limit = opt.queue_limit;
    po.per_client_limit = opt.per_client_limit;
    po.nice = opt.worker_nice;
    impl.shared.queue_full = Refusal(impl.shared, 503);
    impl.shared.client_busy = Refusal(impl.shared, 429);
    impl.shared.pool = std::make_unique<WorkerPool>(po);
  }
  spdlog::info("listening on http://{}:{}/ ({} threads, {} workers)", opt.address, port,
               opt.threads, opt.workers);
  if (opt.on_listening) opt.on_listening(port);
  int n = opt.threads < 1 ? 1 : opt.threads;
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
  // Requests still queued or running finish (their answers go nowhere once the loop ended).
  if (impl.shared.pool) impl.shared.pool->Shutdown();
  impl.listener.reset();
  {
    std::lock_guard<std::mutex> lock(impl.shared.mu);
    impl.shared.sessions.clear();
  }
  spdlog::info("stopped");
  return core::Status::Ok();
}

}  // namespace gongkai::web
