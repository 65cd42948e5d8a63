// /admin/columns (issue 21): every column of the user's bodies against its update limit —
// filtered by body (with its subtree), by finding (stale, empty mandatory, all) and to the
// mandatory ones — longest without update first, paged, and the same rows as CSV. Each row
// links to "publish in this column" for those who may publish there.
#include <algorithm>
#include <set>

#include "admin/column_watch.hpp"
#include "admin/paging.hpp"
#include "core/calendar_service.hpp"
#include "report/render_csv.hpp"

namespace gongkai::admin {

std::vector<core::ColumnAuditRow> AuditColumnsOf(Office& o, const Ctx& ctx,
                                                 const std::vector<core::Id>& orgs,
                                                 core::Date today) {
  std::set<core::Id> in(orgs.begin(), orgs.end());
  std::vector<core::ColumnAuditRow> rows;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    for (core::Id id : orgs) {
      const core::Org* org = ctx.tree->Find(id);
      // A body below another of the list is audited with that one's subtree.
      if (!org || (org->parent_id && in.contains(*org->parent_id))) continue;
      GONGKAI_ASSIGN_OR_RETURN(auto audit,
                               core::AuditColumnsInSubtree(repos, id, calendar, today, kStaleDays));
      for (auto& row : audit.rows) {
        if (in.contains(row.org_id)) rows.push_back(std::move(row));
      }
    }
    return core::Status::Ok();
  });
  return rows;
}

void SortByStaleness(std::vector<core::ColumnAuditRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.last_published.has_value() != b.last_published.has_value()) {
      return !a.last_published.has_value();
    }
    return a.last_published < b.last_published;
  });
}

std::string PublishHref(const core::Org& org, const std::string& path) {
  return "/admin/items/new?org=" + web::UrlEncode(org.code) + "&category=" + web::UrlEncode(path);
}

namespace {

struct Filter {
  std::string org, finding, mandatory;
};

// ?finding=stale (default) | empty | all; ?mandatory=1 keeps the mandatory columns only.
bool Keep(const core::ColumnAuditRow& r, const Filter& f) {
  if (f.mandatory == "1" && !r.mandatory) return false;
  if (f.finding == "all") return true;
  if (f.finding == "empty") return r.empty;
  return r.stale;
}

std::string Finding(const core::ColumnAuditRow& r) {
  if (r.empty) return "必设栏目无信息";
  if (r.stale) return "超过更新期限";
  return "正常";
}

web::HttpResponse Csv(const Ctx& ctx, const std::vector<core::ColumnAuditRow>& rows,
                      core::Date today) {
  // UTF-8 with a byte-order mark and CRLF, as the other CSV exports.
  std::string out =
      "\xEF\xBB\xBF机构,代码,栏目,必设,最近发布,距今天数,期限（天）,近12个月条数,结论\r\n";
  for (const auto& r : rows) {
    const core::Org* org = ctx.tree->Find(r.org_id);
    if (!org) continue;
    std::string last = r.last_published ? r.last_published->ToIso() : "";
    std::string days = r.last_published ? std::to_string(today - *r.last_published) : "";
    out += report::CsvField(org->name) + "," + report::CsvField(org->code) + "," +
           report::CsvField(r.path) + "," + (r.mandatory ? "是" : "否") + "," + last + "," + days +
           "," + std::to_string(r.stale_limit_days) + "," + std::to_string(r.items_12_months) +
           "," + report::CsvField(Finding(r)) + "\r\n";
  }
  web::HttpResponse resp;
  resp.content_type = "text/csv; charset=utf-8";
  resp.body = std::move(out);
  resp.Set("Content-Disposition", "attachment; filename=\"columns-" + today.ToIso() + ".csv\"");
  return resp;
}

}  // namespace

