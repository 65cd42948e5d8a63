// CSRF tokens for state-changing forms: a signed, time-limited token bound to a value the
// attacker cannot read or set for the victim — the visitor's csrf cookie on public forms
// (double-submit, SameSite=Strict), the session id in the back office.
//
// token = base64url(issued_at (8 bytes, big-endian seconds) || HMAC-SHA256(key,
//                   purpose || 0 || binding || issued_at))
// The key comes from the operator (several servers share it) or is random per process.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::web {

class CsrfTokens {
 public:
  // A key of at least 32 bytes. kInvalidArgument otherwise.
  static core::Result<CsrfTokens> FromKey(std::string_view key);
  // A fresh random key (single-server deployments and tests).
  static CsrfTokens Random();

  // A token for a form with `purpose` (e.g. "apply") bound to `binding`.
  std::string Issue(std::string_view purpose, std::string_view binding, int64_t now_seconds) const;
  // True iff `token` was issued by this key for `purpose` and `binding` no more than
  // `max_age_seconds` ago (and not in the future, allowing a minute of clock skew).
  bool Verify(std::string_view token, std::string_view purpose, std::string_view binding,
              int64_t now_seconds, int64_t max_age_seconds) const;

  // A random, cookie-safe identifier (base64url of 24 random bytes).
  static std::string RandomId();

 private:
  explicit CsrfTokens(std::string key) : key_(std::move(key)) {}
  std::string Mac(std::string_view purpose, std::string_view binding, int64_t issued) const;
  std::string key_;
};

// Seconds since the Unix epoch, for Issue/Verify.
int64_t UnixSeconds(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

}  // namespace gongkai::web
