#include "web/portal.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "web/portal_site.hpp"

namespace gongkai::web {
namespace {

// How a page is answered: kLive renders every time (forms, health); kCached is kept in the
// page cache; kCounted is cached and its visits counted (访问量); kSearch is cached for one
// search-sync interval at most (see CachePeriod) and a query without hits is counted at every
// answer, cached or not (检索无结果).
enum class PageUse { kLive, kCached, kCounted, kSearch };

struct PortalPage {
  using Fn = HttpResponse (PortalSite::*)(const HttpRequest&, const PathParams&);
  PortalPage(Fn page, PageUse use = PageUse::kLive) : page(page), use(use) {}
  Fn page;
  PageUse use;
};

using PortalRouter = Router<PortalPage>;

// The portal's routes, one a line. Cached pages may be answered on the I/O threads
// (RoutePool::kIo) when the page cache holds them; everything else runs on a worker.
const PortalRouter& Routes() {
  using S = PortalSite;
  constexpr auto kIo = RoutePool::kIo;
  static const PortalRouter router({
      {"GET", "/", kPublic, {&S::Home, PageUse::kCounted}, 0, kIo},
      {"GET", "/healthz", kPublic, {&S::Healthz}},
      {"GET", "/search", kPublic, {&S::SearchPage, PageUse::kSearch}, 0, kIo},
      {"GET", "/robots.txt", kPublic, {&S::Robots}},
      {"GET", "/sitemap.xml", kPublic, {&S::Sitemap, PageUse::kCached}, 0, kIo},
      {"GET", "/sitemap-{n}.xml", kPublic, {&S::Sitemap, PageUse::kCached}, 0, kIo},
      {"GET", "/static/{file}", kPublic, {&S::Static}, 0, kIo},
      {"GET", "/item/{id}", kPublic, {&S::ItemPage, PageUse::kCounted}, 0, kIo},
      {"GET", "/item/{id}/attachment/{n}", kPublic, {&S::Attachment, PageUse::kCounted}, 0, kIo},
      {"GET", "/org/{code}", kPublic, {&S::OrgPage, PageUse::kCounted}, 0, kIo},
      {"GET", "/org/{code}/rss.xml", kPublic, {&S::Rss, PageUse::kCached}, 0, kIo},
      {"GET", "/org/{code}/report/{year}", kPublic, {&S::ReportPage, PageUse::kCounted}, 0, kIo},
      {"GET",
       "/org/{code}/report/{year}/{view}",
       kPublic,
       {&S::ReportPage, PageUse::kCounted},
       0,
       kIo},
      // The forms answer every method themselves (405 with their own Allow).
      {"*", "/apply", kPublic, {&S::Forms}},
      {"*", "/status", kPublic, {&S::Forms}},
      {"*", "/status/letter", kPublic, {&S::Forms}},
      {"*", "/consult", kPublic, {&S::Forms}},
      {"*", "/complaint", kPublic, {&S::Forms}},
  });
  return router;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The page-cache period of `request` for `page` (PageCache::Entry::period): 0, or for a
// search the current interval of search_sync_seconds. A search renders (and so runs the
// index sync of items published by other processes, PortalSite::MaybeSync) at least once an
// interval, so a cached result page is never older than it would have been uncached. Each
// target's intervals start at an offset of its own (a hash of it), so the cached searches do
// not all expire in the same second and come back to the workers at once. The page of the
// next interval replaces the last one under the same key (the target): a search's expired
// pages do not fill the cache.
int64_t CachePeriod(const PortalSite& site, const PortalPage& page, const HttpRequest& request) {
  if (page.use != PageUse::kSearch) return 0;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count();
  int64_t interval = std::max(1, site.options.search_sync_seconds);
  int64_t offset = static_cast<int64_t>(std::hash<std::string>{}(request.target) % interval);
  return 1 + (seconds + offset) / interval;
}

// The value of the internal field `name` a page handler put on `r` (e.g.
// PortalSite::kSearchMissField), with the field removed: it is not for the client.
std::optional<std::string> TakeInternalField(HttpResponse& r, std::string_view name) {
  for (auto it = r.headers.begin(); it != r.headers.end(); ++it) {
    if (it->first == name) {
      std::string value = std::move(it->second);
      r.headers.erase(it);
      return value;
    }
  }
  return std::nullopt;
}

// The visit and zero-result counts of one answer from `entry`.
void CountAnswer(PortalSite& site, const PortalPage& page, const HttpRequest& request,
                 const PageCache::Entry& entry) {
  if (page.use == PageUse::kCounted) site.CountVisit(request.path);
  if (!entry.count_miss.empty()) site.CountMiss(entry.count_miss);
}

// Answers `request` with `page`: rendered (kLive), or through the page cache.
HttpResponse Answer(PortalSite& site, const PortalPage& page, const HttpRequest& request,
                    const PathParams& params) {
  if (page.use == PageUse::kLive) return (site.*page.page)(request, params);
  const std::string& key = request.target;
  const int64_t period = CachePeriod(site, page, request);
  uint64_t generation = site.Generation();
  std::shared_ptr<const PageCache::Entry> cached =
      site.page_cache.Get(key, generation, /*count_miss=*/true, period);
  if (Metrics* metrics = site.options.metrics) {
    cached ? metrics->RecordCacheHit() : metrics->RecordCacheMiss();
  }
  if (!cached) {
    HttpRequest plain = request;  // render the full page, whatever the client holds
    plain.headers.erase("if-none-match");
    HttpResponse rendered = (site.*page.page)(plain, params);
    // Both internal fields are taken off whatever the status: they are never sent.
    std::string miss = TakeInternalField(rendered, PortalSite::kSearchMissField).value_or("");
    bool uncached = TakeInternalField(rendered, PortalSite::kUncachedField).has_value();
    if (uncached) {
      if (!miss.empty()) site.CountMiss(miss);
      return rendered;
    }
    if (rendered.status != 200) return rendered;  // errors and redirects: not cached
    cached = site.page_cache.Put(key, generation, std::move(rendered), std::move(miss), period);
  }
  CountAnswer(site, page, request, *cached);
  return Revalidate(request, *cached);
}

}  // namespace

Portal::Portal(std::unique_ptr<PortalSite> site) : site_(std::move(site)) {}
Portal::~Portal() = default;

core::Result<std::unique_ptr<Portal>> Portal::Create(StorePool& pool, PortalOptions options) {
  if (sodium_init() < 0) return core::Internal("libsodium 初始化失败");
  GONGKAI_ASSIGN_OR_RETURN(Templates templates, Templates::Load(options.data_dir + "/templates"));
  std::string css_path = options.data_dir + "/static/portal.css";
  if (!std::filesystem::exists(css_path)) return core::NotFound("缺少样式文件: " + css_path);
  auto impl = std::make_unique<PortalSite>(pool, std::move(options), std::move(templates));
  impl->css = ReadWholeFile(css_path);
  impl->css_name = "portal." + HashHex(impl->css).substr(0, 10) + ".css";
  PortalSite* raw = impl.get();
  PageContext context{pool, [raw] { return raw->Tree(); },
                      [raw](const std::string& name, const std::string& title, View view,
                            int status) { return raw->RenderForm(name, title, view, status); }};
  FormsOptions forms;
  forms.key = raw->options.key;
  forms.csrf = raw->options.csrf;
  forms.secure_cookies = raw->options.secure_cookies;
  forms.burst = raw->options.form_burst;
  forms.interval = raw->options.form_interval;
  forms.clock = raw->options.clock;
  forms.clock_rules = raw->options.rules.clock;
  raw->forms = std::make_unique<PublicForms>(std::move(context), std::move(forms));
  raw->counters = std::make_unique<CounterBatch>(pool, raw->options.counter_flush);
  raw->StartRefresher();
  auto portal = std::unique_ptr<Portal>(new Portal(std::move(impl)));
  try {
    portal->site_->Tree();
  } catch (const PortalError&) {
    return core::Status(core::ErrorCode::kUnavailable, "无法读取机构列表");
  }
  return portal;
}

std::string Portal::Label(std::string_view path) { return Routes().Label(path); }

std::vector<std::string> Portal::RouteTemplates() {
  std::vector<std::string> out;
  for (const auto& r : Routes().routes()) out.emplace_back(r.path);
  return out;
}

std::optional<HttpResponse> Portal::TryCached(const HttpRequest& request) {
  if (request.method != "GET") return std::nullopt;
  // The I/O threads' hot path: the route alone, without collecting its variables.
  const PortalRouter::RouteType* route = nullptr;
  for (const auto& r : Routes().routes()) {
    if (MethodListed(r.method, request.method) &&
        MatchPathTemplate(r.path, request.path, nullptr)) {
      route = &r;
      break;
    }
  }
  if (!route || route->pool != RoutePool::kIo) return std::nullopt;
  const PortalPage& page = route->fn;
  if (page.page == &PortalSite::Static) {
    // The stylesheet is held in memory (immutable after Create): no need for a worker.
    const std::string name = request.path.substr(std::string_view("/static/").size());
    if (name != site_->css_name && name != "portal.css") {
      return std::nullopt;  // the 404 page is rendered on a worker
    }
    HttpResponse r = site_->StaticFile(request, name);
    r.route_label = route->path;
    return r;
  }
  std::optional<uint64_t> generation = site_->RecentGeneration();
  if (!generation) return std::nullopt;
  std::shared_ptr<const PageCache::Entry> cached = site_->page_cache.Get(
      request.target, *generation, /*count_miss=*/false, CachePeriod(*site_, page, request));
  if (!cached) return std::nullopt;  // Handle renders it, and counts the miss
  if (Metrics* metrics = site_->options.metrics) metrics->RecordCacheHit();
  CountAnswer(*site_, page, request, *cached);
  HttpResponse r = Revalidate(request, *cached);
  r.route_label = route->path;  // the metrics label: no second walk of the table
  return r;
}

HttpResponse Portal::Handle(const HttpRequest& request) {
  try {
    PortalRouter::Match m = Routes().Find(request.method, request.path);
    if (!m.route) {
      if (request.method == "GET") throw PortalError{404};
      HttpResponse r = ErrorPage(405);
      r.Set("Allow", "GET, HEAD");
      return r;
    }
    const PortalPage& page = m.route->fn;
    PortalSite& site = *site_;
    HttpResponse r = Answer(site, page, request, m.params);
    r.route_label = m.route->path;  // the metrics label: no second walk of the table
    return r;
  } catch (const PortalError& e) {
    return ErrorPage(e.status);
  }
}

HttpResponse Portal::ErrorPage(int status) {
  const char* message = "页面出错了";
  switch (status) {
    case 400:
      message = "请求格式有误，请检查网址。";
      break;
    case 404:
      message = "您访问的页面不存在，可能已被撤回或网址有误。";
      break;
    case 403:
      message = "您无权执行此操作。";
      break;
    case 405:
      message = "不支持该请求方法。";
      break;
    case 409:
      message = "当前状态不允许此操作。";
      break;
    case 422:
      message = "提交的内容有误，请检查后重试。";
      break;
    case 413:
      message = "提交的内容过大。";
      break;
    case 429:
      message = "您的请求过于频繁，请稍后再试。";
      break;
    case 431:
      message = "请求头过大。";
      break;
    case 503:
      message = "服务繁忙，请稍后再试。";
      break;
    default:
      message = "服务器出现错误，请稍后再试。";
      break;
  }
  HttpResponse r;
  r.status = status;
  r.Set("Cache-Control", "no-store");
  View v;
  v.Set("page_title", std::to_string(status) + " " + ReasonPhrase(status));
  v.Set("site_name", "政府信息公开");
  v.Set("css", "/static/" + site_->css_name);
  v.Set("status", std::to_string(status));
  v.Set("message", message);
  auto content = site_->templates.Render("error", v);
  if (content.ok()) {
    v.Set("content", *content);
    auto page = site_->templates.Render("layout", v);
    if (page.ok()) {
      r.body = std::move(*page);
      return r;
    }
  }
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::to_string(status) + " " + message + "\n";
  return r;
}

}  // namespace gongkai::web
