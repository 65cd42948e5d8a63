// Internal to search/: reading items rows back (the columns every query selects, in the
// order ReadItem expects) and the filters the queries share, so that the full-text search
// (search_index.cpp) and the published-item reads (published_queries.cpp) cannot drift.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "core/item.hpp"
#include "core/status.hpp"
#include "store/statement_cache.hpp"

namespace soci {
class row;
}

namespace gongkai::search {

// The items columns ReadItem reads, aliased `i` ("… FROM items i"); with the body, select
// i.body_md after them.
inline constexpr const char* kItemColumns =
    "i.id, i.org_id, i.index_no, i.title, i.summary, i.publisher, i.formed_on, i.published_on, "
    "i.doc_no, i.topic, i.category, i.validity, i.validity_changed_on, i.state";

// The integer of column `i` whatever type the backend reports (0 for NULL).
int64_t GetInt(const soci::row& r, size_t i);
// The text of column `i` ("" for NULL).
std::string GetText(const soci::row& r, size_t i);
// "1,2,3": ids for an IN (…) list (integers only, so safe to splice into SQL).
std::string IdList(const std::vector<core::Id>& ids);
// kUnavailable carrying a database exception's text.
core::Status Unavailable(const std::exception& e);
// The item of a row of kItemColumns (and body_md as column 14 when `with_body`). Throws on
// a stored value that cannot be parsed.
core::Item ReadItem(const soci::row& r, bool with_body);
// The same from a prepared statement's row (store/statement_cache.hpp).
core::Item ReadItem(const store::StatementRow& r, bool with_body);
// " AND …": published items only, of `org_ids` (empty: all), published in `year` (0: any).
std::string Filters(const std::vector<core::Id>& org_ids, int year);

}  // namespace gongkai::search
