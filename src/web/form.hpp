// HTML form bodies and cookies: the request side of state-changing pages.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "web/http.hpp"

namespace gongkai::web {

using FormFields = std::multimap<std::string, std::string>;

// Parses an application/x-www-form-urlencoded body ('+' is a space). Returns nullopt for
// bad percent-escapes, NUL bytes or invalid UTF-8 in a name or value.
std::optional<FormFields> ParseForm(std::string_view body);

// The first value of `name`, or "".
std::string FormValue(const FormFields& fields, std::string_view name);

// True iff the request's Content-Type is application/x-www-form-urlencoded.
bool IsFormPost(const HttpRequest& request);

// The value of cookie `name` in the request's Cookie header, or "".
std::string CookieValue(const HttpRequest& request, std::string_view name);

struct CookieOptions {
  std::string path = "/";
  int max_age_seconds = -1;  // -1: a session cookie; 0: delete
  bool http_only = true;
  bool secure = false;               // set behind TLS
  std::string same_site = "Strict";  // Strict or Lax
};

// A Set-Cookie header value. `value` must be cookie-safe (the callers use base64url).
std::string SetCookieHeader(std::string_view name, std::string_view value,
                            const CookieOptions& options);

}  // namespace gongkai::web
