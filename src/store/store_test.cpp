// The store suite: every test runs against SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/org_service.hpp"
#include "store/migrations.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

using core::Date;

Date D(const char* iso) { return Date::Parse(iso).value(); }

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  // Runs `work` in a transaction and expects it to succeed.
  void Tx(const std::function<core::Status(core::Repositories&)>& work) {
    core::Status status = store_->Transact(work);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  core::Org MakeOrg(const std::string& code, std::optional<core::Id> parent = std::nullopt) {
    core::Org org;
    org.code = code;
    org.name = "青溪市" + code + "局";
    org.kind = core::OrgKind::kDepartment;
    org.parent_id = parent;
    return org;
  }

  core::Id AddOrg(const std::string& code) {
    core::Id id = 0;
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(id, r.orgs().Insert(MakeOrg(code)));
      return core::Status::Ok();
    });
    return id;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
};

TEST_P(StoreTest, MigratesFromEmptyOnceOnly) {
  EXPECT_EQ(store_->schema_version(), LatestSchemaVersion(store_->backend()));
  EXPECT_FALSE(store_->applied_migrations().empty());
  store_.reset();
  auto again = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE((*again)->applied_migrations().empty());
}

TEST_P(StoreTest, MigratesFromThePreviousVersionKeepingData) {
  // Roll the fresh database back to "only version 1" by starting over in a new database.
  gongkai::testing::TestDatabase old_db(GetParam());
  {
    auto url = ParseDbUrl(old_db.url()).value();
    soci::session sql;
    if (url.backend == Backend::kSqlite) {
      sql.open("sqlite3", "db=" + url.target);
    } else {
      sql.open("postgresql", url.target);
    }
    auto applied = Migrate(sql, url.backend, 1);
    ASSERT_TRUE(applied.ok());
    ASSERT_EQ(applied->size(), 1u);
    sql << "INSERT INTO orgs (code, name, kind) VALUES ('OLD', '旧机构', 'government')";
  }
  auto reopened = SociStore::Open(old_db.url(), SchemaPolicy::kRequireCurrent);
  EXPECT_EQ(reopened.status().code(), core::ErrorCode::kFailedPrecondition);
  auto upgraded = SociStore::Open(old_db.url(), SchemaPolicy::kMigrate);
  ASSERT_TRUE(upgraded.ok()) << upgraded.status().ToString();
  EXPECT_GE((*upgraded)->applied_migrations().size(), 1u);
  core::Status s = (*upgraded)->Transact([](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto org, r.orgs().FindByCode("OLD"));
    EXPECT_TRUE(org.has_value());
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(StoreTest, AppliesAMissingLowerNumberedMigration) {
  // As if migration 2 had been merged after the database reached a higher version.
  store_->session() << "DROP TABLE sessions";
  store_->session() << "DROP TABLE submissions";
  store_->session() << "DELETE FROM schema_migrations WHERE version = 2";
  store_.reset();
  EXPECT_EQ(SociStore::Open(db_->url(), SchemaPolicy::kRequireCurrent).status().code(),
            core::ErrorCode::kFailedPrecondition);
  auto migrated = SociStore::Open(db_->url(), SchemaPolicy::kMigrate);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ((*migrated)->applied_migrations(), std::vector<int>{2});
}

TEST_P(StoreTest, RefusesADatabaseNewerThanTheBinary) {
  store_->session() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                       "(9999, 'future', '2030-01-01T00:00:00Z')";
  store_.reset();
  for (auto policy : {SchemaPolicy::kRequireCurrent, SchemaPolicy::kMigrate}) {
    auto opened = SociStore::Open(db_->url(), policy);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), core::ErrorCode::kFailedPrecondition);
    EXPECT_NE(opened.status().message().find("9999"), std::string::npos);
  }
}

