// The back office (后台) under /admin: sign-in with server-side sessions, and the screens
// staff use to write and publish items, handle requests and manage accounts. Every screen
// names a core::Action and checks it against the user's grants for the record's body
// (core/authorization.hpp); every state-changing form carries a CSRF token bound to the
// session and is refused (403) without a valid one.
//
// Routes (all under /admin; docs/admin.md lists them with their actions):
//   GET/POST /admin/login, POST /admin/logout, POST /admin/logout-all,
//   GET/POST /admin/password, GET /admin (dashboard),
//   /admin/items…, /admin/requests…, /admin/users…, GET /admin/audit/{entity}/{id},
//   GET /admin/static/admin.<hash>.css
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/attachment_store.hpp"
#include "app/personal_data.hpp"
#include "core/clock.hpp"
#include "core/report_compute.hpp"
#include "core/status.hpp"
#include "web/csrf.hpp"
#include "web/http.hpp"
#include "web/store_pool.hpp"

namespace gongkai::admin {

struct BackOfficeOptions {
  std::string data_dir;         // holds templates/admin/ and static/admin.css
  bool secure_cookies = false;  // mark cookies Secure (behind TLS)
  // Signs CSRF tokens; share one key between servers behind a load balancer.
  web::CsrfTokens csrf = web::CsrfTokens::Random();
  // Seals applicants' personal data at intake and opens it for case handlers. Without a
  // key, intake is refused and the intake page says why.
  std::optional<app::PersonalDataKey> personal_data_key;
  // Where item attachments are stored (app::AttachmentStore; the portal serves them from
  // the same directory); "" refuses uploads. Larger files are refused with a message.
  std::string attachment_dir;
  int64_t max_attachment_bytes = app::kDefaultAttachmentLimit;
  std::chrono::seconds idle_timeout{30 * 60};        // a session unused this long ends
  std::chrono::seconds absolute_timeout{12 * 3600};  // and every session ends after this
  int max_failures = 5;                              // failed sign-ins before a lockout…
  std::chrono::seconds lockout{15 * 60};             // …of this length
  // The readings of the law (config keys clock_*, legacy_*, report_*) for requests, the
  // dashboard, the comparison and the reports, as the CLI uses them.
  core::ReportRules rules;
  // The time source, the one core::Clock of the server (server::App injects it into every
  // front end; tests inject a fixed one); the system clock when null. Times are read at
  // second resolution (NowUtc).
  const core::Clock* clock = nullptr;
};

class BackOffice {
 public:
  // Loads templates/admin/*.mustache and static/admin.css from options.data_dir. Fails with
  // kNotFound or kInvalidArgument for missing or broken templates.
  static core::Result<std::unique_ptr<BackOffice>> Create(web::StorePool& pool,
                                                          BackOfficeOptions options);
  ~BackOffice();

  // True iff `path` belongs to the back office ("/admin" or "/admin/…").
  static bool Owns(const std::string& path);
  // The request body limit for `target` when it is the upload route
  // (/admin/items/{id}/attachments): `max_attachment_bytes` plus room for the form; 0 for
  // every other target (web::ServerOptions::body_limit_for).
  // The route table decides it (back_office.cpp).
  static size_t UploadBodyLimit(std::string_view target, int64_t max_attachment_bytes);
  // The metrics label of `path`: the template of the back-office route it matches
  // ("/admin/items/{id}/publish"), or web::kUnmatchedRoute.
  static std::string Label(std::string_view path);
  // Limits before bodies (web::ServerOptions::admit): for a request under /admin with a
  // body, decided from its header alone. Every POST but the sign-in form needs a live
  // session cookie; without one it is refused (403) before a body byte is read. nullopt
  // admits the request (and for paths the back office does not own). Never throws.
  std::optional<web::HttpResponse> Admit(const web::HttpRequest& head);
  // Answers every request under /admin (others get 404). Never throws.
  web::HttpResponse Handle(const web::HttpRequest& request);

  struct Impl;

 private:
  explicit BackOffice(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::admin
