// Storage of issue 4's additions on both backends: open requests, fees, legal case lookup,
// the published-item lookup behind "已主动公开" suggestions — and the request service end to
// end over SQL.
#include <gtest/gtest.h>

#include "core/calendar_service.hpp"
#include "core/org_service.hpp"
#include "core/request_service.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"

namespace gongkai::store {
namespace {

using core::Date;

Date D(const char* iso) { return Date::Parse(iso).value(); }

class RequestStoreTest : public ::testing::TestWithParam<std::string> {
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
    Tx([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_ASSIGN_OR_RETURN(root, core::CreateOrg(r, ctx_, root, ""));
      org_id_ = root.id;
      return core::Status::Ok();
    });
  }

  void Tx(const std::function<core::Status(core::Repositories&)>& work) {
    core::Status status = store_->Transact(work);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  core::Request MakeRequest(int serial, const char* received, std::optional<Date> due,
                            core::RequestState state) {
    core::Request r;
    r.org_id = org_id_;
    r.year = 2024;
    r.serial = serial;
    r.tracking_no = "2024-000" + std::to_string(serial);
    r.lookup_code_hash = "h";
    r.description = "x";
    r.submitted_on = r.received_on = D(received);
    r.due_on = due;
    r.state = state;
    return r;
  }

  core::ChangeContext ctx_{"test", "2024-12-01T00:00:00Z"};
  core::Id org_id_ = 0;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
};

TEST_P(RequestStoreTest, ListOpenByDueDateWithUndatedLast) {
  std::vector<core::Id> ids;
  Tx([&](core::Repositories& r) -> core::Status {
    for (auto req :
         {MakeRequest(1, "2024-09-02", D("2024-10-30"), core::RequestState::kInProgress),
          MakeRequest(2, "2024-09-03", std::nullopt, core::RequestState::kCorrectionRequested),
          MakeRequest(3, "2024-09-04", D("2024-10-01"), core::RequestState::kReceived),
          MakeRequest(4, "2024-09-05", D("2024-09-30"), core::RequestState::kAnswered)}) {
      GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.requests().Insert(req));
      ids.push_back(id);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto open, r.requests().ListOpen());
    EXPECT_EQ(open.size(), 3u);
    if (open.size() == 3) {
      EXPECT_EQ(open[0].id, ids[2]);
      EXPECT_EQ(open[1].id, ids[0]);
      EXPECT_EQ(open[2].id, ids[1]);
    }
    return core::Status::Ok();
  });
}

TEST_P(RequestStoreTest, FeesUpsertAndListByYear) {
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Id id,
                             r.requests().Insert(MakeRequest(1, "2024-12-20", std::nullopt,
                                                             core::RequestState::kInProgress)));
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.requests().GetFee(id));
    EXPECT_FALSE(none.has_value());
    core::RequestFee fee{id,
                         core::FeeBasis::kPerVolume,
                         150,
                         0,
                         1700,
                         D("2024-12-23"),
                         core::FeeStatus::kDue,
                         std::nullopt};
    GONGKAI_RETURN_IF_ERROR(r.requests().PutFee(fee));
    fee.status = core::FeeStatus::kPaid;
    fee.settled_on = D("2025-01-03");
    GONGKAI_RETURN_IF_ERROR(r.requests().PutFee(fee));
    GONGKAI_ASSIGN_OR_RETURN(auto back, r.requests().GetFee(id));
    EXPECT_EQ(back, std::optional<core::RequestFee>(fee));
    GONGKAI_ASSIGN_OR_RETURN(auto in_2024, r.requests().ListFees(org_id_, 2024));
    GONGKAI_ASSIGN_OR_RETURN(auto in_2025, r.requests().ListFees(org_id_, 2025));
    EXPECT_EQ(in_2024.size(), 1u);
    EXPECT_TRUE(in_2025.empty());
    return core::Status::Ok();
  });
  core::Status unknown = store_->Transact([](core::Repositories& r) -> core::Status {
    return r.requests().PutFee({999, core::FeeBasis::kPerRequest, 1, 10, 100, D("2024-12-23"),
                                core::FeeStatus::kDue, std::nullopt});
  });
  EXPECT_FALSE(unknown.ok());
}

// Issued letters (issue 21): stored as issued, listed per request in issue order, never
// attached to an unknown request.
TEST_P(RequestStoreTest, LettersAreStoredAsIssuedPerRequest) {
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(
        core::Id a, r.requests().Insert(MakeRequest(1, "2024-12-20", std::nullopt,
                                                    core::RequestState::kCorrectionRequested)));
    GONGKAI_ASSIGN_OR_RETURN(core::Id b,
                             r.requests().Insert(MakeRequest(2, "2024-12-20", std::nullopt,
                                                             core::RequestState::kInProgress)));
    core::RequestLetter first{0,
                              a,
                              "correction",
                              "补正告知书",
                              "补正告知书\n\n请于2024年12月31日前补正。",
                              D("2024-12-23"),
                              "2024-12-23T02:00:00Z",
                              "user:handler"};
    GONGKAI_ASSIGN_OR_RETURN(first.id, r.requests().InsertLetter(first));
    core::RequestLetter second = first;
    second.kind = "reply";
    second.title = "政府信息公开申请答复告知书";
    GONGKAI_ASSIGN_OR_RETURN(second.id, r.requests().InsertLetter(second));
    GONGKAI_ASSIGN_OR_RETURN(auto letters, r.requests().ListLetters(a));
    EXPECT_EQ(letters, (std::vector<core::RequestLetter>{first, second}));
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.requests().ListLetters(b));
    EXPECT_TRUE(none.empty());
    return core::Status::Ok();
  });
  core::Status unknown = store_->Transact([](core::Repositories& r) -> core::Status {
    core::RequestLetter l{0, 999, "reply", "t", "b", D("2024-12-23"), "2024-12-23T02:00:00Z", "x"};
    return r.requests().InsertLetter(l).status();
  });
  EXPECT_FALSE(unknown.ok());
}

