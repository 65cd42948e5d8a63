#include "core/proactive_stats.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/item_workflow.hpp"
#include "core/json_writer.hpp"
#include "core/org_tree.hpp"

namespace gongkai::core {
namespace {

bool WasPublished(const Item& it) {
  return it.state == ItemState::kPublished || it.state == ItemState::kWithdrawn;
}

Result<std::vector<Id>> SubtreeIds(Repositories& repos, Id org_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  OrgTree tree(std::move(orgs));
  if (!tree.Find(org_id)) return NotFound("机构不存在: id " + std::to_string(org_id), "org");
  std::vector<Id> ids;
  for (const Org* o : tree.Subtree(org_id)) ids.push_back(o->id);
  return ids;
}

Date YearFirst(int year) { return Date::FromYmd(year, 1, 1); }
Date YearLast(int year) { return Date::FromYmd(year, 12, 31); }

}  // namespace

ChannelCounts CountChannels(const std::vector<Item>& items, int year) {
  ChannelCounts out;
  for (const auto& it : items) {
    if (!WasPublished(it)) continue;
    std::set<Channel> seen;
    for (const auto& c : it.channels) {
      if (c.published_on.year() == year && seen.insert(c.channel).second) {
        ++out.by_channel[c.channel];
      }
    }
    if (!seen.empty()) ++out.distinct;
  }
  return out;
}

Result<ChannelReport> CountChannelsInSubtree(Repositories& repos, Id org_id, int year) {
  GONGKAI_ASSIGN_OR_RETURN(auto ids, SubtreeIds(repos, org_id));
  ItemQuery q;
  q.org_ids = ids;
  q.states = {ItemState::kPublished, ItemState::kWithdrawn};
  q.channel_from = YearFirst(year);
  q.channel_to = YearLast(year);
  q.with_body = false;
  GONGKAI_ASSIGN_OR_RETURN(auto items, repos.items().Find(q));
  ChannelReport report;
  report.total = CountChannels(items, year);
  std::map<Id, std::vector<Item>> by_org;
  for (auto& it : items) by_org[it.org_id].push_back(std::move(it));
  for (const auto& [id, list] : by_org) report.by_org[id] = CountChannels(list, year);
  return report;
}

Table2Documents CountDocuments(const std::vector<Item>& items, int year) {
  Table2Documents out;
  const Date last = YearLast(year);
  for (const auto& it : items) {
    if (!WasPublished(it) || !it.published_on) continue;
    DocumentCounts* c = it.is_regulation  ? &out.regulations
                        : it.is_normative ? &out.normative
                                          : nullptr;
    if (!c) continue;
    if (it.published_on->year() == year) ++c->issued;
    bool ended = it.validity != Validity::kValid && it.validity_changed_on.has_value();
    if (ended && it.validity_changed_on->year() == year) ++c->repealed;
    if (*it.published_on <= last && (!ended || *it.validity_changed_on > last)) ++c->in_force;
  }
  return out;
}

Result<Table2Documents> CountDocumentsInSubtree(Repositories& repos, Id org_id, int year) {
  GONGKAI_ASSIGN_OR_RETURN(auto ids, SubtreeIds(repos, org_id));
  ItemQuery q;
  q.org_ids = ids;
  q.states = {ItemState::kPublished, ItemState::kWithdrawn};
  q.published_to = YearLast(year);
  q.with_body = false;
  GONGKAI_ASSIGN_OR_RETURN(auto items, repos.items().Find(q));
  return CountDocuments(items, year);
}

ResponseCounts CountResponses(const std::vector<Response>& responses) {
  ResponseCounts out;
  std::set<std::string> keys;
  for (const auto& r : responses) {
    ++out.by_kind[r.kind];
    if (r.concern_key.empty() || keys.insert(r.concern_key).second) ++out.concerns;
    if (r.principal_attended && r.kind == ResponseKind::kPressConference) ++out.press_principal;
    if (r.principal_attended && r.kind == ResponseKind::kOnlineInterview) {
      ++out.interviews_principal;
    }
    if (r.kind == ResponseKind::kInterpretation && r.interpreted_item_id) {
      ++out.interpretations_linked;
    }
  }
  return out;
}

Result<Response> AddResponse(Repositories& repos, const ChangeContext& ctx, Response r) {
  GONGKAI_ASSIGN_OR_RETURN(Org org, repos.orgs().Get(r.org_id));
  if (r.topic.empty() || r.topic.size() > 500) {
    return InvalidArgument("回应主题不能为空且不超过 500 字节", "topic");
  }
  if (r.principal_attended && r.kind != ResponseKind::kPressConference &&
      r.kind != ResponseKind::kOnlineInterview) {
    return InvalidArgument("只有新闻发布会和在线访谈记录主要负责同志参加情况", "principal");
  }
  if (r.interpreted_item_id) {
    GONGKAI_ASSIGN_OR_RETURN(Item item, repos.items().Get(*r.interpreted_item_id));
    if (!WasPublished(item)) {
      return InvalidArgument("被解读的文件尚未发布: 信息 " + std::to_string(item.id), "item");
    }
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    OrgTree tree(std::move(orgs));
    bool related = tree.Contains(org.id, item.org_id) || tree.Contains(item.org_id, org.id);
    if (!related) {
      return InvalidArgument("被解读的文件不属于本机构或其上下级机构", "item");
    }
  }
  GONGKAI_ASSIGN_OR_RETURN(r.id, repos.items().InsertResponse(r));
  std::optional<int64_t> item_id;
  if (r.interpreted_item_id) item_id = *r.interpreted_item_id;
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "response.create", "response",
                                       std::to_string(r.id), "",
                                       JsonObjectWriter()
                                           .Add("org_id", int64_t{r.org_id})
                                           .Add("kind", ResponseKindCode(r.kind))
                                           .Add("held_on", r.held_on.ToIso())
                                           .Add("topic", r.topic)
                                           .Add("concern_key", r.concern_key)
                                           .Add("principal_attended", r.principal_attended)
                                           .Add("interpreted_item_id", item_id)
                                           .Finish()));
  return r;
}

