// Server-side sign-in sessions and the failed-attempt throttle, over the store's
// SessionRepository, so several servers sharing one database agree on both.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/store.hpp"

namespace gongkai::admin {

// How long a session lives (BackOfficeOptions: idle_timeout, absolute_timeout).
struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};        // unused this long: ended
  std::chrono::seconds absolute{12 * 3600};  // and ended this long after sign-in, whatever
};

// Hex SHA-256 of a session token: what the sessions table stores.
std::string HashToken(std::string_view token);

// Starts a session for `user_id` and returns its token (for the cookie; never stored).
core::Result<std::string> StartSession(core::Repositories& repos, core::Id user_id,
                                       std::chrono::system_clock::time_point now,
                                       const SessionPolicy& policy);

// The session of `token` when it exists and has expired neither by idleness nor absolutely
// (an expired one is deleted). Records the activity at most once a minute, so browsing does
// not turn every page into a write.
core::Result<std::optional<core::Session>> ResumeSession(core::Repositories& repos,
                                                         std::string_view token,
                                                         std::chrono::system_clock::time_point now,
                                                         const SessionPolicy& policy);

// Sign-in throttling: after max_failures failures within `lockout`, the key waits out the
// lockout. All functions here run inside the caller's transaction (Store::Transact).
struct ThrottlePolicy {
  int max_failures = 5;                   // failures before the lock
  std::chrono::seconds lockout{15 * 60};  // the window counted and the wait imposed
};

// The throttle key for a username or a client address (hashed: addresses are not stored).
std::string ThrottleKey(std::string_view kind, std::string_view value);

// Seconds `key` must still wait before another attempt (0: it may try).
core::Result<int64_t> LockedFor(core::Repositories& repos, const std::string& key,
                                std::chrono::system_clock::time_point now);
// Counts a failure; the max_failures-th within the lockout window locks the key.
core::Status RecordFailure(core::Repositories& repos, const std::string& key,
                           std::chrono::system_clock::time_point now, const ThrottlePolicy& policy);

}  // namespace gongkai::admin
