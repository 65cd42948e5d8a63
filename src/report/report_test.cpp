// The report engine against records built here, on SQLite and PostgreSQL: every cell of
// tables 二, 三 and 四 asserted, identities, subtree roll-up, and the checker's verdict.
#include "report/report.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "check/checker.hpp"
#include "core/calendar_service.hpp"
#include "core/report_snapshot.hpp"
#include "report/document.hpp"
#include "report/narrative.hpp"
#include "report/render_json.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::report {
namespace {

using core::ApplicantType;
using core::Date;

Date D(const char* iso) { return Date::Parse(iso).value(); }

class ReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    Seed();
  }

  void Tx(const std::function<core::Status(core::Repositories&)>& work) {
    core::Status s = store_->Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  core::Id AddOrg(core::Repositories& r, const char* code, std::optional<core::Id> parent) {
    core::Org o;
    o.code = code;
    o.name = std::string("测试") + code;
    o.kind = parent ? core::OrgKind::kDepartment : core::OrgKind::kGovernment;
    o.parent_id = parent;
    return r.orgs().Insert(o).value();
  }

  void AddRequest(core::Repositories& r, core::Id org, ApplicantType type, const char* received,
                  const char* closed, const char* outcome,
                  core::RequestState state = core::RequestState::kAnswered) {
    core::Request q;
    q.org_id = org;
    q.received_on = D(received);
    q.submitted_on = q.received_on;
    q.year = q.received_on.year();
    q.serial = ++serial_;
    q.tracking_no = std::to_string(q.year) + "-" + std::to_string(q.serial);
    q.lookup_code_hash = "h";
    q.applicant_type = type;
    q.description = "测试申请";
    if (closed) {
      q.closed_on = D(closed);
      q.state = state;
      q.outcome = outcome ? outcome : "";
    } else {
      q.state = core::RequestState::kInProgress;
    }
    ASSERT_TRUE(r.requests().Insert(q).ok());
  }

  void AddCase(core::Repositories& r, core::Id org, core::CaseKind kind, core::CaseResult result,
               const char* filed, const char* closed) {
    core::LegalCase c{0,
                      org,
                      kind,
                      std::nullopt,
                      D(filed),
                      result,
                      closed ? std::optional<Date>(D(closed)) : std::nullopt};
    ASSERT_TRUE(r.cases().InsertLegalCase(c).ok());
  }

  void AddKindItem(core::Repositories& r, core::Id org, bool regulation, const char* published,
                   core::Validity validity, const char* changed) {
    core::Item it;
    it.org_id = org;
    it.title = "规范性文件";
    it.formed_on = D(published).AddDays(-3);
    it.published_on = D(published);
    it.index_no = "T/" + std::to_string(++serial_);
    it.state = core::ItemState::kPublished;
    it.is_regulation = regulation;
    it.is_normative = !regulation;
    it.validity = validity;
    if (changed) it.validity_changed_on = D(changed);
    it.channels = {{core::Channel::kWebsite, D(published)}};
    ASSERT_TRUE(r.items().Insert(it).ok());
  }

  // Root R with departments A and B; records of 2024 (and around it) in all three.
  void Seed() {
    Tx([&](core::Repositories& r) -> core::Status {
      root_ = AddOrg(r, "R", std::nullopt);
      a_ = AddOrg(r, "R-A", root_);
      b_ = AddOrg(r, "R-B", root_);
      const auto& outcomes = core::OutcomeCodes();
      // One request per outcome, applicant types in turn, spread over the three bodies.
      for (size_t i = 0; i < outcomes.size(); ++i) {
        core::Id org = i % 3 == 0 ? root_ : i % 3 == 1 ? a_ : b_;
        AddRequest(r, org, core::kAllApplicantTypes[i % 6], "2024-03-01", "2024-04-01",
                   outcomes[i].c_str());
      }
      AddRequest(r, a_, ApplicantType::kNaturalPerson, "2023-12-20", "2024-01-10", "r1_open");
      AddRequest(r, a_, ApplicantType::kBusiness, "2023-12-25", nullptr, nullptr);
      AddRequest(r, b_, ApplicantType::kResearch, "2024-12-20", nullptr, nullptr);
      AddRequest(r, b_, ApplicantType::kResearch, "2024-12-01", "2025-01-03", "r1_open");
      AddRequest(r, root_, ApplicantType::kLegalService, "2024-05-06", "2024-05-30", nullptr,
                 core::RequestState::kAbandoned);
      // Outside the year: closed before it began, received after it ended.
      AddRequest(r, root_, ApplicantType::kNaturalPerson, "2023-03-01", "2023-04-01", "r1_open");
      AddRequest(r, root_, ApplicantType::kNaturalPerson, "2025-01-05", nullptr, nullptr);

      using core::CaseKind;
      using core::CaseResult;
      AddCase(r, root_, CaseKind::kReview, CaseResult::kMaintained, "2024-02-01", "2024-04-01");
      AddCase(r, a_, CaseKind::kReview, CaseResult::kCorrected, "2024-02-01", "2024-04-01");
      AddCase(r, b_, CaseKind::kReview, CaseResult::kOther, "2024-02-01", "2024-04-01");
      AddCase(r, b_, CaseKind::kReview, CaseResult::kPending, "2024-11-01", nullptr);
      AddCase(r, a_, CaseKind::kLitigationDirect, CaseResult::kMaintained, "2024-03-01",
              "2024-09-01");
      // Decided only after 31 December: still pending in the 2024 report.
      AddCase(r, a_, CaseKind::kLitigationDirect, CaseResult::kCorrected, "2024-06-01",
              "2025-02-01");
      AddCase(r, root_, CaseKind::kLitigationAfterReview, CaseResult::kOther, "2024-05-01",
              "2024-10-01");
      AddCase(r, root_, CaseKind::kReview, CaseResult::kMaintained, "2023-05-01", "2023-08-01");

      using core::Validity;
      AddKindItem(r, root_, true, "2024-02-01", Validity::kValid, nullptr);
      AddKindItem(r, a_, false, "2023-06-01", Validity::kRepealed, "2024-07-01");
      AddKindItem(r, a_, false, "2024-03-01", Validity::kExpired, "2024-06-01");
      AddKindItem(r, b_, false, "2022-01-10", Validity::kValid, nullptr);
      AddKindItem(r, b_, false, "2024-12-30", Validity::kRepealed, "2025-03-01");

      GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats({a_, 2024, 10, 5, 1, 123456}));
      // 信息处理费: one paid in 2024 (counted), one waived, one paid only in 2025.
      GONGKAI_ASSIGN_OR_RETURN(auto a_requests, r.requests().ListByOrgYear(a_, 2024));
      int64_t amount = 100;
      for (core::FeeStatus status :
           {core::FeeStatus::kPaid, core::FeeStatus::kWaived, core::FeeStatus::kPaid}) {
        core::RequestFee fee;
        fee.request_id = a_requests.at(static_cast<size_t>(amount / 100 - 1)).id;
        fee.quantity = 12;
        fee.amount_yuan = amount;
        fee.notified_on = D("2024-03-05");
        fee.status = status;
        fee.settled_on = amount == 300 ? D("2025-01-02") : D("2024-03-10");
        GONGKAI_RETURN_IF_ERROR(r.requests().PutFee(fee));
        amount += 100;
      }
      GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats({b_, 2024, 3, 0, 0, 0}));
      GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats({b_, 2023, 99, 99, 99, 99}));
      return core::Status::Ok();
    });
  }

  Report Build(const char* org, int year, std::optional<bool> subtree = std::nullopt) {
    Report out;
    Tx([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(r));
      GONGKAI_ASSIGN_OR_RETURN(out,
                               BuildReport(r, calendar, {org, year, subtree, std::nullopt, {}}));
      return core::Status::Ok();
    });
    return out;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<store::SociStore> store_;
  core::Id root_ = 0, a_ = 0, b_ = 0;
  int serial_ = 0;
};

