// Audit snapshots of records as JSON. Never includes secrets (password hashes) or
// applicants' personal data.
#pragma once

#include <string>

#include "core/org.hpp"
#include "core/user.hpp"

namespace gongkai::core {

std::string ToAuditJson(const Org& org);
std::string ToAuditJson(const User& user);  // without the password hash
std::string ToAuditJson(const RoleGrant& grant);

}  // namespace gongkai::core
