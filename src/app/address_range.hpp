// Lists of address ranges in CIDR notation ("10.0.0.0/8, 192.0.2.7, ::1/128"): the reverse
// proxies whose X-Forwarded-For is believed, and the addresses /metrics is served to.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace gongkai::app {

class AddressRanges {
 public:
  AddressRanges() = default;  // empty: contains nothing

  // Comma- or space-separated ranges: an IPv4 or IPv6 address, optionally with /prefix (a
  // bare address is the one address). Empty text is the empty list. kInvalidArgument with
  // `field` naming the bad entry.
  static core::Result<AddressRanges> Parse(std::string_view text, std::string_view field);

  // True iff `address` (as a socket reports it; an IPv4-mapped IPv6 address counts as its
  // IPv4 address) lies in one of the ranges. False for anything unparsable.
  bool Contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};
    int prefix = 0;
  };
  std::vector<Range> ranges_;
};

}  // namespace gongkai::app
