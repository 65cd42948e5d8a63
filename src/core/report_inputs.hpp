// The records an annual report is computed from, for one body or a subtree and one year,
// in the compact form the store loads them (ReportRepository). Counting rules live in
// report_compute.hpp, not here and not in SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/cases.hpp"
#include "core/item.hpp"
#include "core/org.hpp"
#include "core/request.hpp"

namespace gongkai::core {

// A request that was open at some point of the year: received on or before 31 December
// and not closed before 1 January.
struct RequestFact {
  ApplicantType applicant_type = ApplicantType::kNaturalPerson;
  RequestChannel channel = RequestChannel::kOnline;
  Date received_on;
  RequestState state = RequestState::kReceived;
  std::string outcome;  // empty unless closed
  std::optional<Date> closed_on;
  // The due date in force when it closed (corrections, pauses and extensions replayed);
  // nullopt for requests recorded without their events.
  std::optional<Date> due_on;
  bool extended = false;    // an extension (延期答复) was recorded
  std::string answer_data;  // the answer event's details (FlatJson text), "" when none
  std::string tracking_no;  // YYYY-NNNN, for the report's warnings
  Id org_id = 0;            // the receiving body (tracking numbers are per body)
  // Every event of the request, in seq order: the report replays them through the request
  // clock (core::ReplayRequestFact) so that it classifies exactly as `request show` does.
  std::vector<RequestEvent> events;
  // The due date rests on a year without a holiday notice (an estimate; see calendar.hpp).
  bool due_provisional = false;
};

// An item flagged 规章 or 行政规范性文件 (table 二 of the 2021 format; legacy 规范性文件).
struct KindItemFact {
  bool is_regulation = false;
  bool is_normative = false;
  Date formed_on;
  std::optional<Date> published_on;
  Validity validity = Validity::kValid;
  std::optional<Date> validity_changed_on;
};

struct ReportInputs {
  int year = 0;
  std::vector<RequestFact> requests;
  std::vector<KindItemFact> kind_items;  // published on or before 31 December
  // Items published in the year: counted once each, and once per channel that carried them.
  int64_t items_published = 0;
  std::map<Channel, int64_t> items_by_channel;
  std::vector<Response> responses;     // held in the year
  std::vector<LegalCase> legal_cases;  // filed in the year, or closed in it
  int64_t complaints = 0;              // received in the year
  int64_t consultations = 0;           // asked in the year
  AdminStats admin;                    // summed over the bodies
  OrgYearFacts facts;                  // summed over the bodies
  int64_t reading_points = 0;          // 查阅点 of the bodies
  int64_t meetings = 0;                // work meetings held in the year
  int64_t trainings = 0;               // training courses held in the year
  int64_t trainees = 0;                // persons trained (人次)
  int64_t fees_collected_yuan = 0;     // 信息处理费 collected in the year
};

}  // namespace gongkai::core
