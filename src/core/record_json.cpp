#include "core/record_json.hpp"

#include "core/json_writer.hpp"

namespace gongkai::core {

std::string ToAuditJson(const Org& org) {
  std::string points = "[";
  for (const auto& p : org.reading_points) {
    if (points.size() > 1) points += ',';
    points += JsonObjectWriter()
                  .Add("name", p.name)
                  .Add("address", p.address)
                  .Add("hours", p.hours)
                  .Finish();
  }
  points += ']';
  return JsonObjectWriter()
      .Add("id", int64_t{org.id})
      .Add("parent_id", org.parent_id)
      .Add("code", org.code)
      .Add("name", org.name)
      .Add("kind", OrgKindCode(org.kind))
      .Add("sort_order", org.sort_order)
      .Add("acceptance_address", org.acceptance_address)
      .Add("acceptance_hours", org.acceptance_hours)
      .Add("acceptance_phone", org.acceptance_phone)
      .AddRaw("reading_points", points)
      .Finish();
}

std::string ToAuditJson(const User& user) {
  return JsonObjectWriter()
      .Add("id", int64_t{user.id})
      .Add("username", user.username)
      .Add("display_name", user.display_name)
      .Add("must_change_password", user.must_change_password)
      .Add("disabled", user.disabled)
      .Finish();
}

std::string ToAuditJson(const RoleGrant& grant) {
  return JsonObjectWriter()
      .Add("id", int64_t{grant.id})
      .Add("user_id", int64_t{grant.user_id})
      .Add("org_id", int64_t{grant.org_id})
      .Add("role", RoleCode(grant.role))
      .Add("granted_at", grant.granted_at)
      .Add("revoked_at", grant.revoked_at)
      .Finish();
}

}  // namespace gongkai::core