Status SetAdminStats(Repositories& repos, const ChangeContext& ctx, const AdminStats& s) {
  if (s.year < 2000 || s.year > 2999) return InvalidArgument("年份无效", "year");
  for (auto [v, field] :
       {std::pair{s.licensing_decisions, "licensing"},
        std::pair{s.punishment_decisions, "punishment"},
        std::pair{s.coercion_decisions, "coercion"}, std::pair{s.fees_yuan, "fees"}}) {
    if (v < 0) return InvalidArgument(std::string(field) + " 不能为负", field);
  }
  GONGKAI_RETURN_IF_ERROR(repos.orgs().Get(s.org_id).status());
  GONGKAI_ASSIGN_OR_RETURN(auto before, repos.orgs().GetAdminStats(s.org_id, s.year));
  auto json = [](const AdminStats& a) {
    return JsonObjectWriter()
        .Add("org_id", int64_t{a.org_id})
        .Add("year", a.year)
        .Add("licensing_decisions", a.licensing_decisions)
        .Add("punishment_decisions", a.punishment_decisions)
        .Add("coercion_decisions", a.coercion_decisions)
        .Add("fees_yuan", a.fees_yuan)
        .Finish();
  };
  GONGKAI_RETURN_IF_ERROR(repos.orgs().PutAdminStats(s));
  return RecordChange(repos.audit(), ctx, "admin_stats.set", "admin_stats",
                      std::to_string(s.org_id) + "/" + std::to_string(s.year),
                      before ? json(*before) : "", json(s));
}

namespace {
std::string SubmissionJson(const Submission& s) {
  return JsonObjectWriter()
      .Add("item_id", int64_t{s.item_id})
      .Add("from_org_id", int64_t{s.from_org_id})
      .Add("to_org_id", int64_t{s.to_org_id})
      .Add("submitted_on", s.submitted_on.ToIso())
      .Add("decision", SubmissionDecisionCode(s.decision))
      .Add("decided_on",
           s.decided_on ? std::optional<std::string>(s.decided_on->ToIso()) : std::nullopt)
      .Finish();
}
}  // namespace