TEST_P(StoreTest, OrgRoundTripWithReadingPoints) {
  core::Org root = MakeOrg("QXS");
  root.kind = core::OrgKind::kGovernment;
  root.acceptance_address = "青溪市政务服务中心一楼";
  root.acceptance_hours = "工作日 9:00–17:00";
  root.acceptance_phone = "0730-0000000";
  root.reading_points = {{"市档案馆", "文昌路1号", "工作日"}, {"市图书馆", "江滨路2号", "每日"}};
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(root.id, r.orgs().Insert(root));
    core::Org child = MakeOrg("QXS-FGW", root.id);
    GONGKAI_ASSIGN_OR_RETURN(child.id, r.orgs().Insert(child));
    GONGKAI_ASSIGN_OR_RETURN(core::Org back, r.orgs().Get(root.id));
    EXPECT_EQ(back, root);
    GONGKAI_ASSIGN_OR_RETURN(auto found, r.orgs().FindByCode("QXS-FGW"));
    EXPECT_TRUE(found && *found == child);
    root.name = "青溪市人民政府";
    root.reading_points.pop_back();
    GONGKAI_RETURN_IF_ERROR(r.orgs().Update(root));
    GONGKAI_ASSIGN_OR_RETURN(back, r.orgs().Get(root.id));
    EXPECT_EQ(back, root);
    GONGKAI_ASSIGN_OR_RETURN(auto all, r.orgs().List());
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(r.orgs().Get(999999).status().code(), core::ErrorCode::kNotFound);
    EXPECT_EQ(r.orgs().Insert(MakeOrg("QXS")).status().code(), core::ErrorCode::kAlreadyExists);
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, YearFactsAdminStatsAndMeetingsRoundTrip) {
  core::Id org = AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    core::OrgYearFacts facts{org, 2017, 79, 2, 77, 180000};
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutYearFacts(facts));
    facts.staff_part_time = 83;  // Put replaces
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutYearFacts(facts));
    GONGKAI_ASSIGN_OR_RETURN(auto back, r.orgs().GetYearFacts(org, 2017));
    EXPECT_TRUE(back && *back == facts);
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.orgs().GetYearFacts(org, 2018));
    EXPECT_FALSE(none.has_value());

    core::AdminStats stats{org, 2023, 1200, 340, 12, 96171600};
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats(stats));
    GONGKAI_ASSIGN_OR_RETURN(auto stats_back, r.orgs().GetAdminStats(org, 2023));
    EXPECT_TRUE(stats_back && *stats_back == stats);

    core::Meeting m{
        0, org, core::MeetingCategory::kTraining, "业务培训", "政府信息公开培训班", D("2017-06-15"),
        75};
    GONGKAI_ASSIGN_OR_RETURN(m.id, r.orgs().InsertMeeting(m));
    core::Meeting other = m;
    other.held_on = D("2018-01-02");
    GONGKAI_RETURN_IF_ERROR(r.orgs().InsertMeeting(other).status());
    GONGKAI_ASSIGN_OR_RETURN(auto meetings, r.orgs().ListMeetings(org, 2017));
    EXPECT_EQ(meetings, std::vector<core::Meeting>{m});
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, UsersAndGrantsRoundTripAndRevokeKeepsHistory) {
  core::Id org = AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    core::User u{0, "zhang.san", "张三", "$argon2id$fake", true, false, "2026-11-27T10:00:00Z"};
    GONGKAI_ASSIGN_OR_RETURN(u.id, r.users().Insert(u));
    GONGKAI_ASSIGN_OR_RETURN(auto back, r.users().FindByUsername("zhang.san"));
    EXPECT_TRUE(back && *back == u);
    EXPECT_EQ(r.users().Insert(u).status().code(), core::ErrorCode::kAlreadyExists);
    u.disabled = true;
    GONGKAI_RETURN_IF_ERROR(r.users().Update(u));
    core::RoleGrant g{0, u.id, org, core::Role::kReviewer, "2026-11-27T10:00:00Z", std::nullopt};
    GONGKAI_ASSIGN_OR_RETURN(g.id, r.users().InsertGrant(g));
    GONGKAI_RETURN_IF_ERROR(r.users().RevokeGrant(g.id, "2026-11-28T10:00:00Z"));
    EXPECT_EQ(r.users().RevokeGrant(g.id, "2026-11-29T10:00:00Z").code(),
              core::ErrorCode::kNotFound);
    GONGKAI_ASSIGN_OR_RETURN(auto grants, r.users().ListGrants(u.id));
    g.revoked_at = "2026-11-28T10:00:00Z";
    EXPECT_EQ(grants, std::vector<core::RoleGrant>{g});
    GONGKAI_ASSIGN_OR_RETURN(auto users, r.users().List());
    EXPECT_EQ(users, std::vector<core::User>{u});
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, CalendarYearsRoundTripAndReplace) {
  core::HolidayYear y{2019,
                      {"http://www.gov.cn/a", "http://www.gov.cn/b"},
                      {D("2018-12-30"), D("2018-12-31"), D("2019-01-01")},
                      {D("2018-12-29")}};
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(y));
    y.off_days.push_back(D("2019-04-05"));
    GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(y));
    GONGKAI_ASSIGN_OR_RETURN(auto years, r.calendar().ListYears());
    EXPECT_EQ(years.size(), 1u);
    if (!years.empty()) {
      EXPECT_EQ(years[0].notices, y.notices);
      EXPECT_EQ(years[0].off_days, y.off_days);
      EXPECT_EQ(years[0].makeup_work_days, y.makeup_work_days);
    }
    return core::Status::Ok();
  });
}