TEST_P(ReportTest, EveryCellOfThe2021Format) {
  Report rep = Build("", 2024);
  ASSERT_EQ(rep.format, core::ReportFormat::kFormat2021);
  EXPECT_TRUE(rep.subtree);
  EXPECT_EQ(rep.body_count, 3);
  auto cell = [&](const char* t, const char* row, const char* col) {
    return rep.values.Get(t, row, col).value_or(-999);
  };
  // Table 二.
  EXPECT_EQ(cell("table2", "regulations", "made"), 1);
  EXPECT_EQ(cell("table2", "regulations", "repealed"), 0);
  EXPECT_EQ(cell("table2", "regulations", "valid"), 1);
  EXPECT_EQ(cell("table2", "normative_docs", "made"), 2);  // 2024-03-01, 2024-12-30
  // Repealed 2024-07-01 and expired 2024-06-01: both ceased to be in force this year.
  EXPECT_EQ(cell("table2", "normative_docs", "repealed"), 2);
  EXPECT_EQ(cell("table2", "normative_docs", "valid"), 2);  // 2022 one and 2024-12-30 one
  EXPECT_EQ(cell("table2", "licensing", "decisions"), 13);
  EXPECT_EQ(cell("table2", "punishment", "decisions"), 5);
  EXPECT_EQ(cell("table2", "coercion", "decisions"), 1);
  EXPECT_EQ(cell("table2", "admin_fees", "fee_amount"), 123456);
  EXPECT_EQ(rep.inputs.fees_collected_yuan, 100);
  EXPECT_EQ(DraftFeeStatement(rep), "2024年度共收取信息处理费100元。");

  // Table 三, column by column.
  const auto& outcomes = core::OutcomeCodes();
  std::map<std::string, std::map<std::string, int64_t>> want;  // row -> column -> value
  for (size_t i = 0; i < outcomes.size(); ++i) {
    std::string col = core::ApplicantTypeCode(core::kAllApplicantTypes[i % 6]);
    want["new_received"][col]++;
    want[outcomes[i]][col]++;
    want["r7_total"][col]++;
  }
  want["carried_in"]["natural_person"] += 1;
  want["r1_open"]["natural_person"] += 1;
  want["r7_total"]["natural_person"] += 1;
  want["carried_in"]["business"] += 1;
  want["carried_out"]["business"] += 1;
  want["new_received"]["research"] += 2;
  want["carried_out"]["research"] += 2;  // one open, one closed only in 2025
  want["new_received"]["legal_service"] += 1;
  want["r6_1"]["legal_service"] += 1;  // abandoned without an outcome code: （六）1
  want["r7_total"]["legal_service"] += 1;
  const core::TableDef& t3 = *core::GetReportFormat(rep.format).Table("table3");
  for (const core::RowDef& row : t3.rows) {
    if (!row.data) continue;
    int64_t total = 0;
    for (ApplicantType type : core::kAllApplicantTypes) {
      std::string col = core::ApplicantTypeCode(type);
      EXPECT_EQ(cell("table3", std::string(row.id).c_str(), col.c_str()),
                want[std::string(row.id)][col])
          << row.id << " / " << col;
      total += want[std::string(row.id)][col];
    }
    EXPECT_EQ(cell("table3", std::string(row.id).c_str(), "total"), total) << row.id;
  }
  EXPECT_EQ(cell("table3", "new_received", "total"), 24);
  EXPECT_EQ(cell("table3", "carried_in", "total"), 2);
  EXPECT_EQ(cell("table3", "r7_total", "total"), 23);
  EXPECT_EQ(cell("table3", "carried_out", "total"), 3);

  // Table 四.
  std::map<std::string, int64_t> t4 = {{"review_maintained", 1},
                                       {"review_corrected", 1},
                                       {"review_other", 1},
                                       {"review_pending", 1},
                                       {"review_total", 4},
                                       {"lit_direct_maintained", 1},
                                       {"lit_direct_corrected", 0},
                                       {"lit_direct_other", 0},
                                       {"lit_direct_pending", 1},
                                       {"lit_direct_total", 2},
                                       {"lit_after_review_maintained", 0},
                                       {"lit_after_review_corrected", 0},
                                       {"lit_after_review_other", 1},
                                       {"lit_after_review_pending", 0},
                                       {"lit_after_review_total", 1}};
  for (const auto& [col, value] : t4) EXPECT_EQ(cell("table4", "cases", col.c_str()), value) << col;

  // Every identity holds; the only findings are the 逾期 answers the engine lists.
  for (const auto& f : ValidateReport(rep)) EXPECT_EQ(f.rule, "late_request") << f.message_zh;
}

