#include "demo/demo_data.hpp"

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
#include <vector>

#include "app/setup.hpp"
#include "core/calendar_service.hpp"
#include "core/column_audit.hpp"
#include "core/guide.hpp"
#include "core/request.hpp"
#include "core/request_clock.hpp"
#include "core/request_service.hpp"
#include "report/document.hpp"
#include "store/soci_store.hpp"

namespace gongkai::demo {
namespace {

namespace fs = std::filesystem;
using core::Date;

const app::PersonalDataKey& TestKey() {
  static const app::PersonalDataKey key = *app::PersonalDataKey::FromBytes(std::string(32, 'k'));
  return key;
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
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> out;
    soci::rowset<std::string> rows = (store_->session().prepare << sql);
    for (const auto& v : rows) out.push_back(v);
    return out;
  }
  long long PublishedIn(int year) {
    return Scalar("SELECT COUNT(*) FROM items WHERE published_on BETWEEN '" + std::to_string(year) +
                  "-01-01' AND '" + std::to_string(year) + "-12-31'");
  }
  std::set<std::string> Distinct(const std::string& column, const std::string& table) {
    auto v = Column("SELECT DISTINCT " + column + " FROM " + table);
    return {v.begin(), v.end()};
  }
  // Every date column of every table (but due dates and the holiday calendar) with a value
  // after `today`: "table.column: N".
  std::vector<std::string> DatedAfter(Date today) {
    std::vector<std::string> out;
    for (const std::string& table :
         Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'holiday%' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'item_search%'")) {
      for (const std::string& column :
           Column("SELECT name FROM pragma_table_info('" + table + "')")) {
        const bool dated = column.ends_with("_on") || column == "on_date" ||
                           column == "published_at" || column == "at";
        if (!dated || column == "due_on") continue;
        const long long n = Scalar("SELECT COUNT(*) FROM " + table + " WHERE substr(" + column +
                                   ", 1, 10) > '" + today.ToIso() + "'");
        if (n != 0) out.push_back(table + "." + column + ": " + std::to_string(n));
      }
    }
    return out;
  }
  // The whole database as text, table by table in id order, without the columns that are
  // random by design (sealed data: fresh nonces; password hashes: fresh salts; the audit
  // hashes over them) or the wall clock's (when each migration was applied).
  std::string Dump() {
    std::string out;
    for (const std::string& table :
         Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'sqlite%' ORDER BY name")) {
      std::string cols;
      for (const std::string& column :
           Column("SELECT name FROM pragma_table_info('" + table + "')")) {
        if (column == "applicant_sealed" || column == "password_hash" || column == "hash" ||
            column == "prev_hash" || column == "last_hash" ||
            (table == "schema_migrations" && column == "applied_at")) {
          continue;
        }
        cols += (cols.empty() ? "" : " || '|' || ") + std::string("COALESCE(CAST(") + column +
                " AS TEXT), '-')";
      }
      out += "## " + table + "\n";
      for (const std::string& row : Column("SELECT " + cols + " FROM " + table + " ORDER BY 1")) {
        out += row + "\n";
      }
    }
    return out;
  }
  template <typename F>
  void Read(F f) {
    ASSERT_TRUE(store_->Transact([&](core::Repositories& repos) { return f(repos); }).ok());
  }

