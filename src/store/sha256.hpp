// SHA-256 (libsodium) as lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::store {

std::string Sha256Hex(std::string_view data);

}  // namespace gongkai::store
