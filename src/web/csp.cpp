#include "web/csp.hpp"

#include <sodium.h>

namespace gongkai::web {
namespace {

std::string Sha256Base64(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  return b64;
}

}  // namespace

std::string CspWithStyleHashes(const std::string& html) {
  std::string sources;
  size_t pos = 0;
  while ((pos = html.find("<style", pos)) != std::string::npos) {
    size_t open_end = html.find('>', pos);
    size_t close = html.find("</style>", open_end);
    if (open_end == std::string::npos || close == std::string::npos) break;
    sources += " 'sha256-" +
               Sha256Base64(std::string_view(html).substr(open_end + 1, close - open_end - 1)) +
               "'";
    pos = close;
  }
  return "default-src 'none'; style-src 'self'" + sources +
         "; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

}  // namespace gongkai::web