 private:
  fs::path dir_;
  std::unique_ptr<store::SociStore> store_;
};

core::Result<DemoSummary> Generate(DemoDb& db, const std::string& today, int first_year,
                                   int scale = 3, uint64_t seed = 7, bool reports = true) {
  const Date day = *Date::Parse(today);
  const core::FixedClock clock(today + "T02:00:00Z", day);
  DemoOptions options;
  options.seed = seed;
  options.today = day;
  options.first_year = first_year;
  options.scale_percent = scale;
  options.key = &TestKey();
  options.publish_reports = reports;
  // The services read the calendar from the store: it holds the bundled one, as after
  // `gongkai demo`'s import.
  auto imported = app::ImportBundledCalendar(db.store(), {"test", clock.NowUtc()});
  if (!imported.ok()) return imported.status();
  return GenerateDemo(db.store(), clock, options);
}

// The column audit of a working office: the demo leaves 3 columns to go stale (or empty) and
// lets 4 drift close to their limit (demo_items_year.cpp), and one draft is past its
// publication duty (demo_live.cpp): 4 findings by design. The threshold leaves room for the
// odd column emptied by a withdrawal or a small-scale load; the full city on 2026-12-06
// reported 1 empty + 2 stale + 1 overdue. A thousand findings (the old demo's) means the
// office is dead; ten means it is working and honest about it.
constexpr int64_t kMaxColumnFindings = 10;

void ExpectAWorkingOffice(DemoDb& db, Date today) {
  EXPECT_EQ(db.DatedAfter(today), std::vector<std::string>{});
  // Every open state, and the clocks in flight.
  for (const char* state : {"received", "in_progress", "correction_requested"}) {
    EXPECT_GT(db.Scalar(std::string("SELECT COUNT(*) FROM requests WHERE state = '") + state + "'"),
              0)
        << state;
  }
  const std::string open_with =
      "SELECT COUNT(*) FROM requests r WHERE r.state IN ('received', 'in_progress') AND EXISTS "
      "(SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = '";
  EXPECT_GT(db.Scalar(open_with + "consultation_start') AND NOT EXISTS (SELECT 1 FROM "
                                  "request_events e WHERE e.request_id = r.id AND e.kind = "
                                  "'consultation_end')"),
            0);
  EXPECT_GT(db.Scalar(open_with + "extension')"), 0);
  EXPECT_GT(db.Scalar(open_with + "fee_notice')"), 0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE received_on = '" + today.ToIso() + "'"),
            0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'fee_notice' AND "
                      "on_date < '2021-01-01'"),
            0);
  // Items in the workflow: drafts, submissions awaiting review, one rejected, a guide.
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM items WHERE state = 'submitted'"), 4);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM items WHERE state = 'draft'"), 4);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items WHERE state = 'rejected'"), 1);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items WHERE state = 'submitted' AND category = "
                      "'政府信息公开指南'"),
            2);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM legal_cases WHERE result = 'pending' AND kind = "
                      "'review'"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM complaints WHERE replied_on IS NULL"), 0);

  db.Read([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto soon, core::ListDue(repos, today, 3));
    EXPECT_FALSE(soon.empty()) << "request due --within 3 lists nothing";
    int overdue = 0;
    for (const auto& d : soon) overdue += d.overdue;
    EXPECT_GE(overdue, 1);
    EXPECT_LE(overdue, 3);
    GONGKAI_ASSIGN_OR_RETURN(auto root, repos.orgs().FindByCode("QXS"));
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(auto audit,
                             core::AuditColumnsInSubtree(repos, root->id, calendar, today, 90));
    EXPECT_EQ(audit.overdue.size(), 1u);  // the forgotten draft
    EXPECT_GE(audit.findings(), 1);
    EXPECT_LE(audit.findings(), kMaxColumnFindings);
    // The root's guide is the one its records compose; SCJ's moved and awaits review.
    GONGKAI_ASSIGN_OR_RETURN(auto records, core::LoadGuideRecords(repos, root->id));
    GONGKAI_ASSIGN_OR_RETURN(auto guide, core::CurrentGuide(repos, root->id));
    EXPECT_TRUE(guide.has_value());
    if (guide) {
      EXPECT_EQ(guide->body_md, core::ComposeGuide(records));
      EXPECT_TRUE(guide->index_no.has_value());
      EXPECT_NE(guide->body_md.find(records.org.acceptance_phone), std::string::npos);
      EXPECT_NE(guide->body_md.find("20 个工作日"), std::string::npos);
    }
    // The applicants' data opens with the key it was sealed with.
    GONGKAI_ASSIGN_OR_RETURN(auto due, core::ListDue(repos, today, 3));
    if (!due.empty()) {
      auto person = TestKey().Open(due.front().request.applicant_sealed);
      EXPECT_TRUE(person.ok()) << person.status().ToString();
      if (person.ok()) {
        EXPECT_FALSE(person->name.empty());
      }
    }
    return core::Status::Ok();
  });
}