TEST_P(RequestStoreTest, GetLegalCase) {
  Tx([&](core::Repositories& r) -> core::Status {
    core::LegalCase c;
    c.org_id = org_id_;
    c.kind = core::CaseKind::kLitigationDirect;
    c.filed_on = D("2024-05-06");
    c.result = core::CaseResult::kCorrected;
    c.closed_on = D("2024-08-01");
    GONGKAI_ASSIGN_OR_RETURN(c.id, r.cases().InsertLegalCase(c));
    GONGKAI_ASSIGN_OR_RETURN(core::LegalCase back, r.cases().GetLegalCase(c.id));
    EXPECT_EQ(back, c);
    EXPECT_EQ(r.cases().GetLegalCase(c.id + 100).status().code(), core::ErrorCode::kNotFound);
    return core::Status::Ok();
  });
}

TEST_P(RequestStoreTest, FindPublishedByDocNoOrTitlePhrase) {
  Tx([&](core::Repositories& r) -> core::Status {
    core::Item a;
    a.org_id = org_id_;
    a.title = "青溪市2024年城市更新实施方案";
    a.doc_no = "青政发〔2024〕3号";
    a.index_no = "QXS/2024-00001";
    a.state = core::ItemState::kPublished;
    core::Item b = a;
    b.title = "关于印发Plan B的通知";
    b.doc_no = "";
    b.index_no = "QXS/2024-00002";
    core::Item draft = a;
    draft.index_no.reset();
    draft.state = core::ItemState::kDraft;
    for (core::Item* it : {&a, &b, &draft}) {
      GONGKAI_ASSIGN_OR_RETURN(it->id, r.items().Insert(*it));
    }
    GONGKAI_ASSIGN_OR_RETURN(auto by_doc, r.items().FindPublished("青政发〔2024〕3号", {}, 10));
    EXPECT_EQ(by_doc.size(), 1u);
    GONGKAI_ASSIGN_OR_RETURN(auto by_title,
                             r.items().FindPublished("", {"城市更新", "Plan B"}, 10));
    EXPECT_EQ(by_title.size(), 2u);
    if (by_title.size() == 2) {
      EXPECT_EQ(by_title[0].id, b.id);  // newest first
    }
    // Case-sensitive and exact on both backends; % and _ are not wildcards.
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.items().FindPublished("", {"plan b", "城市%", "_"}, 10));
    EXPECT_TRUE(none.empty());
    GONGKAI_ASSIGN_OR_RETURN(auto limited, r.items().FindPublished("", {"通知", "方案"}, 1));
    EXPECT_EQ(limited.size(), 1u);
    return core::Status::Ok();
  });
}

TEST_P(RequestStoreTest, IntakeToAnswerThroughTheService) {
  core::Date today = D("2024-12-31");
  core::IntakeResult intake;
  Tx([&](core::Repositories& r) -> core::Status {
    core::HolidayYear y2024;
    y2024.year = 2024;
    y2024.off_days = {D("2024-10-01"), D("2024-10-02"), D("2024-10-03"), D("2024-10-04"),
                      D("2024-10-07")};
    y2024.makeup_work_days = {D("2024-09-29"), D("2024-10-12")};
    GONGKAI_RETURN_IF_ERROR(core::ImportHolidayYears(r, ctx_, {y2024}).status());
    core::IntakeInput in;
    in.channel = core::RequestChannel::kPost;
    in.submitted_on = D("2024-09-18");
    in.confirmed_on = D("2024-09-20");
    in.description = "请公开2024年城市更新项目清单";
    in.applicant_sealed = "sealed";
    in.lookup_code_hash = "h";
    GONGKAI_ASSIGN_OR_RETURN(intake, core::IntakeRequest(r, ctx_, today, in));
    core::EventInput consult;
    consult.kind = core::RequestEventKind::kConsultationStart;
    consult.on = D("2024-09-25");
    consult.consult_with = core::ConsultationKind::kThirdParty;
    GONGKAI_RETURN_IF_ERROR(
        core::RecordRequestEvent(r, ctx_, today, intake.view.request.id, consult).status());
    core::EventInput end;
    end.kind = core::RequestEventKind::kConsultationEnd;
    end.on = D("2024-10-15");
    GONGKAI_ASSIGN_OR_RETURN(auto view,
                             core::RecordRequestEvent(r, ctx_, today, intake.view.request.id, end));
    EXPECT_EQ(view.request.due_on, D("2024-11-07"));
    return core::Status::Ok();
  });
  EXPECT_EQ(intake.view.request.tracking_no, "2024-0001");
  EXPECT_EQ(intake.view.request.received_on, D("2024-09-20"));
  core::Status refused = store_->Transact([&](core::Repositories& r) -> core::Status {
    core::EventInput answer;
    answer.kind = core::RequestEventKind::kAnswer;
    answer.on = D("2024-11-01");
    answer.outcome = "r1_open,r3_1";
    return core::RecordRequestEvent(r, ctx_, today, intake.view.request.id, answer).status();
  });
  EXPECT_EQ(refused.code(), core::ErrorCode::kInvalidArgument);
  Tx([&](core::Repositories& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.requests().ListEvents(intake.view.request.id));
    EXPECT_EQ(events.size(), 3u);
    GONGKAI_ASSIGN_OR_RETURN(auto audit,
                             r.audit().ListFor("request", std::to_string(intake.view.request.id)));
    EXPECT_EQ(audit.size(), 3u);
    return core::Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
