// Use cases on accounts under the four-eyes rule (core/authorization.hpp): role grants and
// revocations, and the API tokens an admin's change revokes. Call inside Store::Transact.
// Every change is audited; snapshots never hold password or token hashes.
#pragma once

#include <string>
#include <string_view>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// Grants `role` on body `org_id` to the user `target`, as `actor`, who needs kUserManage on
// that body and must not be `target` (CheckNotOwnAccount). Audited as "role.grant".
// kNotFound (user or body), kPermissionDenied.
Result<RoleGrant> GrantRole(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                            std::string_view target, Role role, Id org_id);

// Revokes the unrevoked grant `grant_id` of `target`, as `actor` (kUserManage on the grant's
// body; never one's own account), and revokes the target's API tokens: a token must not keep
// rights its user lost. Audited as "role.revoke" (and "api_token.revoke" per token).
// kNotFound for an unknown or already revoked grant.
Result<RoleGrant> RevokeRole(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                             std::string_view target, Id grant_id);

// Revokes every unrevoked API token of `user_id` (after an admin's password reset or a
// role revocation), each audited as "api_token.revoke" with `reason`. Returns how many.
Result<int> RevokeUserTokens(Repositories& repos, const ChangeContext& ctx, Id user_id,
                             std::string_view reason);

// The audit snapshot of an API token: id, user, name, scope, times; never the hash.
std::string ApiTokenAuditJson(const ApiToken& token);

}  // namespace gongkai::core
