#include "core/request_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/calendar_service.hpp"
#include "core/json_writer.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::core {
namespace {

constexpr size_t kMaxDescriptionBytes = 8000;

Status CheckText(const std::string& text, size_t max, const char* field, const char* what) {
  if (text.size() > max) {
    return InvalidArgument(std::string(what) + "过长（最多 " + std::to_string(max) + " 字节）",
                           field);
  }
  return Status::Ok();
}

std::string EventAuditJson(const RequestEvent& e) {
  JsonObjectWriter w;
  w.Add("seq", e.seq).Add("kind", e.kind).Add("on", e.on.ToIso());
  if (!e.data.empty()) w.AddRaw("data", e.data);
  return w.Finish();
}

Status Audit(Repositories& repos, const ChangeContext& ctx, const std::string& action,
             const std::optional<Request>& before, const Request& after,
             const RequestEvent* event) {
  std::string after_json = RequestAuditJson(after);
  if (event) {
    after_json.pop_back();
    after_json += ",\"event\":" + EventAuditJson(*event) + "}";
  }
  return RecordChange(repos.audit(), ctx, action, "request", std::to_string(after.id),
                      before ? RequestAuditJson(*before) : "", after_json);
}

Result<RequestView> Finish(Repositories& repos, Request request, const ClockRules& rules,
                           const Calendar& calendar) {
  RequestView view;
  GONGKAI_ASSIGN_OR_RETURN(view.org, repos.orgs().Get(request.org_id));
  GONGKAI_ASSIGN_OR_RETURN(view.events, repos.requests().ListEvents(request.id));
  GONGKAI_ASSIGN_OR_RETURN(
      view.due, ComputeDueDate(request, EventsForClock(request, view.events), calendar, rules));
  GONGKAI_ASSIGN_OR_RETURN(view.fee, repos.requests().GetFee(request.id));
  view.request = std::move(request);
  return view;
}

// Stores the due date the clock gives; true when it changed.
bool ApplyDue(Request& r, const DueDate& due) {
  std::optional<Date> date = due.state == ClockState::kRunning ? due.date : std::nullopt;
  if (due.state == ClockState::kClosed) date = due.date;
  bool changed = r.due_on != date || r.due_provisional != due.provisional;
  r.due_on = date;
  r.due_provisional = due.provisional;
  return changed;
}

}  // namespace

std::string RequestAuditJson(const Request& r) {
  return JsonObjectWriter()
      .Add("id", int64_t{r.id})
      .Add("org_id", int64_t{r.org_id})
      .Add("tracking_no", r.tracking_no)
      .Add("channel", RequestChannelCode(r.channel))
      .Add("applicant_type", ApplicantTypeCode(r.applicant_type))
      .Add("doc_no", r.doc_no)
      .Add("delivery_form", r.delivery_form)
      .Add("submitted_on", r.submitted_on.ToIso())
      .Add("received_on", r.received_on.ToIso())
      .Add("state", RequestStateCode(r.state))
      .Add("outcome", r.outcome)
      .Add("due_on", r.due_on ? std::optional<std::string>(r.due_on->ToIso()) : std::nullopt)
      .Add("due_provisional", r.due_provisional)
      .Add("closed_on",
           r.closed_on ? std::optional<std::string>(r.closed_on->ToIso()) : std::nullopt)
      .Finish();
}

std::vector<RequestEvent> EventsForClock(const Request& request, std::vector<RequestEvent> events) {
  if (events.empty() || events.front().kind != RequestEventKindCode(RequestEventKind::kReceipt)) {
    RequestEvent receipt;
    receipt.request_id = request.id;
    receipt.kind = RequestEventKindCode(RequestEventKind::kReceipt);
    receipt.on = request.received_on;
    events.insert(events.begin(), receipt);
  }
  return events;
}