core::Item MakeItem(core::Id org, int n) {
  core::Item it;
  it.org_id = org;
  it.index_no = "QXS/2017-" + std::to_string(10000 + n);
  it.title = "关于做好2017年政府信息公开工作的通知 " + std::to_string(n);
  it.summary = "概述";
  it.publisher = "青溪市人民政府办公室";
  it.formed_on = D("2017-03-01");
  it.published_on = D("2017-03-03");
  it.doc_no = "青政办发〔2017〕" + std::to_string(n) + "号";
  it.topic = "综合政务";
  it.category = "法定主动公开内容/通知公告";
  it.disclosure_mode = "主动公开";
  it.validity = core::Validity::kRepealed;
  it.validity_changed_on = D("2019-01-01");
  it.is_normative = true;
  it.state = core::ItemState::kPublished;
  it.body_md = "# 标题\n\n正文 *强调*";
  it.channels = {{core::Channel::kGazette, D("2017-03-05")},
                 {core::Channel::kWebsite, D("2017-03-03")}};
  return it;
}

TEST_P(StoreTest, ItemsRoundTripSingleBulkAndUpdate) {
  core::Id org = AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    core::Item a = MakeItem(org, 1);
    GONGKAI_ASSIGN_OR_RETURN(a.id, r.items().Insert(a));
    GONGKAI_ASSIGN_OR_RETURN(core::Item back, r.items().Get(a.id));
    EXPECT_EQ(back, a);
    EXPECT_EQ(r.items().Insert(a).status().code(), core::ErrorCode::kAlreadyExists);

    std::vector<core::Item> bulk;
    for (int i = 2; i < 52; ++i) bulk.push_back(MakeItem(org, i));
    bulk[3].index_no.reset();
    bulk[3].published_on.reset();
    bulk[3].state = core::ItemState::kDraft;
    bulk[3].channels.clear();
    GONGKAI_RETURN_IF_ERROR(r.items().InsertMany(bulk));
    EXPECT_GT(bulk[0].id, a.id);
    GONGKAI_ASSIGN_OR_RETURN(back, r.items().Get(bulk[3].id));
    EXPECT_EQ(back, bulk[3]);
    GONGKAI_ASSIGN_OR_RETURN(auto by_index, r.items().FindByIndexNo(*bulk[10].index_no));
    EXPECT_TRUE(by_index && *by_index == bulk[10]);
    GONGKAI_ASSIGN_OR_RETURN(auto count, r.items().Count());
    EXPECT_EQ(count, 51);
    GONGKAI_ASSIGN_OR_RETURN(auto newest, r.items().ListByOrg(org, 5));
    EXPECT_EQ(newest.size(), 5u);
    EXPECT_EQ(newest.front().id, bulk.back().id);

    a.title = "已修改";
    a.channels = {{core::Channel::kWeibo, D("2017-03-04")}};
    a.validity = core::Validity::kValid;
    a.validity_changed_on.reset();
    GONGKAI_RETURN_IF_ERROR(r.items().Update(a));
    GONGKAI_ASSIGN_OR_RETURN(back, r.items().Get(a.id));
    EXPECT_EQ(back, a);

    core::Response resp{
        0,    org, core::ResponseKind::kPressConference, D("2017-05-01"), "城区拆迁政策", "拆迁",
        true, a.id};
    GONGKAI_ASSIGN_OR_RETURN(resp.id, r.items().InsertResponse(resp));
    GONGKAI_ASSIGN_OR_RETURN(auto responses, r.items().ListResponses(org, 2017));
    EXPECT_EQ(responses, std::vector<core::Response>{resp});
    return core::Status::Ok();
  });
  // Ids keep growing after a bulk load with explicit ids (PostgreSQL's sequence synced).
  Tx([&](core::Repositories& r) -> core::Status {
    core::Item late = MakeItem(org, 99);
    GONGKAI_ASSIGN_OR_RETURN(late.id, r.items().Insert(late));
    EXPECT_EQ(late.id, 52);
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, RequestsAndEventsRoundTrip) {
  core::Id org = AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    core::Request q;
    q.org_id = org;
    q.year = 2026;
    q.serial = 42;
    q.tracking_no = "2026-0042";
    q.lookup_code_hash = "abc123";
    q.channel = core::RequestChannel::kPost;
    q.applicant_type = core::ApplicantType::kLegalService;
    q.applicant_sealed = "c2VhbGVk";
    q.description = "2025年度城区道路维修资金使用情况";
    q.doc_no = "青财发〔2025〕3号";
    q.delivery_form = "电子邮件";
    q.submitted_on = D("2026-11-20");
    q.received_on = D("2026-11-23");
    q.state = core::RequestState::kAnswered;
    q.outcome = "r3_4";
    q.due_on = D("2026-12-21");
    q.due_provisional = false;
    q.closed_on = D("2026-12-01");
    GONGKAI_ASSIGN_OR_RETURN(q.id, r.requests().Insert(q));
    GONGKAI_ASSIGN_OR_RETURN(core::Request back, r.requests().Get(q.id));
    EXPECT_EQ(back, q);
    EXPECT_EQ(r.requests().Insert(q).status().code(), core::ErrorCode::kAlreadyExists);
    GONGKAI_ASSIGN_OR_RETURN(int max_serial, r.requests().MaxSerial(org, 2026));
    EXPECT_EQ(max_serial, 42);
    GONGKAI_ASSIGN_OR_RETURN(max_serial, r.requests().MaxSerial(org, 2025));
    EXPECT_EQ(max_serial, 0);
    q.due_on.reset();
    q.closed_on.reset();
    q.state = core::RequestState::kInProgress;
    q.outcome.clear();
    q.due_provisional = true;
    GONGKAI_RETURN_IF_ERROR(r.requests().Update(q));
    GONGKAI_ASSIGN_OR_RETURN(auto listed, r.requests().ListByOrgYear(org, 2026));
    EXPECT_EQ(listed, std::vector<core::Request>{q});
    GONGKAI_ASSIGN_OR_RETURN(listed, r.requests().ListByOrgYear(org, 2025));
    EXPECT_TRUE(listed.empty());

    core::RequestEvent e1{0, q.id, 0, "received", D("2026-11-23"), "cli:test", "收到", "{}"};
    core::RequestEvent e2{0,      q.id,           0, "extended", D("2026-12-10"), "cli:test",
                          "延期", "{\"days\":20}"};
    GONGKAI_ASSIGN_OR_RETURN(e1.id, r.requests().AppendEvent(e1));
    GONGKAI_ASSIGN_OR_RETURN(e2.id, r.requests().AppendEvent(e2));
    e1.seq = 1;
    e2.seq = 2;
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.requests().ListEvents(q.id));
    EXPECT_EQ(events, (std::vector<core::RequestEvent>{e1, e2}));
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, ConsultationsComplaintsAndLegalCasesRoundTrip) {
  core::Id org = AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    std::vector<core::Consultation> cs = {
        {0, org, core::ConsultChannel::kOnSite, D("2017-02-01"), "户籍", true, ""},
        {0, org, core::ConsultChannel::kPhone, D("2017-12-31"), "婚姻登记", false, "c2VhbGVk"},
        {0, org, core::ConsultChannel::kOnline, D("2018-01-01"), "公共交通", true, ""}};
    GONGKAI_RETURN_IF_ERROR(r.cases().InsertConsultations(cs));
    GONGKAI_ASSIGN_OR_RETURN(auto cs_back, r.cases().ListConsultations(org, 2017));
    EXPECT_EQ(cs_back, (std::vector<core::Consultation>{cs[0], cs[1]}));

    std::vector<core::Complaint> ps = {
        {0, org, core::ComplaintChannel::kMayorMailbox, D("2017-04-01"), "噪音", D("2017-04-03"),
         "c2VhbGVk"},
        {0, org, core::ComplaintChannel::kHotline12345, D("2017-04-02"), "路灯", std::nullopt, ""}};
    GONGKAI_RETURN_IF_ERROR(r.cases().InsertComplaints(ps));
    GONGKAI_ASSIGN_OR_RETURN(auto ps_back, r.cases().ListComplaints(org, 2017));
    EXPECT_EQ(ps_back, ps);
    GONGKAI_RETURN_IF_ERROR(r.cases().SetComplaintReplied(ps[1].id, D("2017-04-05")));
    ps[1].replied_on = D("2017-04-05");
    GONGKAI_ASSIGN_OR_RETURN(core::Complaint replied, r.cases().GetComplaint(ps[1].id));
    EXPECT_EQ(replied, ps[1]);
    EXPECT_EQ(r.cases().GetComplaint(ps[1].id + 100).status().code(), core::ErrorCode::kNotFound);
    EXPECT_EQ(r.cases().SetComplaintReplied(ps[1].id + 100, std::nullopt).code(),
              core::ErrorCode::kNotFound);

    core::LegalCase lc{0,
                       org,
                       core::CaseKind::kLitigationAfterReview,
                       std::nullopt,
                       D("2017-08-01"),
                       core::CaseResult::kPending,
                       std::nullopt};
    GONGKAI_ASSIGN_OR_RETURN(lc.id, r.cases().InsertLegalCase(lc));
    lc.result = core::CaseResult::kCorrected;
    lc.closed_on = D("2017-11-11");
    GONGKAI_RETURN_IF_ERROR(r.cases().UpdateLegalCase(lc));
    GONGKAI_ASSIGN_OR_RETURN(auto cases, r.cases().ListLegalCases(org, 2017));
    EXPECT_EQ(cases, std::vector<core::LegalCase>{lc});
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, FailedWorkRollsBackEverything) {
  core::Status status = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(r.orgs().Insert(MakeOrg("QXS")).status());
    return core::InvalidArgument("stop here", "x");
  });
  EXPECT_EQ(status.code(), core::ErrorCode::kInvalidArgument);
  status = store_->Transact([&](core::Repositories& r) -> core::Status {
    GONGKAI_RETURN_IF_ERROR(r.orgs().Insert(MakeOrg("QXT")).status());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(status.code(), core::ErrorCode::kInternal);
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto all, r.orgs().List());
    EXPECT_TRUE(all.empty());
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, ServicesWriteAnAuditEventPerChange) {
  core::ChangeContext ctx{"cli:test", "2026-11-27T10:00:00Z"};
  Tx([&](core::Repositories& r) -> core::Status {
    core::Org root = MakeOrg("QXS");
    GONGKAI_ASSIGN_OR_RETURN(root, core::CreateOrg(r, ctx, root, ""));
    EXPECT_EQ(core::CreateOrg(r, ctx, MakeOrg("QXT"), "").status().code(),
              core::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(core::CreateOrg(r, ctx, MakeOrg("QXU"), "NOPE").status().code(),
              core::ErrorCode::kNotFound);
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.audit().ListFor("org", std::to_string(root.id)));
    EXPECT_EQ(events.size(), 1u);
    if (!events.empty()) {
      EXPECT_EQ(events[0].action, "org.create");
      EXPECT_NE(events[0].after_json.find("\"code\":\"QXS\""), std::string::npos);
    }
    return core::Status::Ok();
  });
}

