// The per-unit comparison (考核): key figures of a body and every body below it, side by side
// (core/unit_comparison, as `gongkai report compare` prints them), sortable by a column with
// a query parameter (no script), and the same table as CSV.
#include <algorithm>
#include <map>

#include "admin/office.hpp"
#include "core/calendar_service.hpp"
#include "core/unit_comparison.hpp"
#include "report/render_csv.hpp"

namespace gongkai::admin {
namespace {

struct Column {
  const char* key;
  const char* label;
  int64_t (*value)(const core::UnitFigures&);
};

const Column kColumns[] = {
    {"items", "主动公开信息", [](const core::UnitFigures& f) { return f.items_published; }},
    {"received", "收到申请", [](const core::UnitFigures& f) { return f.requests_received; }},
    {"closed", "办结", [](const core::UnitFigures& f) { return f.requests_closed; }},
    {"on_time", "按时办结", [](const core::UnitFigures& f) { return f.closed_on_time; }},
    // Nothing to rate sorts below every rate.
    {"rate", "按时办结率",
     [](const core::UnitFigures& f) { return f.on_time_rate_per_mille().value_or(-1); }},
    {"refused", "不予公开", [](const core::UnitFigures& f) { return f.refused; }},
    {"extended", "延期办结", [](const core::UnitFigures& f) { return f.closed_extended; }},
    {"late", "逾期办结", [](const core::UnitFigures& f) { return f.closed_late; }},
    {"open_overdue", "逾期未办结", [](const core::UnitFigures& f) { return f.open_overdue; }},
    {"overdue", "逾期", [](const core::UnitFigures& f) { return f.overdue; }},
};

struct Row {
  const core::Org* org;
  int depth;  // below the compared body
  core::UnitFigures figures;
};

std::string Cell(const Column& c, const core::UnitFigures& f) {
  if (std::string_view(c.key) != "rate") return std::to_string(c.value(f));
  // Rounded half up in integers; "—" where no request was closed.
  std::optional<int64_t> v = f.on_time_rate_per_mille();
  if (!v) return "—";
  return std::to_string(*v / 10) + "." + std::to_string(*v % 10) + "%";
}

// ?sort= one of the column keys (tree order otherwise), ?order=asc|desc (default desc).
struct Sort {
  const Column* column = nullptr;
  bool ascending = false;
};

Sort ReadSort(const Ctx& ctx) {
  Sort s;
  std::string key = ctx.req.Param("sort");
  for (const Column& c : kColumns) {
    if (key == c.key) s.column = &c;
  }
  if (!key.empty() && !s.column) throw HttpError{400, "无法按该列排序。"};
  s.ascending = ctx.req.Param("order") == "asc";
  return s;
}

std::vector<Row> LoadRows(Office& o, const ReportScope& scope, const Sort& sort,
                          const core::OrgTree& tree) {
  std::vector<Row> rows;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    std::vector<const core::Org*> bodies = tree.Subtree(scope.org->id);
    std::vector<core::Id> ids;
    for (const core::Org* org : bodies) ids.push_back(org->id);
    // Every body's requests in one load (the report engine's own reading), split by body:
    // not a whole report's inputs per body (80 bodies: ~0.5 s).
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.reports().LoadInputs(ids, scope.year, false));
    std::map<core::Id, core::ReportInputs> by_org;
    for (core::RequestFact& r : all.requests) by_org[r.org_id].requests.push_back(std::move(r));
    for (const core::Org* org : bodies) {
      core::ReportInputs& inputs = by_org[org->id];
      inputs.year = scope.year;
      // 主动公开: published in the year (withdrawn since or not), as LoadInputs counts them;
      // one COUNT over the (org, state, published_on) index, no item loaded.
      core::ItemSearch q;
      q.org_ids = {org->id};
      q.states = {core::ItemState::kPublished, core::ItemState::kWithdrawn};
      q.published_from = core::Date::FromYmd(scope.year, 1, 1);
      q.published_to = core::Date::FromYmd(scope.year, 12, 31);
      q.limit = 1;
      GONGKAI_ASSIGN_OR_RETURN(core::ItemPage page, repos.items().Search(q));
      inputs.items_published = page.total;
      int depth = 0;
      for (const core::Org* p = org; p && p->id != scope.org->id && p->parent_id;
           p = tree.Find(*p->parent_id)) {
        ++depth;
      }
      rows.push_back(
          {org, depth, core::ComputeUnitFigures(inputs, calendar, o.options.rules.clock)});
    }
    return core::Status::Ok();
  });
  if (sort.column) {
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      int64_t x = sort.column->value(a.figures), y = sort.column->value(b.figures);
      return sort.ascending ? x < y : x > y;
    });
  }
  return rows;
}

