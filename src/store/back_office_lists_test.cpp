// The back office's paged lists (issue 21) on both SQL backends and on the FakeStore, which
// must agree: the requests queue (open first by due date, undated after them, closed newest
// first; filters; paging; total) and the items search (title, 索引号, 文号 as literal
// substrings; body, 栏目, year, state and validity filters; newest first; paging).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "core/fake_store.hpp"
#include "core/org_service.hpp"
#include "store/internal/item_workflow_sql.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

using core::Date;

Date D(const char* iso) { return Date::Parse(iso).value(); }

class BackOfficeListsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "fake") {
      fake_ = std::make_unique<core::FakeStore>();
      store_ = fake_.get();
    } else {
      db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
      if (db_->url().empty()) {
        if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
        GTEST_SKIP() << db_->skip_reason();
      }
      auto opened = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      soci_ = std::move(opened).value();
      store_ = soci_.get();
    }
    Tx([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_ASSIGN_OR_RETURN(root, core::CreateOrg(r, ctx_, root, ""));
      a_ = root.id;
      core::Org dept;
      dept.code = "QXS-JYJ";
      dept.name = "青溪市教育局";
      dept.kind = core::OrgKind::kDepartment;
      GONGKAI_ASSIGN_OR_RETURN(dept, core::CreateOrg(r, ctx_, dept, "QXS"));
      b_ = dept.id;
      return core::Status::Ok();
    });
  }

  void Tx(const std::function<core::Status(core::Repositories&)>& work) {
    core::Status status = store_->Transact(work);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  core::Id AddRequest(core::Id org, int year, int serial, const char* received,
                      std::optional<Date> due, core::RequestState state) {
    core::Request r;
    r.org_id = org;
    r.year = year;
    r.serial = serial;
    r.tracking_no = std::to_string(year) + "-" + std::to_string(serial);
    r.lookup_code_hash = "h";
    r.description = "x";
    r.submitted_on = r.received_on = D(received);
    r.due_on = due;
    r.state = state;
    if (state == core::RequestState::kAnswered) r.closed_on = D(received);
    core::Id id = 0;
    Tx([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(id, repos.requests().Insert(r));
      return core::Status::Ok();
    });
    return id;
  }

  core::Id AddItem(core::Id org, const std::string& title, const char* formed,
                   core::ItemState state, std::optional<std::string> index_no = std::nullopt,
                   const std::string& doc_no = "", const std::string& category = "通知公告",
                   core::Validity validity = core::Validity::kValid) {
    core::Item it;
    it.org_id = org;
    it.title = title;
    it.publisher = "青溪市人民政府";
    it.formed_on = D(formed);
    it.state = state;
    it.index_no = index_no;
    it.doc_no = doc_no;
    it.category = category;
    it.disclosure_mode = "主动公开";
    it.validity = validity;
    if (validity != core::Validity::kValid) it.validity_changed_on = D(formed);
    if (state == core::ItemState::kPublished) {
      it.published_on = D(formed);
      it.channels = {{core::Channel::kWebsite, D(formed)}};
    }
    it.author = "editor";
    core::Id id = 0;
    Tx([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(id, repos.items().Insert(it));
      return core::Status::Ok();
    });
    return id;
  }

  core::RequestQueuePage Queue(core::RequestQueueQuery q) {
    core::RequestQueuePage page;
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(page, r.requests().FindQueue(q));
      return core::Status::Ok();
    });
    return page;
  }

  core::ItemPage Search(core::ItemSearch q) {
    core::ItemPage page;
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(page, r.items().Search(q));
      return core::Status::Ok();
    });
    return page;
  }

  static std::vector<core::Id> Ids(const std::vector<core::Request>& rows) {
    std::vector<core::Id> out;
    for (const auto& r : rows) out.push_back(r.id);
    return out;
  }
  static std::vector<core::Id> Ids(const std::vector<core::Item>& rows) {
    std::vector<core::Id> out;
    for (const auto& r : rows) out.push_back(r.id);
    return out;
  }

  core::ChangeContext ctx_{"test", "2026-12-01T00:00:00Z"};
  core::Id a_ = 0, b_ = 0;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> soci_;
  std::unique_ptr<core::FakeStore> fake_;
  core::Store* store_ = nullptr;
};