TEST_P(StoreTest, AuditChainDetectsEditedAndDeletedRows) {
  Tx([&](core::Repositories& r) -> core::Status {
    for (int i = 0; i < 5; ++i) {
      core::AuditEvent e;
      e.at = "2026-11-27T10:00:0" + std::to_string(i) + "Z";
      e.actor = "cli:test";
      e.action = "org.create";
      e.entity = "org";
      e.entity_id = std::to_string(i);
      e.after_json = "{\"n\":" + std::to_string(i) + "}";
      GONGKAI_ASSIGN_OR_RETURN(auto appended, r.audit().Append(e));
      EXPECT_EQ(appended.hash.size(), 64u);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto broken, r.audit().Verify());
    EXPECT_FALSE(broken.has_value());
    return core::Status::Ok();
  });
  auto verify = [&] {
    std::optional<core::Id> broken;
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(broken, r.audit().Verify());
      return core::Status::Ok();
    });
    return broken;
  };
  auto& sql = store_->session();
  sql << "UPDATE audit_events SET after_json = '{\"n\":99}' WHERE id = 3";
  EXPECT_EQ(verify(), std::optional<core::Id>(3));
  sql << "UPDATE audit_events SET after_json = '{\"n\":2}' WHERE id = 3";
  EXPECT_EQ(verify(), std::nullopt);
  sql << "DELETE FROM audit_events WHERE id = 5";
  EXPECT_EQ(verify(), std::optional<core::Id>(5));
  sql << "DELETE FROM audit_events WHERE id = 2";
  EXPECT_EQ(verify(), std::optional<core::Id>(3));
}

