// The dashboard: my due-soon and overdue requests, the review queue, the columns of my
// bodies left without updates (core/column_audit), and this year's running figures for the
// bodies I may read.
#include <algorithm>
#include <map>
#include <set>

#include "admin/column_watch.hpp"
#include "admin/office.hpp"
#include "core/calendar_service.hpp"
#include "core/column_audit.hpp"
#include "core/request_service.hpp"
#include "core/unit_comparison.hpp"

namespace gongkai::admin {

namespace {

constexpr size_t kStaleShown = 20;
constexpr int kExposedShown = 20;

}  // namespace

// 个人信息自查 (issue 20): the published items of the bodies I may read whose stored scan
// (core::RecordExposureScan) found unmasked personal data — counted in SQL, never rescanned
// per page view — with the most recent ones linked to their item page (遮盖 / 撤下并遮盖).
namespace {

void PersonalDataBlock(Office& o, Ctx& ctx, const std::vector<core::Id>& read, web::View& v) {
  if (read.empty()) return;
  core::ExposedItemsPage page;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(page, repos.items().PublishedWithPersonalData(read, kExposedShown));
    return core::Status::Ok();
  });
  web::View rows = web::View::List();
  for (const core::ExposedItem& it : page.items) {
    web::View r;
    r.Set("id", std::to_string(it.id));
    r.Set("title", it.title);
    r.Set("index_no", it.index_no);
    r.Set("org", ctx.OrgName(it.org_id));
    r.Set("unmasked", std::to_string(it.unmasked));
    rows.Push(r);
  }
  v.Set("pii_shown", web::View::Bool(true));
  v.Set("pii_count", std::to_string(page.total));
  v.Set("has_pii", web::View::Bool(page.total > 0));
  v.Set("pii_items", rows);
  v.Set("pii_more", web::View::Bool(page.total > static_cast<int64_t>(page.items.size())));
}

}  // namespace

