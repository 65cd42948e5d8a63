// The annual report pages of the portal (web/report_pages.hpp renders them).
#include "web/portal_site.hpp"

namespace gongkai::web {

HttpResponse PortalSite::ReportPage(const HttpRequest& req, const PathParams& params) {
  int64_t year = 0;
  if (!ParseDecimal(params.at("year"), year, 2999) || year < 2000) throw PortalError{404};
  auto t = Tree();
  const core::Org& org = FindOrg(*t, params.at("code"));
  auto view = params.find("view");
  HttpResponse r =
      reports.Handle(req, org, static_cast<int>(year),
                     view == params.end() ? std::string() : "/" + view->second, Generation());
  if (r.status == 404 || r.status == 500) throw PortalError{r.status};
  return r;
}

}  // namespace gongkai::web
