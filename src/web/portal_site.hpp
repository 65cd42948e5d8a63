// Internal to the portal: the state every page shares (PortalSite) and the helpers of the
// page families. Each family lives in its own file and defines its PortalSite members:
//   portal_site.cpp     generation, body tree, layout, visit counts
//   portal_home.cpp     /, /healthz, /robots.txt, /static/{file}
//   portal_org.cpp      /org/{code} (a body's disclosure column)
//   portal_item.cpp     /item/{id}, /item/{id}/attachment/{n}
//   portal_search.cpp   /search
//   portal_reports.cpp  /org/{code}/report/{year}[/{view}]
//   portal_feeds.cpp    /org/{code}/rss.xml, /sitemap.xml, /sitemap-{n}.xml
//   portal_forms.cpp    /apply, /status, /consult, /complaint (web/public_forms)
// The route table that maps paths to these members is in portal.cpp.
#pragma once

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/system_clock.hpp"
#include "core/org_tree.hpp"
#include "core/read_port.hpp"
#include "core/search_port.hpp"
#include "search/published_reads.hpp"
#include "web/counter_batch.hpp"
#include "web/page_cache.hpp"
#include "web/portal.hpp"
#include "web/public_forms.hpp"
#include "web/report_pages.hpp"
#include "web/router.hpp"
#include "web/templates.hpp"

namespace gongkai::web {

inline constexpr int kPortalPageSize = 20;
inline constexpr int kSitemapPage = 50000;  // the sitemap protocol's limit per file
inline constexpr int kPageMaxAge = 60;

// Thrown inside page handlers to answer with the error page of `status`.
struct PortalError {
  int status;
};

// A decimal of at most 12 digits and at most `max` into `out`; false otherwise.
bool ParseDecimal(const std::string& s, int64_t& out, int64_t max);
// Throws the PortalError of a failed status, as web::MapError maps it (logged when the
// failure is the server's).
[[noreturn]] void FailPage(const core::Status& status);
// The value of `r`, or FailPage(r.status()).
template <typename T>
T CheckRead(core::Result<T> r) {
  if (!r.ok()) FailPage(r.status());
  return std::move(r).value();
}
std::string DateText(const std::optional<core::Date>& d);
// The last segment of a category path ("法定主动公开内容/通知公告" → "通知公告").
std::string CategoryLeaf(const std::string& path);

// The shared state of the portal's pages. Thread-safe: the mutable parts (tree, generation,
// sync time) are guarded by `mu`; the caches and counters lock themselves.
struct PortalSite {
  StorePool& pool;  // the primary: forms, counters, index syncs
  PortalOptions options;
  StorePool& reads;  // public page reads: options.read_pool (a replica) or the primary
  Templates templates;
  std::string css;
  std::string css_name;  // portal.<hash>.css
  std::mutex mu;
  std::shared_ptr<const core::OrgTree> tree;
  std::chrono::steady_clock::time_point tree_loaded, last_sync;
  ReportPages reports{reads, options.rules};
  app::SystemClock system_clock;
  PageCache page_cache;
  std::unique_ptr<core::PublicSearch> search_port;  // search::CachedSearch, on pool and reads
  std::unique_ptr<PublicForms> forms;
  std::unique_ptr<CounterBatch> counters;
  // The data generation (see page_cache.hpp), re-read at most once a second.
  std::chrono::steady_clock::time_point generation_read;
  uint64_t audit_generation = 0;
  uint64_t index_syncs = 0;  // search syncs that indexed something (guarded by mu)
  std::thread refresher;     // see StartRefresher
  // A body's category counts (its column's catalog), per data generation: read on every
  // render of its column otherwise, a GROUP BY over all the body's items.
  using CategoryCounts = std::vector<std::pair<std::string, int64_t>>;
  std::mutex counts_mu;
  uint64_t counts_generation = 0;  // guarded by counts_mu, as counts_by_org
  std::unordered_map<core::Id, std::shared_ptr<const CategoryCounts>> counts_by_org;
  std::condition_variable refresher_cv;
  bool refresher_stop = false;  // guarded by mu

