// The project's own small HTTP request/response types: handlers see these, never Beast
// (one TU including Beast costs ~19 s to compile, so Beast stays inside server.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai::web {

struct HttpRequest {
  std::string method;                             // "GET", "HEAD", ...
  std::string target;                             // as received: path plus query string
  std::string path;                               // percent-decoded path, without the query string
  std::multimap<std::string, std::string> query;  // decoded query parameters
  // Request headers, names lower-case (a repeated header keeps its first value).
  std::map<std::string, std::string> headers;
  std::string body;            // POST bodies only (the server enforces the size limit)
  std::string remote_address;  // peer address, for rate limits only: never logged

  // The first value of query parameter `name`, or "" when absent.
  std::string Param(std::string_view name) const;
  // The header value (name lower-case), or "".
  std::string Header(std::string_view name) const;
};

// A response as HTTP/1.1 sends it (SerializeHead plus the body), built once and shared,
// immutable, by every request that gets it: the page cache's entries. The server writes
// these bytes with one gathered write, adding only the Connection field.
struct WireResponse {
  int status = 200;
  std::string head;  // status line and header fields; no Connection, no blank line
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // When set (a page-cache hit), the server sends these bytes and ignores content_type,
  // headers and body; `status` equals wire->status.
  std::shared_ptr<const WireResponse> wire;
  // The metrics label, when the front end already knows it (the portal sets the template
  // of the route it matched, so the instrumentation need not walk the route table again).
  // Points into a route table that lives as long as the program; empty: ask route_label.
  std::string_view route_label;

  void Set(std::string name, std::string value);
  // The value of an extra header (case-sensitive name), or "".
  std::string Get(std::string_view name) const;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// Splits `target` ("/a%20b?x=1&y=%E4%B8%AD") into a decoded path and query parameters
// ('+' is a space in the query). Returns false for a target that is not origin-form
// ("/…"), a path with bad percent-escapes or NUL, or "." / ".." path segments.
bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings and
// form bodies) into `out`. False for a bad escape or a NUL byte.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// The non-empty segments of a path ("/org/QXS/" → {"org", "QXS"}).
std::vector<std::string> SplitPath(std::string_view path);

// Percent-encodes everything but unreserved characters (for URLs built by pages).
std::string UrlEncode(std::string_view text);

// The reason phrase for a status code ("OK", "Not Found", ...).
const char* ReasonPhrase(int status);

// Adds the headers every response carries: Content-Security-Policy (no inline script,
// frame-ancestors 'none'), X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
// Permissions-Policy. A Content-Security-Policy the handler set (report pages allow their
// embedded stylesheet by hash) is kept.
void AddSecurityHeaders(HttpResponse& response);

// The status line ("HTTP/1.1 200 OK") and header fields of `response` as the server sends
// them — Server, Content-Type (not for 304), the extra headers, Content-Length (the body's,
// also for HEAD; none for 1xx/204/304) — each ending in CRLF, without Connection and without
// the blank line that ends the head. CR and LF inside names or values are dropped (a header
// cannot be split into two).
std::string SerializeHead(const HttpResponse& response);

// `response` with the security headers, serialised once to be shared (see WireResponse).
std::shared_ptr<const WireResponse> Serialize(HttpResponse response);

// For a cacheable public response: sets ETag (a hash of the body) and Cache-Control
// (`max_age` seconds, public). When the request's If-None-Match matches, turns the response
// into 304 Not Modified with an empty body.
void ApplyCaching(const HttpRequest& request, HttpResponse& response, int max_age,
                  bool immutable = false);

// FNV-1a 64-bit of the bytes, as 16 hex digits (stable across runs; not cryptographic).
std::string HashHex(std::string_view bytes);

}  // namespace gongkai::web
