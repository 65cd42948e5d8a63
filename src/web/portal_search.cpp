// The search page (/search): filters, paging, the result cache, zero-result counts.
#include <algorithm>

#include "core/catalog.hpp"
#include "web/portal_site.hpp"

namespace gongkai::web {

void PortalSite::MaybeSync() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu);
    if (now - last_sync < std::chrono::seconds(options.search_sync_seconds)) return;
    last_sync = now;
  }
  auto n = search_port->IndexNewlyPublished();
  if (!n.ok()) {
    spdlog::error("search: sync failed: {}", n.status().ToString());
  } else if (*n > 0) {
    spdlog::info("search: indexed {} newly published items", *n);
    std::lock_guard<std::mutex> lock(mu);
    ++index_syncs;  // pages listing items may change: a new cache generation
  }
}

HttpResponse PortalSite::SearchPage(const HttpRequest& req, const PathParams&) {
  auto t = Tree();
  std::string q = req.Param("q");
  if (q.size() > 200) {
    // Cut at a character boundary: drop the continuation bytes of a split character
    // and its lead byte.
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) --cut;
    q.resize(cut);
  }
  core::SearchRequest sr;
  sr.q = q;
  sr.newest = req.Param("sort") == "newest";
  std::string org_code = req.Param("org");
  if (!org_code.empty()) {
    const core::Org* org = t->FindByCode(org_code);
    if (!org) throw PortalError{400};
    for (const core::Org* o : t->Subtree(org->id)) sr.org_ids.push_back(o->id);
  }
  int64_t year = 0;
  if (!req.Param("year").empty() && (!ParseDecimal(req.Param("year"), year, 2999))) {
    throw PortalError{400};
  }
  sr.year = static_cast<int>(year);
  std::string cat = req.Param("cat");
  if (cat.size() > 200) throw PortalError{400};
  sr.category = cat;
  std::string validity = req.Param("validity");
  if (!validity.empty()) {
    auto parsed = core::ParseValidity(validity);
    if (!parsed.ok()) throw PortalError{400};
    sr.validity = core::ValidityCode(*parsed);
  }
  int64_t page_no = 1;
  if (!req.Param("page").empty() && !ParseDecimal(req.Param("page"), page_no, 500)) {
    throw PortalError{400};
  }
  if (page_no < 1) page_no = 1;
  sr.offset = static_cast<int>((page_no - 1) * kPortalPageSize);
  sr.limit = kPortalPageSize;
  std::shared_ptr<const core::SearchResult> found;
  bool searched = !q.empty();
  if (searched) {
    MaybeSync();                         // writes: the primary
    uint64_t generation = Generation();  // after the sync
    found = CheckRead(search_port->Search(sr, generation));
  } else {
    found = std::make_shared<const core::SearchResult>();
  }
  const core::SearchResult& result = *found;
  View v = Base(q.empty() ? "搜索" : q + " - 搜索", *t);
  v.Set("q", q);
  v.Set("searched", View::Bool(searched));
  v.Set("newest", View::Bool(sr.newest));
  v.Set("year", year > 0 ? std::to_string(year) : "");
  View cats = View::List();
  for (const auto& c : core::DefaultCatalog(core::OrgKind::kGovernment)) {
    if (c.path.find('/') == std::string::npos) continue;  // the columns under the top four
    View cv;
    cv.Set("path", c.path);
    cv.Set("name", CategoryLeaf(c.path));
    cv.Set("selected", View::Bool(c.path == cat));
    cats.Push(cv);
  }
  v.Set("cats", cats);
  View validities = View::List();
  for (core::Validity val :
       {core::Validity::kValid, core::Validity::kExpired, core::Validity::kRepealed}) {
    View vv;
    vv.Set("code", core::ValidityCode(val));
    vv.Set("label", core::ValidityLabel(val));
    vv.Set("selected", View::Bool(sr.validity == core::ValidityCode(val)));
    validities.Push(vv);
  }
  v.Set("validities", validities);
  View orgs = View::List();
  for (const core::Org* root : t->Roots()) {
    for (const core::Org* o : t->Subtree(root->id)) {
      View ov;
      ov.Set("code", o->code);
      ov.Set("name", o->name);
      ov.Set("selected", View::Bool(o->code == org_code));
      orgs.Push(ov);
    }
  }
  v.Set("orgs", orgs);
  View exact = View::List();
  for (const auto& item : result.exact) exact.Push(ItemRow(item, *t));
  v.Set("exact", exact);
  v.Set("has_exact", View::Bool(!result.exact.empty()));
  View hits = View::List();
  for (const auto& hit : result.hits) {
    View h = ItemRow(hit.item, *t);
    h.Set("title_html", hit.title_html);
    h.Set("snippet_html", hit.snippet_html);
    h.Set("index_no", hit.item.index_no.value_or(""));
    if (!hit.item.doc_no.empty()) h.Set("doc_no", hit.item.doc_no);
    hits.Push(h);
  }
  v.Set("hits", hits);
  bool no_hits = searched && result.hits.empty() && result.exact.empty();
  v.Set("no_hits", View::Bool(no_hits));
  bool count_miss = no_hits && sr.offset == 0;
  std::string count = std::to_string(result.count);
  if (result.count >= 1000) {
    count.insert(count.size() - 3, ",");
  }
  v.Set("count", result.count_capped ? count + "+" : count);
  v.Set("ranked_bounded", View::Bool(!sr.newest && result.ranked_bounded));
  v.Set("index_building", View::Bool(result.index_build_percent.has_value()));
  v.Set("index_percent", std::to_string(result.index_build_percent.value_or(100)));
  v.Set("rank_candidates", "1,000");
  v.Set("only_exclusions", View::Bool(searched && result.nothing_to_search));
  int64_t shown = result.count;
  if (!sr.newest) shown = std::min<int64_t>(shown, core::kSearchRankCandidates);
  int64_t pages = std::max<int64_t>(1, (shown + kPortalPageSize - 1) / kPortalPageSize);
  pages = std::min<int64_t>(pages, 500);
  std::string base =
      "/search?q=" + UrlEncode(q) + (org_code.empty() ? "" : "&org=" + UrlEncode(org_code)) +
      (year > 0 ? "&year=" + std::to_string(year) : "") +
      (cat.empty() ? "" : "&cat=" + UrlEncode(cat)) +
      (sr.validity.empty() ? "" : "&validity=" + sr.validity) + (sr.newest ? "&sort=newest" : "");
  v.Set("page", std::to_string(page_no));
  v.Set("pages", std::to_string(pages));
  v.Set("sort_newest_href", base.substr(0, base.find("&sort=")) + "&sort=newest");
  v.Set("sort_relevance_href", base.substr(0, base.find("&sort=")));
  if (searched && page_no > 1) v.Set("prev", base + "&page=" + std::to_string(page_no - 1));
  if (searched && page_no < pages) v.Set("next", base + "&page=" + std::to_string(page_no + 1));
  HttpResponse r = Page(req, "search", v);
  r.Set("Cache-Control", "no-store");
  r.Set("X-Robots-Tag", "noindex");
  if (count_miss) r.Set(std::string(kSearchMissField), q);  // counted per answer: portal.cpp
  if (result.index_build_percent) r.Set(std::string(kUncachedField), "1");
  return r;
}

}  // namespace gongkai::web
