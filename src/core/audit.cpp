#include "core/audit.hpp"

namespace gongkai::core {

std::string AuditChainInput(const AuditEvent& e) {
  std::string out;
  for (const std::string* field : {&e.prev_hash, &e.at, &e.actor, &e.action, &e.entity,
                                   &e.entity_id, &e.before_json, &e.after_json}) {
    out += std::to_string(field->size());
    out += ':';
    out += *field;
    out += ';';
  }
  return out;
}

}  // namespace gongkai::core
