// Small conversions shared by the SQL code: the repositories of store/ and the search index
// of search/ (which runs its own SQL on a store connection). Internal: no other module
// includes it. Header-only, stateless, safe from any thread. Reading a stored value that does
// not parse throws CorruptRow rather than returning a status: a repository method is deep
// inside SociStore::Transact, which catches it, rolls back and answers kDataLoss naming the
// value, so one bad row cannot be half-read into a result.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "core/date.hpp"
#include "core/status.hpp"

namespace gongkai::store {

// Stored data that cannot be read back is a bug or corruption: raised as an exception
// so that SociStore::Transact rolls back and reports kDataLoss.
class CorruptRow : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A stored ISO date; throws CorruptRow when it does not parse.
inline core::Date ToDate(const std::string& text) {
  auto parsed = core::Date::Parse(text);
  if (!parsed.ok()) throw CorruptRow("invalid stored date '" + text + "'");
  return *parsed;
}

// A nullable stored date: nullopt for NULL, else as ToDate.
inline std::optional<core::Date> ToOptionalDate(const std::string& text, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return ToDate(text);
}

// Unwraps a parsed enum read from the database.
template <typename T>
T Unwrap(core::Result<T> result) {
  if (!result.ok()) throw CorruptRow(result.status().message());
  return std::move(result).value();
}

// A nullable text value bound to a statement: `value` plus its indicator (i_null unless
// constructed from a present optional). Bind both: soci::use(n.value, n.ind).
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;
  NullableText() = default;
  explicit NullableText(const std::optional<core::Date>& d) {
    if (d) {
      value = d->ToIso();
      ind = soci::i_ok;
    }
  }
  explicit NullableText(const std::optional<std::string>& s) {
    if (s) {
      value = *s;
      ind = soci::i_ok;
    }
  }
};

// A nullable id bound to a statement: `value` plus its indicator; get() reads it back.
struct NullableId {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  NullableId() = default;
  explicit NullableId(const std::optional<int64_t>& id) {
    if (id) {
      value = *id;
      ind = soci::i_ok;
    }
  }
  std::optional<int64_t> get() const {
    return ind == soci::i_null ? std::nullopt : std::optional<int64_t>(value);
  }
};

}  // namespace gongkai::store