Result<IntakeResult> IntakeRequest(Repositories& repos, const ChangeContext& ctx, Date today,
                                   const IntakeInput& in, const ClockRules& rules) {
  if (in.description.empty()) {
    return InvalidArgument("须写明申请公开的政府信息的名称、文号或特征性描述（第二十九条）",
                           "description");
  }
  GONGKAI_RETURN_IF_ERROR(
      CheckText(in.description, kMaxDescriptionBytes, "description", "信息描述"));
  GONGKAI_RETURN_IF_ERROR(CheckText(in.doc_no, 200, "doc_no", "文号"));
  GONGKAI_RETURN_IF_ERROR(CheckText(in.delivery_form, 200, "delivery_form", "获取方式"));
  if (in.applicant_sealed.empty()) {
    return InvalidArgument("缺少申请人的姓名或名称、身份证明、联系方式（已加密）", "applicant");
  }
  if (in.lookup_code_hash.empty()) return InvalidArgument("缺少查询码", "lookup_code");
  if (in.submitted_on > today) {
    return InvalidArgument("提交日期 " + in.submitted_on.ToIso() + " 晚于今天", "submitted_on");
  }
  GONGKAI_ASSIGN_OR_RETURN(ReceiptDate receipt,
                           DetermineReceiptDate(in.channel, in.submitted_on, in.confirmed_on));
  if (receipt.date > today) {
    return InvalidArgument("收到日期 " + receipt.date.ToIso() + " 晚于今天", "received_on");
  }
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, in.org_code));

  Request r;
  r.org_id = org.id;
  r.year = receipt.date.year();
  GONGKAI_ASSIGN_OR_RETURN(int max_serial, repos.requests().MaxSerial(org.id, r.year));
  r.serial = max_serial + 1;
  r.tracking_no = fmt::format("{:04d}-{:04d}", r.year, r.serial);
  r.lookup_code_hash = in.lookup_code_hash;
  r.channel = in.channel;
  r.applicant_type = in.applicant_type;
  r.applicant_sealed = in.applicant_sealed;
  r.description = in.description;
  r.doc_no = in.doc_no;
  r.delivery_form = in.delivery_form;
  r.submitted_on = in.submitted_on;
  r.received_on = receipt.date;
  r.state = RequestState::kReceived;
  GONGKAI_ASSIGN_OR_RETURN(r.id, repos.requests().Insert(r));

  RequestEvent e;
  e.request_id = r.id;
  e.kind = RequestEventKindCode(RequestEventKind::kReceipt);
  e.on = receipt.date;
  e.actor = ctx.actor;
  e.note = in.note;
  e.data = JsonObjectWriter()
               .Add("channel", RequestChannelCode(in.channel))
               .Add("submitted_on", in.submitted_on.ToIso())
               .Add("rule", receipt.rule)
               .Finish();
  GONGKAI_ASSIGN_OR_RETURN(e.id, repos.requests().AppendEvent(e));
  e.seq = 1;

  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  GONGKAI_ASSIGN_OR_RETURN(DueDate due, ComputeDueDate(r, {e}, calendar, rules));
  ApplyDue(r, due);
  GONGKAI_RETURN_IF_ERROR(repos.requests().Update(r));
  GONGKAI_RETURN_IF_ERROR(Audit(repos, ctx, "request.create", std::nullopt, r, &e));

  IntakeResult result;
  GONGKAI_ASSIGN_OR_RETURN(result.view, Finish(repos, r, rules, calendar));
  std::vector<std::string> phrases = SuggestionPhrases(in.description);
  if (!in.doc_no.empty() || !phrases.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(auto candidates, repos.items().FindPublished(in.doc_no, phrases, 50));
    result.suggestions = RankSuggestions(in.description, in.doc_no, std::move(candidates));
  }
  return result;
}

Result<Request> FindRequest(Repositories& repos, std::string_view org_code, std::string_view ref) {
  auto parse_int = [](std::string_view s, int64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && out > 0;
  };
  int64_t id = 0;
  if (parse_int(ref, id)) return repos.requests().Get(id);
  int64_t year = 0, serial = 0;
  size_t dash = ref.find('-');
  if (dash != 4 || !parse_int(ref.substr(0, 4), year) || !parse_int(ref.substr(5), serial)) {
    return InvalidArgument(
        "申请应以编号（如 2026-0042）或数字 id 指定: '" + std::string(ref.substr(0, 40)) + "'",
        "request");
  }
  GONGKAI_ASSIGN_OR_RETURN(Org org, ResolveOrg(repos, org_code));
  GONGKAI_ASSIGN_OR_RETURN(auto requests,
                           repos.requests().ListByOrgYear(org.id, static_cast<int>(year)));
  for (Request& r : requests) {
    if (r.year == year && r.serial == serial) return std::move(r);
  }
  return NotFound(org.code + " 没有编号为 " + std::string(ref) + " 的申请", "request");
}

Result<RequestView> LoadRequestView(Repositories& repos, Id request_id, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(Request r, repos.requests().Get(request_id));
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  return Finish(repos, std::move(r), rules, calendar);
}

Result<RequestView> RecordRequestEvent(Repositories& repos, const ChangeContext& ctx, Date today,
                                       Id request_id, EventInput in, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(Request r, repos.requests().Get(request_id));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.requests().ListEvents(r.id));
  std::vector<RequestEvent> history = EventsForClock(r, std::move(stored));
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  if (in.kind == RequestEventKind::kAnswer && !in.published_item.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(auto item, repos.items().FindByIndexNo(in.published_item));
    if (!item) return NotFound("索引号不存在: " + in.published_item, "published_item");
    if (item->state != ItemState::kPublished) {
      return FailedPrecondition("信息 " + in.published_item + " 未处于已发布状态");
    }
  }
  if (in.actor.empty()) in.actor = ctx.actor;
  Request before = r;
  GONGKAI_ASSIGN_OR_RETURN(RequestEvent event, ApplyEvent(r, history, in, calendar, today, rules));
  GONGKAI_ASSIGN_OR_RETURN(event.id, repos.requests().AppendEvent(event));
  event.seq = history.back().seq + 1;
  history.push_back(event);
  GONGKAI_ASSIGN_OR_RETURN(DueDate due, ComputeDueDate(r, history, calendar, rules));
  ApplyDue(r, due);
  GONGKAI_RETURN_IF_ERROR(repos.requests().Update(r));
  GONGKAI_RETURN_IF_ERROR(
      Audit(repos, ctx, std::string("request.") + event.kind, before, r, &event));
  return Finish(repos, std::move(r), rules, calendar);
}

