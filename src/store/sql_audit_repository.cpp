#include "store/internal/sql_util.hpp"
#include "store/sha256.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

core::Result<core::AuditEvent> SqlAuditRepository::Append(core::AuditEvent e) {
  long long last_id = 0;
  // FOR UPDATE holds the head row until commit, so concurrent appenders queue up and the
  // chain stays linear. SQLite's BEGIN IMMEDIATE already serialises writers.
  sql_ << std::string("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1") +
              (backend_ == Backend::kPostgres ? " FOR UPDATE" : ""),
      soci::into(last_id), soci::into(e.prev_hash);
  if (!sql_.got_data()) throw CorruptRow("audit_head row missing");
  e.hash = Sha256Hex(core::AuditChainInput(e));
  long long id = 0;
  sql_ << "INSERT INTO audit_events (at, actor, action, entity, entity_id, before_json, "
          "after_json, prev_hash, hash) VALUES (:at, :ac, :an, :en, :ei, :b, :a, :p, :h) "
          "RETURNING id",
      soci::use(e.at), soci::use(e.actor), soci::use(e.action), soci::use(e.entity),
      soci::use(e.entity_id), soci::use(e.before_json), soci::use(e.after_json),
      soci::use(e.prev_hash), soci::use(e.hash), soci::into(id);
  sql_ << "UPDATE audit_head SET last_id = :i, last_hash = :h WHERE singleton = 1", soci::use(id),
      soci::use(e.hash);
  e.id = id;
  return e;
}

namespace {
const char* kAuditColumns =
    "SELECT id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash "
    "FROM audit_events ";
}

core::Result<std::vector<core::AuditEvent>> SqlAuditRepository::ListFor(
    std::string_view entity, std::string_view entity_id) {
  std::vector<core::AuditEvent> out;
  core::AuditEvent e;
  long long id = 0;
  std::string en(entity), ei(entity_id);
  soci::statement st =
      (sql_.prepare << kAuditColumns << "WHERE entity = :e AND entity_id = :i ORDER BY id",
       soci::into(id), soci::into(e.at), soci::into(e.actor), soci::into(e.action),
       soci::into(e.entity), soci::into(e.entity_id), soci::into(e.before_json),
       soci::into(e.after_json), soci::into(e.prev_hash), soci::into(e.hash), soci::use(en),
       soci::use(ei));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    out.push_back(e);
  }
  return out;
}

core::Result<std::optional<core::Id>> SqlAuditRepository::Verify() {
  core::AuditEvent e;
  long long id = 0;
  std::string expected_prev;
  soci::statement st = (sql_.prepare << kAuditColumns << "ORDER BY id", soci::into(id),
                        soci::into(e.at), soci::into(e.actor), soci::into(e.action),
                        soci::into(e.entity), soci::into(e.entity_id), soci::into(e.before_json),
                        soci::into(e.after_json), soci::into(e.prev_hash), soci::into(e.hash));
  st.execute();
  long long last_seen = 0;
  while (st.fetch()) {
    // A deleted row breaks the link of the next one; an edited row its own hash.
    if (e.prev_hash != expected_prev || Sha256Hex(core::AuditChainInput(e)) != e.hash) {
      return std::optional<core::Id>(id);
    }
    expected_prev = e.hash;
    last_seen = id;
  }
  // Rows deleted from the end leave the head pointing past the last row.
  long long head_id = 0;
  std::string head_hash;
  sql_ << "SELECT last_id, last_hash FROM audit_head WHERE singleton = 1", soci::into(head_id),
      soci::into(head_hash);
  if (head_id != last_seen || head_hash != expected_prev) {
    return std::optional<core::Id>(last_seen + 1);
  }
  return std::optional<core::Id>();
}

core::Result<int64_t> SqlAuditRepository::Count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM audit_events", soci::into(n);
  return int64_t{n};
}

}  // namespace gongkai::store