TEST(DemoDataTest, IsAWorkingOfficeOnItsToday) {
  DemoDb db("today");
  auto summary = Generate(db, "2026-12-07", 2024);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->first_year, 2024);
  EXPECT_EQ(summary->last_year, 2026);
  // Requests open now may run into January 2027, a year without a notice yet: their due
  // dates are estimates, and say so; every closed one is exact.
  EXPECT_TRUE(summary->provisional_dates);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE due_provisional = 1 AND closed_on IS "
                      "NOT NULL"),
            0);
  ExpectAWorkingOffice(db, Date::FromYmd(2026, 12, 7));
  // Reports: 2024 and 2025 published (2024 restated with a note), 2026 a preview.
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM report_snapshots WHERE year = 2025"), 1);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM report_snapshots WHERE year = 2024"), 2);
  EXPECT_NE(db.Text("SELECT change_note FROM report_snapshots WHERE year = 2024 AND version = 2"),
            "");
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM report_snapshots WHERE year = 2026"), 0);
  // This year's counts in proportion to the part of the year gone by.
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE year = 2026"), 40);
}

TEST(DemoDataTest, WorksOnADayOutsideTheLoadedCalendar) {
  DemoDb db("unloaded");
  auto summary = Generate(db, "2027-03-01", 2026);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  // 2027 has no holiday notice: its dates are estimates, and say so.
  EXPECT_TRUE(summary->provisional_dates);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE due_provisional = 1 AND state IN "
                      "('received', 'in_progress')"),
            0);
  ExpectAWorkingOffice(db, Date::FromYmd(2027, 3, 1));
  // The 2026 report is due by 31 March 2027: not yet published on 1 March.
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM report_snapshots"), 0);
  // This year's report (the preview) says which due dates are estimates.
  db.Read([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    report::ReportRequest request;
    request.year = 2027;
    GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc,
                             report::ComposeReport(repos, calendar, request));
    EXPECT_NE(doc.text.find("暂定日期"), std::string::npos) << doc.text;
    return core::Status::Ok();
  });
}

TEST(DemoDataTest, DefaultsToTheTenYearsUpToToday) {
  DemoDb db("ten");
  auto summary = Generate(db, "2026-01-05", 0, 1, 3, false);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->first_year, 2017);
  EXPECT_EQ(summary->last_year, 2026);
  EXPECT_EQ(db.DatedAfter(Date::FromYmd(2026, 1, 5)), std::vector<std::string>{});
  // Every outcome over the years, every legal case kind, only event kinds the clock knows.
  std::set<std::string> outcomes = db.Distinct("outcome", "requests");
  for (const std::string& code : core::OutcomeCodes()) {
    EXPECT_TRUE(outcomes.contains(code)) << code;
  }
  EXPECT_EQ(db.Distinct("kind", "legal_cases").size(), 3u);
  for (const std::string& kind : db.Distinct("kind", "request_events")) {
    EXPECT_TRUE(core::ParseRequestEventKind(kind).ok()) << kind;
  }
  // Requests received before 2019-05-15 ran on 15 working days; a few answered late.
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE closed_on > due_on"), 0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM requests WHERE due_provisional = 1"), 0);
  // A year the calendar covers: its report states no estimate.
  db.Read([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    report::ReportRequest request;
    request.year = 2020;
    GONGKAI_ASSIGN_OR_RETURN(report::ReportDocument doc,
                             report::ComposeReport(repos, calendar, request));
    EXPECT_EQ(doc.text.find("暂定日期"), std::string::npos) << doc.text;
    return core::Status::Ok();
  });
  // Early January: last year's carried-over requests are still open today.
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM requests WHERE year = 2025 AND closed_on IS NULL"), 0);
}

