#include "web/portal.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/attachment_store.hpp"
#include "app/markdown.hpp"
#include "app/system_clock.hpp"
#include "core/calendar_service.hpp"
#include "core/catalog.hpp"
#include "core/org_tree.hpp"
#include "search/result_cache.hpp"
#include "search/search_index.hpp"
#include "search/snippet.hpp"
#include "store/site_counters.hpp"
#include "text/normalize.hpp"
#include "web/counter_batch.hpp"
#include "web/page_cache.hpp"
#include "web/public_forms.hpp"
#include "web/report_pages.hpp"
#include "web/templates.hpp"

namespace gongkai::web {
namespace {

using search::HtmlEscape;
constexpr int kPageSize = 20;
constexpr int kSitemapPage = 50000;
constexpr int kPageMaxAge = 60;
// The standard layout of a body's column.
constexpr const char* kTopColumns[] = {"政府信息公开指南", "政府信息公开制度", "法定主动公开内容",
                                       "政府信息公开年报"};

// Thrown inside handlers to answer with an error page.
struct HttpError {
  int status;
};

bool ParseInt(const std::string& s, int64_t& out, int64_t max) {
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

template <typename T>
T Check(core::Result<T> r) {
  if (!r.ok()) {
    spdlog::error("portal: {}", r.status().ToString());
    throw HttpError{r.status().code() == core::ErrorCode::kNotFound ? 404 : 500};
  }
  return std::move(r).value();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string DateText(const std::optional<core::Date>& d) { return d ? d->ToIso() : ""; }

// "1.5 MB", "320 KB", "12 字节".
std::string SizeText(int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  } else {
    std::snprintf(buf, sizeof buf, "%lld 字节", static_cast<long long>(bytes));
  }
  return buf;
}

// An IMF-fixdate for the start of civil day `d` in Beijing (16:00 GMT the day before).
std::string HttpDate(core::Date d) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  core::Date prev = d.AddDays(-1);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d 16:00:00 GMT", kDays[prev.weekday()],
                static_cast<unsigned>(prev.day()), kMonths[prev.month() - 1], prev.year());
  return buf;
}

// The last segment of a category path ("法定主动公开内容/通知公告" → "通知公告").
std::string Leaf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

struct Portal::Impl {
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
  search::ResultCache search_cache;
  std::unique_ptr<PublicForms> forms;
  std::unique_ptr<CounterBatch> counters;
  // The data generation (see page_cache.hpp), re-read at most once a second.
  std::chrono::steady_clock::time_point generation_read;
  uint64_t audit_generation = 0;
  uint64_t index_syncs = 0;  // search syncs that indexed something (guarded by mu)
  std::thread refresher;     // see StartRefresher
  std::condition_variable refresher_cv;
  bool refresher_stop = false;  // guarded by mu

  Impl(StorePool& p, PortalOptions o, Templates t)
      : pool(p),
        options(std::move(o)),
        reads(options.read_pool ? *options.read_pool : p),
        templates(std::move(t)),
        page_cache(options.page_cache_bytes),
        search_cache(options.search_cache_entries, options.search_cache_bytes) {}

  const core::Clock& Clock() const { return options.clock ? *options.clock : system_clock; }

  // The generation as last read, if read within the second (never touches the database:
  // the I/O threads' cache lookups); nullopt when it is due to be read again.
  std::optional<uint64_t> RecentGeneration() {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mu);
    if (generation_read == std::chrono::steady_clock::time_point{} ||
        now - generation_read >= std::chrono::seconds(1)) {
      return std::nullopt;
    }
    return audit_generation + index_syncs;
  }

