// Audit events: every state change leaves one, chained by SHA-256 so that editing or
// deleting a stored event is detectable.
#pragma once

#include <string>

#include "core/org.hpp"

namespace gongkai::core {

struct AuditEvent {
  Id id = 0;
  std::string at;           // UTC, ISO 8601, set by the service from the injected Clock
  std::string actor;        // "user:NAME", "cli:NAME", "system"
  std::string action;       // e.g. org.create, user.passwd
  std::string entity;       // table-like name: org, user, item, request...
  std::string entity_id;    // the record's id or business key
  std::string before_json;  // empty for creations; never applicants' personal data
  std::string after_json;   // empty for deletions
  std::string prev_hash;    // hash of the previous event ("" for the first)
  std::string hash;         // hex SHA-256 of AuditChainInput(*this)
  friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

// The exact bytes hashed for an event: every field but id and hash, length-prefixed so
// that no two different events share an input. Includes prev_hash, which makes a chain.
std::string AuditChainInput(const AuditEvent& event);

}  // namespace gongkai::core

namespace gongkai::core {

class AuditRepository;

// Who makes a change and when (UTC ISO 8601, from the injected Clock).
struct ChangeContext {
  std::string actor;
  std::string at;
};

// The event for one change, not yet chained (id, prev_hash and hash empty): actor and
// time from `ctx`. RecordChange appends it; batched writers collect many for AppendMany.
AuditEvent MakeAuditEvent(const ChangeContext& ctx, std::string action, std::string entity,
                          std::string entity_id, std::string before_json, std::string after_json);

// Appends the audit event for one change. Call inside the transaction that makes it.
Status RecordChange(AuditRepository& audit, const ChangeContext& ctx, std::string action,
                    std::string entity, std::string entity_id, std::string before_json,
                    std::string after_json);

}  // namespace gongkai::core
