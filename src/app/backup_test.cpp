// Backup and restore on both backends: a demo city survives a round trip row for row, and
// a backup taken while another connection writes is a consistent snapshot.
#include "app/backup.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "app/setup.hpp"
#include "core/org_service.hpp"
#include "demo/demo_data.hpp"
#include "store/migrations.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::app {
namespace {

namespace fs = std::filesystem;
using store::Backend;
using store::SchemaPolicy;
using store::SociStore;

const core::FixedClock kClock("2026-03-01T02:00:00Z", core::Date::FromYmd(2026, 3, 1));

std::string Unique(const std::string& stem) {
  static std::atomic<int> n{0};
  return stem + "_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
}

// A database on the same PostgreSQL server as $GONGKAI_TEST_PG whose URL selects
// `schema`: where a dump of that schema restores (pg_restore keeps schema names).
class ScratchPgDatabase {
 public:
  explicit ScratchPgDatabase(const std::string& schema) : name_(Unique("gk_restore")) {
    std::string base = std::getenv("GONGKAI_TEST_PG");
    soci::session admin(soci::postgresql, base);
    admin << "CREATE DATABASE " + name_;
    // postgresql://user@host/DBNAME?params: swap DBNAME.
    size_t slash = base.find('/', base.find("://") + 3);
    size_t query = base.find('?', slash);
    std::string params = query == std::string::npos ? "" : base.substr(query + 1);
    url_ = base.substr(0, slash + 1) + name_ + "?" + params + (params.empty() ? "" : "&") +
           "options=-csearch_path%3D" + schema;
  }
  ~ScratchPgDatabase() {
    try {
      soci::session admin(soci::postgresql, std::getenv("GONGKAI_TEST_PG"));
      admin << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
    } catch (...) {
      // The cluster is thrown away after the run anyway.
    }
  }
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

// Every table of the database (listed from the catalog) as sorted row texts.
std::map<std::string, std::vector<std::string>> ReadAllTables(const std::string& url) {
  std::map<std::string, std::vector<std::string>> tables;
  auto store = SociStore::Open(url, SchemaPolicy::kRequireCurrent);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return tables;
  soci::session& sql = (*store)->session();
  std::vector<std::string> names;
  if ((*store)->backend() == Backend::kSqlite) {
    soci::rowset<std::string> rs = sql.prepare
                                   << "SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%' ORDER BY name";
    names.assign(rs.begin(), rs.end());
  } else {
    soci::rowset<std::string> rs =
        sql.prepare << "SELECT table_name FROM information_schema.tables WHERE "
                       "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                       "ORDER BY table_name";
    names.assign(rs.begin(), rs.end());
  }
  for (const std::string& table : names) {
    std::string select;
    if ((*store)->backend() == Backend::kSqlite) {
      soci::rowset<std::string> cols =
          sql.prepare << "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid";
      std::string row;
      for (const std::string& col : cols) {
        row += (row.empty() ? "" : " || '|' || ") + std::string("quote(\"") + col + "\")";
      }
      select = "SELECT " + row + " FROM \"" + table + "\"";
    } else {
      select = "SELECT t::text FROM \"" + table + "\" t";
    }
    soci::rowset<std::string> rs = sql.prepare << select;
    std::vector<std::string>& rows = tables[table];
    rows.assign(rs.begin(), rs.end());
    std::sort(rows.begin(), rows.end());
  }
  return tables;
}

int64_t Rows(const std::map<std::string, std::vector<std::string>>& tables,
             const std::string& name) {
  auto it = tables.find(name);
  return it == tables.end() ? -1 : static_cast<int64_t>(it->second.size());
}

class BackupTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    source_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (source_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << source_->skip_reason();
      GTEST_SKIP() << source_->skip_reason();
    }
    dir_ = fs::temp_directory_path() / Unique("gongkai_backup");
    fs::create_directories(dir_);
    auto opened = SociStore::Open(source_->url(), SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ASSERT_TRUE(ImportBundledCalendar(**opened, {"test", kClock.NowUtc()}).ok());
    demo::DemoOptions options;
    options.seed = 3;
    options.today = kClock.Today();
    options.first_year = 2025;
    options.scale_percent = 10;
    auto generated = demo::GenerateDemo(**opened, kClock, options);
    ASSERT_TRUE(generated.ok()) << generated.status().ToString();
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  bool postgres() const { return GetParam() == "postgres"; }

  // A fresh, empty database that a backup of the source restores into.
  std::string FreshTarget() {
    if (!postgres()) return "sqlite:" + (dir_ / Unique("restored")).string() + ".db";
    std::string url = source_->url();
    std::string schema = url.substr(url.find("csearch_path%3D") + 15);
    scratch_.push_back(std::make_unique<ScratchPgDatabase>(schema));
    return scratch_.back()->url();
  }

  std::string BackupPath() const { return (dir_ / "gongkai.backup").string(); }

  std::unique_ptr<gongkai::testing::TestDatabase> source_;
  std::vector<std::unique_ptr<ScratchPgDatabase>> scratch_;
  fs::path dir_;
};

TEST_P(BackupTest, RoundTripKeepsEveryRowOfEveryTable) {
  auto backup = BackupDatabase(source_->url(), BackupPath());
  ASSERT_TRUE(backup.ok()) << backup.status().ToString();
  EXPECT_GT(backup->bytes, 0);
  Backend backend = postgres() ? Backend::kPostgres : Backend::kSqlite;
  EXPECT_EQ(backup->schema_version, store::LatestSchemaVersion(backend));
  EXPECT_FALSE(fs::exists(BackupPath() + ".tmp"));

  std::string target = FreshTarget();
  auto restored = RestoreDatabase(BackupPath(), target, RestoreOptions{});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->schema_version, store::LatestSchemaVersion(backend));
  EXPECT_TRUE(restored->applied_migrations.empty());

