// The demo dataset: a fictional county-level city (青溪市, code QXS) at the scale of a real
// one's annual report (the seed: a county-level city's 2017 report) — ~80 bodies, ~20,000
// proactive items a year, ~55 requests, ~9,000 consultations and ~9,300 complaints a year,
// a few review and litigation cases, responses, meetings, trainings, staff and funding —
// for the ten calendar years up to and including the current one, the current year up to
// today, so that the back office has work on its desk the day the demo is generated.
//
// Anchored to today: nothing is received, published, answered or dated after
// `options.today`. The last year is normally today's year; it ends today, with work in
// flight (demo/demo_live.hpp): requests in every open state with realistic clocks, drafts,
// submissions awaiting 保密审查, a rejected item, a guide proposed for review, unanswered
// consultations and complaints of this week, a pending review case. Past years' annual
// reports are published as frozen versions (one with a correction), the current year's is
// the live preview. Every body's 政府信息公开指南 is composed from its records
// (core/guide.hpp).
//
// Every name, address, phone number and document number is invented. Applicants' names,
// ID documents and contacts are invented too, and sealed with `options.key` (the key the
// server will use), so the back office shows them to those allowed to see them. Lookup
// codes are random hex that is the hash of no code (no demo request can be looked up from
// the portal).
//
// Determinism: the data depends only on the seed, today, the year range, the scale and the
// calendar (and the clock's timestamps on audit events). The PRNG is std::mt19937_64, whose
// output sequence the standard fixes; the distributions on top of it are our own. Two
// exceptions by design: sealed personal data (secretbox uses a fresh random nonce each
// time; what it opens to is deterministic) and password hashes (random salt).
//
// Auditing: the bulk of the past is loaded with one audit event per entity type (action
// "demo.generate", entity "item", "request", ..., entity_id "*", after_json {"count": N,
// "seed": S, "first_year": A, "last_year": B}) instead of one per row: ~400,000 per-row
// events saying "generated" would carry no information and bury the events that matter.
// Today's work in flight goes through the core services and is audited like any change.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/personal_data.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"
#include "core/store.hpp"

namespace gongkai::demo {

struct DemoOptions {
  uint64_t seed = 1;
  core::Date today;    // required: the demo's today (nothing is dated after it)
  int first_year = 0;  // 0: today's year - 9
  int last_year = 0;   // 0: today's year; never after it
  // Scale of the bulk, in percent of the city's size (items, consultations, complaints);
  // tests use a few percent. Requests, cases and the work in flight are not scaled.
  int scale_percent = 100;
  // Seals applicants' data; when absent, a throwaway key nobody holds is used (the back
  // office then says the data cannot be opened).
  const app::PersonalDataKey* key = nullptr;
  // Publish past years' annual reports (the slowest part of the load).
  bool publish_reports = true;
};

// What GenerateDemo wrote.
struct DemoSummary {
  int first_year = 0;
  int last_year = 0;
  int orgs = 0;
  int64_t items = 0;  // all item rows, unpublished ones included
  int64_t requests = 0;
  int64_t consultations = 0;
  int64_t complaints = 0;
  int64_t legal_cases = 0;
  int64_t meetings = 0;  // meetings and trainings
  int64_t responses = 0;
  int64_t reports = 0;             // published report versions
  bool provisional_dates = false;  // some date relied on an unloaded holiday notice
};

// Called as the load progresses: a step's name, steps done, steps in all.
using DemoProgress = std::function<void(const std::string& step, int64_t done, int64_t total)>;

// Fills an empty, migrated store with the demo city, in one transaction.
//
// Requires a valid `today`, 2000 <= first_year <= last_year <= today's year (else
// kInvalidArgument) and a store holding no orgs (else kFailedPrecondition; nothing is
// written). Working days come from the store's own calendar (the one the services read:
// load it first, e.g. app::ImportBundledCalendar): days of years it lacks are its
// provisional estimates, and request due dates that depend on them are stored with
// due_provisional set (DemoSummary::provisional_dates says whether any was). Store failures
// are returned as they come; the transaction is then rolled back.
core::Result<DemoSummary> GenerateDemo(core::Store& store, const core::Clock& clock,
                                       const DemoOptions& options,
                                       const DemoProgress& progress = {});

// The password of every demo account (docs/admin.md).
inline constexpr const char* kDemoPassword = "gongkai-demo-2024";

}  // namespace gongkai::demo
