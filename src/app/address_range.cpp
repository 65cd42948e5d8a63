#include "app/address_range.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace gongkai::app {
namespace {

// Parses one address into 4 (v4) or 16 (v6) bytes; false when it is neither. An
// IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes its IPv4 address.
bool ParseAddress(const std::string& text, bool& v6, std::array<uint8_t, 16>& bytes) {
  bytes.fill(0);
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return false;
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes.data(), kMapped, sizeof kMapped) == 0) {
    std::memmove(bytes.data(), bytes.data() + 12, 4);
    std::memset(bytes.data() + 4, 0, 12);
    v6 = false;
    return true;
  }
  v6 = true;
  return true;
}

}  // namespace

core::Result<AddressRanges> AddressRanges::Parse(std::string_view text, std::string_view field) {
  AddressRanges out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find_first_of(", \t", i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view entry = text.substr(i, j - i);
    i = j + 1;
    if (entry.empty()) continue;
    auto bad = [&] {
      return core::InvalidArgument(std::string(field) +
                                       " 须为地址或 CIDR 网段（如 10.0.0.0/8、::1）: '" +
                                       std::string(entry) + "'",
                                   std::string(field));
    };
    Range r;
    size_t slash = entry.find('/');
    if (!ParseAddress(std::string(entry.substr(0, slash)), r.v6, r.bytes)) return bad();
    int max = r.v6 ? 128 : 32;
    r.prefix = max;
    if (slash != std::string_view::npos) {
      std::string_view p = entry.substr(slash + 1);
      auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), r.prefix);
      if (p.empty() || ec != std::errc() || end != p.data() + p.size() || r.prefix < 0 ||
          r.prefix > max) {
        return bad();
      }
    }
    out.ranges_.push_back(r);
  }
  return out;
}

bool AddressRanges::Contains(std::string_view address) const {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  if (ranges_.empty() || !ParseAddress(std::string(address), v6, bytes)) return false;
  for (const Range& r : ranges_) {
    if (r.v6 != v6) continue;
    int full = r.prefix / 8, rest = r.prefix % 8;
    if (std::memcmp(r.bytes.data(), bytes.data(), static_cast<size_t>(full)) != 0) continue;
    if (rest != 0) {
      auto mask = static_cast<uint8_t>(0xff << (8 - rest));
      if ((r.bytes[full] & mask) != (bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

}  // namespace gongkai::app
