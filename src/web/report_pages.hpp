// The annual report pages of the portal (政府信息公开年报):
//   /org/{code}/report/{year}              the latest published version, else the report
//                                          computed from the records, with the version
//                                          history and the downloads above it
//   /org/{code}/report/{year}/v{n}         published version n as it was published
//   /org/{code}/report/{year}/report.json  the latest published version's data (gongkai
//                                          JSON, docs/report.schema.json), else computed
//   /org/{code}/report/{year}/report.xlsx  the tables as computed from the records now
//   /org/{code}/report/{year}/table{N}.csv one table as CSV (legacy.csv for the old format)
// Published versions never change; computed ones are rebuilt at most every 5 minutes.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/org.hpp"
#include "core/report_compute.hpp"
#include "web/http.hpp"
#include "web/store_pool.hpp"

namespace gongkai::web {

class ReportPages {
 public:
  explicit ReportPages(StorePool& pool, core::ReportRules rules = {})
      : pool_(pool), rules_(std::move(rules)) {}
  // `rest` is what follows /org/{code}/report/{year} ("" or "/v2", "/report.json", …).
  // Throws nothing; errors are answered with `status` set (404/500) and an empty body, for
  // the portal to replace with its error page.
  // `generation` is the portal's data generation (page_cache.hpp): a computed report is
  // reused only within one, so a publication or any change of the records shows at once.
  HttpResponse Handle(const HttpRequest& request, const core::Org& org, int year,
                      const std::string& rest, uint64_t generation);

 private:
  struct Computed;
  struct Cached {
    uint64_t generation = 0;
    std::chrono::steady_clock::time_point at;
    std::shared_ptr<const Computed> computed;
  };
  std::shared_ptr<const Computed> Compute(const core::Org& org, int year, uint64_t generation);
  StorePool& pool_;
  core::ReportRules rules_;  // the configured readings of the law
  std::mutex mu_;
  std::map<std::string, Cached> cache_;
};

}  // namespace gongkai::web
