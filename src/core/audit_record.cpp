#include "core/audit.hpp"
#include "core/store.hpp"

namespace gongkai::core {

Status RecordChange(AuditRepository& audit, const ChangeContext& ctx, std::string action,
                    std::string entity, std::string entity_id, std::string before_json,
                    std::string after_json) {
  AuditEvent e;
  e.at = ctx.at;
  e.actor = ctx.actor;
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.before_json = std::move(before_json);
  e.after_json = std::move(after_json);
  auto appended = audit.Append(std::move(e));
  return appended.status();
}

}  // namespace gongkai::core
