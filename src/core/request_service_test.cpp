#include "core/request_service.hpp"

#include <gtest/gtest.h>

#include "core/calendar_service.hpp"
#include "core/case_service.hpp"
#include "core/fake_store.hpp"
#include "core/org_service.hpp"
#include "core/request_legacy.hpp"
#include "core/request_letter.hpp"
#include "core/request_test_calendar.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;

constexpr const char* kSealed = "c2VhbGVkLWJ5LWFwcA==";  // what app/personal_data produces
constexpr const char* kName = "张三丰";                  // must never leave the sealed box

class RequestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Tx([&](Repositories& r) -> Status {
      Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_RETURN_IF_ERROR(CreateOrg(r, ctx_, root, "").status());
      Org dept;
      dept.code = "QXS-FGW";
      dept.name = "青溪市发展和改革局";
      GONGKAI_RETURN_IF_ERROR(CreateOrg(r, ctx_, dept, "QXS").status());
      Calendar cal = request_testing::TestCalendar();
      for (int year : cal.years()) GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(*cal.Year(year)));
      return Status::Ok();
    });
  }

  void Tx(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  IntakeInput Input(const char* submitted = "2024-09-02") {
    IntakeInput in;
    in.channel = RequestChannel::kInPerson;
    in.submitted_on = D(submitted);
    in.description =
        "请公开《青溪市2024年城市更新实施方案》及" + std::string(kName) + "家的拆迁协议";
    in.applicant_sealed = kSealed;
    in.lookup_code_hash = "hash-of-code";
    return in;
  }

  RequestView Intake(const IntakeInput& in) {
    RequestView view;
    Tx([&](Repositories& r) -> Status {
      GONGKAI_ASSIGN_OR_RETURN(auto result, IntakeRequest(r, ctx_, today_, in));
      view = result.view;
      return Status::Ok();
    });
    return view;
  }

  Status Event(Id id, EventInput in) {
    return store_.Transact([&](Repositories& r) -> Status {
      return RecordRequestEvent(r, ctx_, today_, id, in).status();
    });
  }

  FakeStore store_;
  ChangeContext ctx_{"cli:tester", "2024-12-01T00:00:00Z"};
  Date today_ = D("2024-12-31");
};

TEST_F(RequestServiceTest, IntakeAssignsTrackingNumbersPerBodyAndYear) {
  RequestView a = Intake(Input());
  RequestView b = Intake(Input());
  IntakeInput other = Input();
  other.org_code = "QXS-FGW";
  RequestView c = Intake(other);
  IntakeInput next_year = Input("2025-01-06");
  today_ = D("2025-02-01");
  RequestView d = Intake(next_year);
  EXPECT_EQ(a.request.tracking_no, "2024-0001");
  EXPECT_EQ(b.request.tracking_no, "2024-0002");
  EXPECT_EQ(c.request.tracking_no, "2024-0001");
  EXPECT_EQ(c.org.code, "QXS-FGW");
  EXPECT_EQ(d.request.tracking_no, "2025-0001");
  EXPECT_EQ(a.request.due_on, D("2024-09-30"));
  EXPECT_FALSE(a.request.due_provisional);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].kind, "receipt");
  EXPECT_EQ(a.request.applicant_sealed, kSealed);
}

