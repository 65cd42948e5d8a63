#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

AuditEvent MakeAuditEvent(const ChangeContext& ctx, std::string action, std::string entity,
                          std::string entity_id, std::string before_json, std::string after_json) {
  AuditEvent e;
  e.at = ctx.at;
  e.actor = ctx.actor;
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.before_json = std::move(before_json);
  e.after_json = std::move(after_json);
  return e;
}

Status RecordChange(AuditRepository& audit, const ChangeContext& ctx, std::string action,
                    std::string entity, std::string entity_id, std::string before_json,
                    std::string after_json) {
  return audit
      .Append(MakeAuditEvent(ctx, std::move(action), std::move(entity), std::move(entity_id),
                             std::move(before_json), std::move(after_json)))
      .status();
}

Status AuditRepository::AppendMany(std::vector<AuditEvent>& events) {
  for (auto& e : events) {
    GONGKAI_ASSIGN_OR_RETURN(e, Append(std::move(e)));
  }
  return Status::Ok();
}

}  // namespace gongkai::core
