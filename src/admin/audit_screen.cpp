// The audit trail of one record (/admin/audit/{item|request}/{id}), for kAuditRead on the
// record's body. Audit snapshots never hold personal data or password hashes.
#include "admin/office.hpp"

namespace gongkai::admin {

web::HttpResponse AuditScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() != 3 || (parts[1] != "item" && parts[1] != "request")) {
    throw HttpError{404, "页面不存在。"};
  }
  core::Id id = PathId(parts[2]);
  core::Id org_id = 0;
  std::vector<core::AuditEvent> events;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    if (parts[1] == "item") {
      GONGKAI_ASSIGN_OR_RETURN(auto item, repos.items().Get(id));
      org_id = item.org_id;
    } else {
      GONGKAI_ASSIGN_OR_RETURN(auto request, repos.requests().Get(id));
      org_id = request.org_id;
    }
    GONGKAI_ASSIGN_OR_RETURN(events, repos.audit().ListFor(parts[1], parts[2]));
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
  v.Set("entity", parts[1] == "item" ? "信息" : "申请");
  v.Set("id", parts[2]);
  v.Set("back", "/admin/" + parts[1] + "s/" + parts[2]);
  v.Set("events", rows);
  return o.Page(&ctx, "audit", v, "审计记录");
}

}  // namespace gongkai::admin
