// The public portal (政府信息公开): the handler behind `gongkai serve`.
//
// Routes (GET/HEAD):
//   /                              home: latest items, the bodies, the search form
//   /org/{code}                    a body's disclosure column (指南 / 制度 / 法定主动公开内容 /
//                                  年报), ?cat=<category>&page=N for the paged lists
//   /org/{code}/report/{year}      the annual report: the latest published version, else
//                                  computed from the records
//   /org/{code}/rss.xml            the body's latest items as RSS 2.0
//   /item/{id}                     an item with its metadata table, body, attachments and
//                                  linked interpretations (政策解读)
//   /item/{id}/attachment/{n}      the item's n-th attachment (content-addressed: cached)
//   /search?q=…[&org=CODE][&year=YYYY][&sort=newest][&page=N]
//   /sitemap.xml, /sitemap-{n}.xml every published item's page (sitemap index + pages)
//   /robots.txt, /healthz, /static/{file} (hashed names cached for a year)
//   /apply, /status, /consult, /complaint   the public forms (web/public_forms.hpp)
// Public pages carry ETag and Cache-Control and are kept rendered in memory until the data
// changes (web/page_cache.hpp); visits to them are counted per page and day in batches
// (web/counter_batch.hpp), as are searches that found nothing; unknown paths and ids give
// the 404 page;
// database failures give the 500 page (the message is logged, never shown).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/personal_data.hpp"
#include "core/clock.hpp"
#include "core/report_compute.hpp"
#include "core/status.hpp"
#include "web/csrf.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/store_pool.hpp"

namespace gongkai::web {

struct PortalSite;

struct PortalOptions {
  std::string data_dir;    // holds templates/ and static/
  std::string public_url;  // absolute base for sitemap and RSS links, e.g. http://127.0.0.1:8080
  int search_sync_seconds = 30;  // index newly published items at most this often
  // Seals applicants' personal data on the public forms; none: the forms are closed.
  std::optional<app::PersonalDataKey> key;
  CsrfTokens csrf = CsrfTokens::Random();  // share one key between servers behind a balancer
  bool secure_cookies = false;             // behind TLS
  int form_burst = 5;                      // form submissions per client at once, then
  std::chrono::seconds form_interval{60};  // one per interval
  size_t page_cache_bytes = 64 << 20;      // rendered pages kept in memory
  size_t search_cache_entries = 2000;      // search results kept (search/result_cache.hpp); 0: off
  size_t search_cache_bytes = 32 << 20;    // and their estimated bytes at most
  size_t search_phrase_cache_bytes = 32 << 20;    // phrase match sets (search/phrase_cache.hpp)
  std::chrono::milliseconds counter_flush{5000};  // visit counts written this often
  const core::Clock* clock = nullptr;             // the system clock when null
  std::string attachment_dir;  // where item attachments are stored (app/attachment_store)
  Metrics* metrics = nullptr;
  // A pool on a read-only streaming replica for the public pages (lists, items, search,
  // reports, sitemap); forms, counters and index syncs always use the primary pool.
  StorePool* read_pool = nullptr;  // page-cache hits and misses, if given
  // The readings of the law (config keys clock_*, legacy_*, report_*) for the status page
  // and the report pages, as `gongkai request show` and `gongkai report` use them.
  core::ReportRules rules;
};

class Portal {
 public:
  // Loads templates and static files and the body tree. Fails with kNotFound or
  // kInvalidArgument for missing or broken templates, or as the store does.
  static core::Result<std::unique_ptr<Portal>> Create(StorePool& pool, PortalOptions options);
  ~Portal();

  // Thread-safe (the server calls it from several threads at once).
  HttpResponse Handle(const HttpRequest& request);
  // The answer from the page cache (or the stylesheet, held in memory), without touching
  // the database or rendering (for the server's I/O threads: ServerOptions::cached);
  // nullopt for anything else — a miss, a page that is not cached, or a data generation
  // not read within the last second — which Handle answers.
  std::optional<HttpResponse> TryCached(const HttpRequest& request);
  // The friendly page for `status` (400, 403, 404, 405, 409, 413, 422, 429, 431, 500, 503).
  HttpResponse ErrorPage(int status);

  // The metrics label of `path`: the template of the portal route it matches
  // ("/item/{id}"), or web::kUnmatchedRoute.
  static std::string Label(std::string_view path);
  // Every route template of the portal, in matching order.
  static std::vector<std::string> RouteTemplates();

 private:
  explicit Portal(std::unique_ptr<PortalSite> site);
  std::unique_ptr<PortalSite> site_;  // the pages' shared state (portal_site.hpp)
};

}  // namespace gongkai::web
