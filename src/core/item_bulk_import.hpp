// Batched import of many items (`gongkai item import` of a whole file): the same rules and
// the same stored rows, events and audit chain as core::ImportItem applied row by row, but
// with what the rules read loaded once and every write batched.
//
//   LoadImportSnapshot   reads, once, what every row is checked against: the org tree, the
//                        importing user and its grants, the effective catalog of each body
//                        named by the rows, and which of the rows' 索引号 are taken.
//   PrepareImportedItems checks and normalises every row against the snapshot (pure: no
//                        repository), giving each row Ok or the error ImportItem would give.
//   StoreImportedItems   writes the prepared items (ids reserved in one step), their import
//                        events and their audit events (chained in row order) through the
//                        batched repository methods.
//
// Equivalence with ImportItem (tested in item_bulk_import_test.cpp and on both SQL
// backends): for the same rows in the same order, the same rows pass, the same errors are
// given (message and field), and the stored items, events and audit chain are identical.
// A later row repeating an earlier row's 索引号 is refused as ImportItem would refuse it
// (kAlreadyExists) once the earlier one is stored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/org_tree.hpp"
#include "core/store.hpp"
#include "core/user.hpp"

namespace gongkai::core {

// What the rows of one import are checked against, read in the import's transaction.
struct ImportSnapshot {
  OrgTree tree{{}};               // every body
  std::optional<User> actor;      // the importing user; nullopt when unknown
  std::vector<RoleGrant> grants;  // the actor's grants (revoked ones included)
  std::map<Id, std::vector<CatalogCategory>> catalogs;  // effective catalog per body of the rows
  std::set<std::string> taken_index_nos;                // the rows' 索引号 already stored
};

// Reads the snapshot for importing `items` as `actor` (username). Fails only on a
// database failure; an unknown actor or body is a per-row error of PrepareImportedItems.
Result<ImportSnapshot> LoadImportSnapshot(Repositories& repos, std::string_view actor,
                                          const std::vector<Item>& items);

// Adds to `snap` what checking `items` needs beyond it: the effective catalog of each body
// they name that it lacks, and which of their 索引号 are stored now. A pipelined import
// calls it once per chunk of rows, after storing the chunks before it (so a 索引号 an
// earlier chunk stored counts as taken). Fails only on a database failure.
Status ExtendImportSnapshot(Repositories& repos, ImportSnapshot& snap,
                            const std::vector<Item>& items);

// Checks every item as ImportItem would (body, the actor's kItemEdit on it, the editable
// fields, state, dates, 索引号, channels, a free 索引号), normalising the items that pass in
// place. Returns one status per item, in order. Pure: reads only the snapshot.
std::vector<Status> PrepareImportedItems(const ImportSnapshot& snapshot, std::string_view actor,
                                         std::vector<Item>& items, Date today);

// The same, for one chunk of an import checked chunk by chunk in row order: `claimed` holds
// the 索引号 of the rows that passed in earlier chunks, and gains those of this one.
std::vector<Status> PrepareImportedItems(const ImportSnapshot& snapshot, std::string_view actor,
                                         std::vector<Item>& items, Date today,
                                         std::set<std::string>& claimed);

// The history events and (unchained) audit events of importing `stored` (ids set), in the
// order ImportItem appends them row by row. Pure.
struct ImportRecords {
  std::vector<ItemEvent> events;
  std::vector<AuditEvent> audit;
};
ImportRecords MakeImportRecords(const ChangeContext& ctx, std::string_view actor,
                                const std::vector<Item>& stored);

// Stores items that passed PrepareImportedItems: ItemRepository::InsertBatch (sets each
// item's id), AppendEvents and AuditRepository::AppendMany. Call inside the import's
// transaction; a failure leaves it to be rolled back.
Status StoreImportedItems(Repositories& repos, const ChangeContext& ctx, std::string_view actor,
                          std::vector<Item>& items);

}  // namespace gongkai::core
