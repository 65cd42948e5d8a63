// The sequences of events a disclosure office meets every year (issue 14), one row each:
// the expected due date, state, timeliness and the report row the request lands in. Each
// row runs on a fresh fake store through the request service, then through the report
// engine (LoadInputs + ComputeReport), so the clock and the statistics are checked together.
#include <gtest/gtest.h>

#include "core/calendar_service.hpp"
#include "core/fake_store.hpp"
#include "core/org_service.hpp"
#include "core/report_compute.hpp"
#include "core/request_service.hpp"
#include "core/request_test_calendar.hpp"
#include "core/request_timeliness.hpp"

namespace gongkai::core {
namespace {

using request_testing::D;

// One handler action. `refusal`: nullptr when it must succeed, else a fragment of the
// refusal message it must fail with.
struct Step {
  const char* op;  // correction | corrected | consult | consult_end | extend | fee | abandon |
                   // answer
  const char* on;
  const char* arg = nullptr;   // deadline, good reason, with, days, reason, outcome
  const char* arg2 = nullptr;  // extend: the day the applicant was told
  const char* refusal = nullptr;
};

struct Scenario {
  const char* name;
  const char* received;
  std::vector<Step> steps;
  const char* due;         // expected due date in force at the end (nullptr: none)
  const char* state;       // request state code
  const char* timeliness;  // TimelinessCode
  const char* row;         // the report row (table3 / legacy) of its year that counts it
  bool provisional = false;
  const char* explain = nullptr;  // a fragment the explanation must contain
};

// The statutory holidays a fake estimator gives for years without a notice (fixed dates
// only; app/holiday_estimate's ICU estimator adds the lunar ones).
class FixedDateEstimator final : public HolidayEstimator {
 public:
  std::vector<EstimatedHoliday> Estimate(int year) const override {
    return {{Date::FromYmd(year, 1, 1), "元旦"},
            {Date::FromYmd(year, 5, 1), "劳动节"},
            {Date::FromYmd(year, 10, 1), "国庆节"}};
  }
};

Calendar ScenarioCalendar() {
  Calendar cal = request_testing::TestCalendar();  // 2019, 2024, 2025
  HolidayYear y2018;
  y2018.year = 2018;
  for (const char* d :
       {"2018-01-01", "2018-02-15", "2018-02-16", "2018-02-17", "2018-02-18", "2018-02-19",
        "2018-02-20", "2018-02-21", "2018-04-05", "2018-04-06", "2018-04-07", "2018-04-29",
        "2018-04-30", "2018-05-01", "2018-06-18", "2018-09-24", "2018-10-01", "2018-10-02",
        "2018-10-03", "2018-10-04", "2018-10-05", "2018-10-06", "2018-10-07"}) {
    y2018.off_days.push_back(D(d));
  }
  for (const char* d :
       {"2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30"}) {
    y2018.makeup_work_days.push_back(D(d));
  }
  cal.AddYear(y2018);
  HolidayYear y2026;
  y2026.year = 2026;
  for (const char* d : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-10-01", "2026-10-02",
                        "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    y2026.off_days.push_back(D(d));
  }
  y2026.makeup_work_days = {D("2026-01-04"), D("2026-10-10")};
  cal.AddYear(y2026);
  return cal;
}

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> kScenarios = {
      {"saturday_receipt_before_makeup_sunday",
       "2024-02-03",
       {{"answer", "2024-03-06", "r1_open"}},
       "2024-03-06",
       "answered",
       "on_time",
       "r1_open"},
      {"received_2019_05_14_old_regime",
       "2019-05-14",
       {{"answer", "2019-06-04", "r1_open"}},
       "2019-06-04",
       "answered",
       "on_time",
       "r1_open",
       false,
       "2008年《条例》第二十四条"},
      {"received_2019_05_15_new_regime",
       "2019-05-15",
       {{"answer", "2019-06-13", "r1_open"}},
       "2019-06-13",
       "answered",
       "on_time",
       "r1_open",
       false,
       "2019年《条例》第三十三条"},
      {"correction_day5_corrected_day12",
       "2024-09-02",
       {{"correction", "2024-09-09", "2024-09-23"},
        {"corrected", "2024-09-19"},
        {"answer", "2024-10-10", "r4_3"}},
       "2024-10-22",
       "answered",
       "on_time",
       "r4_3"},
      {"second_correction_refused",
       "2024-09-02",
       {{"correction", "2024-09-04"},
        {"corrected", "2024-09-05"},
        {"correction", "2024-09-06", nullptr, nullptr, "一次性告知"},
        {"answer", "2024-09-20", "r1_open"}},
       "2024-10-10",
       "answered",
       "on_time",
       "r1_open"},
      {"correction_day9_after_2day_consultation_refused",
       "2024-09-02",
       {{"consult", "2024-09-03", "inter_agency"},
        {"consult_end", "2024-09-05"},
        {"correction", "2024-09-13", nullptr, nullptr, "7 个工作日内一次性发出（第三十条）"},
        {"answer", "2024-09-20", "r1_open"}},
       "2024-10-09",
       "answered",
       "on_time",
       "r1_open"},
      {"correction_after_deadline",
       "2024-09-02",
       {{"correction", "2024-09-04", "2024-09-11"},
        {"abandon", "2024-09-10", "correction", nullptr, "最早可于 2024-09-12"},
        {"corrected", "2024-09-13", nullptr, nullptr, "视为放弃"},
        {"corrected", "2024-09-13", "住院治疗"},
        {"answer", "2024-10-15", "r1_open"}},
       "2024-10-17",
       "answered",
       "on_time",
       "r1_open"},
      {"third_party_10_days",
       "2024-09-02",
       {{"consult", "2024-09-03", "third_party"},
        {"consult_end", "2024-09-18"},
        {"answer", "2024-10-18", "r1_open"}},
       "2024-10-18",
       "answered",
       "on_time",
       "r1_open"},
      {"third_party_20_days_capped_at_15",
       "2024-09-02",
       {{"consult", "2024-09-03", "third_party"},
        {"answer", "2024-10-08", "r1_open", nullptr, "第三方答复期限已于 2024-09-25 届满"},
        {"consult_end", "2024-10-08"},
        {"answer", "2024-10-25", "r1_open"}},
       "2024-10-25",
       "answered",
       "on_time",
       "r1_open",
       false,
       "第三方未在 15 个工作日内答复"},
      {"inter_agency_under_2008_regime_does_not_pause",
       "2018-03-01",
       {{"consult", "2018-03-05", "inter_agency"},
        {"answer", "2018-03-19", "r1_open", nullptr, "须先记录其结束"},
        {"consult_end", "2018-03-20"},
        {"answer", "2018-03-21", "r1_open"}},
       "2018-03-22",
       "answered",
       "on_time",
       "L3_2_1",
       false,
       "计时不暂停"},
      {"fee_abandon_one_day_after_notice_refused_then_21_days",
       "2024-09-02",
       {{"fee", "2024-09-04"},
        {"abandon", "2024-09-05", "fee", nullptr, "最早可于 2024-10-10"},
        {"abandon", "2024-10-10", "fee"}},
       nullptr,
       "abandoned",
       "on_time",
       "r6_2"},
      {"fee_notice_before_109_refused",
       "2020-06-01",
       {{"fee", "2020-06-03", nullptr, nullptr, "最早可于 2021-01-01"},
        {"answer", "2020-06-10", "r1_open"}},
       "2020-06-29",
       "answered",
       "on_time",
       "r1_open",
       true},  // the 2020 notice is not loaded here
      {"fee_notice_after_due_date_refused",
       "2024-09-02",
       {{"fee", "2024-10-08", nullptr, nullptr, "收费通知须在答复期限内发出"},
        {"answer", "2024-10-08", "r1_open"}},
       "2024-09-30",
       "answered",
       "late",
       "r1_open"},
      {"late_answer_without_extension",
       "2024-09-02",
       {{"answer", "2024-10-09", "r1_open"}},
       "2024-09-30",
       "answered",
       "late",
       "r1_open",
       false,
       "2 个工作日（逾期）"},
      {"late_answer_legacy_counts_as_extended",
       "2018-03-01",
       {{"answer", "2018-03-26", "r1_open"}},
       "2018-03-22",
       "answered",
       "late",
       "L3_2_2"},
      {"extension_without_notice_refused",
       "2024-09-02",
       {{"extend", "2024-09-20", "10", nullptr, "须告知申请人"},
        {"extend", "2024-09-20", "10", "2024-09-20"},
        {"answer", "2024-10-16", "r1_open"}},
       "2024-10-18",
       "answered",
       "extended",
       "r1_open"},
      {"received_2026_12_10_provisional_new_year_skipped",
       "2026-12-10",
       {},
       "2027-01-08",
       "received",
       "open",
       "carried_out",
       true,
       "元旦（2027-01-01）"},
  };
  return kScenarios;
}

class RequestScenarioTest : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    SetDefaultHolidayEstimator(std::make_shared<FixedDateEstimator>());
    Tx([&](Repositories& r) -> Status {
      Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      GONGKAI_ASSIGN_OR_RETURN(org_, CreateOrg(r, ctx_, root, ""));
      Calendar cal = ScenarioCalendar();
      for (int year : cal.years()) GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(*cal.Year(year)));
      return Status::Ok();
    });
  }
  void TearDown() override { SetDefaultHolidayEstimator(nullptr); }

  void Tx(const std::function<Status(Repositories&)>& work) {
    Status s = store_.Transact(work);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Status Run(Id id, const Step& step) {
    return store_.Transact([&](Repositories& r) -> Status {
      std::string op = step.op;
      if (op == "fee") {
        return NotifyFee(r, ctx_, today_, id, FeeBasis::kPerRequest, 1, 10, D(step.on), "")
            .status();
      }
      EventInput in;
      in.on = D(step.on);
      if (op == "correction") {
        in.kind = RequestEventKind::kCorrectionRequested;
        if (step.arg) in.correction_deadline = D(step.arg);
      } else if (op == "corrected") {
        in.kind = RequestEventKind::kCorrected;
        if (step.arg) in.good_reason = step.arg;
      } else if (op == "consult") {
        in.kind = RequestEventKind::kConsultationStart;
        in.consult_with = ParseConsultationKind(step.arg).value();
      } else if (op == "consult_end") {
        in.kind = RequestEventKind::kConsultationEnd;
      } else if (op == "extend") {
        in.kind = RequestEventKind::kExtension;
        in.extension_days = std::stoi(step.arg);
        in.approver = "办公室主任";
        if (step.arg2) {
          in.notified_on = D(step.arg2);
          in.notified_how = "电话";
        }
      } else if (op == "abandon") {
        in.kind = RequestEventKind::kAbandon;
        in.abandon_reason = step.arg;
      } else if (op == "answer") {
        in.kind = RequestEventKind::kAnswer;
        in.outcome = step.arg;
      } else {
        return InvalidArgument("unknown op " + op);
      }
      return RecordRequestEvent(r, ctx_, today_, id, in).status();
    });
  }

  FakeStore store_;
  ChangeContext ctx_{"cli:tester", "2027-03-01T00:00:00Z"};
  Date today_ = D("2027-03-01");
  Org org_;
};