  uint64_t Generation() {
    auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu);
      if (now - generation_read < std::chrono::seconds(1)) return audit_generation + index_syncs;
    }
    return ReadGeneration(now);
  }

  // Reads the generation now (`now`: when the read starts, so its age is never understated).
  uint64_t ReadGeneration(std::chrono::steady_clock::time_point now) {
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

  // Re-reads the generation four times a second on a thread of its own, so that the I/O
  // threads' RecentGeneration stays fresh without a request having to wait for a worker
  // (under a search storm the pool's queue is long). Stopped by ~Impl.
  void StartRefresher() {
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

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mu);
      refresher_stop = true;
    }
    refresher_cv.notify_all();
    if (refresher.joinable()) refresher.join();
  }

  // Renders `name` inside the layout, uncached (the forms' pages).
  HttpResponse RenderForm(const std::string& name, const std::string& title, View view,
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

  // Template `name` rendered inside the site layout.
  std::string InLayout(const std::string& name, View view) {
    auto content = templates.Render(name, view);
    if (!content.ok()) {
      spdlog::error("portal: {}", content.status().ToString());
      throw HttpError{500};
    }
    view.Set("content", *content);
    auto page = templates.Render("layout", view);
    if (!page.ok()) throw HttpError{500};
    return std::move(*page);
  }

  void CountVisit(const std::string& path) {
    if (counters) {
      counters->Add(store::SiteCounter::kPageVisits, Clock().Today().ToIso(), path);
    }
  }

  void CountMiss(const std::string& q) {
    if (!counters) return;
    auto norm = text::NormalizeInput(q);
    std::string key = norm.ok() ? *norm : std::string();
    if (key.empty() || key.size() > 200) return;
    counters->Add(store::SiteCounter::kSearchMisses, Clock().Today().ToIso(), key);
  }

  std::shared_ptr<const core::OrgTree> Tree() {
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
      throw HttpError{500};
    }
    tree = std::make_shared<const core::OrgTree>(std::move(orgs));
    tree_loaded = now;
    return tree;
  }

  std::string SiteName(const core::OrgTree& t) {
    auto roots = t.Roots();
    return (roots.empty() ? std::string("政府") : roots[0]->name) + "信息公开";
  }

  View Base(const std::string& title, const core::OrgTree& t) {
    View v;
    v.Set("page_title", title);
    v.Set("site_name", SiteName(t));
    v.Set("css", "/static/" + css_name);
    return v;
  }

  HttpResponse Page(const HttpRequest& req, const std::string& name, View view, int status = 200) {
    HttpResponse r;
    r.status = status;
    r.body = InLayout(name, std::move(view));
    if (status == 200) ApplyCaching(req, r, kPageMaxAge);
    return r;
  }

  View ItemRow(const core::Item& item, const core::OrgTree& t) {
    View v;
    v.Set("id", std::to_string(item.id));
    v.Set("title", item.title);
    v.Set("date", DateText(item.published_on));
    const core::Org* org = t.Find(item.org_id);
    v.Set("org", org ? org->name : item.publisher);
    v.Set("category", Leaf(item.category));
    // 废止 / 失效 items stay findable but are marked wherever they are listed (issue 21).
    if (item.validity != core::Validity::kValid) {
      v.Set("validity_mark", core::ValidityLabel(item.validity));
    }
    return v;
  }

  HttpResponse Home(const HttpRequest& req) {
    auto t = Tree();
    auto page = Check(reads.With([&](store::SociStore& st) {
      return search::SearchIndex(st.session(), st.backend()).ListPublished({}, "", 0, kPageSize);
    }));
    View items = View::List();
    for (const auto& item : page.items) items.Push(ItemRow(item, *t));
    View bodies = View::List();
    for (const core::Org* root : t->Roots()) {
      for (const core::Org* org : t->Subtree(root->id)) {
        View b;
        b.Set("code", UrlEncode(org->code));
        b.Set("name", org->name);
        b.Set("kind", core::OrgKindLabel(org->kind));
        bodies.Push(b);
      }
    }
    View v = Base(SiteName(*t), *t);
    v.Set("items", items);
    v.Set("bodies", bodies);
    v.Set("total", std::to_string(page.total));
    return Page(req, "home", v);
  }

  const core::Org& FindOrg(const core::OrgTree& t, const std::string& code) {
    const core::Org* org = t.FindByCode(code);
    if (!org) throw HttpError{404};
    return *org;
  }

  HttpResponse OrgPage(const HttpRequest& req, const std::string& code) {
    auto t = Tree();
    const core::Org& org = FindOrg(*t, code);
    std::string cat = req.Param("cat");
    int64_t page_no = 1;
    if (!req.Param("page").empty() && !ParseInt(req.Param("page"), page_no, 100000)) {
      throw HttpError{400};
    }
    if (page_no < 1) page_no = 1;
    auto catalog = core::DefaultCatalog(org.kind);
    std::vector<std::pair<std::string, int64_t>> counts;
    search::ItemPage page;
    std::string selected;  // full category path of the list shown
    reads.With([&](store::SociStore& st) {
      search::SearchIndex idx(st.session(), st.backend());
      counts = Check(idx.CategoryCounts(org.id));
      if (!cat.empty()) {
        for (const char* top : kTopColumns) {
          if (cat == top) selected = top;
        }
        for (const auto& [path, n] : counts) {
          if (path == cat || Leaf(path) == cat) selected = path;
        }
        for (const auto& c : catalog) {
          if (selected.empty() && (c.path == cat || Leaf(c.path) == cat)) selected = c.path;
        }
        if (selected.empty()) throw HttpError{404};
      } else {
        selected = "法定主动公开内容";
      }
      page = Check(idx.ListPublished({org.id}, selected,
                                     static_cast<int>((page_no - 1) * kPageSize), kPageSize));
      return 0;
    });
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
        sub.Set("name", Leaf(path));
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
    int64_t pages = std::max<int64_t>(1, (page.total + kPageSize - 1) / kPageSize);
    View v = Base(org.name + " · 政府信息公开", *t);
    v.Set("org_name", org.name);
    v.Set("org_code", org.code);
    v.Set("org_code_url", UrlEncode(org.code));
    v.Set("kind", core::OrgKindLabel(org.kind));
    v.Set("sections", sections);
    v.Set("list_title", Leaf(selected));
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
    if (!page.items.empty() && page.items[0].published_on)
      last = page.items[0].published_on->year();
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

  HttpResponse ItemPage(const HttpRequest& req, const std::string& id_text) {
    int64_t id = 0;
    if (!ParseInt(id_text, id, INT64_C(999999999999))) throw HttpError{404};
    auto t = Tree();
    auto item = Check(reads.With([&](store::SociStore& st) {
      return search::SearchIndex(st.session(), st.backend()).GetPublished(id);
    }));
    if (!item) throw HttpError{404};
    const core::Org* org = t->Find(item->org_id);
    View v = Base(item->title, *t);
    v.Set("title", item->title);
    v.Set("index_no", item->index_no.value_or(""));
    v.Set("publisher", item->publisher);
    v.Set("formed_on", item->formed_on.ToIso());
    v.Set("published_on", DateText(item->published_on));
    v.Set("doc_no", item->doc_no.empty() ? "无" : item->doc_no);
    v.Set("topic", item->topic);
    v.Set("category", item->category);
    if (!item->summary.empty()) v.Set("summary", item->summary);
    v.Set("validity", core::ValidityLabel(item->validity));
    // Mustache sections treat any string as true: optional values are set only when present.
    if (item->validity_changed_on)
      v.Set("validity_changed_on", DateText(item->validity_changed_on));
    v.Set("body_html", app::RenderMarkdown(item->body_md));
    if (org) {
      v.Set("org_name", org->name);
      v.Set("org_href", "/org/" + UrlEncode(org->code));
      v.Set("cat_href", "/org/" + UrlEncode(org->code) + "?cat=" + UrlEncode(item->category));
    }
    View channels = View::List();
    for (const auto& c : item->channels) {
      View cv;
      cv.Set("name", core::ChannelLabel(c.channel));
      cv.Set("date", c.published_on.ToIso());
      channels.Push(cv);
    }
    v.Set("channels", channels);
    std::vector<core::ItemAttachment> attachments;
    std::vector<core::Response> interpretations;
    Check(reads.With([&](store::SociStore& st) -> core::Result<bool> {
      GONGKAI_RETURN_IF_ERROR(st.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(attachments, repos.items().ListAttachments(item->id));
        GONGKAI_ASSIGN_OR_RETURN(interpretations, repos.items().ListResponsesFor(item->id));
        return core::Status::Ok();
      }));
      return true;
    }));
    View files = View::List();
    for (const auto& a : attachments) {
      View fv;
      fv.Set("href",
             "/item/" + std::to_string(item->id) + "/attachment/" + std::to_string(a.position));
      fv.Set("name", a.name);
      fv.Set("size", SizeText(a.size_bytes));
      files.Push(fv);
    }
    v.Set("attachments", files);
    v.Set("has_attachments", View::Bool(!attachments.empty()));
    View readings = View::List();
    for (const auto& resp : interpretations) {
      View rv;
      rv.Set("kind", core::ResponseKindLabel(resp.kind));
      rv.Set("date", resp.held_on.ToIso());
      rv.Set("topic", resp.topic);
      readings.Push(rv);
    }
    v.Set("interpretations", readings);
    v.Set("has_interpretations", View::Bool(!interpretations.empty()));
    HttpResponse r = Page(req, "item", v);
    if (item->published_on) r.Set("Last-Modified", HttpDate(*item->published_on));
    return r;
  }

  // An attachment of a published item, as stored (verified against its digest). Served as a
  // download with the sanitised name, never rendered inline (no HTML or SVG is accepted at
  // upload, and nosniff plus the CSP hold anyway).
  HttpResponse Attachment(const HttpRequest& req, const std::string& id_text,
                          const std::string& position_text) {
    int64_t id = 0, position = 0;
    if (!ParseInt(id_text, id, INT64_C(999999999999)) ||
        !ParseInt(position_text, position, 10000)) {
      throw HttpError{404};
    }
    if (options.attachment_dir.empty()) throw HttpError{404};
    std::optional<core::ItemAttachment> found;
    Check(reads.With([&](store::SociStore& st) -> core::Result<bool> {
      GONGKAI_ASSIGN_OR_RETURN(auto item,
                               search::SearchIndex(st.session(), st.backend()).GetPublished(id));
      if (!item) return false;
      GONGKAI_RETURN_IF_ERROR(st.Transact([&](core::Repositories& repos) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(auto list, repos.items().ListAttachments(id));
        for (auto& a : list) {
          if (a.position == position) found = a;
        }
        return core::Status::Ok();
      }));
      return true;
    }));
    if (!found) throw HttpError{404};
    auto bytes = Check(app::AttachmentStore(options.attachment_dir).Read(found->sha256));
    HttpResponse r;
    r.content_type = found->media_type;
    r.body = std::move(bytes);
    r.Set("Content-Disposition", "attachment; filename*=UTF-8''" + UrlEncode(found->name));
    // Short-lived like the item page: a file withdrawn (say, for personal data in it) must
    // leave proxy caches within minutes; the ETag makes revalidation cheap.
    ApplyCaching(req, r, kPageMaxAge);
    return r;
  }

  HttpResponse ReportPage(const HttpRequest& req, const std::vector<std::string>& parts) {
    int64_t year = 0;
    if (!ParseInt(parts[3], year, 2999) || year < 2000 || parts.size() > 5) throw HttpError{404};
    auto t = Tree();
    const core::Org& org = FindOrg(*t, parts[1]);
    HttpResponse r =
        reports.Handle(req, org, static_cast<int>(year),
                       parts.size() == 5 ? "/" + parts[4] : std::string(), Generation());
    if (r.status == 404 || r.status == 500) throw HttpError{r.status};
    return r;
  }

  void MaybeSync(store::SociStore& st) {
    auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu);
      if (now - last_sync < std::chrono::seconds(options.search_sync_seconds)) return;
      last_sync = now;
    }
    auto n = search::SearchIndex(st.session(), st.backend()).Sync();
    if (!n.ok()) {
      spdlog::error("search: sync failed: {}", n.status().ToString());
    } else if (*n > 0) {
      spdlog::info("search: indexed {} newly published items", *n);
      std::lock_guard<std::mutex> lock(mu);
      ++index_syncs;  // pages listing items may change: a new cache generation
    }
  }

  HttpResponse SearchPage(const HttpRequest& req) {
    auto t = Tree();
    std::string q = req.Param("q");
    if (q.size() > 200) {
      // Cut at a character boundary: drop the continuation bytes of a split character
      // and its lead byte.
      size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) --cut;
      q.resize(cut);
    }
    search::SearchRequest sr;
    sr.q = q;
    sr.newest = req.Param("sort") == "newest";
    std::string org_code = req.Param("org");
    if (!org_code.empty()) {
      const core::Org* org = t->FindByCode(org_code);
      if (!org) throw HttpError{400};
      for (const core::Org* o : t->Subtree(org->id)) sr.org_ids.push_back(o->id);
    }
    int64_t year = 0;
    if (!req.Param("year").empty() && (!ParseInt(req.Param("year"), year, 2999))) {
      throw HttpError{400};
    }
    sr.year = static_cast<int>(year);
    std::string cat = req.Param("cat");
    if (cat.size() > 200) throw HttpError{400};
    sr.category = cat;
    std::string validity = req.Param("validity");
    if (!validity.empty()) {
      auto parsed = core::ParseValidity(validity);
      if (!parsed.ok()) throw HttpError{400};
      sr.validity = core::ValidityCode(*parsed);
    }
    int64_t page_no = 1;
    if (!req.Param("page").empty() && !ParseInt(req.Param("page"), page_no, 500)) {
      throw HttpError{400};
    }
    if (page_no < 1) page_no = 1;
    sr.offset = static_cast<int>((page_no - 1) * kPageSize);
    sr.limit = kPageSize;
    std::shared_ptr<const search::SearchResult> found;
    bool searched = !q.empty();
    if (searched) {
      pool.With([&](store::SociStore& st) { MaybeSync(st); });  // writes: the primary
      uint64_t generation = Generation();                       // after the sync
      found = search_cache.Get(sr, generation);
      if (!found) {
        found =
            search_cache.Put(sr, generation, Check(reads.With([&](store::SociStore& st) {
                               return search::SearchIndex(st.session(), st.backend()).Search(sr);
                             })));
      }
    } else {
      found = std::make_shared<const search::SearchResult>();
    }
    const search::SearchResult& result = *found;
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
      cv.Set("name", Leaf(c.path));
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
    if (no_hits && sr.offset == 0) CountMiss(q);
    std::string count = std::to_string(result.count);
    if (result.count >= 1000) {
      count.insert(count.size() - 3, ",");
    }
    v.Set("count", result.count_capped ? count + "+" : count);
    v.Set("ranked_bounded", View::Bool(!sr.newest && result.ranked_bounded));
    v.Set("rank_candidates", "1,000");
    v.Set("only_exclusions", View::Bool(searched && result.query.empty()));
    int64_t shown = result.count;
    if (!sr.newest) shown = std::min<int64_t>(shown, search::kRankCandidates);
    int64_t pages = std::max<int64_t>(1, (shown + kPageSize - 1) / kPageSize);
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
    return r;
  }

  HttpResponse Rss(const HttpRequest& req, const std::string& code) {
    auto t = Tree();
    const core::Org& org = FindOrg(*t, code);
    auto page = Check(reads.With([&](store::SociStore& st) {
      return search::SearchIndex(st.session(), st.backend()).ListPublished({org.id}, "", 0, 50);
    }));
    std::string base = options.public_url;
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n";
    out += "<title>" + HtmlEscape(org.name + " · 政府信息公开") + "</title>\n";
    out += "<link>" + HtmlEscape(base + "/org/" + UrlEncode(org.code)) + "</link>\n";
    out += "<description>" + HtmlEscape(org.name + "主动公开的政府信息") + "</description>\n";
    out += "<language>zh-cn</language>\n";
    for (const auto& item : page.items) {
      std::string link = base + "/item/" + std::to_string(item.id);
      out += "<item><title>" + HtmlEscape(item.title) + "</title><link>" + HtmlEscape(link) +
             "</link><guid>" + HtmlEscape(link) + "</guid><pubDate>" + DateText(item.published_on) +
             "</pubDate><description>" + HtmlEscape(item.summary) + "</description></item>\n";
    }
    out += "</channel>\n</rss>\n";
    HttpResponse r;
    r.content_type = "application/rss+xml; charset=utf-8";
    r.body = std::move(out);
    ApplyCaching(req, r, 300);
    return r;
  }

  HttpResponse Sitemap(const HttpRequest& req, const std::string& name) {
    std::string base = options.public_url;
    HttpResponse r;
    r.content_type = "application/xml; charset=utf-8";
    if (name == "sitemap.xml") {
      int64_t n = Check(reads.With([&](store::SociStore& st) {
        return search::SearchIndex(st.session(), st.backend()).CountPublished();
      }));
      int64_t files = std::max<int64_t>(1, (n + kSitemapPage - 1) / kSitemapPage);
      r.body =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
      for (int64_t k = 1; k <= files; ++k) {
        r.body += "<sitemap><loc>" + HtmlEscape(base) + "/sitemap-" + std::to_string(k) +
                  ".xml</loc></sitemap>\n";
      }
      r.body += "</sitemapindex>\n";
    } else {
      int64_t k = 0;
      std::string num = name.substr(8, name.size() - 8 - 4);  // sitemap-{k}.xml
      if (!ParseInt(num, k, 100000) || k < 1) throw HttpError{404};
      auto rows = Check(reads.With([&](store::SociStore& st) {
        return search::SearchIndex(st.session(), st.backend())
            .SitemapPage(static_cast<int>(k - 1), kSitemapPage);
      }));
      if (rows.empty() && k > 1) throw HttpError{404};
      r.body.reserve(rows.size() * 90 + 200);
      r.body =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
      std::string b = HtmlEscape(base);
      for (const auto& [id, date] : rows) {
        r.body += "<url><loc>" + b + "/item/" + std::to_string(id) + "</loc><lastmod>" + date +
                  "</lastmod></url>\n";
      }
      r.body += "</urlset>\n";
    }
    ApplyCaching(req, r, 3600);
    return r;
  }

  HttpResponse Static(const HttpRequest& req, const std::string& name) {
    HttpResponse r;
    if (name == css_name || name == "portal.css") {
      r.content_type = "text/css; charset=utf-8";
      r.body = css;
      if (name == css_name) {
        ApplyCaching(req, r, 31536000, true);
      } else {
        ApplyCaching(req, r, 300);
      }
      return r;
    }
    throw HttpError{404};
  }

  HttpResponse Healthz() {
    HttpResponse r;
    r.content_type = "text/plain; charset=utf-8";
    r.Set("Cache-Control", "no-store");
    auto n = reads.With([&](store::SociStore& st) {
      return search::SearchIndex(st.session(), st.backend()).CountPublished();
    });
    if (!n.ok()) {
      spdlog::error("healthz: {}", n.status().ToString());
      r.status = 503;
      r.body = "unavailable\n";
    } else {
      r.body = "ok\n";
    }
    return r;
  }

  HttpResponse Route(const HttpRequest& req) {
    const std::string& path = req.path;
    if (path == "/") return Home(req);
    if (path == "/healthz") return Healthz();
    if (path == "/search") return SearchPage(req);
    if (path == "/robots.txt") {
      HttpResponse r;
      r.content_type = "text/plain; charset=utf-8";
      r.body =
          "User-agent: *\nDisallow: /search\nSitemap: " + options.public_url + "/sitemap.xml\n";
      ApplyCaching(req, r, 86400);
      return r;
    }
    auto parts = SplitPath(path);
    if (parts.size() == 1 && parts[0].rfind("sitemap", 0) == 0 && parts[0].size() >= 11 &&
        parts[0].substr(parts[0].size() - 4) == ".xml" &&
        (parts[0] == "sitemap.xml" || parts[0].rfind("sitemap-", 0) == 0)) {
      return Sitemap(req, parts[0]);
    }
    if (parts.size() == 2 && parts[0] == "static") return Static(req, parts[1]);
    if (parts.size() == 2 && parts[0] == "item") return ItemPage(req, parts[1]);
    if (parts.size() == 4 && parts[0] == "item" && parts[2] == "attachment") {
      return Attachment(req, parts[1], parts[3]);
    }
    if (parts.size() == 2 && parts[0] == "org") return OrgPage(req, parts[1]);
    if (parts.size() == 3 && parts[0] == "org" && parts[2] == "rss.xml") {
      return Rss(req, parts[1]);
    }
    if (parts.size() >= 4 && parts[0] == "org" && parts[2] == "report") {
      return ReportPage(req, parts);
    }
    throw HttpError{404};
  }
};

