// Rows as the SQL repositories read them back, shared where more than one repository selects
// the same table (cases and reports read legal_cases, items and reports read responses).
// Internal to store/. A row struct holds one row's columns as bound by soci::into, in the
// column order given by its k…Columns constant; Decode() turns it into the core record and
// throws CorruptRow (rolled back, reported as kDataLoss) when a stored value cannot be read.
// Not thread-safe; one row per statement.
#pragma once

#include <string>

#include "core/cases.hpp"
#include "core/item.hpp"
#include "store/internal/sql_util.hpp"

namespace gongkai::store {

// legal_cases, the columns in the order the binding below expects (prefix them with an alias
// by hand when a join needs one).
struct LegalCaseRow {
  long long id = 0;
  long long org_id = 0;
  std::string kind;
  NullableId request_id;
  std::string filed_on;
  std::string result;
  NullableText closed_on;

  // The record; throws CorruptRow for an unknown kind or result or an unreadable date.
  core::LegalCase Decode() const {
    core::LegalCase c;
    c.id = id;
    c.org_id = org_id;
    c.kind = Unwrap(core::ParseCaseKind(kind));
    c.request_id = request_id.get();
    c.filed_on = ToDate(filed_on);
    c.result = Unwrap(core::ParseCaseResult(result));
    c.closed_on = ToOptionalDate(closed_on.value, closed_on.ind);
    return c;
  }
};

// responses: id, org_id, kind, held_on, topic, concern_key, principal_attended,
// interpreted_item_id.
struct ResponseRow {
  long long id = 0;
  long long org_id = 0;
  std::string kind;
  std::string held_on;
  std::string topic;
  std::string concern_key;
  int principal_attended = 0;
  NullableId interpreted_item_id;

  // The record; throws CorruptRow for an unknown kind or an unreadable date.
  core::Response Decode() const {
    core::Response r;
    r.id = id;
    r.org_id = org_id;
    r.kind = Unwrap(core::ParseResponseKind(kind));
    r.held_on = ToDate(held_on);
    r.topic = topic;
    r.concern_key = concern_key;
    r.principal_attended = principal_attended != 0;
    r.interpreted_item_id = interpreted_item_id.get();
    return r;
  }
};

}  // namespace gongkai::store