TEST_P(ReportTest, SubtreeRollUpEqualsTheSumOfOwnReports) {
  Report all = Build("R", 2024, true);
  Report own_root = Build("R", 2024, false);
  Report own_a = Build("R-A", 2024);
  Report own_b = Build("R-B", 2024);
  EXPECT_FALSE(own_a.subtree);
  EXPECT_EQ(own_a.body_count, 1);
  for (const auto& [key, value] : all.values.cells()) {
    int64_t sum = 0;
    for (const Report* part : {&own_root, &own_a, &own_b}) {
      sum += part->values.Get(key.table, key.row, key.column).value_or(0);
    }
    EXPECT_EQ(value, sum) << key.table << "/" << key.row << "/" << key.column;
  }
}

TEST_P(ReportTest, LegacyAndTrialFormatsHoldTheirIdentities) {
  for (int year : {2023, 2024}) {
    for (auto format : {core::ReportFormat::kLegacy2008, core::ReportFormat::kTrial2019}) {
      Report rep;
      Tx([&](core::Repositories& r) -> core::Status {
        GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(r));
        GONGKAI_ASSIGN_OR_RETURN(rep, BuildReport(r, calendar, {"", year, true, format, {}}));
        return core::Status::Ok();
      });
      for (const auto& f : ValidateReport(rep)) {
        EXPECT_EQ(f.rule, "late_request") << year << " " << f.message_zh;
      }
    }
  }
}

