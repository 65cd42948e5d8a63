// The home page, the health check, robots.txt and the stylesheet.
#include "core/org.hpp"
#include "search/search_index.hpp"
#include "web/portal_site.hpp"

namespace gongkai::web {

HttpResponse PortalSite::Home(const HttpRequest& req, const PathParams&) {
  auto t = Tree();
  auto page = CheckRead(Read(
      [&](core::PublicReads& port) { return port.ListPublished({}, "", 0, kPortalPageSize); }));
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

HttpResponse PortalSite::StaticFile(const HttpRequest& req, const std::string& name) {
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
  throw PortalError{404};
}

HttpResponse PortalSite::Static(const HttpRequest& req, const PathParams& params) {
  return StaticFile(req, params.at("file"));
}

HttpResponse PortalSite::Healthz(const HttpRequest&, const PathParams&) {
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.Set("Cache-Control", "no-store");
  auto n = Read([](core::PublicReads& port) { return port.CountPublished(); });
  if (!n.ok()) {
    spdlog::error("healthz: {}", n.status().ToString());
    r.status = 503;
    r.body = "unavailable\n";
  } else {
    r.body = "ok\n";
  }
  return r;
}

HttpResponse PortalSite::Robots(const HttpRequest& req, const PathParams&) {
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "User-agent: *\nDisallow: /search\nSitemap: " + options.public_url + "/sitemap.xml\n";
  ApplyCaching(req, r, 86400);
  return r;
}

}  // namespace gongkai::web
