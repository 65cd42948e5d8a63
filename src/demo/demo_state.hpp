// What the steps of the demo generator share (demo/demo_data.hpp): the repositories, the
// PRNG, the working days up to today, the bodies and their weights, the running counts.
// Each step is a function of one year in its own file.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store.hpp"
#include "demo/demo_city.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_random.hpp"

namespace gongkai::demo {

// A published normative item of the year (policy interpretations point to them).
struct NormativeItem {
  core::Id id;
  core::Id org_id;
  Date published_on;
};

// An answer its applicant might take to review or court.
struct ContestedAnswer {
  size_t org;
  Date closed_on;
  core::Id id;
};

// The generator's state during one GenerateDemo call, inside its transactions: the
// references are borrowed from the caller and must outlive it. One thread only.
struct DemoState {
  DemoState(core::Repositories& r, const core::Calendar& c, const DemoOptions& o)
      : repos(r), calendar(c), options(o), rng(o.seed), days(c, o.today), today(o.today) {}

  core::Repositories& repos;
  const core::Calendar& calendar;
  const DemoOptions& options;
  Rng rng;
  WorkingDays days;
  const Date today;
  std::vector<DemoOrg> orgs;
  std::vector<int64_t> item_weights;
  std::unique_ptr<WeightedPicker> request_picker, consult_picker;
  std::vector<std::string> guide_text;  // per body: its guide composed from its records
  // Latest publication date per (body, catalog path), over the years generated so far.
  std::map<std::pair<size_t, std::string>, Date> latest;
  std::vector<NormativeItem> year_items;       // the year's published normative items
  std::vector<ContestedAnswer> year_requests;  // the year's contestable answers
  int forced_case_kind = 0;
  int64_t year_facts = 0, admin_stats = 0, request_events = 0;
  DemoSummary summary;

  // `n` scaled by options.scale_percent and by the share of `year` up to today.
  int64_t Scaled(int64_t n, int year) const {
    return static_cast<int64_t>(static_cast<double>(n) * options.scale_percent / 100.0 *
                                days.ShareOf(year));
  }
  // A calendar day of `year` up to today, uniformly.
  Date DayOf(int year) {
    const int32_t span = std::min(today, YearEnd(year)) - YearStart(year) + 1;
    return YearStart(year).AddDays(static_cast<int32_t>(rng.Below(span)));
  }
};

// Proactive items of `year` (demo_items_year.cpp): the bulk, yearly documents, normative
// documents, guides composed from the records, and in today's year the freshness that
// keeps a working office's columns current (a handful drifting towards stale).
core::Status GenerateItems(DemoState& s, int year);
// A few published items with personal data, masked and not (demo_planted_pii.cpp).
core::Status PlantPersonalData(DemoState& s);

// Meetings, trainings and responses of `year` (demo_cases.cpp).
core::Status GenerateMeetings(DemoState& s, int year);
core::Status GenerateResponses(DemoState& s, int year);
// Consultations and complaints of `year`; this week's partly unanswered.
core::Status GenerateConsultations(DemoState& s, int year);
core::Status GenerateComplaints(DemoState& s, int year);
// Review and litigation cases of `year`; in today's year one review case filed recently
// and pending.
core::Status GenerateLegalCases(DemoState& s, int year);

}  // namespace gongkai::demo
