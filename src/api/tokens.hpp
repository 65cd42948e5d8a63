// API tokens: bearer secrets that act as their user (same grants, same core::Authorize).
// The secret is shown once when created; only its SHA-256 is stored. Creating and revoking
// a token are audit events (entity "api_token"); snapshots never hold the hash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::api {

// "gk_" followed by 43 base64url characters (32 random bytes).
std::string NewTokenSecret();
// Hex SHA-256 of a secret: what api_tokens.token_hash holds.
std::string HashTokenSecret(std::string_view secret);

struct CreatedToken {
  core::ApiToken token;
  std::string secret;  // shown once, never stored
};

// What a token may do beyond acting as its user: expire, and be read-only.
struct TokenScope {
  std::optional<std::string> expires_at;  // UTC ISO 8601, after ctx.at; none: no expiry
  bool read_only = false;                 // GET routes only (403 for every POST)
};

// Creates a token named `name` (1-100 bytes, kInvalidArgument "name") for the enabled user
// `username` (kNotFound; kPermissionDenied when disabled), with `scope` (an expiry not after
// now is kInvalidArgument "expires").
core::Result<CreatedToken> CreateApiToken(core::Repositories& repos, const core::ChangeContext& ctx,
                                          std::string_view username, std::string_view name,
                                          const TokenScope& scope = {});

// Revokes token `id` (kNotFound for an unknown or already revoked one).
core::Result<core::ApiToken> RevokeApiToken(core::Repositories& repos,
                                            const core::ChangeContext& ctx, core::Id id);

// Who a request acts as.
struct Principal {
  core::User user;
  std::vector<core::RoleGrant> grants;  // unrevoked
  core::Id token_id = 0;
  bool read_only = false;  // the token's scope: GET routes only
};

// The principal of `secret`: kPermissionDenied-free by design — every failure (unknown,
// revoked, expired at `now_utc`, user disabled or gone) is the same kNotFound, so callers answer
// 401 without telling which. Records last_used_at (at minute resolution, to spare writes).
core::Result<Principal> Authenticate(core::Repositories& repos, std::string_view secret,
                                     const std::string& now_utc);

// The audit snapshot of a token: id, user, name, times; never the hash.
std::string TokenAuditJson(const core::ApiToken& token);

}  // namespace gongkai::api