std::string Query(const ReportScope& s, const std::string& sort, const std::string& order) {
  std::string q = "?org=" + web::UrlEncode(s.org->code) + "&year=" + std::to_string(s.year);
  if (!sort.empty()) q += "&sort=" + sort + "&order=" + order;
  return q;
}

web::HttpResponse Csv(const ReportScope& s, const std::vector<Row>& rows) {
  // UTF-8 with a byte-order mark and CRLF, as the report's own CSV files (report/render_csv).
  std::string out = "\xEF\xBB\xBF单位,代码";
  for (const Column& c : kColumns) out += "," + report::CsvField(c.label);
  out += "\r\n";
  for (const Row& r : rows) {
    out += report::CsvField(r.org->name) + "," + report::CsvField(r.org->code);
    for (const Column& c : kColumns) out += "," + report::CsvField(Cell(c, r.figures));
    out += "\r\n";
  }
  web::HttpResponse resp;
  resp.content_type = "text/csv; charset=utf-8";
  resp.body = std::move(out);
  resp.Set("Content-Disposition", "attachment; filename=\"compare-" + s.org->code + "-" +
                                      std::to_string(s.year) + ".csv\"");
  return resp;
}

}  // namespace

web::HttpResponse CompareScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (ctx.post()) throw HttpError{405, "此页面只供查看。"};
  bool csv = parts.size() == 2 && parts[1] == "csv";
  if (parts.size() != 1 && !csv) throw HttpError{404, "页面不存在。"};
  ReportScope scope = ReadReportScope(ctx);
  Sort sort = ReadSort(ctx);
  std::vector<Row> rows = LoadRows(o, scope, sort, *ctx.tree);
  if (csv) return Csv(scope, rows);

  std::string order = sort.ascending ? "asc" : "desc";
  web::View columns = web::View::List();
  for (const Column& c : kColumns) {
    bool current = sort.column == &c;
    web::View col;
    col.Set("label", c.label);
    // A second click on the sorted column reverses it.
    col.Set("href",
            "/admin/compare" + Query(scope, c.key, current && !sort.ascending ? "asc" : "desc"));
    if (current) {
      col.Set("aria_sort", sort.ascending ? "ascending" : "descending");
      col.Set("arrow", sort.ascending ? "↑" : "↓");
    }
    columns.Push(col);
  }
  web::View list = web::View::List();
  for (const Row& r : rows) {
    web::View row;
    row.Set("name", r.org->name);
    row.Set("code", r.org->code);
    row.Set("depth", std::to_string(std::min(r.depth, 3)));
    row.Set("href", "/admin/reports?org=" + web::UrlEncode(r.org->code) +
                        "&year=" + std::to_string(scope.year));
    web::View cells = web::View::List();
    for (const Column& c : kColumns) {
      web::View cell;
      cell.Set("value", Cell(c, r.figures));
      cells.Push(cell);
    }
    row.Set("cells", cells);
    list.Push(row);
  }
  web::View v;
  v.Set("org_options", OrgOptions(ctx, ctx.Orgs(core::Action::kRead), scope.org->code));
  v.Set("year", std::to_string(scope.year));
  v.Set("top_name", scope.org->name);
  v.Set("unit_count", std::to_string(rows.size()));
  v.Set("columns", columns);
  v.Set("units", list);
  v.Set("tree_href", "/admin/compare" + Query(scope, "", ""));
  v.Set("csv_href",
        "/admin/compare/csv" + Query(scope, sort.column ? sort.column->key : "", order));
  v.Set("report_href", "/admin/reports" + Query(scope, "", ""));
  return o.Page(&ctx, "compare_units", v, "各单位对比");
}

}  // namespace gongkai::admin