  auto before = ReadAllTables(source_->url());
  auto after = ReadAllTables(target);
  EXPECT_GT(before.size(), 10u);
  EXPECT_GT(Rows(before, "items"), 1000);
  EXPECT_GT(Rows(before, "requests"), 10);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.count(table)) << table;
    EXPECT_EQ(rows.size(), after[table].size()) << table;
    EXPECT_TRUE(rows == after[table]) << "rows differ in " << table;
  }
  // The restored database is a working one: its audit chain verifies.
  auto store = SociStore::Open(target, SchemaPolicy::kRequireCurrent);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  core::Status verified = (*store)->Transact([](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto broken, r.audit().Verify());
    EXPECT_FALSE(broken.has_value());
    return core::Status::Ok();
  });
  EXPECT_TRUE(verified.ok()) << verified.ToString();
  if (postgres()) {
    // The RUM search index (migration 0019, an extension's access method that a
    // per-schema dump does not carry) comes back wherever the source had it.
    auto rum_index = [](const std::string& url) {
      auto st = SociStore::Open(url, SchemaPolicy::kRequireCurrent);
      EXPECT_TRUE(st.ok()) << st.status().ToString();
      int n = 0;
      if (st.ok()) {
        (*st)->session() << "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'item_search_rum' "
                            "AND schemaname = current_schema()",
            soci::into(n);
      }
      return n;
    };
    EXPECT_EQ(rum_index(target), rum_index(source_->url()));
  }
}

TEST_P(BackupTest, RestoreRefusesANonEmptyTargetUnlessForced) {
  ASSERT_TRUE(BackupDatabase(source_->url(), BackupPath()).ok());
  auto before = ReadAllTables(source_->url());
  auto refused = RestoreDatabase(BackupPath(), source_->url(), RestoreOptions{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("--force"), std::string::npos);

  // Change the source, then force the backup back over it: the change is gone.
  {
    auto store = SociStore::Open(source_->url(), SchemaPolicy::kRequireCurrent);
    ASSERT_TRUE(store.ok());
    (*store)->session() << "DELETE FROM item_events";
  }
  RestoreOptions force;
  force.force = true;
  auto forced = RestoreDatabase(BackupPath(), source_->url(), force);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_TRUE(ReadAllTables(source_->url()) == before);
}

TEST_P(BackupTest, RefusesToOverwriteABackupAndReportsMissingInput) {
  { std::ofstream(BackupPath()) << "older backup"; }
  auto exists = BackupDatabase(source_->url(), BackupPath());
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.status().code(), core::ErrorCode::kAlreadyExists);

  auto missing = RestoreDatabase((dir_ / "none.backup").string(), FreshTarget(), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), core::ErrorCode::kNotFound);

  // Not a backup at all: refused before the target is touched.
  auto garbage = RestoreDatabase(BackupPath(), FreshTarget(), {});
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().code(), core::ErrorCode::kOk);
}

TEST_P(BackupTest, BackupWhileAnotherConnectionWritesIsConsistent) {
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto store = SociStore::Open(source_->url(), SchemaPolicy::kRequireCurrent);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    core::ChangeContext ctx{"test:writer", "2026-03-01T02:00:00Z"};
    for (int i = 0; !stop && i < 10000; ++i) {
      core::Status s = (*store)->Transact([&](core::Repositories& r) -> core::Status {
        core::Org org;
        org.code = "BK" + std::to_string(i);
        org.name = "备份测试局" + std::to_string(i);
        org.kind = core::OrgKind::kDepartment;
        return core::CreateOrg(r, ctx, org, "QXS").status();
      });
      ASSERT_TRUE(s.ok()) << s.ToString();
      ++written;
    }
  });
  while (written < 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto backup = BackupDatabase(source_->url(), BackupPath());
  int during = written;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stop = true;
  writer.join();
  ASSERT_TRUE(backup.ok()) << backup.status().ToString();

  std::string target = FreshTarget();
  auto restored = RestoreDatabase(BackupPath(), target, {});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  auto store = SociStore::Open(target, SchemaPolicy::kRequireCurrent);
  ASSERT_TRUE(store.ok());
  int orgs = 0, events = 0;
  (*store)->session() << "SELECT COUNT(*) FROM orgs WHERE code LIKE 'BK%'", soci::into(orgs);
  (*store)->session() << "SELECT COUNT(*) FROM audit_events WHERE actor = 'test:writer'",
      soci::into(events);
  // Each org and its audit event were one transaction: a snapshot holds both or neither.
  EXPECT_GE(orgs, 5);
  EXPECT_LE(orgs, during + 1);
  EXPECT_EQ(orgs, events);
  core::Status verified = (*store)->Transact([](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto broken, r.audit().Verify());
    EXPECT_FALSE(broken.has_value());
    return core::Status::Ok();
  });
  EXPECT_TRUE(verified.ok()) << verified.ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::app
