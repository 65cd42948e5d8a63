#include "app/demo_data.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "app/holiday_file.hpp"
#include "core/request.hpp"
#include "core/request_clock.hpp"
#include "store/soci_store.hpp"

namespace gongkai::app {
namespace {

namespace fs = std::filesystem;

const core::Calendar& BundledCalendar() {
  static const core::Calendar calendar = [] {
    auto years = LoadHolidayFile(std::string(GONGKAI_SOURCE_DIR) + "/data/holidays-cn.json");
    EXPECT_TRUE(years.ok()) << years.status().ToString();
    return core::Calendar(years.ok() ? *years : std::vector<core::HolidayYear>{});
  }();
  return calendar;
}

// A fresh SQLite database in its own temporary directory, removed afterwards.
class DemoDb {
 public:
  explicit DemoDb(const std::string& name) {
    dir_ = fs::temp_directory_path() / ("gongkai_demo_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = store::SociStore::Open("sqlite:" + (dir_ / "demo.db").string(),
                                         store::SchemaPolicy::kMigrate);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (opened.ok()) store_ = std::move(*opened);
  }
  ~DemoDb() {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  store::SociStore& store() { return *store_; }

  long long Scalar(const std::string& sql) {
    long long n = -1;
    store_->session() << sql, soci::into(n);
    return n;
  }
  std::string Text(const std::string& sql) {
    std::string s;
    store_->session() << sql, soci::into(s);
    return s;
  }
  long long PublishedIn(int year) {
    return Scalar("SELECT COUNT(*) FROM items WHERE published_on BETWEEN '" + std::to_string(year) +
                  "-01-01' AND '" + std::to_string(year) + "-12-31'");
  }
  std::set<std::string> Distinct(const std::string& column, const std::string& table) {
    std::set<std::string> out;
    soci::rowset<std::string> rows =
        (store_->session().prepare << "SELECT DISTINCT " + column + " FROM " + table);
    for (const auto& v : rows) out.insert(v);
    return out;
  }
  core::TableCounts Counts() {
    core::TableCounts counts;
    EXPECT_TRUE(store_
                    ->Transact([&](core::Repositories& repos) {
                      GONGKAI_ASSIGN_OR_RETURN(counts, repos.CountAll());
                      return core::Status::Ok();
                    })
                    .ok());
    return counts;
  }

 private:
  fs::path dir_;
  std::unique_ptr<store::SociStore> store_;
};

const core::FixedClock kClock("2026-03-01T02:00:00Z", core::Date::FromYmd(2026, 3, 1));

core::Result<DemoSummary> Generate(DemoDb& db, uint64_t seed, int first, int last) {
  return GenerateDemo(db.store(), BundledCalendar(), kClock, DemoOptions{seed, first, last});
}

TEST(DemoDataTest, BuildsTheCityAtTheSeedsScale) {
  DemoDb db("shape");
  auto summary = Generate(db, 7, 2024, 2025);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  EXPECT_GE(summary->orgs, 70);
  EXPECT_LE(summary->orgs, 90);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM orgs"), summary->orgs);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM orgs WHERE parent_id IS NULL"), 1);
  EXPECT_EQ(db.Text("SELECT code FROM orgs WHERE parent_id IS NULL"), "QXS");
  EXPECT_EQ(db.Text("SELECT name FROM orgs WHERE parent_id IS NULL"), "青溪市人民政府");
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM orgs WHERE kind = 'township'"), 12);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM orgs WHERE kind = 'department'"), 50);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM orgs WHERE kind = 'institution'"), 8);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM reading_points"), 3);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM org_year_facts"), 2 * summary->orgs);
  EXPECT_EQ(db.Scalar("SELECT SUM(funding_yuan) >= 150000 FROM org_year_facts o JOIN orgs g "
                      "ON g.id = o.org_id WHERE g.parent_id IS NULL AND year = 2025"),
            1);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM admin_stats WHERE licensing_decisions > 0"), 20);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM meetings WHERE category = 'training'"), 2);

  for (int year : {2024, 2025}) {
    EXPECT_GE(db.PublishedIn(year), 18000) << year;
    EXPECT_LE(db.PublishedIn(year), 22000) << year;
  }
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items"), summary->items);
  // Every published item went out on a channel; unpublished ones carry no 索引号.
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items i WHERE state = 'published' AND NOT EXISTS "
                      "(SELECT 1 FROM item_channels c WHERE c.item_id = i.id)"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE state IN ('draft', 'submitted')"), 0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items WHERE state IN ('draft', 'submitted') "
                      "AND index_no IS NOT NULL"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE state = 'withdrawn'"), 0);
  EXPECT_EQ(db.Text("SELECT index_no FROM items WHERE index_no LIKE 'QXS/2025-%' "
                    "ORDER BY index_no LIMIT 1"),
            "QXS/2025-00001");
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE is_normative = 1"), 60);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE doc_no LIKE '青政发〔2025〕%号'"), 5);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE category = '政府信息公开年报'"), 100);
  EXPECT_EQ(db.Distinct("channel", "item_channels").size(), std::size(core::kAllChannels));

  EXPECT_GE(summary->responses, 40);
  EXPECT_LE(summary->responses, 120);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM responses WHERE kind = 'press_conference' AND "
                      "principal_attended = 1"),
            0);

  EXPECT_GE(summary->requests, 100);
  EXPECT_LE(summary->requests, 120);
  EXPECT_EQ(db.Distinct("channel", "requests").size(), std::size(core::kAllRequestChannels));
  EXPECT_EQ(db.Distinct("applicant_type", "requests").size(), std::size(core::kAllApplicantTypes));
  // Carried over: open at 31 December 2025, due in 2026 (a loaded year, so exact).
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE state = 'in_progress' AND "
                      "due_on >= '2026-01-01' AND due_provisional = 0"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE state = 'correction_requested'"), 0);
  // Carried over from 2024: received then, answered in 2025.
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE year = 2024 AND "
                      "closed_on >= '2025-01-01'"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE closed_on > due_on"), 0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE state IN ('answered', 'abandoned', "
                      "'withdrawn') AND (outcome = '' OR closed_on IS NULL)"),
            0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE applicant_sealed <> ''"), 0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE length(lookup_code_hash) <> 64"), 0);
  EXPECT_EQ(db.Text("SELECT tracking_no FROM requests WHERE year = 2025 ORDER BY serial, id "
                    "LIMIT 1"),
            "2025-0001");
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM "
                      "request_events e WHERE e.request_id = r.id AND e.kind = 'receipt' "
                      "AND e.actor = 'demo')"),
            0);

  const long long on_site = db.Scalar(
      "SELECT COUNT(*) FROM consultations WHERE channel = 'on_site' AND asked_on LIKE '2025-%'");
  EXPECT_GE(on_site, 5000);  // the seed: 现场咨询 5200余人次
  EXPECT_LE(on_site, 5400);
  EXPECT_GE(summary->consultations, 2 * 8700);
  EXPECT_LE(summary->consultations, 2 * 9400);
  EXPECT_GE(summary->complaints, 2 * 9000);
  EXPECT_LE(summary->complaints, 2 * 9600);
  EXPECT_GE(summary->legal_cases, 2);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM legal_cases"), summary->legal_cases);

  // One audit event per entity type, and an intact chain.
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'demo.generate'"), 11);
  EXPECT_EQ(db.Text("SELECT after_json FROM audit_events WHERE entity = 'item'"),
            "{\"count\":" + std::to_string(summary->items) +
                ",\"seed\":7,\"first_year\":2024,\"last_year\":2025}");
  std::optional<core::Id> broken;
  ASSERT_TRUE(db.store()
                  .Transact([&](core::Repositories& repos) {
                    GONGKAI_ASSIGN_OR_RETURN(broken, repos.audit().Verify());
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(broken.has_value());
}

TEST(DemoDataTest, FullRangeCoversEveryOutcomeWithinTheTimeBudget) {
  DemoDb db("full");
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  auto summary = Generate(db, 1, 2016, 2025);
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::printf("demo dataset 2016-2025: %.2f s wall, %.2f s CPU, %lld items, %lld requests\n", wall,
              cpu, static_cast<long long>(summary->items),
              static_cast<long long>(summary->requests));
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  // The budget is 10 s. CPU time rather than wall time, so that a loaded CI
  // machine does not fail the test; optimised builds only.
  EXPECT_LT(cpu, 10.0);
#endif

  for (int year : {2016, 2025}) {
    EXPECT_GE(db.PublishedIn(year), 18000) << year;
    EXPECT_LE(db.PublishedIn(year), 22000) << year;
  }
  std::set<std::string> outcomes = db.Distinct("outcome", "requests");
  for (const std::string& code : core::OutcomeCodes()) {
    EXPECT_TRUE(outcomes.contains(code)) << code;
  }
  EXPECT_EQ(db.Distinct("kind", "legal_cases").size(), 3u);
  // Every state, and only event kinds the request clock knows.
  EXPECT_EQ(db.Distinct("state", "requests").size(), 6u);
  for (const std::string& kind : db.Distinct("kind", "request_events")) {
    EXPECT_TRUE(core::ParseRequestEventKind(kind).ok()) << kind;
  }
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE validity = 'expired'"), 0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE validity = 'repealed'"), 0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE is_regulation = 1"), 0);
  // 2016 lies before the bundled calendar: due dates then are marked provisional, and
  // requests received before 2019-05-15 ran on 15 working days.
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE year = 2016 AND due_provisional = 1"),
            0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE year >= 2020 AND due_provisional = 1"),
            0);
  core::TableCounts counts = db.Counts();
  std::map<std::string, int64_t> by_table(counts.rows.begin(), counts.rows.end());
  EXPECT_EQ(by_table["requests"], summary->requests);
  EXPECT_EQ(by_table["consultations"], summary->consultations);
  EXPECT_EQ(by_table["complaints"], summary->complaints);
  EXPECT_EQ(by_table["meetings"], summary->meetings);
  EXPECT_EQ(by_table["responses"], summary->responses);
}