TEST_P(BackOfficeListsTest, QueueOpenFirstByDueDateAcrossBodiesAndYears) {
  using S = core::RequestState;
  core::Id closed_old = AddRequest(a_, 2025, 1, "2025-03-01", D("2025-03-29"), S::kAnswered);
  core::Id late_last_year = AddRequest(b_, 2025, 1, "2025-11-20", D("2025-12-18"), S::kInProgress);
  core::Id undated = AddRequest(a_, 2026, 1, "2026-11-02", std::nullopt, S::kCorrectionRequested);
  core::Id due_later = AddRequest(a_, 2026, 2, "2026-11-20", D("2026-12-18"), S::kReceived);
  core::Id due_soon = AddRequest(b_, 2026, 1, "2026-11-05", D("2026-12-03"), S::kInProgress);
  core::Id closed_new = AddRequest(b_, 2026, 2, "2026-11-10", D("2026-12-08"), S::kAnswered);

  core::RequestQueuePage all = Queue({});
  EXPECT_EQ(all.total, 6);
  EXPECT_EQ(Ids(all.requests), (std::vector<core::Id>{late_last_year, due_soon, due_later, undated,
                                                      closed_new, closed_old}));
  // One body; the open ones only; paging keeps the order and the total.
  core::RequestQueueQuery q;
  q.org_ids = {b_};
  EXPECT_EQ(Ids(Queue(q).requests), (std::vector<core::Id>{late_last_year, due_soon, closed_new}));
  q = {};
  q.states = {S::kReceived, S::kCorrectionRequested, S::kInProgress};
  q.limit = 2;
  q.offset = 2;
  core::RequestQueuePage second = Queue(q);
  EXPECT_EQ(second.total, 4);
  EXPECT_EQ(Ids(second.requests), (std::vector<core::Id>{due_later, undated}));
}

TEST_P(BackOfficeListsTest, ItemSearchMatchesTitleIndexNoAndDocNoLiterally) {
  using S = core::ItemState;
  core::Id notice = AddItem(a_, "关于森林防火的通知", "2026-03-01", S::kPublished, "QXS/2026-00001",
                            "青政发〔2026〕1号");
  core::Id repealed =
      AddItem(b_, "教育收费管理办法", "2018-05-01", S::kPublished, "QXS-JYJ/2018-00007",
              "青教发〔2018〕7号", "法律法规规范性文件", core::Validity::kRepealed);
  core::Id draft = AddItem(b_, "100%_完成率通报", "2026-06-01", S::kDraft);
  core::Id other = AddItem(a_, "工作动态", "2026-07-01", S::kPublished, "QXS/2026-00002");

  core::ItemSearch q;
  EXPECT_EQ(Search(q).total, 4);
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{other, draft, repealed, notice}));
  q.text = "森林防火";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{notice}));
  q.text = "2018-00007";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{repealed}));
  q.text = "〔2018〕7号";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{repealed}));
  // LIKE's wildcards are matched as themselves.
  q.text = "%_";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{draft}));
  q.text = "_";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{draft}));
  q = {};
  q.validity = core::Validity::kRepealed;
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{repealed}));
  q = {};
  q.org_ids = {a_};
  q.formed_year = 2026;
  q.states = {S::kPublished};
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{other, notice}));
  q = {};
  q.category = "法律法规规范性文件";
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{repealed}));
  q = {};
  q.limit = 1;
  q.offset = 1;
  core::ItemPage page = Search(q);
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(Ids(page.items), (std::vector<core::Id>{draft}));
  EXPECT_TRUE(page.items[0].body_md.empty());
}

