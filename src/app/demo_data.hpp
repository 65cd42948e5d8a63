// The demo dataset: a fictional county-level city (青溪市, code QXS) at the scale of a real
// one's annual report (the seed: a county-level city's 2017 report) — ~80 bodies, ~20,000
// proactive items a year, ~55 requests, ~9,000 consultations and ~9,300 complaints a year,
// a few review and litigation cases, responses, meetings, trainings, staff and funding —
// for every year of a range, so that both the legacy and the 2021 report formats have data.
//
// Every name, address, phone number and document number is invented. Nothing personal is
// generated: applicant_sealed stays empty and lookup_code_hash is random hex that is the
// hash of no code at all (so no demo request can be looked up from the portal).
//
// Determinism: the data depends only on the seed, the year range and the calendar. The
// PRNG is std::mt19937_64, whose output sequence the standard fixes; the distributions on
// top of it are our own (std:: distributions differ between standard libraries). The
// clock only stamps the audit events.
//
// Auditing: the load writes one audit event per entity type (action "demo.generate",
// entity "item", "request", ..., entity_id "*", after_json {"count": N, "seed": S,
// "first_year": A, "last_year": B}) instead of one per row. The chain exists to detect
// tampering with records changed by people; ~400,000 per-row events saying "generated"
// would carry no information, triple the load time and bury the events that matter. The
// generated rows are reproducible from the seed, which is the better record of them.
#pragma once

#include <cstdint>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"
#include "core/store.hpp"

namespace gongkai::app {

struct DemoOptions {
  uint64_t seed = 1;
  int first_year = 2016;
  int last_year = 2025;
};

// What GenerateDemo wrote.
struct DemoSummary {
  int orgs = 0;
  int64_t items = 0;  // all item rows, unpublished ones included
  int64_t requests = 0;
  int64_t consultations = 0;
  int64_t complaints = 0;
  int64_t legal_cases = 0;
  int64_t meetings = 0;  // meetings and trainings
  int64_t responses = 0;
};

// Fills an empty, migrated store with the demo city, in one transaction.
//
// Requires 2000 <= first_year <= last_year <= 2999 (else kInvalidArgument) and a store
// holding no orgs (else kFailedPrecondition; nothing is written). Working days come from
// `calendar`: years it lacks fall back to the weekend rule, and request due dates that
// depend on such years are stored with due_provisional set, as the calendar reports them.
// Requests still open on 31 December of `last_year` stay in progress; those open on
// 31 December of an earlier year are carried over and answered in January.
// Store failures are returned as they come; the transaction is then rolled back.
core::Result<DemoSummary> GenerateDemo(core::Store& store, const core::Calendar& calendar,
                                       const core::Clock& clock, const DemoOptions& options);

}  // namespace gongkai::app