Result<Submission> SubmitToPortal(Repositories& repos, const ChangeContext& ctx,
                                  std::string_view actor, Id item_id, Id to_org_id, Date on) {
  GONGKAI_ASSIGN_OR_RETURN(Item item, repos.items().Get(item_id));
  GONGKAI_RETURN_IF_ERROR(RequireRole(repos, actor, {Role::kEditor, Role::kAdmin}, item.org_id));
  if (item.state != ItemState::kPublished) {
    return FailedPrecondition("只有已发布的信息可以报送: 信息 " + std::to_string(item_id));
  }
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  OrgTree tree(std::move(orgs));
  if (!tree.Find(to_org_id)) return NotFound("机构不存在: id " + std::to_string(to_org_id), "to");
  if (to_org_id == item.org_id || !tree.Contains(to_org_id, item.org_id)) {
    return InvalidArgument("只能报送至上级机构的门户", "to");
  }
  if (on < *item.published_on) return InvalidArgument("报送日期不能早于发布日期", "on");
  Submission s;
  s.item_id = item_id;
  s.from_org_id = item.org_id;
  s.to_org_id = to_org_id;
  s.submitted_on = on;
  GONGKAI_ASSIGN_OR_RETURN(s.id, repos.submissions().Insert(s));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "submission.create", "submission",
                                       std::to_string(s.id), "", SubmissionJson(s)));
  return s;
}

Result<Submission> DecideSubmission(Repositories& repos, const ChangeContext& ctx,
                                    std::string_view actor, Id submission_id, bool accept,
                                    Date on) {
  GONGKAI_ASSIGN_OR_RETURN(Submission before, repos.submissions().Get(submission_id));
  GONGKAI_RETURN_IF_ERROR(
      RequireRole(repos, actor, {Role::kEditor, Role::kAdmin}, before.to_org_id));
  if (before.decision != SubmissionDecision::kPending) {
    return FailedPrecondition("该报送已处理: " +
                              std::string(SubmissionDecisionLabel(before.decision)));
  }
  if (on < before.submitted_on) return InvalidArgument("处理日期不能早于报送日期", "on");
  Submission after = before;
  after.decision = accept ? SubmissionDecision::kAccepted : SubmissionDecision::kRejected;
  after.decided_on = on;
  GONGKAI_RETURN_IF_ERROR(repos.submissions().Update(after));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "submission.decide", "submission",
                                       std::to_string(after.id), SubmissionJson(before),
                                       SubmissionJson(after)));
  return after;
}

SubmissionCounts CountSubmissions(const std::vector<Submission>& submissions) {
  SubmissionCounts out;
  for (const auto& s : submissions) {
    ++out.submitted;
    switch (s.decision) {
      case SubmissionDecision::kAccepted:
        ++out.accepted;
        break;
      case SubmissionDecision::kRejected:
        ++out.rejected;
        break;
      case SubmissionDecision::kPending:
        ++out.pending;
        break;
    }
  }
  return out;
}

std::vector<OverdueDuty> OverdueDuties(const std::vector<Item>& items, const Calendar& calendar,
                                       Date today) {
  std::vector<OverdueDuty> out;
  for (const auto& it : items) {
    if (WasPublished(it)) continue;
    CalendarDay due = calendar.AddWorkingDays(it.formed_on, kProactiveDutyDays);
    if (!(due.date < today)) continue;
    OverdueDuty d;
    d.item_id = it.id;
    d.org_id = it.org_id;
    d.title = it.title;
    d.state = it.state;
    d.formed_on = it.formed_on;
    d.due_on = due.date;
    auto late = calendar.WorkingDaysBetween(due.date, today);
    d.working_days_late = late.days;
    d.provisional = due.provisional || late.provisional;
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const OverdueDuty& a, const OverdueDuty& b) {
    return std::tie(a.due_on, a.item_id) < std::tie(b.due_on, b.item_id);
  });
  return out;
}

}  // namespace gongkai::core