// The workflow queues (the reviewer's, the editor's "returned" and "approved") read the
// partial index items_workflow (migration 0018): same rows, in the same order, as without
// it — a state mix across the workflow and published items must not leak or drop rows.
TEST_P(BackOfficeListsTest, WorkflowQueuesReadOnlyTheirStates) {
  using S = core::ItemState;
  core::Id sub_a = AddItem(a_, "待审一", "2026-02-01", S::kSubmitted);
  AddItem(a_, "已发布", "2026-02-02", S::kPublished, "QXS/2026-00021");
  core::Id rej_b = AddItem(b_, "退回", "2026-02-03", S::kRejected);
  core::Id sub_b = AddItem(b_, "待审二", "2026-02-04", S::kSubmitted);
  core::Id app_a = AddItem(a_, "待发布", "2026-02-05", S::kApproved);
  AddItem(a_, "已撤下", "2026-02-06", S::kWithdrawn, "QXS/2026-00022");
  core::ItemSearch q;
  q.states = {S::kSubmitted};
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{sub_b, sub_a}));
  EXPECT_EQ(Search(q).total, 2);
  q.org_ids = {b_};
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{sub_b}));
  q = {};
  q.states = {S::kRejected, S::kApproved};
  EXPECT_EQ(Ids(Search(q).items), (std::vector<core::Id>{app_a, rej_b}));
  // A filter that includes published items still sees every state it names.
  q.states = {S::kApproved, S::kPublished};
  EXPECT_EQ(Search(q).total, 2);
  std::vector<core::Item> found;
  Tx([&](core::Repositories& r) -> core::Status {
    core::ItemQuery fq;
    fq.org_ids = {a_, b_};
    fq.states = {S::kDraft, S::kSubmitted, S::kApproved, S::kRejected};
    fq.with_body = false;
    GONGKAI_ASSIGN_OR_RETURN(found, r.items().Find(fq));
    return core::Status::Ok();
  });
  EXPECT_EQ(Ids(found), (std::vector<core::Id>{sub_a, rej_b, sub_b, app_a}));  // by id
}

// The queries' copy of the index condition names exactly the workflow states, and is the
// text the migration wrote (SQLite keeps it verbatim; PostgreSQL rewrites it as = ANY):
// if either drifts, the queues silently go back to scanning every item.
TEST_P(BackOfficeListsTest, WorkflowIndexConditionIsTheMigrationsAndNamesTheWorkflowStates) {
  using S = core::ItemState;
  std::string expected;
  for (S s : {S::kDraft, S::kSubmitted, S::kApproved, S::kRejected, S::kPublished, S::kWithdrawn}) {
    if (!core::IsInWorkflow(s)) continue;
    expected += (expected.empty() ? "'" : ", '") + std::string(core::ItemStateCode(s)) + "'";
  }
  EXPECT_EQ(std::string(kItemsInWorkflow), "state IN (" + expected + ")");
  EXPECT_EQ(WorkflowIndexTerm({S::kSubmitted, S::kRejected}), kItemsInWorkflow);
  EXPECT_EQ(WorkflowIndexTerm({S::kApproved, S::kPublished}), "");
  EXPECT_EQ(WorkflowIndexTerm({}), "");
  if (GetParam() != "sqlite") return;
  std::string sql;
  soci_->session() << "SELECT sql FROM sqlite_master WHERE name = 'items_workflow'",
      soci::into(sql);
  EXPECT_EQ(sql, std::string("CREATE INDEX items_workflow ON items(id) WHERE ") + kItemsInWorkflow);
}

TEST_P(BackOfficeListsTest, CategoryStatsAggregatePublishedItemsPerColumn) {
  using S = core::ItemState;
  AddItem(a_, "一", "2026-01-10", S::kPublished, "QXS/2026-00011");
  AddItem(a_, "二", "2026-05-10", S::kPublished, "QXS/2026-00012");
  AddItem(a_, "三", "2025-02-10", S::kPublished, "QXS/2025-00013", "", "工作动态");
  AddItem(a_, "草稿不计", "2026-06-10", S::kDraft);
  AddItem(b_, "另一机构", "2026-06-10", S::kPublished, "QXS-JYJ/2026-00001");
  std::vector<core::CategoryStat> stats;
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(stats,
                             r.items().CategoryStats({a_}, D("2026-02-01"), D("2026-12-31")));
    return core::Status::Ok();
  });
  std::sort(stats.begin(), stats.end(),
            [](const auto& x, const auto& y) { return x.category < y.category; });
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].category, "工作动态");
  EXPECT_EQ(stats[0].total, 1);
  EXPECT_EQ(stats[0].since_count, 0);
  EXPECT_EQ(stats[0].last_published, D("2025-02-10"));
  EXPECT_EQ(stats[1].category, "通知公告");
  EXPECT_EQ(stats[1].total, 2);
  EXPECT_EQ(stats[1].since_count, 1);
  EXPECT_EQ(stats[1].last_published, D("2026-05-10"));
  // Items published this year, counted without loading them.
  core::ItemSearch q;
  q.published_from = D("2026-01-01");
  q.published_to = D("2026-12-31");
  q.limit = 1;
  EXPECT_EQ(Search(q).total, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, BackOfficeListsTest,
                         ::testing::Values("sqlite", "postgres", "fake"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
