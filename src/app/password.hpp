// Password hashing with argon2id (libsodium's crypto_pwhash_str).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::app {

// Hashes `password` (which must pass core::ValidatePasswordStrength) with argon2id at
// libsodium's interactive limits. Fails with kInvalidArgument for a weak password and
// kInternal when memory for the hash cannot be had.
core::Result<std::string> HashPassword(std::string_view password);

// True iff `password` matches `hash` (a crypto_pwhash_str string).
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace gongkai::app