// The legacy 按时/延期 split and 答复 categories read the request's events the way
// core::ClassifyLegacy does: the due date in force at closing, extensions, the answer's basis.
TEST_P(ReportTest, LegacyTimingAndAnswersFollowTheRequestsEvents) {
  // Each request's events after its receipt: {kind, date, data}.
  using Events = std::vector<std::tuple<const char*, const char*, const char*>>;
  Tx([&](core::Repositories& r) -> core::Status {
    auto add = [&](const char* closed, core::RequestState state, const char* outcome,
                   const char* due, const Events& events) -> core::Result<core::Id> {
      core::Request q;
      q.org_id = a_;
      q.received_on = D("2017-03-01");
      q.submitted_on = q.received_on;
      q.year = 2017;
      q.serial = ++serial_;
      q.tracking_no = "2017-" + std::to_string(q.serial);
      q.lookup_code_hash = "h";
      q.description = "测试申请";
      q.state = state;
      q.outcome = outcome;
      q.closed_on = D(closed);
      if (due) q.due_on = D(due);
      GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.requests().Insert(q));
      core::RequestEvent receipt{0, id, 1, "receipt", q.received_on, "test", "", ""};
      GONGKAI_RETURN_IF_ERROR(r.requests().AppendEvent(receipt).status());
      int seq = 1;
      for (const auto& [kind, on, data] : events) {
        core::RequestEvent e{0, id, ++seq, kind, D(on), "test", "", data};
        GONGKAI_RETURN_IF_ERROR(r.requests().AppendEvent(e).status());
      }
      return id;
    };
    using S = core::RequestState;
    // Past the plain 15 working days, within the due date a correction moved: 按时.
    GONGKAI_RETURN_IF_ERROR(add("2017-04-20", S::kAnswered, "r1_open", "2017-04-26",
                                {{"correction_requested", "2017-03-03", ""},
                                 {"corrected", "2017-04-05", ""},
                                 {"answer", "2017-04-20", R"({"outcome":"r1_open"})"}})
                                .status());
    // Extended: 延期, though within the extended due date.
    GONGKAI_RETURN_IF_ERROR(add("2017-04-10", S::kAnswered, "r1_open", "2017-04-14",
                                {{"extension", "2017-03-20", R"({"days":15,"approver":"主任"})"},
                                 {"answer", "2017-04-10", R"({"outcome":"r1_open"})"}})
                                .status());
    // Withdrawn: concluded, not an answer.
    GONGKAI_RETURN_IF_ERROR(add("2017-03-05", S::kWithdrawn, "", nullptr, {}).status());
    // Open because already published: 属于已主动公开范围.
    GONGKAI_RETURN_IF_ERROR(
        add("2017-03-06", S::kAnswered, "r1_open", "2017-03-22",
            {{"answer", "2017-03-06", R"({"outcome":"r1_open","published_item":"R-A-2017-0001"})"}})
            .status());
    // Stored closed without a closing event: the replayed period from the receipt decides.
    GONGKAI_RETURN_IF_ERROR(add("2017-03-10", S::kAnswered, "r1_open", nullptr, {}).status());
    return core::Status::Ok();
  });
  Report rep = Build("R-A", 2017);
  ASSERT_EQ(rep.format, core::ReportFormat::kLegacy2008);
  auto cell = [&](const char* row) { return rep.values.Get("legacy", row, "value").value_or(-1); };
  EXPECT_EQ(cell("L3_2"), 5);
  EXPECT_EQ(cell("L3_2_1"), 4);
  EXPECT_EQ(cell("L3_2_2"), 1);
  EXPECT_EQ(cell("L3_3"), 4);
  EXPECT_EQ(cell("L3_3_1"), 1);
  EXPECT_EQ(cell("L3_3_2"), 3);
}

