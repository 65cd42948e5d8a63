#include "admin/sessions.hpp"

#include <sodium.h>

#include "admin/office.hpp"
#include "store/sha256.hpp"
#include "web/csrf.hpp"

namespace gongkai::admin {

std::string HashToken(std::string_view token) { return store::Sha256Hex(token); }

core::Result<std::string> StartSession(core::Repositories& repos, core::Id user_id,
                                       std::chrono::system_clock::time_point now,
                                       const SessionPolicy& policy) {
  std::string token = web::CsrfTokens::RandomId();
  core::Session s;
  s.token_hash = HashToken(token);
  s.user_id = user_id;
  s.created_at = IsoUtc(now);
  s.last_seen_at = s.created_at;
  s.expires_at = IsoUtc(now + policy.absolute);
  // Opportunistic clean-up keeps the table to live sessions without a background job.
  GONGKAI_RETURN_IF_ERROR(repos.sessions().DeleteExpired(s.created_at).status());
  GONGKAI_RETURN_IF_ERROR(repos.sessions().Insert(s));
  return token;
}

core::Result<std::optional<core::Session>> ResumeSession(core::Repositories& repos,
                                                         std::string_view token,
                                                         std::chrono::system_clock::time_point now,
                                                         const SessionPolicy& policy) {
  if (token.empty()) return std::optional<core::Session>();
  std::string hash = HashToken(token);
  GONGKAI_ASSIGN_OR_RETURN(auto session, repos.sessions().Find(hash));
  if (!session) return session;
  auto last_seen = ParseIsoUtc(session->last_seen_at);
  auto expires = ParseIsoUtc(session->expires_at);
  if (!last_seen || !expires || now >= *expires || now >= *last_seen + policy.idle) {
    GONGKAI_RETURN_IF_ERROR(repos.sessions().Delete(hash));
    return std::optional<core::Session>();
  }
  if (now - *last_seen >= std::chrono::minutes(1)) {
    session->last_seen_at = IsoUtc(now);
    GONGKAI_RETURN_IF_ERROR(repos.sessions().Touch(hash, session->last_seen_at));
  }
  return session;
}

std::string ThrottleKey(std::string_view kind, std::string_view value) {
  return HashToken(std::string(kind) + ":" + std::string(value));
}

core::Result<int64_t> LockedFor(core::Repositories& repos, const std::string& key,
                                std::chrono::system_clock::time_point now) {
  GONGKAI_ASSIGN_OR_RETURN(auto f, repos.sessions().GetFailures(key));
  if (!f || !f->locked_until) return int64_t{0};
  auto until = ParseIsoUtc(*f->locked_until);
  if (!until || now >= *until) return int64_t{0};
  return std::max<int64_t>(1,
                           std::chrono::duration_cast<std::chrono::seconds>(*until - now).count());
}

core::Status RecordFailure(core::Repositories& repos, const std::string& key,
                           std::chrono::system_clock::time_point now,
                           const ThrottlePolicy& policy) {
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.sessions().GetFailures(key));
  core::LoginFailures f;
  f.key = key;
  f.first_failed_at = IsoUtc(now);
  if (stored) {
    auto first = ParseIsoUtc(stored->first_failed_at);
    auto until = stored->locked_until ? ParseIsoUtc(*stored->locked_until) : std::nullopt;
    bool lock_over = until && now >= *until;
    // Failures older than one lockout window are forgotten, as is a served lockout.
    if (first && now < *first + policy.lockout && !lock_over) f = *stored;
  }
  ++f.failures;
  if (f.failures >= policy.max_failures) f.locked_until = IsoUtc(now + policy.lockout);
  return repos.sessions().PutFailures(f);
}

}  // namespace gongkai::admin
