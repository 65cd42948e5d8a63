// A raw-socket HTTP/1.1 client for the web tests (header-only: every non-test .cpp in
// src/web goes into the library). It sends bytes exactly as given, so tests can speak
// malformed HTTP, and parses the responses that come back, pipelined ones included.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::web::test_client {

struct Reply {
  int status = 0;
  std::string head;  // status line and headers, each line ending in CRLF
  std::string body;

  // The value of header `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const {
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos + 2 < head.size()) {
      size_t start = pos + 2;
      size_t end = head.find("\r\n", start);
      std::string_view line(head.data() + start,
                            (end == std::string::npos ? head.size() : end) - start);
      size_t colon = line.find(':');
      if (colon == name.size() && EqualNoCase(line.substr(0, colon), name)) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
      pos = end;
    }
    return {};
  }

  static bool EqualNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }
};

// The complete responses at the start of `bytes` (a body's length from Content-Length, 0
// without one or when `head_request`). `rest` gets the bytes of an incomplete last one.
inline std::vector<Reply> ParseReplies(std::string_view bytes, bool head_request,
                                       std::string_view* rest = nullptr) {
  std::vector<Reply> out;
  for (;;) {
    size_t end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos) break;
    Reply r;
    r.head = std::string(bytes.substr(0, end + 2));
    if (r.head.size() >= 12 && r.head.compare(0, 5, "HTTP/") == 0) {
      r.status = std::atoi(r.head.substr(9, 3).c_str());
    }
    size_t length = 0;
    std::string cl = r.Header("Content-Length");
    if (!head_request && !cl.empty()) length = std::strtoul(cl.c_str(), nullptr, 10);
    if (bytes.size() < end + 4 + length) break;
    r.body = std::string(bytes.substr(end + 4, length));
    bytes.remove_prefix(end + 4 + length);
    out.push_back(std::move(r));
  }
  if (rest) *rest = bytes;
  return out;
}

// What came back on one connection.
struct Conversation {
  bool connected = false;
  std::string raw;             // every byte received
  std::vector<Reply> replies;  // the complete responses in `raw`
  bool closed = false;         // the server closed (or reset) the connection
  bool timed_out = false;      // neither enough replies nor a close before the deadline

  // The first response's status, or 0 when none came.
  int status() const { return replies.empty() ? 0 : replies.front().status; }
  const Reply& first() const {
    static const Reply kNone;
    return replies.empty() ? kNone : replies.front();
  }
  Reply reply() const { return first(); }  // a copy of first()
};

// One client connection to 127.0.0.1:port.
class Connection {
 public:
  explicit Connection(unsigned short port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool ok() const { return fd_ >= 0; }

  // Sends every byte; false when the peer has closed or reset the connection (no SIGPIPE).
  bool Send(std::string_view bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Half-closes: the server sees end of stream, its answer can still be read.
  void ShutdownWrite() { shutdown(fd_, SHUT_WR); }

  // Reads until `replies` complete responses have arrived (0: until the server closes),
  // the server closes, or `timeout` passes.
  Conversation Read(size_t replies, std::chrono::milliseconds timeout, bool head_request = false) {
    Conversation c;
    c.connected = ok();
    if (!ok()) return c;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[65536];
    for (;;) {
      if (replies > 0 && ParseReplies(c.raw, head_request).size() >= replies) break;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        c.timed_out = true;
        break;
      }
      pollfd p{fd_, POLLIN, 0};
      int ready = poll(&p, 1, static_cast<int>(left.count()));
      if (ready <= 0) continue;  // the deadline check above ends the loop
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        c.closed = true;
        break;
      }
      c.raw.append(buf, static_cast<size_t>(n));
    }
    c.replies = ParseReplies(c.raw, head_request);
    return c;
  }

 private:
  int fd_ = -1;
};

// Sends `raw` on a new connection and reads `replies` responses (0: until the server closes).
inline Conversation Exchange(unsigned short port, std::string_view raw, size_t replies = 1,
                             std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  Connection conn(port);
  if (!conn.ok()) return {};
  conn.Send(raw);  // the server may answer and close before reading everything
  return conn.Read(replies, timeout);
}

}  // namespace gongkai::web::test_client
