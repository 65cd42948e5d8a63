#include "api/tokens.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/account_service.hpp"
#include "core/json_writer.hpp"
#include "store/sha256.hpp"

namespace gongkai::api {

std::string NewTokenSecret() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium unavailable");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(sizeof bytes, kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), bytes, sizeof bytes, kVariant);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(bytes, sizeof bytes);
  return "gk_" + encoded;
}

std::string HashTokenSecret(std::string_view secret) { return store::Sha256Hex(secret); }

std::string TokenAuditJson(const core::ApiToken& token) { return core::ApiTokenAuditJson(token); }

core::Result<CreatedToken> CreateApiToken(core::Repositories& repos, const core::ChangeContext& ctx,
                                          std::string_view username, std::string_view name,
                                          const TokenScope& scope) {
  if (name.empty() || name.size() > 100) {
    return core::InvalidArgument("令牌名称须为 1-100 字节", "name");
  }
  if (scope.expires_at && *scope.expires_at <= ctx.at) {
    return core::InvalidArgument("令牌的失效时间须晚于现在", "expires");
  }
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(username));
  if (!user) return core::NotFound("用户不存在: " + std::string(username), "user");
  if (user->disabled) return core::PermissionDenied("用户已停用: " + std::string(username));
  CreatedToken out;
  out.secret = NewTokenSecret();
  out.token.user_id = user->id;
  out.token.username = user->username;
  out.token.name = std::string(name);
  out.token.token_hash = HashTokenSecret(out.secret);
  out.token.created_at = ctx.at;
  out.token.expires_at = scope.expires_at;
  out.token.read_only = scope.read_only;
  GONGKAI_ASSIGN_OR_RETURN(out.token.id, repos.api_tokens().Insert(out.token));
  GONGKAI_RETURN_IF_ERROR(core::RecordChange(repos.audit(), ctx, "api_token.create", "api_token",
                                             std::to_string(out.token.id), "",
                                             TokenAuditJson(out.token)));
  return out;
}

core::Result<core::ApiToken> RevokeApiToken(core::Repositories& repos,
                                            const core::ChangeContext& ctx, core::Id id) {
  GONGKAI_ASSIGN_OR_RETURN(core::ApiToken before, repos.api_tokens().Get(id));
  GONGKAI_RETURN_IF_ERROR(repos.api_tokens().Revoke(id, ctx.at));
  core::ApiToken after = before;
  after.revoked_at = ctx.at;
  GONGKAI_RETURN_IF_ERROR(core::RecordChange(repos.audit(), ctx, "api_token.revoke", "api_token",
                                             std::to_string(id), TokenAuditJson(before),
                                             TokenAuditJson(after)));
  return after;
}

core::Result<Principal> Authenticate(core::Repositories& repos, std::string_view secret,
                                     const std::string& now_utc) {
  const core::Status denied(core::ErrorCode::kNotFound, "API 令牌无效或已撤销");
  if (secret.size() < 4 || secret.substr(0, 3) != "gk_") return denied;
  GONGKAI_ASSIGN_OR_RETURN(auto token, repos.api_tokens().FindByHash(HashTokenSecret(secret)));
  if (!token || token->revoked_at) return denied;
  if (token->expires_at && *token->expires_at <= now_utc) return denied;
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(token->username));
  if (!user || user->disabled) return denied;
  Principal p;
  p.user = *user;
  p.token_id = token->id;
  p.read_only = token->read_only;
  GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
  for (auto& g : grants) {
    if (!g.revoked_at) p.grants.push_back(std::move(g));
  }
  // "YYYY-MM-DDTHH:MM": one write per token and minute at most.
  if (!token->last_used_at || token->last_used_at->compare(0, 16, now_utc, 0, 16) != 0) {
    GONGKAI_RETURN_IF_ERROR(repos.api_tokens().MarkUsed(token->id, now_utc));
  }
  return p;
}

}  // namespace gongkai::api