Portal::Portal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Portal::~Portal() = default;

core::Result<std::unique_ptr<Portal>> Portal::Create(StorePool& pool, PortalOptions options) {
  if (sodium_init() < 0) return core::Internal("libsodium 初始化失败");
  GONGKAI_ASSIGN_OR_RETURN(Templates templates, Templates::Load(options.data_dir + "/templates"));
  std::string css_path = options.data_dir + "/static/portal.css";
  if (!std::filesystem::exists(css_path)) return core::NotFound("缺少样式文件: " + css_path);
  auto impl = std::make_unique<Impl>(pool, std::move(options), std::move(templates));
  impl->css = ReadFile(css_path);
  impl->css_name = "portal." + HashHex(impl->css).substr(0, 10) + ".css";
  Impl* raw = impl.get();
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
    portal->impl_->Tree();
  } catch (const HttpError&) {
    return core::Status(core::ErrorCode::kUnavailable, "无法读取机构列表");
  }
  return portal;
}

namespace {

// The pages whose visits are counted (访问量): home, columns, items, reports.
bool IsCountedPage(const std::string& path) {
  return path == "/" || path.rfind("/item/", 0) == 0 ||
         (path.rfind("/org/", 0) == 0 && path.find(".xml") == std::string::npos);
}

// Public pages served from the page cache: everything but search results (unbounded keys,
// and they log zero-result queries), the forms and the health check.
bool IsCachedPage(const std::string& path) {
  return path == "/" || path.rfind("/item/", 0) == 0 || path.rfind("/org/", 0) == 0 ||
         path.rfind("/sitemap", 0) == 0;
}

}  // namespace

