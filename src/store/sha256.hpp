// The one SHA-256 digest helper (libsodium): audit-chain hashes, API token and session token
// hashes, attachment digests. Pure; safe from any thread (crypto_hash_sha256 needs no
// sodium_init).
#pragma once

#include <string>
#include <string_view>

namespace gongkai::store {

// SHA-256 of `data` as 64 lowercase hex digits. Not for passwords (app/password hashes
// those with argon2id): only for values that are not secret or already high-entropy.
std::string Sha256Hex(std::string_view data);

}  // namespace gongkai::store
