#include "web/portal_site.hpp"

#include <algorithm>

#include "search/cached_search.hpp"
#include "store/site_counters.hpp"
#include "text/normalize.hpp"
#include "web/error_map.hpp"

namespace gongkai::web {

bool ParseDecimal(const std::string& s, int64_t& out, int64_t max) {
  if (s.empty() || s.size() > 12) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

void FailPage(const core::Status& status) {
  ErrorReply reply = MapError(status);
  if (!reply.log_message.empty()) spdlog::error("portal: {}", reply.log_message);
  throw PortalError{reply.status};
}

std::string DateText(const std::optional<core::Date>& d) { return d ? d->ToIso() : ""; }

std::string CategoryLeaf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<uint64_t> PortalSite::RecentGeneration() {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu);
  if (generation_read == std::chrono::steady_clock::time_point{} ||
      now - generation_read >= std::chrono::seconds(1)) {
    return std::nullopt;
  }
  return audit_generation + index_syncs;
}

uint64_t PortalSite::Generation() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu);
    if (now - generation_read < std::chrono::seconds(1)) return audit_generation + index_syncs;
  }
  return ReadGeneration(now);
}

uint64_t PortalSite::ReadGeneration(std::chrono::steady_clock::time_point now) {
  auto g = reads.With([](store::SociStore& st) { return store::DataGeneration(st); });
  std::lock_guard<std::mutex> lock(mu);
  if (g.ok()) {
    if (now > generation_read) {
      audit_generation = std::max(audit_generation, *g);
      generation_read = now;
    }
  } else {
    spdlog::error("portal: {}", g.status().ToString());
  }
  return audit_generation + index_syncs;
}

void PortalSite::StartRefresher() {
  refresher = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu);
    while (!refresher_stop) {
      lock.unlock();
      try {
        ReadGeneration(std::chrono::steady_clock::now());
      } catch (const std::exception& e) {
        spdlog::error("portal: {}", e.what());
      }
      lock.lock();
      refresher_cv.wait_for(lock, std::chrono::milliseconds(250),
                            [this] { return refresher_stop; });
    }
  });
}

namespace {

// Lends a connection of `pool` to the search adapter.
search::CachedSearch::OnConnection Lender(StorePool& pool) {
  return [&pool](const std::function<void(store::SociStore&)>& work) { pool.With(work); };
}

}  // namespace

PortalSite::PortalSite(StorePool& p, PortalOptions o, Templates t)
    : pool(p),
      options(std::move(o)),
      reads(options.read_pool ? *options.read_pool : p),
      templates(std::move(t)),
      page_cache(options.page_cache_bytes),
      search_port(std::make_unique<search::CachedSearch>(
          options.search_cache_entries, options.search_cache_bytes, Lender(reads), Lender(pool),
          options.search_phrase_cache_bytes)) {}

PortalSite::~PortalSite() {
  {
    std::lock_guard<std::mutex> lock(mu);
    refresher_stop = true;
  }
  refresher_cv.notify_all();
  if (refresher.joinable()) refresher.join();
}

HttpResponse PortalSite::RenderForm(const std::string& name, const std::string& title, View view,
                                    int status) {
  auto t = Tree();
  View v = view;
  v.Set("page_title", title);
  v.Set("site_name", SiteName(*t));
  v.Set("css", "/static/" + css_name);
  HttpResponse r;
  r.status = status;
  r.body = InLayout(name, std::move(v));
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string PortalSite::InLayout(const std::string& name, View view) {
  auto content = templates.Render(name, view);
  if (!content.ok()) {
    spdlog::error("portal: {}", content.status().ToString());
    throw PortalError{500};
  }
  view.Set("content", *content);
  auto page = templates.Render("layout", view);
  if (!page.ok()) throw PortalError{500};
  return std::move(*page);
}

void PortalSite::CountVisit(const std::string& path) {
  if (counters) {
    counters->Add(store::SiteCounter::kPageVisits, Clock().Today().ToIso(), path);
  }
}

void PortalSite::CountMiss(const std::string& q) {
  if (!counters) return;
  auto norm = text::NormalizeInput(q);
  std::string key = norm.ok() ? *norm : std::string();
  if (key.empty() || key.size() > 200) return;
  counters->Add(store::SiteCounter::kSearchMisses, Clock().Today().ToIso(), key);
}

std::shared_ptr<const core::OrgTree> PortalSite::Tree() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu);
    if (tree && now - tree_loaded < std::chrono::seconds(60)) return tree;
  }
  std::vector<core::Org> orgs;
  core::Status s = reads.With([&](store::SociStore& st) {
    return st.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(orgs, repos.orgs().List());
      return core::Status::Ok();
    });
  });
  std::lock_guard<std::mutex> lock(mu);
  if (!s.ok()) {
    spdlog::error("portal: loading bodies: {}", s.ToString());
    if (tree) return tree;
    throw PortalError{500};
  }
  tree = std::make_shared<const core::OrgTree>(std::move(orgs));
  tree_loaded = now;
  return tree;
}

std::string PortalSite::SiteName(const core::OrgTree& t) {
  auto roots = t.Roots();
  return (roots.empty() ? std::string("政府") : roots[0]->name) + "信息公开";
}

View PortalSite::Base(const std::string& title, const core::OrgTree& t) {
  View v;
  v.Set("page_title", title);
  v.Set("site_name", SiteName(t));
  v.Set("css", "/static/" + css_name);
  return v;
}

HttpResponse PortalSite::Page(const HttpRequest& req, const std::string& name, View view,
                              int status) {
  HttpResponse r;
  r.status = status;
  r.body = InLayout(name, std::move(view));
  if (status == 200) ApplyCaching(req, r, kPageMaxAge);
  return r;
}

View PortalSite::ItemRow(const core::Item& item, const core::OrgTree& t) {
  View v;
  v.Set("id", std::to_string(item.id));
  v.Set("title", item.title);
  v.Set("date", DateText(item.published_on));
  const core::Org* org = t.Find(item.org_id);
  v.Set("org", org ? org->name : item.publisher);
  v.Set("category", CategoryLeaf(item.category));
  // 废止 / 失效 items stay findable but are marked wherever they are listed (issue 21).
  if (item.validity != core::Validity::kValid) {
    v.Set("validity_mark", core::ValidityLabel(item.validity));
  }
  return v;
}

const core::Org& PortalSite::FindOrg(const core::OrgTree& t, const std::string& code) {
  const core::Org* org = t.FindByCode(code);
  if (!org) throw PortalError{404};
  return *org;
}

}  // namespace gongkai::web
