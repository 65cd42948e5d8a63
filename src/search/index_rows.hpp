// Row helpers shared by the search index's files (search_index.cpp builds and searches the
// index; published_index_reads.cpp lists what the portal shows). Internal to search/: they
// read SOCI rows of the items table and build the published-item filters. Stateless and
// safe from any thread; a value that does not parse throws store::CorruptRow, which the
// callers turn into kDataLoss / kUnavailable statuses.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "core/item.hpp"
#include "core/status.hpp"

namespace gongkai::search::detail {

// The item columns every read selects, in ReadItem's order (body_md, when read, comes last).
inline constexpr const char* kItemColumns =
    "i.id, i.org_id, i.index_no, i.title, i.summary, i.publisher, i.formed_on, i.published_on, "
    "i.doc_no, i.topic, i.category, i.validity, i.validity_changed_on, i.state";

// kUnavailable with the database's message.
core::Status Unavailable(const std::exception& e);
// Column `i` as an integer whatever the backend typed it (0 for NULL).
int64_t GetInt(const soci::row& r, size_t i);
// Column `i` as text ("" for NULL).
std::string GetText(const soci::row& r, size_t i);
// An item from a row of kItemColumns (plus body_md at 14 when `with_body`).
core::Item ReadItem(const soci::row& r, bool with_body);
// "1,2,3": ids are integers, so the list is safe to splice into SQL.
std::string IdList(const std::vector<core::Id>& ids);
// " AND …" restricting `i` to published items of `org_ids` (all when empty) and `year` (> 0).
std::string Filters(const std::vector<core::Id>& org_ids, int year);

}  // namespace gongkai::search::detail