TEST(DemoDataTest, BuildsTheCityAtTheSeedsScale) {
  DemoDb db("shape");
  const auto start = std::chrono::steady_clock::now();
  auto summary = Generate(db, "2025-12-31", 2025, 100, 7, false);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::printf("demo dataset 2025 at full scale: %.2f s, %lld items\n", wall,
              static_cast<long long>(summary->items));
  EXPECT_GE(summary->orgs, 70);
  EXPECT_LE(summary->orgs, 90);
  EXPECT_EQ(db.Text("SELECT name FROM orgs WHERE parent_id IS NULL"), "青溪市人民政府");
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM orgs WHERE kind = 'township'"), 12);
  EXPECT_GE(db.Scalar("SELECT COUNT(*) FROM reading_points"), 3);
  EXPECT_GE(db.PublishedIn(2025), 18000);
  EXPECT_LE(db.PublishedIn(2025), 22500);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items i WHERE state = 'published' AND NOT EXISTS "
                      "(SELECT 1 FROM item_channels c WHERE c.item_id = i.id)"),
            0);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items WHERE state IN ('draft', 'submitted') "
                      "AND index_no IS NOT NULL"),
            0);
  EXPECT_GT(db.Scalar("SELECT COUNT(*) FROM items WHERE doc_no LIKE '青政发〔2025〕%号'"), 5);
  EXPECT_EQ(db.Distinct("channel", "item_channels").size(), std::size(core::kAllChannels));
  EXPECT_EQ(db.Distinct("channel", "requests").size(), std::size(core::kAllRequestChannels));
  const long long on_site = db.Scalar(
      "SELECT COUNT(*) FROM consultations WHERE channel = 'on_site' AND asked_on LIKE '2025-%'");
  EXPECT_GE(on_site, 5000);  // the seed: 现场咨询 5200余人次
  EXPECT_LE(on_site, 5400);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'demo.generate'"), 11);
  std::optional<core::Id> broken;
  db.Read([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(broken, repos.audit().Verify());
    return core::Status::Ok();
  });
  EXPECT_FALSE(broken.has_value());
}

TEST(DemoDataTest, SameSeedAndTodayGiveTheSameDatabase) {
  DemoDb a("det_a"), b("det_b"), c("det_c");
  ASSERT_TRUE(Generate(a, "2026-12-07", 2026, 2, 42).ok());
  ASSERT_TRUE(Generate(b, "2026-12-07", 2026, 2, 42).ok());
  ASSERT_TRUE(Generate(c, "2026-12-07", 2026, 2, 43).ok());
  const std::string dump = a.Dump();
  EXPECT_GT(dump.size(), 100000u);
  EXPECT_TRUE(dump == b.Dump()) << "same seed and today, different databases";
  EXPECT_FALSE(dump == c.Dump());
  // What the sealed data opens to is the same too.
  const std::string sql = "SELECT applicant_sealed FROM requests ORDER BY id";
  auto sealed_a = a.Column(sql), sealed_b = b.Column(sql);
  ASSERT_EQ(sealed_a.size(), sealed_b.size());
  for (size_t i = 0; i < sealed_a.size(); ++i) {
    EXPECT_EQ(*TestKey().Open(sealed_a[i]), *TestKey().Open(sealed_b[i])) << i;
  }
}

TEST(DemoDataTest, RefusesAStoreThatHoldsOrgsAndWritesNothing) {
  DemoDb db("twice");
  ASSERT_TRUE(Generate(db, "2025-06-30", 2025, 1, 1, false).ok());
  const long long items = db.Scalar("SELECT COUNT(*) FROM items");
  auto again = Generate(db, "2025-06-30", 2025, 1, 2, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM items"), items);
}

TEST(DemoDataTest, RejectsAnInvalidYearRange) {
  DemoDb db("years");
  for (int first : {2027, 1999}) {
    auto result = Generate(db, "2026-12-07", first);
    ASSERT_FALSE(result.ok()) << first;
    EXPECT_EQ(result.status().code(), core::ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(db.Scalar("SELECT COUNT(*) FROM orgs"), 0);
}

}  // namespace
}  // namespace gongkai::demo
