// The requests queue (issue 21): every request in the user's scope, of every body and year,
// open ones first by due date — overdue, due within 3 working days, then the rest — with the
// working days left on the holiday calendar, state and body filters, colours and paging
// (SQL paging: RequestRepository::FindQueue).
#include "admin/paging.hpp"
#include "admin/request_extras.hpp"
#include "core/calendar_service.hpp"
#include "core/request_queue.hpp"

namespace gongkai::admin {
namespace {

constexpr core::RequestState kAllStates[] = {
    core::RequestState::kReceived,   core::RequestState::kCorrectionRequested,
    core::RequestState::kInProgress, core::RequestState::kAnswered,
    core::RequestState::kAbandoned,  core::RequestState::kWithdrawn};

// ?state=: "" every state, "open" the three open ones, else one state's code.
std::vector<core::RequestState> ReadStates(const std::string& state) {
  if (state.empty()) return {};
  if (state == "open") {
    return {core::RequestState::kReceived, core::RequestState::kCorrectionRequested,
            core::RequestState::kInProgress};
  }
  auto s = core::ParseRequestState(state);
  if (!s.ok()) throw HttpError{400, "未知的状态。"};
  return {*s};
}

// The user's readable bodies, narrowed to the subtree of ?org= when given.
std::vector<core::Id> ReadScope(const Ctx& ctx, const std::vector<core::Id>& readable,
                                const std::string& code) {
  if (code.empty()) return readable;
  const core::Org* org = ctx.tree->FindByCode(code);
  if (!org) throw HttpError{404, "机构不存在。"};
  ctx.Require(core::Action::kRead, org->id);
  std::vector<core::Id> out;
  for (const core::Org* o : ctx.tree->Subtree(org->id)) {
    if (ctx.Can(core::Action::kRead, o->id).ok()) out.push_back(o->id);
  }
  return out;
}

}  // namespace

web::HttpResponse RequestsQueue(Office& o, Ctx& ctx) {
  std::vector<core::Id> readable = ctx.Orgs(core::Action::kRead);
  if (readable.empty()) throw HttpError{403, "无权查看依申请公开。"};
  std::string state = ctx.req.Param("state");
  std::string org = ctx.req.Param("org");
  core::RequestQueueQuery q;
  q.states = ReadStates(state);
  q.org_ids = ReadScope(ctx, readable, org);
  Paging paging = ReadPaging(ctx);
  q.limit = paging.size;
  q.offset = paging.offset();
  core::Date today = ctx.Today();
  core::RequestQueuePage page;
  std::optional<core::Calendar> calendar;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(page, repos.requests().FindQueue(q));
    GONGKAI_ASSIGN_OR_RETURN(calendar, core::LoadCalendar(repos));
    return core::Status::Ok();
  });
  web::View rows = web::View::List();
  for (const core::Request& r : page.requests) {
    core::DueStatus due = core::ClassifyDue(r, *calendar, today);
    web::View row;
    row.Set("id", std::to_string(r.id));
    row.Set("tracking_no", r.tracking_no);
    row.Set("org", ctx.OrgName(r.org_id));
    row.Set("received_on", r.received_on.ToIso());
    row.Set("due_on", r.due_on ? r.due_on->ToIso() : "—");
    row.Set("provisional", web::View::Bool(r.due_on && r.due_provisional));
    row.Set("days_left",
            due.working_days_left ? std::to_string(*due.working_days_left) : std::string("—"));
    row.Set("due_class", core::DueClassCode(due.due_class));
    row.Set("due_label", core::DueClassLabel(due.due_class));
    row.Set("state", RequestStateLabel(r.state));
    row.Set("description", r.description);
    rows.Push(row);
  }
  std::vector<std::pair<std::string, std::string>> states = {{"", "全部"}, {"open", "未办结"}};
  for (core::RequestState s : kAllStates)
    states.emplace_back(core::RequestStateCode(s), RequestStateLabel(s));
  std::vector<std::pair<std::string, std::string>> orgs = {{"", "全部机关"}};
  for (core::Id id : readable) {
    if (const core::Org* b = ctx.tree->Find(id))
      orgs.emplace_back(b->code, b->name + " [" + b->code + "]");
  }
  web::View v;
  v.Set("requests", rows);
  v.Set("has_requests", web::View::Bool(!page.requests.empty()));
  v.Set("states", Options(states, state));
  v.Set("orgs", Options(orgs, org));
  v.Set("today", today.ToIso());
  v.Set("paging",
        PagingView("/admin/requests", {{"state", state}, {"org", org}}, paging, page.total));
  v.Set("can_intake", web::View::Bool(!ctx.Orgs(core::Action::kRequestHandle).empty()));
  return o.Page(&ctx, "requests", v, "依申请公开");
}

}  // namespace gongkai::admin