TEST_P(RequestScenarioTest, ClockStateAndReportAgree) {
  const Scenario& s = GetParam();
  RequestView view;
  Tx([&](Repositories& r) -> Status {
    IntakeInput in;
    in.channel = RequestChannel::kInPerson;
    in.submitted_on = D(s.received);
    in.description = "场景：" + std::string(s.name);
    in.applicant_sealed = "c2VhbGVk";
    in.lookup_code_hash = "hash";
    GONGKAI_ASSIGN_OR_RETURN(auto result, IntakeRequest(r, ctx_, today_, in));
    view = result.view;
    return Status::Ok();
  });
  const Id id = view.request.id;
  for (const Step& step : s.steps) {
    Status st = Run(id, step);
    if (step.refusal) {
      ASSERT_FALSE(st.ok()) << step.op << " " << step.on << " should be refused";
      EXPECT_NE(st.message().find(step.refusal), std::string::npos)
          << step.op << " " << step.on << ": " << st.message();
    } else {
      ASSERT_TRUE(st.ok()) << step.op << " " << step.on << ": " << st.ToString();
    }
  }
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(view, LoadRequestView(r, id));
    return Status::Ok();
  });
  const DueDate& due = view.due;
  const std::string explained = ExplainDueDate(due);
  if (s.due) {
    ASSERT_TRUE(due.date.has_value()) << explained;
    EXPECT_EQ(*due.date, D(s.due)) << explained;
  } else {
    EXPECT_FALSE(due.date.has_value()) << explained;
  }
  EXPECT_EQ(RequestStateCode(view.request.state), std::string(s.state));
  EXPECT_EQ(TimelinessCode(ClassifyTimeliness(due)), std::string(s.timeliness)) << explained;
  EXPECT_EQ(due.provisional, s.provisional) << explained;
  if (s.explain) {
    EXPECT_NE(explained.find(s.explain), std::string::npos) << explained;
  }

  // The report of the year it closed (or was received) counts it in `row`, and its replay of
  // the stored events classifies it exactly as the request view does.
  const int year =
      view.request.closed_on ? view.request.closed_on->year() : view.request.received_on.year();
  Tx([&](Repositories& r) -> Status {
    GONGKAI_ASSIGN_OR_RETURN(ReportInputs inputs, r.reports().LoadInputs({org_.id}, year, true));
    GONGKAI_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar(r));
    EXPECT_EQ(inputs.requests.size(), 1u);
    for (const RequestFact& fact : inputs.requests) {
      EXPECT_EQ(ClassifyTimeliness(ReplayRequestFact(fact, calendar)), ClassifyTimeliness(due));
    }
    ReportFormat format = DefaultReportFormat(year);
    ReportValues values = ComputeReport(format, inputs, calendar);
    bool legacy = format == ReportFormat::kLegacy2008;
    auto cell = values.Get(legacy ? "legacy" : "table3", s.row, legacy ? "value" : "total");
    EXPECT_EQ(cell.value_or(-1), 1) << s.row;
    size_t late = FindLateRequests(inputs, calendar).size();
    EXPECT_EQ(late, std::string(s.timeliness) == "late" ? 1u : 0u);
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Issue14, RequestScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace gongkai::core