web::HttpResponse Dashboard(Office& o, Ctx& ctx) {
  core::Date today = ctx.Today();
  std::vector<core::Id> handle = ctx.Orgs(core::Action::kRequestHandle);
  std::vector<core::Id> review = ctx.Orgs(core::Action::kItemReview);
  std::vector<core::Id> read = ctx.Orgs(core::Action::kRead);
  // Stale columns concern those who can publish into them.
  std::vector<core::Id> edit = ctx.Orgs(core::Action::kItemEdit);
  // Approved items wait for someone who may publish them, in the bodies where they may.
  std::vector<core::Id> publish = ctx.Orgs(core::Action::kItemPublish);
  std::set<core::Id> handle_set(handle.begin(), handle.end());
  std::vector<core::ColumnAuditRow> stale;
  std::vector<core::DueEntry> due;
  std::vector<core::Item> queue, to_publish, returned;
  int64_t published = 0;
  std::map<core::Id, std::string> return_reasons;  // item → the reviewer's latest reason
  int received = 0, answered = 0;
  struct Overdue {
    core::Id org;
    core::UnitFigures figures;
  };
  std::vector<Overdue> overdue;  // bodies with 逾期 requests this year (closed late or open)
  o.Transact([&](core::Repositories& repos) -> core::Status {
    // The first 100 items of these bodies in this state (no bodies: none).
    auto items_in = [&](const std::vector<core::Id>& orgs, core::ItemState state,
                        std::vector<core::Item>& out) -> core::Status {
      if (orgs.empty()) return core::Status::Ok();
      core::ItemQuery q;
      q.org_ids = orgs;
      q.states = {state};
      q.with_body = false;
      q.limit = 100;
      GONGKAI_ASSIGN_OR_RETURN(out, repos.items().Find(q));
      return core::Status::Ok();
    };
    if (!handle.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(due, core::ListDue(repos, today, 5));
    }
    GONGKAI_RETURN_IF_ERROR(items_in(review, core::ItemState::kSubmitted, queue));
    // The editor's queue: items the reviewer returned (with the reason), so the editor
    // learns of each decision.
    GONGKAI_RETURN_IF_ERROR(items_in(edit, core::ItemState::kRejected, returned));
    for (const core::Item& it : returned) {
      GONGKAI_ASSIGN_OR_RETURN(auto events, repos.items().ListEvents(it.id));
      for (const auto& e : events) {
        if (e.kind == core::ItemEventKind::kReject) return_reasons[it.id] = e.reason;
      }
    }
    GONGKAI_RETURN_IF_ERROR(items_in(publish, core::ItemState::kApproved, to_publish));
    if (!read.empty()) {
      // Counted in SQL: one row comes back, with the total.
      core::ItemSearch q;
      q.org_ids = read;
      q.published_from = core::Date::FromYmd(today.year(), 1, 1);
      q.published_to = today;
      q.limit = 1;
      GONGKAI_ASSIGN_OR_RETURN(auto page, repos.items().Search(q));
      published = page.total;
      GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
      std::set<core::Id> open_orgs;
      GONGKAI_ASSIGN_OR_RETURN(auto open, repos.requests().ListOpen());
      for (const auto& r : open) open_orgs.insert(r.org_id);
      std::vector<core::Id> replayed;  // the bodies with requests to replay
      for (core::Id id : read) {
        GONGKAI_ASSIGN_OR_RETURN(auto rs, repos.requests().ListByOrgYear(id, today.year()));
        received += static_cast<int>(rs.size());
        for (const auto& r : rs) answered += r.state == core::RequestState::kAnswered;
        // The replay counts the requests open at some point of this year. A body with none —
        // nothing received this year, nothing open, nothing of last year closed this year —
        // has nothing overdue: skip it (most bodies of a city; the costliest part).
        if (rs.empty() && !open_orgs.contains(id)) {
          GONGKAI_ASSIGN_OR_RETURN(auto last, repos.requests().ListByOrgYear(id, today.year() - 1));
          core::Date jan1 = core::Date::FromYmd(today.year(), 1, 1);
          if (std::none_of(last.begin(), last.end(),
                           [&](const auto& r) { return r.closed_on && *r.closed_on >= jan1; })) {
            continue;
          }
        }
        replayed.push_back(id);
      }
      // 逾期 by the request clock's replay, as the reports and `report compare` count it:
      // one load for all those bodies (not one report's inputs per body), split by body.
      if (!replayed.empty()) {
        GONGKAI_ASSIGN_OR_RETURN(auto all,
                                 repos.reports().LoadInputs(replayed, today.year(), false));
        std::map<core::Id, core::ReportInputs> by_org;
        for (core::RequestFact& r : all.requests) {
          core::ReportInputs& in = by_org[r.org_id];
          in.year = all.year;
          in.requests.push_back(std::move(r));
        }
        for (const auto& [id, inputs] : by_org) {
          core::UnitFigures f =
              core::ComputeUnitFigures(inputs, calendar, o.options.rules.clock, today);
          if (f.overdue > 0) overdue.push_back({id, f});
        }
      }
    }
    return core::Status::Ok();
  });
  if (!edit.empty()) {
    stale = AuditColumnsOf(o, ctx, edit, today);
    std::erase_if(stale, [](const auto& c) { return !c.stale; });
    SortByStaleness(stale);
  }
  web::View stale_rows = web::View::List();
  for (size_t i = 0; i < stale.size() && i < kStaleShown; ++i) {
    const core::ColumnAuditRow& c = stale[i];
    const core::Org* org = ctx.tree->Find(c.org_id);
    if (!org) continue;
    web::View r;
    r.Set("path", c.path);
    r.Set("org", org->name);
    // Acting on it: the new-item form with the body and the column chosen.
    r.Set("href", PublishHref(*org, c.path));
    r.Set("last_published", c.last_published->ToIso());
    r.Set("days", std::to_string(today - *c.last_published));
    r.Set("limit", std::to_string(c.stale_limit_days));
    stale_rows.Push(r);
  }
  web::View due_rows = web::View::List();
  int due_count = 0;
  for (const auto& d : due) {
    if (!handle_set.contains(d.request.org_id)) continue;
    web::View r;
    r.Set("id", std::to_string(d.request.id));
    r.Set("tracking_no", d.request.tracking_no);
    r.Set("org", ctx.OrgName(d.request.org_id));
    r.Set("due_on", d.request.due_on ? d.request.due_on->ToIso() : "");
    r.Set("days_left", std::to_string(d.working_days_left));
    r.Set("overdue", web::View::Bool(d.overdue));
    due_rows.Push(r);
    ++due_count;
  }
  auto item_rows = [&](const std::vector<core::Item>& items) {
    web::View rows = web::View::List();
    for (const auto& it : items) {
      web::View r;
      r.Set("id", std::to_string(it.id));
      r.Set("title", it.title);
      r.Set("org", ctx.OrgName(it.org_id));
      r.Set("mine", web::View::Bool(it.author == ctx.user.username));
      auto reason = return_reasons.find(it.id);
      if (reason != return_reasons.end()) r.Set("reason", reason->second);
      rows.Push(r);
    }
    return rows;
  };
  web::View overdue_rows = web::View::List();
  for (const Overdue& b : overdue) {
    web::View r;
    r.Set("org", ctx.OrgName(b.org));
    r.Set("closed_late", std::to_string(b.figures.closed_late));
    r.Set("open_overdue", std::to_string(b.figures.open_overdue));
    overdue_rows.Push(r);
  }
  web::View v;
  PersonalDataBlock(o, ctx, read, v);
  v.Set("overdue_bodies", overdue_rows);
  v.Set("has_overdue_bodies", web::View::Bool(!overdue.empty()));
  v.Set("due", due_rows);
  v.Set("has_due", web::View::Bool(due_count > 0));
  v.Set("handles", web::View::Bool(!handle.empty()));
  v.Set("queue", item_rows(queue));
  v.Set("has_queue", web::View::Bool(!queue.empty()));
  v.Set("reviews", web::View::Bool(!review.empty()));
  v.Set("edits", web::View::Bool(!edit.empty()));
  v.Set("publishes", web::View::Bool(!publish.empty()));
  v.Set("to_publish", item_rows(to_publish));
  v.Set("has_to_publish", web::View::Bool(!to_publish.empty()));
  v.Set("returned", item_rows(returned));
  v.Set("has_returned", web::View::Bool(!returned.empty()));
  v.Set("stale_columns", stale_rows);
  v.Set("has_stale", web::View::Bool(!stale.empty()));
  v.Set("stale_count", std::to_string(stale.size()));
  v.Set("stale_more", web::View::Bool(stale.size() > kStaleShown));
  v.Set("year", std::to_string(today.year()));
  v.Set("published", std::to_string(published));
  v.Set("received", std::to_string(received));
  v.Set("answered", std::to_string(answered));
  v.Set("changed", web::View::Bool(ctx.req.Param("changed") == "1"));
  return o.Page(&ctx, "dashboard", v, "工作台");
}

}  // namespace gongkai::admin
