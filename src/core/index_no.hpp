// 索引号 (index numbers): the business key of a published item, "{ORGCODE}/{YEAR}-{serial}"
// with a five-digit zero-padded serial, e.g. QXS-FGW/2024-00017.
//
// Issued once, at publication, from the body's code (not its name, so renaming a body
// changes no number) and the publication year; unique; immutable afterwards; never reused:
// the next serial follows the largest ever stored for that code and year, withdrawn items
// included (they keep their numbers).
#pragma once

#include <string>
#include <string_view>

#include "core/store.hpp"

namespace gongkai::core {

inline constexpr int kMaxIndexSerial = 99999;

// "{org_code}/{year}-{serial:05}". Requires a valid org code, 1000 <= year <= 9999 and
// 1 <= serial <= kMaxIndexSerial.
std::string FormatIndexNo(std::string_view org_code, int year, int serial);

struct IndexNoParts {
  std::string org_code;
  int year = 0;
  int serial = 0;
  friend bool operator==(const IndexNoParts&, const IndexNoParts&) = default;
};
// Parses a 索引号 in exactly the form FormatIndexNo writes (kInvalidArgument naming
// "index_no" otherwise).
Result<IndexNoParts> ParseIndexNo(std::string_view text);

// The next free 索引号 of `org` for `year`, from ItemRepository::MaxIndexSerial. Fails with
// kFailedPrecondition when the year's serials are exhausted (more than kMaxIndexSerial).
// Call inside the transaction that stores it: the unique index makes a concurrent issue of
// the same number fail that transaction rather than duplicate it.
Result<std::string> NextIndexNo(Repositories& repos, const Org& org, int year);

}  // namespace gongkai::core
