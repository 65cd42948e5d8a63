#include "web/report_pages.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/calendar_service.hpp"
#include "core/report_snapshot.hpp"
#include "report/document.hpp"
#include "report/render_csv.hpp"
#include "report/render_html.hpp"
#include "report/render_json.hpp"
#include "report/render_xlsx.hpp"
#include "text/html_escape.hpp"
#include "web/csp.hpp"

namespace gongkai::web {
namespace {

constexpr int kMaxAge = 60;
constexpr auto kComputedLifetime = std::chrono::minutes(5);

// The tables as one XLSX file's bytes (libxlsxwriter writes to a path: a private temp file).
core::Result<std::string> XlsxBytes(const report::Report& report) {
  // mkstemp's template: six trailing X's it replaces; TMPDIR is honoured.
  std::string name =
      (std::filesystem::temp_directory_path() / "gongkai-report-").string() + std::string(6, 'X');
  std::vector<char> path(name.begin(), name.end());
  path.push_back('\0');
  int fd = mkstemp(path.data());
  if (fd < 0) return core::Unavailable("无法创建临时文件");
  close(fd);
  core::Status s = report::RenderXlsx(report, path.data());
  std::string bytes;
  if (s.ok()) {
    std::ifstream in(path.data(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::remove(path.data());
  if (!s.ok()) return s;
  return bytes;
}

HttpResponse NotFound() {
  HttpResponse r;
  r.status = 404;
  return r;
}

// The version history and downloads, put at the top of the report document.
std::string ReportNav(const std::string& base, const std::vector<core::ReportSnapshot>& versions,
                      int shown, const std::vector<std::pair<std::string, std::string>>& csv) {
  std::string nav = "<nav class=\"report-nav\" aria-label=\"年报版本与下载\">\n<p>";
  if (versions.empty()) {
    nav += "本年报尚未发布，以下为按现有记录计算的结果。";
  } else {
    nav += "版本：";
    for (const auto& v : versions) {
      std::string label =
          "第 " + std::to_string(v.version) + " 版（" + v.published_at.substr(0, 10) + " 发布）";
      if (v.version == shown) {
        nav += "<strong>" + text::HtmlEscape(label) + "</strong> ";
      } else {
        nav += "<a href=\"" + base + "/v" + std::to_string(v.version) + "\">" +
               text::HtmlEscape(label) + "</a> ";
      }
      if (!v.change_note.empty()) nav += "（更正说明：" + text::HtmlEscape(v.change_note) + "）";
    }
  }
  nav += "</p>\n<p>下载：<a href=\"" + base + "/report.json\">数据（JSON）</a>";
  nav += " · <a href=\"" + base + "/report.xlsx\">表格（XLSX，按现有记录计算）</a>";
  for (const auto& [name, content] : csv) {
    nav += " · <a href=\"" + base + "/" + name + "\">" + text::HtmlEscape(name) + "</a>";
  }
  nav += "</p>\n</nav>\n";
  return nav;
}

// `html` with `nav` inserted right after <body>.
std::string WithNav(std::string html, const std::string& nav) {
  size_t body = html.find("<body");
  size_t end = body == std::string::npos ? std::string::npos : html.find('>', body);
  if (end == std::string::npos) return nav + html;
  html.insert(end + 1, "\n" + nav);
  return html;
}

}  // namespace

struct ReportPages::Computed {
  std::vector<core::ReportSnapshot> versions;  // published, oldest first
  std::string html;                            // computed from the records
  std::string json;
  std::vector<std::pair<std::string, std::string>> csv;
  std::string xlsx;
};

std::shared_ptr<const ReportPages::Computed> ReportPages::Compute(const core::Org& org, int year,
                                                                  uint64_t generation) {
  std::string key = org.code + "/" + std::to_string(year);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.generation == generation &&
        now - it->second.at < kComputedLifetime) {
      return it->second.computed;
    }
  }
  auto c = std::make_shared<Computed>();
  core::Status s = pool_.With([&](store::SociStore& st) {
    return st.Transact([&](core::Repositories& repos) -> core::Status {
      bool subtree = !org.parent_id.has_value();
      GONGKAI_ASSIGN_OR_RETURN(c->versions, repos.reports().ListSnapshots(org.id, year, subtree));
      GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
      report::ReportRequest request;
      request.org_code = org.code;
      request.year = year;
      request.rules = rules_;
      GONGKAI_ASSIGN_OR_RETURN(auto doc, report::ComposeReport(repos, calendar, request));
      c->html = report::RenderHtml(doc.report, doc.render);
      c->json = report::RenderJson(doc.report, doc.text);
      c->csv = report::RenderCsv(doc.report);
      GONGKAI_ASSIGN_OR_RETURN(c->xlsx, XlsxBytes(doc.report));
      return core::Status::Ok();
    });
  });
  if (!s.ok()) {
    if (s.code() != core::ErrorCode::kNotFound && s.code() != core::ErrorCode::kInvalidArgument) {
      spdlog::error("portal: report {}: {}", key, s.ToString());
    }
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(mu_);
  cache_[key] = {generation, now, c};
  return c;
}

HttpResponse ReportPages::Handle(const HttpRequest& request, const core::Org& org, int year,
                                 const std::string& rest, uint64_t generation) {
  auto c = Compute(org, year, generation);
  if (!c) return NotFound();
  std::string base = "/org/" + UrlEncode(org.code) + "/report/" + std::to_string(year);
  HttpResponse r;
  if (rest.empty() || rest.rfind("/v", 0) == 0) {
    const core::ReportSnapshot* shown = c->versions.empty() ? nullptr : &c->versions.back();
    if (!rest.empty()) {
      shown = nullptr;
      for (const auto& v : c->versions) {
        if ("/v" + std::to_string(v.version) == rest) shown = &v;
      }
      if (!shown) return NotFound();
    }
    std::string nav = ReportNav(base, c->versions, shown ? shown->version : 0, c->csv);
    r.body = WithNav(shown ? shown->html : c->html, nav);
    r.Set("Content-Security-Policy", CspWithStyleHashes(r.body));
  } else if (rest == "/report.json") {
    r.content_type = "application/json; charset=utf-8";
    r.body = c->versions.empty() ? c->json : c->versions.back().json;
  } else if (rest == "/report.xlsx") {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = c->xlsx;
    r.Set("Content-Disposition",
          "attachment; filename=\"" + org.code + "-" + std::to_string(year) + ".xlsx\"");
  } else {
    for (const auto& [name, content] : c->csv) {
      if (rest == "/" + name) {
        r.content_type = "text/csv; charset=utf-8";
        r.body = content;
        r.Set("Content-Disposition", "attachment; filename=\"" + org.code + "-" +
                                         std::to_string(year) + "-" + name + "\"");
      }
    }
    if (r.body.empty()) return NotFound();
  }
  ApplyCaching(request, r, kMaxAge);
  return r;
}

}  // namespace gongkai::web