web::HttpResponse ColumnsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (ctx.post()) throw HttpError{405, "此页面只供查看。"};
  bool csv = parts.size() == 2 && parts[1] == "csv";
  if (parts.size() != 1 && !csv) throw HttpError{404, "页面不存在。"};
  std::vector<core::Id> readable = ctx.Orgs(core::Action::kRead);
  if (readable.empty()) throw HttpError{403, "无权查看栏目。"};
  Filter f{ctx.req.Param("org"), ctx.req.Param("finding"), ctx.req.Param("mandatory")};
  if (!f.finding.empty() && f.finding != "stale" && f.finding != "empty" && f.finding != "all") {
    throw HttpError{400, "未知的筛选条件。"};
  }
  std::vector<core::Id> scope = readable;
  if (!f.org.empty()) {
    const core::Org* body = ctx.tree->FindByCode(f.org);
    if (!body) throw HttpError{404, "机构不存在。"};
    ctx.Require(core::Action::kRead, body->id);
    scope.clear();
    for (const core::Org* b : ctx.tree->Subtree(body->id)) {
      if (ctx.Can(core::Action::kRead, b->id).ok()) scope.push_back(b->id);
    }
  }
  core::Date today = ctx.Today();
  std::vector<core::ColumnAuditRow> rows = AuditColumnsOf(o, ctx, scope, today);
  std::erase_if(rows, [&](const auto& r) { return !Keep(r, f); });
  SortByStaleness(rows);
  if (csv) return Csv(ctx, rows, today);

  Paging paging = ReadPaging(ctx, 100);
  web::View list = web::View::List();
  for (size_t i = paging.offset(); i < rows.size() && i < size_t(paging.offset() + paging.size);
       ++i) {
    const core::ColumnAuditRow& c = rows[i];
    const core::Org* org = ctx.tree->Find(c.org_id);
    if (!org) continue;
    web::View r;
    r.Set("path", c.path);
    r.Set("org", org->name);
    r.Set("mandatory", web::View::Bool(c.mandatory));
    r.Set("last_published", c.last_published ? c.last_published->ToIso() : "从未发布");
    r.Set("days", c.last_published ? std::to_string(today - *c.last_published) : "—");
    r.Set("limit", std::to_string(c.stale_limit_days));
    r.Set("recent", std::to_string(c.items_12_months));
    r.Set("finding", Finding(c));
    if (ctx.Can(core::Action::kItemEdit, c.org_id).ok()) r.Set("href", PublishHref(*org, c.path));
    list.Push(r);
  }
  std::vector<std::pair<std::string, std::string>> orgs = {{"", "全部机构"}};
  for (core::Id id : readable) {
    if (const core::Org* b = ctx.tree->Find(id)) {
      orgs.emplace_back(b->code, b->name + " [" + b->code + "]");
    }
  }
  std::vector<std::pair<std::string, std::string>> findings = {
      {"stale", "超过更新期限"}, {"empty", "必设栏目无信息"}, {"all", "全部栏目"}};
  std::vector<std::pair<std::string, std::string>> params = {
      {"org", f.org}, {"finding", f.finding}, {"mandatory", f.mandatory}};
  std::string query;
  for (const auto& [k, val] : params) {
    if (!val.empty()) query += (query.empty() ? "?" : "&") + k + "=" + web::UrlEncode(val);
  }
  web::View v;
  v.Set("columns", list);
  v.Set("has_columns", web::View::Bool(!rows.empty()));
  v.Set("orgs", Options(orgs, f.org));
  v.Set("findings", Options(findings, f.finding.empty() ? "stale" : f.finding));
  v.Set("mandatory_only", web::View::Bool(f.mandatory == "1"));
  v.Set("csv_href", "/admin/columns/csv" + query);
  v.Set("stale_days", std::to_string(kStaleDays));
  v.Set("paging", PagingView("/admin/columns", params, paging, static_cast<int64_t>(rows.size())));
  return o.Page(&ctx, "column_list", v, "栏目更新情况");
}

}  // namespace gongkai::admin
