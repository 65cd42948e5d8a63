// Use cases on organisations and accounts: the rules, validation and audit around the
// repositories. Call inside Store::Transact.
#pragma once

#include <string_view>

#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

// Creates `org` under the org with `parent_code`, or as the root when parent_code is
// empty. Fails with kInvalidArgument (bad code or name), kNotFound (unknown parent),
// kAlreadyExists (code taken) or kFailedPrecondition (a root exists already: the tree
// has exactly one root, the body that commands default to).
Result<Org> CreateOrg(Repositories& repos, const ChangeContext& ctx, Org org,
                      std::string_view parent_code);

// The org with `code`, or the root when code is empty. kNotFound names the code.
Result<Org> ResolveOrg(Repositories& repos, std::string_view code);

// Creates a user holding `role` in the subtree of `org_code` (root when empty). The
// password must already be hashed (argon2id); it never enters the audit trail.
// Fails with kInvalidArgument, kNotFound (org) or kAlreadyExists (username).
Result<User> CreateUser(Repositories& repos, const ChangeContext& ctx, User user, Role role,
                        std::string_view org_code);

// Replaces the user's password hash; `must_change` forces a change at next sign-in (an
// admin reset, which also revokes the user's API tokens). kNotFound for an unknown username.
Status SetPassword(Repositories& repos, const ChangeContext& ctx, std::string_view username,
                   std::string password_hash, bool must_change);

}  // namespace gongkai::core