TEST(DemoDataTest, IsDeterministicForASeed) {
  DemoDb a("det_a"), b("det_b"), c("det_c");
  auto first = Generate(a, 42, 2025, 2025);
  auto second = Generate(b, 42, 2025, 2025);
  auto other = Generate(c, 43, 2025, 2025);
  ASSERT_TRUE(first.ok() && second.ok() && other.ok());
  auto same = [](const DemoSummary& x, const DemoSummary& y) {
    return x.orgs == y.orgs && x.items == y.items && x.requests == y.requests &&
           x.consultations == y.consultations && x.complaints == y.complaints &&
           x.legal_cases == y.legal_cases && x.meetings == y.meetings && x.responses == y.responses;
  };
  const std::string kFirstTitle = "SELECT title FROM items ORDER BY id LIMIT 1";
  const std::string kLastRequest =
      "SELECT description || received_on || outcome FROM requests "
      "ORDER BY id DESC LIMIT 1";
  EXPECT_TRUE(same(*first, *second));
  EXPECT_EQ(a.Text(kFirstTitle), b.Text(kFirstTitle));
  EXPECT_EQ(a.Text(kLastRequest), b.Text(kLastRequest));
  EXPECT_FALSE(same(*first, *other) && a.Text(kFirstTitle) == c.Text(kFirstTitle));
}

TEST(DemoDataTest, RefusesAStoreThatHoldsOrgsAndWritesNothing) {
  DemoDb db("twice");
  ASSERT_TRUE(Generate(db, 1, 2025, 2025).ok());
  core::TableCounts before = db.Counts();
  auto again = Generate(db, 2, 2025, 2025);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(db.Counts().rows, before.rows);
}

TEST(DemoDataTest, RejectsAnInvalidYearRange) {
  DemoDb db("years");
  auto result = Generate(db, 1, 2025, 2024);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM orgs"), 0);
}

}  // namespace
}  // namespace gongkai::app
