// 行政复议 and 行政诉讼 cases of a body and year: the list with the counts of table 四 of
// the 2021 format, recording a case (optionally linked to a request of the same body) and
// setting a case's result — through core/case_service. Also the body-and-year scope that
// every related-case list shares.
#include "admin/cases_list.hpp"
#include "admin/office.hpp"
#include "core/case_service.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {

OrgYear ListOrgYear(const Ctx& ctx, core::Action action) {
  std::vector<core::Id> orgs = ctx.Orgs(action);
  if (orgs.empty()) throw HttpError{403, "无权查看。"};
  std::string code = ctx.req.Param("org");
  OrgYear scope;
  scope.org = code.empty() ? ctx.tree->Find(orgs.front()) : ctx.tree->FindByCode(code);
  if (!scope.org) throw HttpError{404, "机构不存在。"};
  ctx.Require(action, scope.org->id);
  scope.year = ctx.Today().year();
  std::string y = ctx.req.Param("year");
  if (!y.empty()) {
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
      throw HttpError{400, "年份有误。"};
    }
    scope.year = std::stoi(y);
  }
  return scope;
}

namespace {

constexpr core::CaseKind kKinds[] = {core::CaseKind::kReview, core::CaseKind::kLitigationDirect,
                                     core::CaseKind::kLitigationAfterReview};
constexpr core::CaseResult kResults[] = {core::CaseResult::kMaintained,
                                         core::CaseResult::kCorrected, core::CaseResult::kOther,
                                         core::CaseResult::kPending};

const std::vector<std::string> kCaseFields = {"org",     "kind",   "filed_on",
                                              "request", "result", "closed_on"};

// 行政复议, or 行政诉讼 with how it came to court (the two columns of table 四).
std::string KindText(core::CaseKind k) {
  if (k == core::CaseKind::kReview) return core::CaseKindLabel(k);
  return std::string("行政诉讼（") + core::CaseKindLabel(k) + "）";
}

web::View KindOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto k : kKinds) v.emplace_back(core::CaseKindCode(k), KindText(k));
  return Options(v, selected);
}

web::View ResultOptions(const std::string& selected, bool with_pending) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto r : kResults) {
    if (r != core::CaseResult::kPending || with_pending) {
      v.emplace_back(core::CaseResultCode(r), core::CaseResultLabel(r));
    }
  }
  return Options(v, selected);
}

std::string ListUrl(const std::string& org_code, int year) {
  return "/admin/cases?org=" + org_code + "&year=" + std::to_string(year);
}

// A failed result form: the case it was for, its input and the message.
struct RowError {
  core::Id id = 0;
  std::string result;
  std::string closed_on;
  std::string message;
};

web::HttpResponse Render(Office& o, Ctx& ctx, const OrgYear& scope, const RowError& failed,
                         int status) {
  std::vector<core::LegalCase> cases;
  std::map<core::Id, std::string> tracking;  // linked requests' numbers
  core::CaseCounts counts;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(cases, repos.cases().ListLegalCases(scope.org->id, scope.year));
    GONGKAI_ASSIGN_OR_RETURN(counts, core::CountCases(repos, scope.org->id, scope.year));
    for (const auto& c : cases) {
      if (!c.request_id) continue;
      GONGKAI_ASSIGN_OR_RETURN(core::Request r, repos.requests().Get(*c.request_id));
      tracking[r.id] = r.tracking_no;
    }
    return core::Status::Ok();
  });
  bool can_record = ctx.Can(core::Action::kCaseRecord, scope.org->id).ok();
  web::View table = web::View::List();
  for (auto k : kKinds) {
    web::View row;
    row.Set("label", KindText(k));
    web::View cells = web::View::List();
    for (int n : counts.legal[k]) cells.Push(std::to_string(n));
    row.Set("cells", cells);
    row.Set("sum", std::to_string(counts.LegalTotal(k)));
    table.Push(row);
  }
  web::View rows = web::View::List();
  for (auto it = cases.rbegin(); it != cases.rend(); ++it) {
    web::View r;
    r.Set("id", std::to_string(it->id));
    r.Set("kind", KindText(it->kind));
    r.Set("filed_on", it->filed_on.ToIso());
    if (it->request_id) {
      r.Set("request_id", std::to_string(*it->request_id));
      r.Set("tracking_no", tracking[*it->request_id]);
    }
    r.Set("result", core::CaseResultLabel(it->result));
    r.Set("closed_on", it->closed_on ? it->closed_on->ToIso() : "");
    bool pending = it->result == core::CaseResult::kPending;
    r.Set("settable", web::View::Bool(can_record && pending));
    bool mine = failed.id == it->id;
    r.Set("result_options", ResultOptions(mine ? failed.result : "", false));
    r.Set("closed_value", mine ? failed.closed_on : "");
    if (mine) r.Set("row_err", failed.message);
    rows.Push(r);
  }
  web::View v;
  v.Set("rows", rows);
  v.Set("table_four", table);
  v.Set("org_options", OrgOptions(ctx, ctx.Orgs(core::Action::kRead), scope.org->code));
  v.Set("org_name", scope.org->name);
  v.Set("sel_year", std::to_string(scope.year));
  v.Set("can_record", web::View::Bool(can_record));
  return o.Page(&ctx, "legal_cases", v, "行政复议和行政诉讼", status);
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  return Render(o, ctx, ListOrgYear(ctx, core::Action::kRead), RowError{}, 200);
}

