// The portal's public forms: the online request (网络申请, 第二十九条), the status lookup
// (tracking number + lookup code), and the consultation (咨询) and complaint (投诉) forms.
//
// Routes (GET shows the form, POST submits it):
//   /apply[?org=CODE]   /status   /consult[?org=CODE]   /complaint[?org=CODE]
// Every POST is checked, in this order: per-client rate limit (429), form content type
// (415), CSRF token bound to the visitor's csrf cookie (403, the form is shown again with a
// fresh token), the honeypot field (400), then the fields (the form is shown again with a
// message next to each bad field and the visitor's input kept). Answers are never cached by
// clients (no-store); a blank form is rendered once per body tree and handed to each
// visitor with a token of its own (web/blank_forms.hpp).
// The applicant's name, ID document and contact are sealed before they are stored and are
// never shown or logged; the status page shows state, dates, outcome, what to correct and
// the letters issued (POST /status/letter, behind a token bound to the visitor and request).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/personal_data.hpp"
#include "core/clock.hpp"
#include "core/org_tree.hpp"
#include "core/report_compute.hpp"
#include "web/csrf.hpp"
#include "web/http.hpp"
#include "web/rate_limit.hpp"
#include "web/store_pool.hpp"
#include "web/templates.hpp"

namespace gongkai::web {

// What the forms borrow from the portal: the store, the body tree and page rendering.
struct PageContext {
  StorePool& pool;
  std::function<std::shared_ptr<const core::OrgTree>()> tree;
  // Renders template `name` inside the site layout (title, site name, stylesheet set).
  std::function<HttpResponse(const std::string& name, const std::string& title, View view,
                             int status)>
      render;
};

struct FormsOptions {
  std::optional<app::PersonalDataKey> key;  // none: the forms say applications are closed
  CsrfTokens csrf = CsrfTokens::Random();
  bool secure_cookies = false;         // behind TLS
  int burst = 5;                       // submissions per client at once …
  std::chrono::seconds interval{60};   // … then one per interval
  const core::Clock* clock = nullptr;  // the system clock when null
  core::ClockRules clock_rules;        // the configured readings (clock_* keys)
};

class PublicForms {
 public:
  PublicForms(PageContext context, FormsOptions options);
  ~PublicForms();
  // The answer for a form route, or nullopt when `request` is not for one.
  std::optional<HttpResponse> Handle(const HttpRequest& request);

  static bool IsFormPath(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::web
