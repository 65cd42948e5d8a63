// The public forms (网络申请, 申请查询, 咨询, 投诉): web/public_forms answers them.
#include "web/portal_site.hpp"

namespace gongkai::web {

HttpResponse PortalSite::Forms(const HttpRequest& req, const PathParams&) {
  std::optional<HttpResponse> answer = forms->Handle(req);
  if (!answer) throw PortalError{404};
  return std::move(*answer);
}

}  // namespace gongkai::web
