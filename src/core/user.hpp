// Staff accounts and the roles they hold in a subtree of the organisation tree. Plain
// values; authorisation decisions are core/authorization.hpp's, account changes go through
// core/account_service.hpp (audited). Passwords never appear here in clear: only the
// argon2id hash app/password computes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.hpp"

namespace gongkai::core {

enum class Role {
  kAdmin,        // manages users, bodies and settings in the subtree
  kEditor,       // writes and submits proactive items
  kReviewer,     // 保密审查: approves or rejects items for publication
  kCaseHandler,  // handles requests for disclosure; sees applicants' personal data
  kAuditor,      // reads everything in the subtree, changes nothing
};
const char* RoleCode(Role role);   // "admin", "editor", ...
const char* RoleLabel(Role role);  // 管理员, ...
Result<Role> ParseRole(std::string_view text);

// A role held in the subtree rooted at org_id. Revoking keeps the grant for history.
struct RoleGrant {
  Id id = 0;
  Id user_id = 0;
  Id org_id = 0;
  Role role = Role::kEditor;
  std::string granted_at;  // UTC, ISO 8601
  std::optional<std::string> revoked_at;
  friend bool operator==(const RoleGrant&, const RoleGrant&) = default;
};

// A staff account. Disabled accounts cannot sign in; their history stays.
struct User {
  Id id = 0;
  std::string username;  // login name: 3-32 of a-z 0-9 . _ -
  std::string display_name;
  std::string password_hash;  // argon2id, libsodium's encoded string
  bool must_change_password = false;
  bool disabled = false;
  std::string created_at;  // UTC, ISO 8601
  friend bool operator==(const User&, const User&) = default;
};

// Fails with kInvalidArgument naming "username" unless 3-32 of a-z 0-9 . _ -.
Status ValidateUsername(std::string_view username);
// At least 10 characters; fails with kInvalidArgument naming "password".
Status ValidatePasswordStrength(std::string_view password);

}  // namespace gongkai::core
