// The audit trail of one record (/admin/audit/{entity}/{id}), for kAuditRead on the
// record's body. An account's trail (/admin/audit/user/{id}) also holds its role grants and
// revocations and its API tokens' creation and revocation. Audit snapshots never hold personal data
// or password hashes.
#include <algorithm>
#include <charconv>
#include <string_view>

#include "admin/office.hpp"

namespace gongkai::admin {
namespace {

// A record kind with an audit view: its label, where the record's page is, and how to find
// the body it belongs to.
struct AuditedEntity {
  const char* entity;  // as core::RecordChange writes it
  const char* label;
  std::function<std::string(const std::string& id)> back;
  std::function<core::Result<core::Id>(core::Repositories&, const std::string& id)> org_of;
};

core::Result<core::Id> NumericId(const std::string& text) {
  core::Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return core::NotFound("记录不存在", "id");
  }
  return id;
}

// "{org_id}/{year}": records kept per body and year.
core::Result<core::Id> OrgOfYearKey(const std::string& key) {
  size_t slash = key.find('/');
  if (slash == std::string::npos || key.size() != slash + 5) return core::NotFound("记录不存在");
  return NumericId(key.substr(0, slash));
}

const std::vector<AuditedEntity>& Entities() {
  static const std::vector<AuditedEntity> kEntities = {
      {"item", "信息", [](const std::string& id) { return "/admin/items/" + id; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto item, r.items().Get(n));
         return item.org_id;
       }},
      {"request", "申请", [](const std::string& id) { return "/admin/requests/" + id; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto request, r.requests().Get(n));
         return request.org_id;
       }},
      {"complaint", "举报投诉", [](const std::string&) { return "/admin/complaints"; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto complaint, r.cases().GetComplaint(n));
         return complaint.org_id;
       }},
      {"legal_case", "复议诉讼案件", [](const std::string&) { return "/admin/cases"; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto legal_case, r.cases().GetLegalCase(n));
         return legal_case.org_id;
       }},
      {"org", "机构", [](const std::string&) { return "/admin/bodies"; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().Get(n));
         return org.id;
       }},
      // An account: its own events (creation, password changes and resets, sign-in
      // failures) and, merged in below, its role grants and API tokens. Read on the body of
      // its first active grant (the root for a user without one).
      {"user", "账号", [](const std::string&) { return "/admin/users"; },
       [](core::Repositories& r, const std::string& id) -> core::Result<core::Id> {
         GONGKAI_ASSIGN_OR_RETURN(core::Id n, NumericId(id));
         GONGKAI_ASSIGN_OR_RETURN(auto grants, r.users().ListGrants(n));
         GONGKAI_ASSIGN_OR_RETURN(auto all, r.users().List());
         bool known = false;
         for (const auto& u : all) known = known || u.id == n;
         if (!known) return core::NotFound("记录不存在", "id");
         for (const auto& g : grants) {
           if (!g.revoked_at) return g.org_id;
         }
         GONGKAI_ASSIGN_OR_RETURN(auto orgs, r.orgs().List());
         core::OrgTree tree(std::move(orgs));
         if (tree.Roots().empty()) return core::NotFound("记录不存在", "id");
         return tree.Roots().front()->id;
       }},
      {"org_year_facts", "机构年度数据", [](const std::string&) { return "/admin/bodies"; },
       [](core::Repositories&, const std::string& id) { return OrgOfYearKey(id); }},
      {"admin_stats", "行政统计", [](const std::string&) { return "/admin/bodies"; },
       [](core::Repositories&, const std::string& id) { return OrgOfYearKey(id); }},
  };
  return kEntities;
}

}  // namespace

web::HttpResponse AuditScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() != 3 && parts.size() != 4) throw HttpError{404, "页面不存在。"};
  const AuditedEntity* kind = nullptr;
  for (const auto& e : Entities()) {
    if (parts[1] == e.entity) kind = &e;
  }
  if (!kind) throw HttpError{404, "页面不存在。"};
  // Per-year keys arrive as two segments: /admin/audit/admin_stats/{org_id}/{year}.
  std::string id = parts.size() == 4 ? parts[2] + "/" + parts[3] : parts[2];
  core::Id org_id = 0;
  std::vector<core::AuditEvent> events;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(org_id, kind->org_of(repos, id));
    GONGKAI_ASSIGN_OR_RETURN(events, repos.audit().ListFor(kind->entity, id));
    if (std::string_view(kind->entity) != "user") return core::Status::Ok();
    // Role and token changes are events of their own records: gather the account's.
    core::Id user_id = std::stoll(id);
    std::vector<std::pair<std::string, std::string>> records;
    GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user_id));
    for (const auto& g : grants) records.emplace_back("role_grant", std::to_string(g.id));
    GONGKAI_ASSIGN_OR_RETURN(auto tokens, repos.api_tokens().List());
    for (const auto& t : tokens) {
      if (t.user_id == user_id) records.emplace_back("api_token", std::to_string(t.id));
    }
    for (const auto& [entity, record_id] : records) {
      GONGKAI_ASSIGN_OR_RETURN(auto more, repos.audit().ListFor(entity, record_id));
      events.insert(events.end(), more.begin(), more.end());
    }
    std::sort(events.begin(), events.end(),
              [](const core::AuditEvent& a, const core::AuditEvent& b) { return a.id < b.id; });
    return core::Status::Ok();
  });
  ctx.Require(core::Action::kAuditRead, org_id);
  web::View rows = web::View::List();
  for (const auto& e : events) {
    web::View r;
    r.Set("at", e.at);
    r.Set("actor", e.actor);
    r.Set("action", e.action);
    r.Set("before", e.before_json);
    r.Set("after", e.after_json);
    rows.Push(r);
  }
  web::View v;
  v.Set("entity", kind->label);
  v.Set("id", id);
  v.Set("back", kind->back(id));
  v.Set("events", rows);
  return o.Page(&ctx, "audit", v, "审计记录");
}

}  // namespace gongkai::admin
