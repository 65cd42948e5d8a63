#include "app/password.hpp"

#include <sodium.h>

#include "core/user.hpp"

namespace gongkai::app {

core::Result<std::string> HashPassword(std::string_view password) {
  GONGKAI_RETURN_IF_ERROR(core::ValidatePasswordStrength(password));
  if (sodium_init() < 0) return core::Internal("libsodium 初始化失败");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Internal("计算密码哈希时内存不足");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace gongkai::app
