// The annual report engine at province scale: builds the root's full 2021-format report
// (every identity validated) over 10,000 bodies, 2,000,000 items and 200,000 requests, and
// in the same run times one hand-written SQL aggregation of table 三 in the sqlite3 shell.
//
//   report_bench --db PATH [--generate] [--runs N]
//
// Figures and command lines: bench/README.md.
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/calendar_service.hpp"
#include "report/report.hpp"
#include "store/soci_store.hpp"

namespace {

using namespace gongkai;
using Clock = std::chrono::steady_clock;

constexpr int kYear = 2024;
constexpr int kCounties = 100;
constexpr int kDepartmentsPerCounty = 99;  // 1 + 100 × (1 + 99) = 10,101 bodies
constexpr int kItemsPerBody = 198;         // ≈ 2,000,000 items
constexpr int kRequestsPerBody = 20;       // ≈ 200,000 requests

core::Date Day(std::mt19937_64& rng, int year) {
  return core::Date::FromYmd(year, 1, 1).AddDays(static_cast<int32_t>(rng() % 365));
}

core::Status Generate(core::Store& store) {
  std::mt19937_64 rng(7);
  return store.Transact([&](core::Repositories& r) -> core::Status {
    std::vector<core::Id> bodies;
    core::Org root;
    root.code = "PROV";
    root.name = "某省人民政府";
    root.kind = core::OrgKind::kGovernment;
    GONGKAI_ASSIGN_OR_RETURN(root.id, r.orgs().Insert(root));
    bodies.push_back(root.id);
    for (int c = 0; c < kCounties; ++c) {
      core::Org county;
      county.code = "C" + std::to_string(c);
      county.name = "某县" + std::to_string(c);
      county.kind = core::OrgKind::kGovernment;
      county.parent_id = root.id;
      GONGKAI_ASSIGN_OR_RETURN(county.id, r.orgs().Insert(county));
      bodies.push_back(county.id);
      for (int d = 0; d < kDepartmentsPerCounty; ++d) {
        core::Org dept;
        dept.code = county.code + "-D" + std::to_string(d);
        dept.name = county.name + "部门" + std::to_string(d);
        dept.parent_id = county.id;
        GONGKAI_ASSIGN_OR_RETURN(dept.id, r.orgs().Insert(dept));
        bodies.push_back(dept.id);
      }
    }
    std::vector<core::Item> batch;
    int64_t serial = 0;
    for (core::Id body : bodies) {
      for (int i = 0; i < kItemsPerBody; ++i) {
        core::Item it;
        it.org_id = body;
        it.index_no = "P/" + std::to_string(++serial);
        it.title = "关于做好有关工作的通知";
        int year = 2020 + static_cast<int>(rng() % 6);
        it.published_on = Day(rng, year);
        it.formed_on = it.published_on->AddDays(-2);
        it.state = core::ItemState::kPublished;
        it.is_normative = rng() % 50 == 0;
        if (it.is_normative && rng() % 5 == 0) {
          it.validity = core::Validity::kRepealed;
          it.validity_changed_on = it.published_on->AddDays(200);
        }
        it.channels = {{core::Channel::kWebsite, *it.published_on}};
        batch.push_back(std::move(it));
      }
      if (batch.size() >= 20000) {
        GONGKAI_RETURN_IF_ERROR(r.items().InsertMany(batch));
        batch.clear();
      }
      core::AdminStats stats{body,
                             kYear,
                             static_cast<int64_t>(rng() % 500),
                             static_cast<int64_t>(rng() % 100),
                             static_cast<int64_t>(rng() % 10),
                             static_cast<int64_t>(rng() % 1000000)};
      GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats(stats));
    }
    GONGKAI_RETURN_IF_ERROR(r.items().InsertMany(batch));
    const auto& outcomes = core::OutcomeCodes();
    for (core::Id body : bodies) {
      for (int i = 0; i < kRequestsPerBody; ++i) {
        core::Request q;
        q.org_id = body;
        q.received_on = Day(rng, 2023 + static_cast<int>(rng() % 2));
        q.submitted_on = q.received_on;
        q.year = q.received_on.year();
        q.serial = i + 1;
        q.tracking_no = std::to_string(q.year) + "-" + std::to_string(q.serial);
        q.lookup_code_hash = "x";
        q.applicant_type = core::kAllApplicantTypes[rng() % 6];
        q.channel = core::kAllRequestChannels[rng() % 5];
        q.description = "申请公开";
        if (rng() % 20 != 0) {
          q.state = core::RequestState::kAnswered;
          q.closed_on = q.received_on.AddDays(static_cast<int32_t>(5 + rng() % 40));
          q.outcome = outcomes[rng() % outcomes.size()];
        } else {
          q.state = core::RequestState::kInProgress;
        }
        GONGKAI_RETURN_IF_ERROR(r.requests().Insert(q).status());
      }
      if (rng() % 5 == 0) {
        core::LegalCase c{0,
                          body,
                          core::CaseKind::kReview,
                          std::nullopt,
                          Day(rng, kYear),
                          core::CaseResult::kMaintained,
                          std::nullopt};
        GONGKAI_RETURN_IF_ERROR(r.cases().InsertLegalCase(c).status());
      }
    }
    return core::Status::Ok();
  });
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Runs the sqlite3 shell on `sql` and returns the wall time in ms.
double TimeShell(const std::string& db, const std::string& sql) {
  std::string cmd = "sqlite3 '" + db + "' \"" + sql + "\" > /dev/null";
  auto start = Clock::now();
  int rc = std::system(cmd.c_str());
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (rc != 0) std::cerr << "sqlite3 failed: " << rc << "\n";
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  bool generate = false;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) db = argv[++i];
    if (a == "--generate") generate = true;
    if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
  }
  if (db.empty()) {
    std::cerr << "usage: report_bench --db PATH [--generate] [--runs N]\n";
    return 2;
  }
  if (generate) std::filesystem::remove(db);
  auto store = store::SociStore::Open("sqlite:" + db, store::SchemaPolicy::kMigrate);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 2;
  }
  if (generate) {
    auto start = Clock::now();
    core::Status s = Generate(**store);
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 2;
    }
    s = (*store)->Analyze();
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 2;
    }
    std::cout << "generated in " << std::chrono::duration<double>(Clock::now() - start).count()
              << " s\n";
  }

  std::vector<double> engine;
  int64_t received = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    core::Status s = (*store)->Transact([&](core::Repositories& r) -> core::Status {
      core::Calendar calendar;  // table 三/四/二 need no calendar; legacy would
      GONGKAI_ASSIGN_OR_RETURN(report::Report rep,
                               report::BuildReport(r, calendar, {"", kYear, true, std::nullopt}));
      received = rep.values.Get("table3", "new_received", "total").value_or(0);
      return core::Status::Ok();
    });
    engine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 1;
    }
  }
  const std::string hand_sql =
      "SELECT applicant_type, CASE WHEN state IN ('answered','abandoned','withdrawn') AND "
      "closed_on <= '2024-12-31' THEN outcome ELSE 'carried_out' END, received_on < "
      "'2024-01-01', COUNT(*) FROM requests WHERE received_on <= '2024-12-31' AND (closed_on IS "
      "NULL OR closed_on >= '2024-01-01') GROUP BY 1, 2, 3;";
  std::vector<double> hand, shell_start;
  for (int i = 0; i < runs; ++i) {
    hand.push_back(TimeShell(db, hand_sql));
    shell_start.push_back(TimeShell(db, "SELECT 1;"));
  }
  double e = Median(engine), h = Median(hand), s0 = Median(shell_start);
  std::printf("requests received in %d: %lld\n", kYear, static_cast<long long>(received));
  std::printf("engine (full 2021 report, identities validated): median %.1f ms over %d runs\n", e,
              runs);
  std::printf("hand SQL table 三 in sqlite3 shell: median %.1f ms (shell start alone %.1f ms)\n", h,
              s0);
  std::printf("ratio engine / hand SQL: %.2f (excluding shell start: %.2f)\n", e / h,
              e / std::max(h - s0, 0.001));
  return 0;
}