TEST_F(RequestServiceTest, IntakeRefusesBadInputAndWritesNothing) {
  for (auto mutate : std::vector<std::function<void(IntakeInput&)>>{
           [](IntakeInput& in) { in.description.clear(); },
           [](IntakeInput& in) { in.applicant_sealed.clear(); },
           [](IntakeInput& in) { in.lookup_code_hash.clear(); },
           [](IntakeInput& in) { in.channel = RequestChannel::kPost; },  // no 签收 date
           [](IntakeInput& in) { in.submitted_on = D("2025-03-01"); },
           [](IntakeInput& in) { in.org_code = "NOPE"; }}) {
    IntakeInput in = Input();
    mutate(in);
    Status s = store_.Transact(
        [&](Repositories& r) -> Status { return IntakeRequest(r, ctx_, today_, in).status(); });
    EXPECT_FALSE(s.ok());
  }
  Tx([](Repositories& r) -> Status {
    EXPECT_EQ(r.requests().Count().value(), 0);
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, FromIntakeToAnswerWithAuditWithoutPersonalData) {
  RequestView v = Intake(Input("2024-09-20"));
  EventInput consult;
  consult.kind = RequestEventKind::kConsultationStart;
  consult.on = D("2024-09-25");
  consult.consult_with = ConsultationKind::kThirdParty;
  consult.note = "致函第三方";
  ASSERT_TRUE(Event(v.request.id, consult).ok());
  EventInput end;
  end.kind = RequestEventKind::kConsultationEnd;
  end.on = D("2024-10-15");
  ASSERT_TRUE(Event(v.request.id, end).ok());
  EventInput answer;
  answer.kind = RequestEventKind::kAnswer;
  answer.on = D("2024-11-01");
  answer.outcome = "r3_4";
  answer.note = std::string("涉及") + kName + "的个人信息";
  ASSERT_TRUE(Event(v.request.id, answer).ok());

  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(RequestView after, LoadRequestView(r, v.request.id));
    EXPECT_EQ(after.request.state, RequestState::kAnswered);
    EXPECT_EQ(after.request.outcome, "r3_4");
    EXPECT_EQ(after.request.due_on, D("2024-11-07"));
    EXPECT_TRUE(after.due.closed_on_time);
    EXPECT_EQ(after.events.size(), 4u);
    GONGKAI_ASSIGN_OR_RETURN(auto audit,
                             r.audit().ListFor("request", std::to_string(v.request.id)));
    EXPECT_EQ(audit.size(), 4u);
    for (const AuditEvent& e : audit) {
      EXPECT_EQ(e.after_json.find(kName), std::string::npos) << e.after_json;
      EXPECT_EQ(e.before_json.find(kName), std::string::npos) << e.before_json;
      EXPECT_EQ(e.after_json.find(kSealed), std::string::npos);
      EXPECT_EQ(e.after_json.find("hash-of-code"), std::string::npos);
    }
    EXPECT_EQ(audit.back().action, "request.answer");
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, RefusedEventWritesNothing) {
  RequestView v = Intake(Input());
  EventInput answer;
  answer.kind = RequestEventKind::kAnswer;
  answer.on = D("2024-09-10");
  EXPECT_EQ(Event(v.request.id, answer).code(), ErrorCode::kInvalidArgument);
  Tx([&](Repositories& r) -> Status {
    EXPECT_EQ(r.requests().ListEvents(v.request.id).value().size(), 1u);
    EXPECT_EQ(r.requests().Get(v.request.id).value().state, RequestState::kReceived);
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, FindsByTrackingNumberOrId) {
  RequestView v = Intake(Input());
  Tx([&](Repositories& r) -> Status {
    EXPECT_EQ(FindRequest(r, "", "2024-0001").value().id, v.request.id);
    EXPECT_EQ(FindRequest(r, "", std::to_string(v.request.id)).value().id, v.request.id);
    EXPECT_EQ(FindRequest(r, "QXS-FGW", "2024-0001").status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(FindRequest(r, "", "24-1").status().code(), ErrorCode::kInvalidArgument);
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, DueListsOverdueAndDueSoon) {
  RequestView early = Intake(Input("2024-09-02"));  // due 2024-09-30
  RequestView late = Intake(Input("2024-09-20"));   // due 2024-10-23
  RequestView later = Intake(Input("2024-10-08"));  // due later
  (void)late;
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto due, ListDue(r, D("2024-10-21"), 3));
    EXPECT_EQ(due.size(), 2u);
    if (due.size() == 2) {
      EXPECT_EQ(due[0].request.id, early.request.id);
      EXPECT_TRUE(due[0].overdue);
      EXPECT_FALSE(due[1].overdue);
      EXPECT_EQ(due[1].working_days_left, 2);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto all, ListDue(r, D("2024-10-21"), 100));
    EXPECT_EQ(all.size(), 3u);
    (void)later;
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, FeeNoticePausesAndPaymentResumes) {
  RequestView v = Intake(Input("2024-09-02"));
  Status s = store_.Transact([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(RequestView after,
                             NotifyFee(r, ctx_, today_, v.request.id, FeeBasis::kPerRequest, 1, 10,
                                       D("2024-09-05"), ""));
    EXPECT_EQ(after.fee->amount_yuan, 100);
    EXPECT_EQ(after.due.state, ClockState::kPaused);
    GONGKAI_ASSIGN_OR_RETURN(after,
                             SettleFee(r, ctx_, today_, v.request.id, "paid", D("2024-09-12")));
    EXPECT_EQ(after.fee->status, FeeStatus::kPaid);
    EXPECT_EQ(after.due.state, ClockState::kRunning);
    EXPECT_EQ(after.request.due_on, D("2024-10-12"));  // 5 working days later than 09-30
    GONGKAI_ASSIGN_OR_RETURN(auto fees, r.requests().ListFees(v.request.org_id, 2024));
    EXPECT_EQ(fees.size(), 1u);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  s = store_.Transact([&](Repositories& r) -> Status {
    return NotifyFee(r, ctx_, today_, v.request.id, FeeBasis::kPerVolume, 10, 0, D("2024-09-13"),
                     "")
        .status();
  });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);  // 10 pages are free
}

TEST_F(RequestServiceTest, SuggestsPublishedItemsByDocNoAndTitle) {
  Tx([](Repositories& r) -> Status {
    Item a;
    a.org_id = 1;
    a.title = "青溪市2024年城市更新实施方案";
    a.doc_no = "青政发〔2024〕3号";
    a.index_no = "QXS/2024-00001";
    a.state = ItemState::kPublished;
    Item b = a;
    b.title = "关于印发青溪市城市更新实施方案的通知";
    b.doc_no = "青政办〔2024〕9号";
    b.index_no = "QXS/2024-00002";
    Item draft = a;
    draft.index_no.reset();
    draft.state = ItemState::kDraft;
    Item other = a;
    other.title = "青溪市防汛应急预案";
    other.doc_no = "";
    other.index_no = "QXS/2024-00003";
    for (Item* it : {&a, &b, &draft, &other})
      GONGKAI_RETURN_IF_ERROR(r.items().Insert(*it).status());
    return Status::Ok();
  });
  IntakeInput in = Input();
  in.doc_no = "青政办〔2024〕9号";
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(auto result, IntakeRequest(r, ctx_, today_, in));
    EXPECT_EQ(result.suggestions.size(), 2u);
    if (result.suggestions.size() == 2) {
      EXPECT_EQ(result.suggestions[0].item.index_no, "QXS/2024-00002");  // 文号 first
      EXPECT_EQ(result.suggestions[0].reason, "文号相同");
      EXPECT_EQ(result.suggestions[1].item.index_no, "QXS/2024-00001");
    }
    // Answering （一） by pointing to a published item.
    EventInput answer;
    answer.kind = RequestEventKind::kAnswer;
    answer.on = D("2024-09-05");
    answer.outcome = "r1_open";
    answer.published_item = "QXS/2024-00404";
    EXPECT_EQ(RecordRequestEvent(r, ctx_, today_, result.view.request.id, answer).status().code(),
              ErrorCode::kNotFound);
    answer.published_item = "QXS/2024-00001";
    GONGKAI_ASSIGN_OR_RETURN(RequestView v,
                             RecordRequestEvent(r, ctx_, today_, result.view.request.id, answer));
    LegacyFigures legacy = ClassifyLegacy(v.request, v.due, v.events.back().data);
    EXPECT_TRUE(legacy.on_time);
    EXPECT_EQ(legacy.answer->reply, LegacyReply::kAlreadyPublished);
    return Status::Ok();
  });
}

TEST_F(RequestServiceTest, CalendarImportReplaysEventsForProvisionalDates) {
  today_ = D("2026-12-31");
  RequestView v = Intake(Input("2026-12-01"));
  EXPECT_TRUE(v.request.due_provisional);  // 2026 and 2027 notices not loaded
  EventInput ext;
  ext.kind = RequestEventKind::kExtension;
  ext.on = D("2026-12-10");
  ext.extension_days = 10;
  ext.approver = "李科长";
  ext.notified_on = ext.on;
  ext.notified_how = "书面告知";
  ASSERT_TRUE(Event(v.request.id, ext).ok());
  Tx([&](Repositories& r) -> Status {
    HolidayYear y2026;
    y2026.year = 2026;
    HolidayYear y2027;
    y2027.year = 2027;
    y2027.off_days = {D("2027-01-01")};
    GONGKAI_ASSIGN_OR_RETURN(auto report, ImportHolidayYears(r, ctx_, {y2026, y2027}));
    EXPECT_EQ(report.due_dates_recomputed, 1);
    GONGKAI_ASSIGN_OR_RETURN(Request after, r.requests().Get(v.request.id));
    EXPECT_FALSE(after.due_provisional);
    // 20 + 10 working days from 2026-12-01 with 2027-01-01 off.
    EXPECT_EQ(after.due_on, D("2027-01-13"));
    return Status::Ok();
  });
}

TEST(RequestFeeTest, TariffsOf109) {
  struct Case {
    FeeBasis basis;
    int quantity, prior;
    int64_t yuan;
  } cases[] = {
      {FeeBasis::kPerRequest, 10, 0, 0},
      {FeeBasis::kPerRequest, 1, 10, 100},
      {FeeBasis::kPerRequest, 20, 10, 2000},
      {FeeBasis::kPerRequest, 1, 30, 200},
      {FeeBasis::kPerRequest, 1, 40, 300},
      {FeeBasis::kPerRequest, 15, 25, 500 + 2000},
      {FeeBasis::kPerVolume, 30, 0, 0},
      {FeeBasis::kPerVolume, 31, 0, 10},
      {FeeBasis::kPerVolume, 100, 0, 700},
      {FeeBasis::kPerVolume, 101, 0, 720},
      {FeeBasis::kPerVolume, 201, 0, 700 + 2000 + 40},
  };
  for (const Case& c : cases) {
    auto fee = ComputeFeeYuan(c.basis, c.quantity, c.prior);
    ASSERT_TRUE(fee.ok());
    EXPECT_EQ(*fee, c.yuan) << FeeBasisCode(c.basis) << " " << c.quantity << " after " << c.prior;
  }
  EXPECT_FALSE(ComputeFeeYuan(FeeBasis::kPerVolume, 0).ok());
  EXPECT_FALSE(ComputeFeeYuan(FeeBasis::kPerVolume, 40, 3).ok());
  EXPECT_FALSE(ComputeFeeYuan(FeeBasis::kPerRequest, 1, -1).ok());
}

TEST(RequestLetterTest, RendersPlaceholdersAndRefusesHoles) {
  auto text = RenderTemplate("{{org}}：编号 {{ no }}。", {{"org", "青溪市"}, {"no", "2024-0001"}});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "青溪市：编号 2024-0001。");
  auto hole = RenderTemplate("{{org}} {{missing}}", {{"org", "x"}});
  ASSERT_FALSE(hole.ok());
  EXPECT_NE(hole.status().message().find("missing"), std::string::npos);
  EXPECT_FALSE(RenderTemplate("{{open", {}).ok());
}

TEST(RequestLetterTest, ArticlesAndLabels) {
  EXPECT_EQ(OutcomeArticle("r3_1"), "第十四条");
  EXPECT_EQ(OutcomeArticle("r1_open", "", true), "第三十六条第（一）项");
  EXPECT_EQ(OutcomeArticle("r1_open"), "第三十六条第（二）项");
  EXPECT_EQ(OutcomeArticle("r4_1", "not_ours"), "第三十六条第（五）项");
  EXPECT_EQ(OutcomeArticle("r2_partial"), "第三十七条");
  EXPECT_EQ(OutcomeArticle("bogus"), "");
  EXPECT_EQ(OutcomeLabel("r3_1"), "（三）不予公开 1.属于国家秘密");
  for (const auto& code : OutcomeCodes()) EXPECT_FALSE(OutcomeLabel(code).empty()) << code;
}

TEST(RequestLegacyTest, MapsOutcomesAndTimeliness) {
  Request r;
  r.state = RequestState::kAnswered;
  DueDate due;
  due.closed_on_time = true;
  struct Case {
    const char* outcome;
    const char* data;
    LegacyReply reply;
    std::optional<LegacyRefusal> refusal;
  } cases[] = {
      {"r1_open", "", LegacyReply::kAgreed, std::nullopt},
      {"r1_open", R"({"published_item":"QXS/2024-00001"})", LegacyReply::kAlreadyPublished,
       std::nullopt},
      {"r2_partial", "", LegacyReply::kPartlyAgreed, std::nullopt},
      {"r3_1", "", LegacyReply::kRefused, LegacyRefusal::kStateSecret},
      {"r3_3", "", LegacyReply::kRefused, LegacyRefusal::kSecurityStability},
      {"r4_1", "", LegacyReply::kNotExist, std::nullopt},
      {"r4_1", R"({"basis":"not_ours"})", LegacyReply::kNotThisBody, std::nullopt},
      {"r5_1", "", LegacyReply::kOtherRoute, std::nullopt},
      {"r6_1", "", LegacyReply::kToAmend, std::nullopt},
  };
  for (const Case& c : cases) {
    r.outcome = c.outcome;
    LegacyFigures f = ClassifyLegacy(r, due, c.data);
    ASSERT_TRUE(f.answer.has_value()) << c.outcome;
    EXPECT_EQ(f.answer->reply, c.reply) << c.outcome;
    EXPECT_EQ(f.answer->refusal, c.refusal) << c.outcome;
    EXPECT_TRUE(f.on_time);
  }
  r.outcome = "r6_3";
  EXPECT_FALSE(ClassifyLegacy(r, due, "").answer.has_value());
  due.extension_days = 10;
  LegacyFigures extended = ClassifyLegacy(r, due, "");
  EXPECT_TRUE(extended.extended);
  EXPECT_FALSE(extended.on_time);
  r.state = RequestState::kInProgress;
  EXPECT_FALSE(ClassifyLegacy(r, due, "").concluded);
}

TEST(ItemSuggestTest, PhrasesFromTheRequest) {
  auto phrases = SuggestionPhrases("申请公开《青溪市城市更新实施方案》的附件，以及2023年财政预算");
  ASSERT_GE(phrases.size(), 2u);
  EXPECT_EQ(phrases[0], "青溪市城市更新实施方案");
  EXPECT_NE(std::find(phrases.begin(), phrases.end(), "2023年财政预算"), phrases.end());
  for (const auto& p : phrases) EXPECT_EQ(p.find("申请"), std::string::npos) << p;
}

class CaseServiceTest : public RequestServiceTest {};

TEST_F(CaseServiceTest, RelatedCasesAndCountsByYear) {
  RequestView v = Intake(Input());
  Tx([&](Repositories& r) -> Status {
    Consultation c;
    c.channel = ConsultChannel::kPhone;
    c.asked_on = D("2024-03-01");
    GONGKAI_RETURN_IF_ERROR(AddConsultation(r, ctx_, today_, "", c).status());
    c.channel = ConsultChannel::kOnline;
    GONGKAI_RETURN_IF_ERROR(AddConsultation(r, ctx_, today_, "", c).status());
    Complaint k;
    k.channel = ComplaintChannel::kMayorMailbox;
    k.received_on = D("2024-04-01");
    k.replied_on = D("2024-04-03");
    GONGKAI_RETURN_IF_ERROR(AddComplaint(r, ctx_, today_, "", k).status());
    k.replied_on = D("2024-03-01");
    EXPECT_EQ(AddComplaint(r, ctx_, today_, "", k).status().code(), ErrorCode::kInvalidArgument);
    LegalCase review;
    review.kind = CaseKind::kReview;
    review.filed_on = D("2024-11-01");
    review.request_id = v.request.id;
    GONGKAI_ASSIGN_OR_RETURN(review, AddLegalCase(r, ctx_, today_, "", review));
    LegalCase suit;
    suit.kind = CaseKind::kLitigationAfterReview;
    suit.filed_on = D("2024-12-01");
    suit.result = CaseResult::kMaintained;
    EXPECT_EQ(AddLegalCase(r, ctx_, today_, "", suit).status().code(),
              ErrorCode::kInvalidArgument);  // decided without a closing date
    suit.closed_on = D("2024-12-20");
    GONGKAI_RETURN_IF_ERROR(AddLegalCase(r, ctx_, today_, "", suit).status());
    LegalCase wrong_body = review;
    EXPECT_EQ(AddLegalCase(r, ctx_, today_, "QXS-FGW", wrong_body).status().code(),
              ErrorCode::kInvalidArgument);
    GONGKAI_RETURN_IF_ERROR(
        SetLegalCaseResult(r, ctx_, today_, review.id, CaseResult::kCorrected, D("2024-12-15"))
            .status());
    GONGKAI_ASSIGN_OR_RETURN(CaseCounts counts, CountCases(r, v.request.org_id, 2024));
    EXPECT_EQ(counts.consultations_total, 2);
    EXPECT_EQ(counts.complaints_total, 1);
    EXPECT_EQ(counts.complaints[ComplaintChannel::kMayorMailbox], 1);
    EXPECT_EQ(counts.legal[CaseKind::kReview][1], 1);  // 结果纠正
    EXPECT_EQ(counts.LegalTotal(CaseKind::kLitigationAfterReview), 1);
    EXPECT_EQ(counts.LegalTotal(CaseKind::kLitigationDirect), 0);
    GONGKAI_ASSIGN_OR_RETURN(CaseCounts next, CountCases(r, v.request.org_id, 2025));
    EXPECT_EQ(next.consultations_total, 0);
    GONGKAI_ASSIGN_OR_RETURN(auto audit,
                             r.audit().ListFor("legal_case", std::to_string(review.id)));
    EXPECT_EQ(audit.size(), 2u);
    return Status::Ok();
  });
}

TEST_F(CaseServiceTest, ComplaintReplyIsRecordedOnceAndAudited) {
  Complaint k;
  k.channel = ComplaintChannel::kHotline12345;
  k.received_on = D("2024-12-02");
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(k, AddComplaint(r, ctx_, today_, "QXS-FGW", k));
    return Status::Ok();
  });
  auto refused = [&](Date on) {
    Status s = Status::Ok();
    Tx([&](Repositories& r) -> Status {
      s = SetComplaintReplied(r, ctx_, today_, k.id, on).status();
      return Status::Ok();
    });
    return s;
  };
  EXPECT_EQ(refused(D("2024-12-01")).field(), "replied_on");  // before receipt
  EXPECT_EQ(refused(D("2025-01-01")).field(), "replied_on");  // after today
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(Complaint done,
                             SetComplaintReplied(r, ctx_, today_, k.id, D("2024-12-05")));
    EXPECT_EQ(done.replied_on, D("2024-12-05"));
    EXPECT_EQ(SetComplaintReplied(r, ctx_, today_, k.id, D("2024-12-06")).status().code(),
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(SetComplaintReplied(r, ctx_, today_, k.id + 1, D("2024-12-06")).status().code(),
              ErrorCode::kNotFound);
    GONGKAI_ASSIGN_OR_RETURN(auto list, r.cases().ListComplaints(k.org_id, 2024));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(list.at(0).replied_on, D("2024-12-05"));
    GONGKAI_ASSIGN_OR_RETURN(auto audit, r.audit().ListFor("complaint", std::to_string(k.id)));
    EXPECT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit.at(1).action, "complaint.reply");
    EXPECT_NE(audit.at(1).before_json.find("\"replied_on\":null"), std::string::npos);
    EXPECT_NE(audit.at(1).after_json.find("2024-12-05"), std::string::npos);
    return Status::Ok();
  });
}

}  // namespace
}  // namespace gongkai::core