web::HttpResponse Create(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kCaseRecord);
  if (orgs.empty()) throw HttpError{403, "无权登记行政复议和行政诉讼案件。"};
  FormState form(ctx.form);
  auto render = [&](int status) {
    web::View v = form.ToView();
    v.Set("org_options", OrgOptions(ctx, orgs, ctx.Field("org")));
    v.Set("kind_options", KindOptions(ctx.Field("kind")));
    v.Set("result_options", ResultOptions(ctx.post() ? ctx.Field("result") : "pending", true));
    v.Set("today", ctx.Today().ToIso());
    return o.Page(&ctx, "legal_case_new", v, "登记行政复议或行政诉讼案件", status);
  };
  if (!ctx.post()) return render(200);
  core::LegalCase c;
  const core::Org* org = FormCaseBody(ctx, form);
  auto kind = core::ParseCaseKind(ctx.Field("kind"));
  if (!kind.ok()) form.Error("kind", "请选择案件类型。");
  auto result = core::ParseCaseResult(ctx.Field("result"));
  if (!result.ok()) form.Error("result", "请选择审理结果。");
  auto filed = FormDate(ctx, form, "filed_on", true);
  c.closed_on = FormDate(ctx, form, "closed_on", false);
  std::string ref = ctx.Field("request");
  if (!form.ok()) return render(422);
  c.kind = *kind;
  c.result = *result;
  c.filed_on = *filed;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    if (!ref.empty()) {
      auto r = core::FindRequest(repos, org->code, ref);
      // A request of another body is as unknown as a missing one (its number stays private).
      if (r.status().code() == core::ErrorCode::kNotFound || (r.ok() && r->org_id != org->id)) {
        return core::InvalidArgument(org->name + "没有编号或 id 为 " + ref + " 的申请", "request");
      }
      if (!r.ok()) return r.status();
      c.request_id = r->id;
    }
    GONGKAI_ASSIGN_OR_RETURN(c, core::AddLegalCase(repos, ctx.Change(), ctx.Today(), org->code, c));
    return core::Status::Ok();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument) {
    form.Error(s, kCaseFields);
    return render(422);
  }
  if (!s.ok()) Fail(s);
  return Redirect(ListUrl(org->code, c.filed_on.year()));
}

web::HttpResponse SetResult(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::LegalCase c;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(c, repos.cases().GetLegalCase(id));
    return core::Status::Ok();
  });
  const core::Org* org = &CaseRowBody(ctx, c.org_id);
  OrgYear scope{org, c.filed_on.year()};
  // The row's own small form: its one message is shown beside it, its input kept.
  RowError failed{id, ctx.Field("result"), ctx.Field("closed_on"), ""};
  auto result = core::ParseCaseResult(failed.result);
  std::optional<core::Date> closed;
  if (!result.ok()) failed.message = "请选择审理结果。";
  if (!failed.closed_on.empty()) {
    auto d = core::Date::Parse(failed.closed_on);
    if (d.ok()) {
      closed = *d;
    } else {
      failed.message = "日期格式应为 YYYY-MM-DD。";
    }
  }
  if (failed.message.empty()) {
    core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
      return core::SetLegalCaseResult(repos, ctx.Change(), ctx.Today(), id, *result, closed)
          .status();
    });
    if (s.ok()) return Redirect(ListUrl(org->code, scope.year));
    if (s.code() != core::ErrorCode::kInvalidArgument) Fail(s);
    failed.message = s.message();
  }
  return Render(o, ctx, scope, failed, 422);
}

}  // namespace

web::HttpResponse CasesScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return List(o, ctx);
  if (parts.size() == 2 && parts[1] == "new") return Create(o, ctx);
  if (parts.size() == 3 && parts[2] == "result") return SetResult(o, ctx, PathId(parts[1]));
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