  PortalSite(StorePool& p, PortalOptions o, Templates t);
  ~PortalSite();  // stops the refresher

  const core::Clock& Clock() const { return options.clock ? *options.clock : system_clock; }

  // The generation as last read, if read within the second (never touches the database:
  // the I/O threads' cache lookups); nullopt when it is due to be read again.
  std::optional<uint64_t> RecentGeneration();
  uint64_t Generation();
  // Reads the generation now (`now`: when the read starts, so its age is never understated).
  uint64_t ReadGeneration(std::chrono::steady_clock::time_point now);
  // Re-reads the generation four times a second on a thread of its own, so that the I/O
  // threads' RecentGeneration stays fresh without a request having to wait for a worker
  // (under a search storm the pool's queue is long). Stopped by the destructor.
  void StartRefresher();

  // Renders `name` inside the layout, uncached (the forms' pages).
  HttpResponse RenderForm(const std::string& name, const std::string& title, View view, int status);
  // Template `name` rendered inside the site layout.
  std::string InLayout(const std::string& name, View view);
  void CountVisit(const std::string& path);
  void CountMiss(const std::string& q);
  // The response field by which SearchPage marks a search without hits (value: the query);
  // the portal takes it off before the page is cached or sent, and counts the query at
  // every answer from the cache (CountMiss).
  static constexpr std::string_view kSearchMissField = "X-Gongkai-Search-Miss";
  // The response field by which a page says it must not enter the page cache (a search
  // while the index is being rebuilt: its hits and percentage change by the second); the
  // portal takes it off before the page is sent.
  static constexpr std::string_view kUncachedField = "X-Gongkai-Uncached";
  // The body tree, re-read at most once a minute.
  std::shared_ptr<const core::OrgTree> Tree();
  std::string SiteName(const core::OrgTree& t);
  View Base(const std::string& title, const core::OrgTree& t);
  HttpResponse Page(const HttpRequest& req, const std::string& name, View view, int status = 200);
  View ItemRow(const core::Item& item, const core::OrgTree& t);
  // The body of `code`; throws PortalError 404.
  const core::Org& FindOrg(const core::OrgTree& t, const std::string& code);
  // The category counts of body `org_id` at `generation`: cached, or read with `port` (and
  // kept when `generation` is still the newest seen). Throws PortalError as CheckRead.
  std::shared_ptr<const CategoryCounts> CountsOf(core::Id org_id, uint64_t generation,
                                                 core::PublicReads& port);
  // Indexes newly published items at most every search_sync_seconds (on the primary).
  void MaybeSync();
  // Runs `f(core::PublicReads&)` with the read port on a pooled read connection (the
  // replica when configured) and returns its result.
  template <typename F>
  auto Read(F&& f) {
    return reads.With([&](store::SociStore& st) {
      search::PublishedReads port(st);
      return f(static_cast<core::PublicReads&>(port));
    });
  }
  // The stylesheet (hashed name: cached for a year); throws PortalError 404 otherwise.
  HttpResponse StaticFile(const HttpRequest& req, const std::string& name);

  // Page handlers (the route table in portal.cpp); each throws PortalError for an error page.
  HttpResponse Home(const HttpRequest& req, const PathParams& params);
  HttpResponse Healthz(const HttpRequest& req, const PathParams& params);
  HttpResponse Robots(const HttpRequest& req, const PathParams& params);
  HttpResponse Static(const HttpRequest& req, const PathParams& params);
  HttpResponse OrgPage(const HttpRequest& req, const PathParams& params);
  HttpResponse ItemPage(const HttpRequest& req, const PathParams& params);
  HttpResponse Attachment(const HttpRequest& req, const PathParams& params);
  HttpResponse SearchPage(const HttpRequest& req, const PathParams& params);
  HttpResponse ReportPage(const HttpRequest& req, const PathParams& params);
  HttpResponse Rss(const HttpRequest& req, const PathParams& params);
  HttpResponse Sitemap(const HttpRequest& req, const PathParams& params);
  HttpResponse Forms(const HttpRequest& req, const PathParams& params);
};

}  // namespace gongkai::web
