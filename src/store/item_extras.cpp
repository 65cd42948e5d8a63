#include "store/item_extras.hpp"

#include "store/sql_rows.hpp"

namespace gongkai::store {

std::vector<core::ItemAttachment> ReadAttachments(StatementCache& sql, core::Id item_id) {
  std::vector<core::ItemAttachment> out;
  sql.Query(
      "SELECT id, position, name, sha256, media_type, size_bytes FROM item_attachments WHERE "
      "item_id = $1 ORDER BY position",
      {static_cast<int64_t>(item_id)}, [&](const StatementRow& r) {
        core::ItemAttachment a;
        a.id = r.Int(0);
        a.item_id = item_id;
        a.position = static_cast<int>(r.Int(1));
        a.name = r.String(2);
        a.sha256 = r.String(3);
        a.media_type = r.String(4);
        a.size_bytes = r.Int(5);
        out.push_back(std::move(a));
      });
  return out;
}

std::vector<core::Response> ReadInterpretations(StatementCache& sql, core::Id item_id) {
  std::vector<core::Response> out;
  sql.Query(
      "SELECT id, org_id, kind, held_on, topic, concern_key, principal_attended FROM responses "
      "WHERE interpreted_item_id = $1 ORDER BY held_on, id",
      {static_cast<int64_t>(item_id)}, [&](const StatementRow& r) {
        ResponseRow row;  // decoded as every other read of responses is
        row.id = r.Int(0);
        row.org_id = r.Int(1);
        row.kind = r.String(2);
        row.held_on = r.String(3);
        row.topic = r.String(4);
        row.concern_key = r.String(5);
        row.principal_attended = static_cast<int>(r.Int(6));
        row.interpreted_item_id = NullableId(item_id);
        out.push_back(row.Decode());
      });
  return out;
}

}  // namespace gongkai::store
