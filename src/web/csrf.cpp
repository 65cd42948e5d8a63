#include "web/csrf.hpp"

#include <sodium.h>

#include <array>

namespace gongkai::web {
namespace {

std::string Base64Url(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

bool FromBase64Url(std::string_view text, std::string& out) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return false;
  }
  out.resize(len);
  return true;
}

}  // namespace

int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

core::Result<CsrfTokens> CsrfTokens::FromKey(std::string_view key) {
  if (sodium_init() < 0) return core::Internal("libsodium 初始化失败");
  if (key.size() < 32) return core::InvalidArgument("CSRF 密钥至少 32 字节", "csrf_secret_file");
  return CsrfTokens(std::string(key));
}

CsrfTokens CsrfTokens::Random() {
  if (sodium_init() < 0) std::abort();
  std::string key(32, '\0');
  randombytes_buf(key.data(), key.size());
  return CsrfTokens(std::move(key));
}

std::string CsrfTokens::RandomId() {
  if (sodium_init() < 0) std::abort();
  std::array<unsigned char, 24> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return Base64Url(bytes.data(), bytes.size());
}

std::string CsrfTokens::Mac(std::string_view purpose, std::string_view binding,
                            int64_t issued) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  auto update = [&](std::string_view part) {
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
  };
  update(purpose);
  update(std::string_view("\0", 1));
  update(binding);
  std::array<unsigned char, 8> when;
  for (int i = 0; i < 8; ++i)
    when[i] = static_cast<unsigned char>(uint64_t(issued) >> (56 - 8 * i));
  crypto_auth_hmacsha256_update(&state, when.data(), when.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return std::string(reinterpret_cast<const char*>(when.data()), when.size()) + mac;
}

std::string CsrfTokens::Issue(std::string_view purpose, std::string_view binding,
                              int64_t now_seconds) const {
  std::string raw = Mac(purpose, binding, now_seconds);
  return Base64Url(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

bool CsrfTokens::Verify(std::string_view token, std::string_view purpose, std::string_view binding,
                        int64_t now_seconds, int64_t max_age_seconds) const {
  if (binding.empty() || token.size() > 128) return false;
  std::string raw;
  if (!FromBase64Url(token, raw) || raw.size() != 8 + crypto_auth_hmacsha256_BYTES) return false;
  uint64_t issued = 0;
  for (int i = 0; i < 8; ++i) issued = (issued << 8) | static_cast<unsigned char>(raw[i]);
  auto issued_at = static_cast<int64_t>(issued);
  if (issued_at > now_seconds + 60 || now_seconds - issued_at > max_age_seconds) return false;
  std::string expected = Mac(purpose, binding, issued_at);
  return sodium_memcmp(expected.data(), raw.data(), raw.size()) == 0;
}

}  // namespace gongkai::web
