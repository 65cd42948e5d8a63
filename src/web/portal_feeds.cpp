// Feeds for machines: a body's RSS and the sitemap index and pages.
#include <algorithm>

#include "search/search_index.hpp"
#include "search/snippet.hpp"
#include "web/portal_site.hpp"

namespace gongkai::web {

using search::HtmlEscape;

HttpResponse PortalSite::Rss(const HttpRequest& req, const PathParams& params) {
  const std::string& code = params.at("code");
  auto t = Tree();
  const core::Org& org = FindOrg(*t, code);
  auto page = CheckRead(
      Read([&](core::PublicReads& port) { return port.ListPublished({org.id}, "", 0, 50); }));
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

HttpResponse PortalSite::Sitemap(const HttpRequest& req, const PathParams& params) {
  auto n = params.find("n");
  const std::string name = n == params.end() ? "sitemap.xml" : "sitemap-" + n->second + ".xml";
  std::string base = options.public_url;
  HttpResponse r;
  r.content_type = "application/xml; charset=utf-8";
  if (name == "sitemap.xml") {
    int64_t n = CheckRead(Read([](core::PublicReads& port) { return port.CountPublished(); }));
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
    if (!ParseDecimal(num, k, 100000) || k < 1) throw PortalError{404};
    auto rows = CheckRead(Read([&](core::PublicReads& port) {
      return port.SitemapPage(static_cast<int>(k - 1), kSitemapPage);
    }));
    if (rows.empty() && k > 1) throw PortalError{404};
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

}  // namespace gongkai::web
