#include "core/report_compute.hpp"

#include <set>

#include "core/proactive_stats.hpp"
#include "core/request_clock.hpp"
#include "core/request_legacy.hpp"
#include "core/request_timeliness.hpp"

namespace gongkai::core {
namespace {

struct YearRange {
  Date first, last;
  bool Contains(Date d) const { return first <= d && d <= last; }
  bool Contains(const std::optional<Date>& d) const { return d && Contains(*d); }
};

bool IsClosedBy(const RequestFact& r, Date day) {
  return IsClosed(r.state) && r.closed_on && *r.closed_on <= day;
}

// 2021 and 2019 trial table 三, one column per applicant type plus 总计.
void ComputeTable3(ReportFormat format, const ReportInputs& in, const YearRange& year,
                   ReportValues& out) {
  const TableDef& t = *GetReportFormat(format).Table("table3");
  for (const RowDef& row : t.rows) {
    if (!row.data) continue;
    for (const ColumnDef& col : t.columns) out.Set(t.id, row.id, col.id, 0);
  }
  auto add = [&](std::string_view row, ApplicantType type) {
    out.Add(t.id, row, ApplicantTypeCode(type), 1);
    out.Add(t.id, row, "total", 1);
  };
  for (const RequestFact& r : in.requests) {
    if (year.Contains(r.received_on)) {
      add("new_received", r.applicant_type);
    } else if (r.received_on < year.first && !IsClosedBy(r, year.first.AddDays(-1))) {
      add("carried_in", r.applicant_type);
    } else {
      continue;  // closed before the year began: not this year's business
    }
    if (IsClosedBy(r, year.last)) {
      std::string_view outcome = EffectiveOutcome(r);
      if (format == ReportFormat::kTrial2019 && outcome.substr(0, 3) == "r6_") outcome = "r6_other";
      add(outcome, r.applicant_type);
      add("r7_total", r.applicant_type);
    } else {
      add("carried_out", r.applicant_type);
    }
  }
}

void ComputeTable4(const ReportInputs& in, const YearRange& year, const ReportRules& rules,
                   ReportValues& out) {
  const TableDef& t = *GetReportFormat(ReportFormat::kFormat2021).Table("table4");
  for (const ColumnDef& col : t.columns) out.Set(t.id, "cases", col.id, 0);
  for (const LegalCase& c : in.legal_cases) {
    if (!CaseCountsInYear(c, in.year, rules.case_year)) continue;
    std::string group = c.kind == CaseKind::kReview             ? "review"
                        : c.kind == CaseKind::kLitigationDirect ? "lit_direct"
                                                                : "lit_after_review";
    // The result as it stood on 31 December.
    bool decided = c.closed_on && *c.closed_on <= year.last && c.result != CaseResult::kPending;
    std::string result = decided ? CaseResultCode(c.result) : "pending";
    out.Add(t.id, "cases", group + "_" + result, 1);
    out.Add(t.id, "cases", group + "_total", 1);
  }
}

struct KindCounts {
  int64_t formed = 0, made = 0, repealed = 0, valid = 0;
};

// 本年制发 / 本年废止 / 现行有效 are the proactive module's rule (core::CountDocuments);
// only "formed in the year" (legacy 制发, trial 新制作) is counted here.
KindCounts CountKind(const ReportInputs& in, const YearRange& year, bool regulation) {
  std::vector<Item> items;
  KindCounts k;
  for (const KindItemFact& fact : in.kind_items) {
    Item item;
    item.is_regulation = fact.is_regulation;
    item.is_normative = fact.is_normative;
    item.formed_on = fact.formed_on;
    item.published_on = fact.published_on;
    item.state = fact.published_on ? ItemState::kPublished : ItemState::kDraft;
    item.validity = fact.validity;
    item.validity_changed_on = fact.validity_changed_on;
    bool counted = regulation ? item.is_regulation : item.is_normative && !item.is_regulation;
    if (counted && year.Contains(item.formed_on)) ++k.formed;
    items.push_back(std::move(item));
  }
  Table2Documents docs = CountDocuments(items, year.first.year());
  const DocumentCounts& d = regulation ? docs.regulations : docs.normative;
  k.made = d.issued;
  k.repealed = d.repealed;
  k.valid = d.in_force;
  return k;
}

void ComputeTable2(ReportFormat format, const ReportInputs& in, const YearRange& year,
                   ReportValues& out) {
  KindCounts regulations = CountKind(in, year, true);
  KindCounts normative = CountKind(in, year, false);
  if (format == ReportFormat::kFormat2021) {
    for (auto [row, k] : {std::pair{"regulations", regulations}, {"normative_docs", normative}}) {
      out.Set("table2", row, "made", k.made);
      out.Set("table2", row, "repealed", k.repealed);
      out.Set("table2", row, "valid", k.valid);
    }
    out.Set("table2", "admin_fees", "fee_amount", in.admin.fees_yuan);
  } else {
    // The trial format asks for project counts (上一年项目数量, 本年增/减) and central
    // procurement that gongkai does not record: those cells stay absent ("/").
    for (auto [row, k] : {std::pair{"regulations", regulations}, {"normative_docs", normative}}) {
      out.Set("table2", row, "new_made", k.formed);
      out.Set("table2", row, "new_published", k.made);
      out.Set("table2", row, "published_total", k.valid);
    }
  }
  out.Set("table2", "licensing", "decisions", in.admin.licensing_decisions);
  out.Set("table2", "punishment", "decisions", in.admin.punishment_decisions);
  out.Set("table2", "coercion", "decisions", in.admin.coercion_decisions);
}

void ComputeLegacy(const ReportInputs& in, const YearRange& year, const Calendar& calendar,
                   const ReportRules& rules, ReportValues& out) {
  const TableDef& t = *GetReportFormat(ReportFormat::kLegacy2008).Table("legacy");
  for (const RowDef& row : t.rows) {
    if (row.data) out.Set(t.id, row.id, "value", 0);
  }
  auto add = [&](std::string_view row, int64_t n = 1) { out.Add(t.id, row, "value", n); };

  add("L1_1", in.items_published);
  KindCounts normative = CountKind(in, year, false);
  add("L1_1a", normative.made);
  add("L1_1b", normative.formed);
  auto channel = [&](Channel c) {
    auto it = in.items_by_channel.find(c);
    return it == in.items_by_channel.end() ? 0 : it->second;
  };
  add("L1_2_1", channel(Channel::kGazette));
  add("L1_2_2", channel(Channel::kWebsite));
  add("L1_2_3", channel(Channel::kWeibo));
  add("L1_2_4", channel(Channel::kWechat));
  add("L1_2_5", channel(Channel::kApp) + channel(Channel::kOther));

  ResponseCounts responses = CountResponses(in.responses);
  add("L2_1", responses.concerns);
  add("L2_2_1", responses.Of(ResponseKind::kPressConference));
  add("L2_2_1a", responses.press_principal);
  add("L2_2_2", responses.Of(ResponseKind::kOnlineInterview));
  add("L2_2_2a", responses.interviews_principal);
  add("L2_2_3", responses.Of(ResponseKind::kInterpretation));
  add("L2_2_4", responses.Of(ResponseKind::kWeiboWechat));
  add("L2_2_5", responses.Of(ResponseKind::kOther));

  for (const RequestFact& r : in.requests) {
    if (year.Contains(r.received_on)) {
      add("L3_1");
      switch (r.channel) {
        case RequestChannel::kInPerson:
          add("L3_1_1");
          break;
        case RequestChannel::kFax:
          add("L3_1_2");
          break;
        case RequestChannel::kOnline:
          add("L3_1_3");
          break;
        // The legacy table knows four channels; other written forms count as letters.
        case RequestChannel::kPost:
        case RequestChannel::kOther:
          add("L3_1_4");
          break;
      }
    }
    if (!IsClosed(r.state) || !year.Contains(r.closed_on)) continue;
    // The request clock's replay of the events (the function `request show` uses), so the
    // report and `request show` agree on 按时 / 延期 / 逾期.
    DueDate due = ReplayRequestFact(r, calendar, rules.clock);
    LegacyFigures f = ClassifyLegacy(
        {r.state, EffectiveOutcome(r), due.extension_days > 0, due.closed_on_time, r.answer_data},
        rules.legacy);
    add("L3_2");
    add(f.on_time ? "L3_2_1" : "L3_2_2");
    if (!f.answer) continue;  // concluded without an answer (withdrawn, fee unpaid)
    add("L3_3");
    std::string_view answer = LegacyAnswerRow(*f.answer);
    add(answer);
    if (f.answer->refusal) add("L3_3_4");
  }

  for (const LegalCase& c : in.legal_cases) {
    if (!CaseCountsInYear(c, in.year, rules.case_year)) continue;
    bool decided = c.closed_on && *c.closed_on <= year.last;
    std::string base = c.kind == CaseKind::kReview ? "L4" : "L5";
    add(base);
    if (decided && c.result == CaseResult::kMaintained) {
      add(base + "_1");
    } else if (decided && c.result == CaseResult::kCorrected) {
      add(base + "_2");
    } else {
      add(base + "_3");  // 其他情形, including cases still pending on 31 December
    }
  }
  add("L6", in.complaints);
  add("L7", in.fees_collected_yuan);
  add("L8_1", in.facts.dedicated_bodies);
  add("L8_2", in.reading_points);
  add("L8_3", in.facts.staff_full_time + in.facts.staff_part_time);
  add("L8_3_1", in.facts.staff_full_time);
  add("L8_3_2", in.facts.staff_part_time);
  add("L8_4", in.facts.funding_yuan);
  add("L9_1", in.meetings);
  add("L9_2", in.trainings);
  add("L9_3", in.trainees);
}

}  // namespace

ReportFormat DefaultReportFormat(int year) {
  if (year <= 2018) return ReportFormat::kLegacy2008;
  if (year <= 2020) return ReportFormat::kTrial2019;
  return ReportFormat::kFormat2021;
}

std::string_view EffectiveOutcome(const RequestFact& r) {
  if (!r.outcome.empty()) return r.outcome;
  return r.state == RequestState::kAbandoned ? "r6_1" : "r6_3";
}

std::string_view LegacyAnswerRow(const LegacyCategory& category) {
  static constexpr std::string_view kReplyRows[] = {
      "", "L3_3_1", "L3_3_2", "L3_3_3", "L3_3_4", "L3_3_5", "L3_3_6", "L3_3_7", "L3_3_8"};
  static constexpr std::string_view kRefusalRows[] = {"",        "L3_3_4a", "L3_3_4b", "L3_3_4c",
                                                      "L3_3_4d", "L3_3_4e", "L3_3_4f"};
  if (category.refusal) return kRefusalRows[static_cast<int>(*category.refusal)];
  return kReplyRows[static_cast<int>(category.reply)];
}

ReportValues ComputeReport(ReportFormat format, const ReportInputs& in, const Calendar& calendar,
                           const ReportRules& rules) {
  YearRange year{Date::FromYmd(in.year, 1, 1), Date::FromYmd(in.year, 12, 31)};
  ReportValues out;
  if (format == ReportFormat::kLegacy2008) {
    ComputeLegacy(in, year, calendar, rules, out);
  } else {
    ComputeTable2(format, in, year, out);
    ComputeTable3(format, in, year, out);
    ComputeTable4(in, year, rules, out);
  }
  return out;
}

const char* CaseYearRuleCode(CaseYearRule rule) {
  return rule == CaseYearRule::kFiled ? "filed" : "concluded";
}

Result<CaseYearRule> ParseCaseYearRule(std::string_view text) {
  if (text == "filed") return CaseYearRule::kFiled;
  if (text == "concluded") return CaseYearRule::kConcluded;
  return InvalidArgument("表四计数年度规则须为 filed 或 concluded: '" + std::string(text) + "'",
                         "case_year");
}

bool CaseCountsInYear(const LegalCase& c, int year, CaseYearRule rule) {
  if (rule == CaseYearRule::kFiled) return c.filed_on.year() == year;
  return c.closed_on && c.closed_on->year() == year && c.result != CaseResult::kPending;
}

}  // namespace gongkai::core