std::optional<HttpResponse> Portal::TryCached(const HttpRequest& request) {
  if (request.method != "GET") return std::nullopt;
  if (request.path.rfind("/static/", 0) == 0) {
    // The stylesheet is held in memory (immutable after Create): no need for a worker.
    auto parts = SplitPath(request.path);
    if (parts.size() != 2 || (parts[1] != impl_->css_name && parts[1] != "portal.css")) {
      return std::nullopt;  // the 404 page is rendered on a worker
    }
    return impl_->Static(request, parts[1]);
  }
  if (!IsCachedPage(request.path)) return std::nullopt;
  std::optional<uint64_t> generation = impl_->RecentGeneration();
  if (!generation) return std::nullopt;
  std::shared_ptr<const PageCache::Entry> page =
      impl_->page_cache.Get(request.target, *generation, /*count_miss=*/false);
  if (!page) return std::nullopt;  // Handle renders it, and counts the miss
  if (Metrics* m = impl_->options.metrics) m->RecordCacheHit();
  if (IsCountedPage(request.path)) impl_->CountVisit(request.path);
  return Revalidate(request, *page);
}

HttpResponse Portal::Handle(const HttpRequest& request) {
  try {
    if (auto form = impl_->forms->Handle(request)) return std::move(*form);
    if (request.method != "GET") {
      HttpResponse r = ErrorPage(405);
      r.Set("Allow", "GET, HEAD");
      return r;
    }
    if (!IsCachedPage(request.path)) return impl_->Route(request);
    const std::string& key = request.target;
    uint64_t generation = impl_->Generation();
    std::shared_ptr<const PageCache::Entry> page = impl_->page_cache.Get(key, generation);
    if (Metrics* m = impl_->options.metrics) page ? m->RecordCacheHit() : m->RecordCacheMiss();
    if (!page) {
      HttpRequest plain = request;  // render the full page, whatever the client holds
      plain.headers.erase("if-none-match");
      HttpResponse rendered = impl_->Route(plain);
      if (rendered.status != 200) return rendered;  // errors and redirects: not cached
      page = impl_->page_cache.Put(key, generation, std::move(rendered));
    }
    if (IsCountedPage(request.path)) impl_->CountVisit(request.path);
    return Revalidate(request, *page);
  } catch (const HttpError& e) {
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
    case 405:
      message = "不支持该请求方法。";
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
  v.Set("css", "/static/" + impl_->css_name);
  v.Set("status", std::to_string(status));
  v.Set("message", message);
  auto content = impl_->templates.Render("error", v);
  if (content.ok()) {
    v.Set("content", *content);
    auto page = impl_->templates.Render("layout", v);
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