TEST_P(ReportTest, JsonPassesTheCheckerWithNoFinding) {
  Report rep = Build("", 2024);
  std::string text = DraftOverview(rep) + "\n" + DraftFeeStatement(rep);
  auto checked = check::CheckReportBytes(RenderJson(rep, text), "report.json");
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(checked->year, 2024);
  for (const auto& f : checked->findings) ADD_FAILURE() << f.rule << ": " << f.message_zh;
  EXPECT_GT(checked->cells.size(), 150u);
}

TEST_P(ReportTest, PlaceholdersTakeTheirNumbersFromTheTables) {
  Report rep = Build("", 2024);
  auto filled = FillPlaceholders(
      "本年新收申请{{requests.new_received.total}}件，收费{{proactive.admin_fees.fee_amount}}"
      "万元。",
      rep);
  ASSERT_TRUE(filled.ok()) << filled.status().ToString();
  EXPECT_EQ(*filled, "本年新收申请24件，收费12.3456万元。");
  auto bad = FillPlaceholders("{{requests.no_such_row.total}}", rep);
  EXPECT_EQ(bad.status().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "narrative");
  EXPECT_EQ(FillPlaceholders("{{requests.new_received", rep).status().code(),
            core::ErrorCode::kInvalidArgument);
}

TEST_P(ReportTest, UnknownBodyAndBadYearAreRefused) {
  core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
    core::Calendar calendar;
    EXPECT_EQ(
        BuildReport(r, calendar, {"NOPE", 2024, std::nullopt, std::nullopt, {}}).status().code(),
        core::ErrorCode::kNotFound);
    EXPECT_EQ(BuildReport(r, calendar, {"", 1999, std::nullopt, std::nullopt, {}}).status().code(),
              core::ErrorCode::kInvalidArgument);
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(ReportTest, PublishedSnapshotsNeverChangeAndCorrectionsNeedANote) {
  core::ChangeContext ctx{"cli:test", "2026-01-20T08:00:00Z"};
  auto publish = [&](const std::string& note) {
    core::Result<core::ReportSnapshot> out = core::Internal("not run");
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(r));
      GONGKAI_ASSIGN_OR_RETURN(
          Report rep, BuildReport(r, calendar, {"", 2024, std::nullopt, std::nullopt, {}}));
      core::ReportSnapshot snap;
      snap.org_id = rep.org.id;
      snap.year = rep.year;
      snap.subtree = rep.subtree;
      snap.format = core::ReportFormatId(rep.format);
      snap.change_note = note;
      snap.json = RenderJson(rep, DraftOverview(rep));
      snap.html = "<p>frozen</p>";
      out = core::PublishReportSnapshot(r, ctx, snap);
      return out.status();
    });
    return s.ok() ? out : core::Result<core::ReportSnapshot>(s);
  };
  auto first = publish("");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 1);
  // New records after publication change the live report, never the published one.
  Tx([&](core::Repositories& r) -> core::Status {
    AddRequest(r, root_, ApplicantType::kNaturalPerson, "2024-06-03", "2024-06-20", "r1_open");
    return core::Status::Ok();
  });
  EXPECT_EQ(Build("", 2024).values.Get("table3", "new_received", "total"), 25);
  EXPECT_EQ(publish("").status().code(), core::ErrorCode::kInvalidArgument);
  auto second = publish("补录一件6月的申请");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->version, 2);
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto versions, r.reports().ListSnapshots(root_, 2024, true));
    EXPECT_EQ(versions.size(), 2u);
    if (versions.size() == 2) {
      EXPECT_EQ(versions[0], *first);
      EXPECT_NE(
          versions[0].json.find("\"row\":\"new_received\",\"column\":\"total\",\"value\":24}"),
          std::string::npos);
      EXPECT_EQ(versions[1].change_note, "补录一件6月的申请");
    }
    return core::Status::Ok();
  });
}

TEST_P(ReportTest, ComparesWithLastYearInTheSameFormat) {
  Report now = Build("", 2024);
  Report before = Build("", 2023);
  std::string lines = CompareWithPreviousYear(now, before);
  EXPECT_NE(lines.find("一、本年新收政府信息公开申请数量：本年 24，上年 3（+21）"),
            std::string::npos)
      << lines;
  std::string json = RenderJson(now, "", &before);
  EXPECT_NE(json.find("\"previous_year\":2023"), std::string::npos);
  EXPECT_NE(json.find("\"row\":\"new_received\",\"column\":\"total\",\"value\":24,"
                      "\"previous\":3}"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::report