Result<RequestView> NotifyFee(Repositories& repos, const ChangeContext& ctx, Date today,
                              Id request_id, FeeBasis basis, int quantity, int prior, Date on,
                              std::string note, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(int64_t amount, ComputeFeeYuan(basis, quantity, prior));
  if (amount == 0) {
    return InvalidArgument("按国办函〔2020〕109号的标准本件不收费，无需发出收费通知", "quantity");
  }
  GONGKAI_ASSIGN_OR_RETURN(auto existing, repos.requests().GetFee(request_id));
  if (existing) return FailedPrecondition("该申请已决定收取信息处理费，不能重复收费");
  EventInput in;
  in.kind = RequestEventKind::kFeeNotice;
  in.on = on;
  in.note = std::move(note);
  in.fee_yuan = amount;
  in.fee_basis = FeeBasisCode(basis);
  in.fee_quantity = quantity;
  GONGKAI_ASSIGN_OR_RETURN(RequestView view,
                           RecordRequestEvent(repos, ctx, today, request_id, in, rules));
  RequestFee fee{request_id, basis, quantity, prior, amount, on, FeeStatus::kDue, std::nullopt};
  GONGKAI_RETURN_IF_ERROR(repos.requests().PutFee(fee));
  view.fee = fee;
  return view;
}

Result<RequestView> SettleFee(Repositories& repos, const ChangeContext& ctx, Date today,
                              Id request_id, std::string_view how, Date on,
                              const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(auto fee, repos.requests().GetFee(request_id));
  if (!fee || fee->status != FeeStatus::kDue) {
    return FailedPrecondition("该申请没有待缴的信息处理费");
  }
  EventInput in;
  in.kind = RequestEventKind::kFeeSettled;
  in.on = on;
  in.fee_how = std::string(how);
  GONGKAI_ASSIGN_OR_RETURN(RequestView view,
                           RecordRequestEvent(repos, ctx, today, request_id, in, rules));
  fee->status = how == "paid" ? FeeStatus::kPaid : FeeStatus::kWaived;
  fee->settled_on = on;
  GONGKAI_RETURN_IF_ERROR(repos.requests().PutFee(*fee));
  view.fee = fee;
  return view;
}

Result<std::vector<DueEntry>> ListDue(Repositories& repos, Date today, int within) {
  if (within < 0) return InvalidArgument("天数不能为负", "within");
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  GONGKAI_ASSIGN_OR_RETURN(auto open, repos.requests().ListOpen());
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  std::vector<DueEntry> out;
  for (Request& r : open) {
    if (!r.due_on || r.state == RequestState::kCorrectionRequested) continue;
    int left = calendar.WorkingDaysBetween(today, *r.due_on).days;
    bool overdue = *r.due_on < today;
    if (!overdue && left > within) continue;
    DueEntry entry{std::move(r), "", left, overdue};
    for (const Org& o : orgs) {
      if (o.id == entry.request.org_id) entry.org_code = o.code;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

Status RecordPersonalDataAccess(Repositories& repos, const ChangeContext& ctx, const Request& r,
                                std::string_view via, std::string_view purpose) {
  std::string snapshot = JsonObjectWriter()
                             .Add("via", std::string(via))
                             .Add("purpose", std::string(purpose))
                             .Add("tracking_no", r.tracking_no)
                             .Finish();
  return RecordChange(repos.audit(), ctx, "request.personal_data", "request", std::to_string(r.id),
                      "", snapshot);
}

Status CheckPersonalDataAccess(Repositories& repos, std::string_view username, const Request& r) {
  GONGKAI_ASSIGN_OR_RETURN(auto user, repos.users().FindByUsername(username));
  if (!user) return NotFound("用户不存在: " + std::string(username), "as");
  if (user->disabled) return PermissionDenied("用户 " + user->username + " 已停用");
  GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(user->id));
  GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
  OrgTree tree(std::move(orgs));
  for (const RoleGrant& g : grants) {
    if (g.role == Role::kCaseHandler && !g.revoked_at && tree.Contains(g.org_id, r.org_id)) {
      return Status::Ok();
    }
  }
  return PermissionDenied("用户 " + user->username +
                          " 不是该申请所属机构（或其上级）的申请办理员，不能查看申请人个人信息");
}

Result<int> RecomputeOpenDueDates(Repositories& repos, const ClockRules& rules) {
  GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(repos));
  GONGKAI_ASSIGN_OR_RETURN(auto open, repos.requests().ListOpen());
  int changed = 0;
  for (Request& r : open) {
    GONGKAI_ASSIGN_OR_RETURN(auto events, repos.requests().ListEvents(r.id));
    GONGKAI_ASSIGN_OR_RETURN(
        DueDate due, ComputeDueDate(r, EventsForClock(r, std::move(events)), calendar, rules));
    if (ApplyDue(r, due)) {
      GONGKAI_RETURN_IF_ERROR(repos.requests().Update(r));
      ++changed;
    }
  }
  return changed;
}

}  // namespace gongkai::core
