// The batched writes of a bulk `item import` (core/item_bulk_import.hpp): each statement is
// prepared once and run over bound vectors, so the per-row cost is a bind and a step instead
// of SQL parsing. On PostgreSQL SOCI still runs one prepared execution per row.
#include <map>

#include "store/internal/sql_util.hpp"
#include "store/sha256.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

core::Status SqlItemRepository::InsertBatch(std::vector<core::Item>& items) {
  GONGKAI_RETURN_IF_ERROR(InsertMany(items));
  for (const auto& it : items) GONGKAI_RETURN_IF_ERROR(AfterStore(it));
  return core::Status::Ok();
}

core::Result<std::vector<std::string>> SqlItemRepository::TakenIndexNos(
    const std::vector<std::string>& index_nos) {
  std::vector<std::string> taken;
  if (index_nos.empty()) return taken;
  std::string index_no;
  long long id = 0;
  soci::statement st = (sql_.prepare << "SELECT id FROM items WHERE index_no = :ix",
                        soci::use(index_no), soci::into(id));
  for (const auto& ix : index_nos) {
    index_no = ix;
    if (st.execute(true)) taken.push_back(ix);
  }
  return taken;
}

core::Status SqlItemRepository::SaveExposureScans(const std::vector<core::ExposureScan>& scans) {
  if (scans.empty()) return core::Status::Ok();
  std::vector<long long> ids;
  std::vector<int> unmasked, masked;
  for (const auto& s : scans) {
    ids.push_back(s.item_id);
    unmasked.push_back(s.unmasked);
    masked.push_back(s.masked);
  }
  sql_ << "INSERT INTO item_pii_scans (item_id, unmasked, masked) VALUES (:i, :u, :m) "
          "ON CONFLICT (item_id) DO UPDATE SET unmasked = excluded.unmasked, "
          "masked = excluded.masked",
      soci::use(ids), soci::use(unmasked), soci::use(masked);
  return core::Status::Ok();
}

core::Status SqlItemRepository::AppendEvents(const std::vector<core::ItemEvent>& events) {
  if (events.empty()) return core::Status::Ok();
  // The last seq of each item, read in chunks (ids are integers: inlined).
  std::map<Id, int> last_seq;
  for (const auto& e : events) last_seq.emplace(e.item_id, 0);
  constexpr size_t kChunk = 500;
  auto next = last_seq.begin();
  while (next != last_seq.end()) {
    std::string ids;
    for (size_t n = 0; n < kChunk && next != last_seq.end(); ++n, ++next) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(next->first);
    }
    long long item_id = 0;
    int seq = 0;
    soci::statement st = (sql_.prepare << "SELECT item_id, MAX(seq) FROM item_events WHERE "
                                          "item_id IN (" +
                                              ids + ") GROUP BY item_id",
                          soci::into(item_id), soci::into(seq));
    st.execute();
    while (st.fetch()) last_seq[item_id] = seq;
  }
  std::vector<long long> item_ids;
  std::vector<int> seqs;
  std::vector<std::string> kinds, actors, ats, reasons;
  for (const auto& e : events) {
    item_ids.push_back(e.item_id);
    seqs.push_back(++last_seq[e.item_id]);
    kinds.push_back(core::ItemEventKindCode(e.kind));
    actors.push_back(e.actor);
    ats.push_back(e.at);
    reasons.push_back(e.reason);
  }
  sql_ << "INSERT INTO item_events (item_id, seq, kind, actor, at, reason) VALUES (:i, :s, :k, "
          ":a, :t, :r)",
      soci::use(item_ids), soci::use(seqs), soci::use(kinds), soci::use(actors), soci::use(ats),
      soci::use(reasons);
  return core::Status::Ok();
}

core::Status SqlAuditRepository::AppendMany(std::vector<core::AuditEvent>& events) {
  if (events.empty()) return core::Status::Ok();
  long long last_id = 0;
  std::string prev_hash;
  // As Append: the head row, locked until commit, serialises appenders (see Append).
  sql_ << std::string("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1") +
              (backend_ == Backend::kPostgres ? " FOR UPDATE" : ""),
      soci::into(last_id), soci::into(prev_hash);
  if (!sql_.got_data()) throw CorruptRow("audit_head row missing");
  long long next = ReserveIds(sql_, backend_, "audit_events", events.size());
  std::vector<long long> ids;
  std::vector<std::string> at, actor, action, entity, entity_id, before, after, prev, hash;
  for (auto& e : events) {
    e.prev_hash = prev_hash;
    e.hash = Sha256Hex(core::AuditChainInput(e));
    e.id = next++;
    prev_hash = e.hash;
    ids.push_back(e.id);
    at.push_back(e.at);
    actor.push_back(e.actor);
    action.push_back(e.action);
    entity.push_back(e.entity);
    entity_id.push_back(e.entity_id);
    before.push_back(e.before_json);
    after.push_back(e.after_json);
    prev.push_back(e.prev_hash);
    hash.push_back(e.hash);
  }
  sql_ << "INSERT INTO audit_events (id, at, actor, action, entity, entity_id, before_json, "
          "after_json, prev_hash, hash) VALUES (:id, :at, :ac, :an, :en, :ei, :b, :a, :p, :h)",
      soci::use(ids), soci::use(at), soci::use(actor), soci::use(action), soci::use(entity),
      soci::use(entity_id), soci::use(before), soci::use(after), soci::use(prev), soci::use(hash);
  long long head_id = events.back().id;
  sql_ << "UPDATE audit_head SET last_id = :i, last_hash = :h WHERE singleton = 1",
      soci::use(head_id), soci::use(prev_hash);
  SyncIdentity(sql_, backend_, "audit_events");
  return core::Status::Ok();
}

}  // namespace gongkai::store
