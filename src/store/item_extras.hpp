// An item's attachments and the interpretations (解读) of it, read through a statement cache:
// the one copy of these two queries. The repository (SqlItemRepository::ListAttachments,
// ListResponsesFor) runs them on a cache of its session; the portal's item page
// (search::PublishedReads) on the statements its connection keeps.
//
// Errors: a database error throws soci::soci_error, and a stored value that cannot be read
// (an unknown response kind, a bad date) throws CorruptRow, as every repository read does;
// SociStore::Transact and the read paths' catch blocks turn them into a Status.
#pragma once

#include <vector>

#include "core/item.hpp"
#include "store/statement_cache.hpp"

namespace gongkai::store {

// The attachments of `item_id` in position order.
std::vector<core::ItemAttachment> ReadAttachments(StatementCache& sql, core::Id item_id);

// The responses whose interpreted item is `item_id`, by date held, then id.
std::vector<core::Response> ReadInterpretations(StatementCache& sql, core::Id item_id);

}  // namespace gongkai::store
