// A body's disclosure column (/org/{code}): the catalog, a paged list, the guide's
// acceptance point and reading points, the annual report years.
#include <algorithm>
#include <map>

#include "core/catalog.hpp"
#include "search/search_index.hpp"
#include "web/portal_site.hpp"

namespace gongkai::web {

namespace {
// The standard layout of a body's column.
constexpr const char* kTopColumns[] = {"政府信息公开指南", "政府信息公开制度", "法定主动公开内容",
                                       "政府信息公开年报"};
}  // namespace

std::shared_ptr<const PortalSite::CategoryCounts> PortalSite::CountsOf(core::Id org_id,
                                                                       uint64_t generation,
                                                                       core::PublicReads& port) {
  {
    std::lock_guard<std::mutex> lock(counts_mu);
    if (generation > counts_generation) {
      counts_by_org.clear();
      counts_generation = generation;
    }
    auto it = counts_by_org.find(org_id);
    if (generation == counts_generation && it != counts_by_org.end()) return it->second;
  }
  auto counts = std::make_shared<const CategoryCounts>(CheckRead(port.CategoryCounts(org_id)));
  std::lock_guard<std::mutex> lock(counts_mu);
  if (generation == counts_generation) counts_by_org[org_id] = counts;
  return counts;
}

HttpResponse PortalSite::OrgPage(const HttpRequest& req, const PathParams& params) {
  const std::string& code = params.at("code");
  auto t = Tree();
  const core::Org& org = FindOrg(*t, code);
  std::string cat = req.Param("cat");
  int64_t page_no = 1;
  if (!req.Param("page").empty() && !ParseDecimal(req.Param("page"), page_no, 100000)) {
    throw PortalError{400};
  }
  if (page_no < 1) page_no = 1;
  auto catalog = core::DefaultCatalog(org.kind);
  const uint64_t generation = Generation();  // before the reads: never newer than the data
  std::shared_ptr<const CategoryCounts> counted;
  search::ItemPage page;
  std::string selected;  // full category path of the list shown
  reads.With([&](store::SociStore& st) {
    search::PublishedReads idx(st);
    counted = CountsOf(org.id, generation, idx);
    const CategoryCounts& counts = *counted;
    if (!cat.empty()) {
      for (const char* top : kTopColumns) {
        if (cat == top) selected = top;
      }
      for (const auto& [path, n] : counts) {
        if (path == cat || CategoryLeaf(path) == cat) selected = path;
      }
      for (const auto& c : catalog) {
        if (selected.empty() && (c.path == cat || CategoryLeaf(c.path) == cat)) selected = c.path;
      }
      if (selected.empty()) throw PortalError{404};
    } else {
      selected = "法定主动公开内容";
    }
    // The total from the cached counts; the list from one newest-first walk per category.
    page = CheckRead(idx.ListColumn(org.id, selected, counts,
                                    static_cast<int>((page_no - 1) * kPortalPageSize),
                                    kPortalPageSize));
    return 0;
  });
  const CategoryCounts& counts = *counted;
  std::map<std::string, int64_t> count_of(counts.begin(), counts.end());
  // The catalog: the standard columns and the body's categories (stored ones first).
  View sections = View::List();
  for (const char* top : kTopColumns) {
    View s;
    s.Set("name", top);
    s.Set("href", "/org/" + UrlEncode(org.code) + "?cat=" + UrlEncode(top));
    s.Set("current", View::Bool(selected == top));
    View subs = View::List();
    std::vector<std::string> paths;
    for (const auto& c : catalog) {
      if (c.path.rfind(std::string(top) + "/", 0) == 0) paths.push_back(c.path);
    }
    for (const auto& [path, n] : counts) {
      if (path.rfind(std::string(top) + "/", 0) == 0 &&
          std::find(paths.begin(), paths.end(), path) == paths.end()) {
        paths.push_back(path);
      }
    }
    int64_t total = count_of[top];
    for (const auto& path : paths) {
      View sub;
      sub.Set("name", CategoryLeaf(path));
      sub.Set("href", "/org/" + UrlEncode(org.code) + "?cat=" + UrlEncode(path));
      sub.Set("count", std::to_string(count_of[path]));
      sub.Set("current", View::Bool(selected == path));
      total += count_of[path];
      subs.Push(sub);
    }
    s.Set("subs", subs);
    s.Set("has_subs", View::Bool(!paths.empty()));
    s.Set("count", std::to_string(total));
    sections.Push(s);
  }
  View items = View::List();
  for (const auto& item : page.items) items.Push(ItemRow(item, *t));
  int64_t pages = std::max<int64_t>(1, (page.total + kPortalPageSize - 1) / kPortalPageSize);
  View v = Base(org.name + " · 政府信息公开", *t);
  v.Set("org_name", org.name);
  v.Set("org_code", org.code);
  v.Set("org_code_url", UrlEncode(org.code));
  v.Set("kind", core::OrgKindLabel(org.kind));
  v.Set("sections", sections);
  v.Set("list_title", CategoryLeaf(selected));
  v.Set("items", items);
  v.Set("empty", View::Bool(page.items.empty()));
  v.Set("total", std::to_string(page.total));
  v.Set("page", std::to_string(page_no));
  v.Set("pages", std::to_string(pages));
  std::string base = "/org/" + UrlEncode(org.code) + "?cat=" + UrlEncode(selected) + "&page=";
  if (page_no > 1) v.Set("prev", base + std::to_string(page_no - 1));
  if (page_no < pages) v.Set("next", base + std::to_string(page_no + 1));
  // 指南: generated from the body's data.
  bool guide = selected == "政府信息公开指南";
  v.Set("guide", View::Bool(guide));
  v.Set("acceptance_address",
        org.acceptance_address.empty() ? "（未登记）" : org.acceptance_address);
  v.Set("acceptance_hours", org.acceptance_hours.empty() ? "（未登记）" : org.acceptance_hours);
  v.Set("acceptance_phone", org.acceptance_phone.empty() ? "（未登记）" : org.acceptance_phone);
  View points = View::List();
  for (const auto& p : org.reading_points) {
    View pv;
    pv.Set("name", p.name);
    pv.Set("address", p.address);
    pv.Set("hours", p.hours);
    points.Push(pv);
  }
  v.Set("reading_points", points);
  v.Set("has_reading_points", View::Bool(!org.reading_points.empty()));
  // 年报: the years up to the last complete one.
  bool reports = selected == "政府信息公开年报";
  v.Set("reports", View::Bool(reports));
  View years = View::List();
  int last = 0;
  if (!page.items.empty() && page.items[0].published_on) last = page.items[0].published_on->year();
  if (last == 0) last = 2025;
  for (int y = last; y >= std::max(2008, last - 9); --y) {
    View yv;
    yv.Set("year", std::to_string(y));
    yv.Set("href", "/org/" + UrlEncode(org.code) + "/report/" + std::to_string(y));
    years.Push(yv);
  }
  v.Set("years", years);
  View children = View::List();
  for (const core::Org* c : t->Children(org.id)) {
    View cv;
    cv.Set("code", UrlEncode(c->code));
    cv.Set("name", c->name);
    children.Push(cv);
  }
  v.Set("children", children);
  v.Set("has_children", View::Bool(!t->Children(org.id).empty()));
  return Page(req, "org", v);
}

}  // namespace gongkai::web
