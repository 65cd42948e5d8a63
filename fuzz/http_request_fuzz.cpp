// libFuzzer target for the portal's request path without sockets: the input is a request
// head as a client sends it ("METHOD TARGET HTTP/1.1", then "Name: value" lines), parsed
// here the way the server hands requests to its handler (web::ParseTarget, lower-case
// header names, HEAD answered as GET), then web::Portal::Handle over a small SQLite
// database built once at start-up in a temporary directory. Requests the server itself
// refuses (a target that is not origin-form, bytes Beast rejects) stop after ParseTarget.
//
// Besides never crashing, it checks: no 5xx (the database is healthy, so a 5xx is a bug),
// no header value carries CR, LF or NUL (no response splitting), and no HTML page carries a
// <script element (the CSP allows none, so reflected input must be escaped).
// Build and run with scripts/fuzz-short.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/holiday_file.hpp"
#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "web/http.hpp"
#include "web/portal.hpp"
#include "web/store_pool.hpp"

namespace {

using namespace gongkai;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "http_request_fuzz: %s\n", what.c_str());
  std::abort();
}

std::string& TempDir() {
  static std::string dir;
  return dir;
}

void RemoveTempDir() {
  std::error_code ignored;
  if (!TempDir().empty()) std::filesystem::remove_all(TempDir(), ignored);
}

// Two bodies and 30 published items (one with hostile Markdown and a hostile title), indexed.
void FillDatabase(const std::string& url) {
  auto opened = store::SociStore::Open(url, store::SchemaPolicy::kMigrate);
  if (!opened.ok()) Fail(opened.status().ToString());
  auto& st = **opened;
  core::Status s = st.Transact([&](core::Repositories& r) -> core::Status {
    core::Org root;
    root.code = "QX";
    root.name = "青溪市人民政府";
    root.kind = core::OrgKind::kGovernment;
    root.acceptance_address = "青溪市人民路1号";
    GONGKAI_ASSIGN_OR_RETURN(core::Id root_id, r.orgs().Insert(root));
    core::Org child;
    child.code = "QX-FGW";
    child.name = "青溪市发展和改革局";
    child.parent_id = root_id;
    GONGKAI_ASSIGN_OR_RETURN(core::Id child_id, r.orgs().Insert(child));
    for (int n = 1; n <= 30; ++n) {
      core::Item item;
      item.org_id = n % 3 == 0 ? child_id : root_id;
      item.title = n == 1 ? "关于<script>alert(1)</script>政府信息公开的通知"
                          : "青溪市工作动态第" + std::to_string(n) + "期";
      item.summary = "摘要 \"引号\" & <b>";
      item.publisher = "青溪市人民政府";
      item.formed_on = core::Date::FromYmd(2023 + n % 2, 5, 1);
      item.published_on = core::Date::FromYmd(2023 + n % 2, 5, n % 28 + 1);
      item.index_no = (n % 3 == 0 ? "QX-FGW/" : "QX/") + std::to_string(2023 + n % 2) + "-" +
                      std::to_string(10000 + n);
      item.doc_no = n == 1 ? "青府发〔2024〕1号" : "";
      item.topic = "综合政务";
      item.category = n % 4 == 0 ? "法定主动公开内容/通知公告" : "法定主动公开内容/工作动态";
      item.state = core::ItemState::kPublished;
      item.body_md = "正文第一段。\n\n<script>alert(2)</script>\n\n[x](javascript:alert(3))";
      item.channels.push_back({core::Channel::kWebsite, *item.published_on});
      GONGKAI_RETURN_IF_ERROR(r.items().Insert(item).status());
    }
    return core::Status::Ok();
  });
  if (!s.ok()) Fail(s.ToString());
  if (!search::SearchIndex(st.session(), st.backend()).Sync().ok()) Fail("search sync");
}

web::Portal& ThePortal() {
  static web::Portal* portal = [] {
    // mkdtemp's template: six trailing X's it replaces.
    std::string name = "/tmp/gongkai_http_fuzz_" + std::string(6, 'X');
    std::vector<char> templ(name.begin(), name.end());
    templ.push_back('\0');
    if (!mkdtemp(templ.data())) Fail("mkdtemp");
    TempDir() = templ.data();
    std::atexit(RemoveTempDir);
    std::string url = "sqlite:" + TempDir() + "/portal.db";
    FillDatabase(url);
    auto pool = web::StorePool::Open(url, 1);
    if (!pool.ok()) Fail(pool.status().ToString());
    web::PortalOptions options;
    options.data_dir = app::DataDir();
    options.public_url = "http://example.test";
    auto created = web::Portal::Create(**pool, options);
    if (!created.ok()) Fail(created.status().ToString());
    pool->release();  // lives as long as the portal: until the process ends
    return created->release();
  }();
  return *portal;
}

bool IsTokenChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// What Beast accepts in a request target and a header value.
bool TargetOk(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return false;
  }
  return true;
}
bool ValueOk(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

// Splits the head into the request the server would give its handler. False when the
// server would answer without calling it (400 for a bad request line or target).
bool ParseHead(std::string_view input, web::HttpRequest& request) {
  size_t eol = input.find('\n');
  std::string_view line = input.substr(0, eol);
  if (line.ends_with('\r')) line.remove_suffix(1);
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return false;
  size_t sp2 = line.find(' ', sp1 + 1);
  std::string_view method = line.substr(0, sp1);
  std::string_view target =
      line.substr(sp1 + 1, sp2 == std::string_view::npos ? sp2 : sp2 - sp1 - 1);
  for (char c : method) {
    if (!IsTokenChar(c)) return false;
  }
  if (!TargetOk(target)) return false;
  request.method = std::string(method);
  request.target = std::string(target);
  if (!web::ParseTarget(request.target, request.path, request.query)) return false;
  std::string_view rest =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  while (!rest.empty()) {
    eol = rest.find('\n');
    std::string_view h = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (h.ends_with('\r')) h.remove_suffix(1);
    if (h.empty()) break;  // end of the head
    size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view name = h.substr(0, colon);
    std::string_view value = h.substr(colon + 1);
    for (char c : name) {
      if (!IsTokenChar(c)) return false;
    }
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!ValueOk(value)) return false;
    request.headers.emplace(Lower(name), std::string(value));  // the first value wins
  }
  return true;
}

void CheckResponse(const web::HttpRequest& request, web::HttpResponse& response) {
  web::AddSecurityHeaders(response);
  if (response.status >= 500) {
    Fail("status " + std::to_string(response.status) + " for " + request.method + " " +
         request.target);
  }
  for (const auto& [name, value] : response.headers) {
    if (name.find_first_of("\r\n", 0) != std::string::npos ||
        value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      Fail("header " + name + " holds CR, LF or NUL for " + request.target);
    }
  }
  if (response.content_type.starts_with("text/html") &&
      Lower(response.body).find("<script") != std::string::npos) {
    Fail("<script in the HTML for " + request.target);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;  // the server's header limit
  web::Portal& portal = ThePortal();
  web::HttpRequest request;
  if (!ParseHead(std::string_view(reinterpret_cast<const char*>(data), size), request)) return 0;
  if (request.method == "HEAD") request.method = "GET";
  web::HttpResponse response = portal.Handle(request);
  CheckResponse(request, response);
  return 0;
}