TEST_P(StoreTest, CountAllNamesEveryTable) {
  AddOrg("QXS");
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto counts, r.CountAll());
    EXPECT_GE(counts.rows.size(), 17u);
    EXPECT_EQ(counts.rows.front(), (std::pair<std::string, int64_t>("orgs", 1)));
    return core::Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(DbUrlTest, ParsesAndRedacts) {
  auto sqlite = ParseDbUrl("sqlite:demo.db");
  ASSERT_TRUE(sqlite.ok());
  EXPECT_EQ(sqlite->backend, Backend::kSqlite);
  EXPECT_EQ(sqlite->target, "demo.db");
  auto pg = ParseDbUrl("postgresql://gk:s3cret@db.example/gongkai");
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(pg->backend, Backend::kPostgres);
  EXPECT_EQ(pg->redacted, "postgresql://gk:***@db.example/gongkai");
  auto bad = ParseDbUrl("mysql://x");
  EXPECT_EQ(bad.status().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "db");
}

TEST(DbUrlTest, UnreachablePostgresIsUnavailableWithoutThePassword) {
  auto opened = SociStore::Open(
      "postgresql://gk:s3cret@/nowhere?host=/nonexistent-socket-dir&connect_timeout=2",
      SchemaPolicy::kMigrate);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), core::ErrorCode::kUnavailable);
  EXPECT_EQ(opened.status().message().find("s3cret"), std::string::npos);
}

TEST(MigrationsTest, SplitsStatementsIgnoringCommentsAndQuotes) {
  auto parts = SplitSqlStatements(
      "-- a; comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\n"
      "INSERT INTO a VALUES ('b;c'); ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NE(parts[0].find("DEFAULT ';'"), std::string::npos);
  EXPECT_NE(parts[1].find("'b;c'"), std::string::npos);
}

TEST(MigrationsTest, KeepsDollarQuotedBodiesWhole) {
  auto parts = SplitSqlStatements(
      "DO $gk$ BEGIN IF true THEN EXECUTE 'SELECT 1'; END IF; END $gk$;\n"
      "DO $$ BEGIN PERFORM 1; END $$;\nSELECT '$x$;';");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_NE(parts[0].find("END IF; END $gk$"), std::string::npos);
  EXPECT_NE(parts[1].find("PERFORM 1; END $$"), std::string::npos);
  EXPECT_NE(parts[2].find("'$x$;'"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::store
