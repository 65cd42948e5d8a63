// The demo city's work in flight on its today (demo/demo_data.hpp): what a disclosure office
// has on its desk on the day the demo is generated — requests received today and
// yesterday, due within 1-3 working days, one overdue, waiting for a 补正, paused for a
// third-party consultation, extended with the applicant told, a fee notice unpaid, one
// answered this week; drafts, submissions awaiting 保密审查, an item rejected back to its
// editor, a guide proposed after its body's contact details changed; a pending review case.
//
// Everything goes through the core services a person's actions go through (intake, request
// events, fees, the item workflow with distinct editor and reviewer, contact updates), with
// their audit events, so the rules those services enforce hold for the demo too.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "demo/demo_city.hpp"
#include "demo/demo_random.hpp"
#include "demo/demo_requests.hpp"

namespace gongkai::demo {

// The demo's sign-in accounts (docs/admin.md).
inline constexpr const char* kEditor = "demo-editor";
inline constexpr const char* kReviewer = "demo-reviewer";
inline constexpr const char* kHandler = "demo-handler";
inline constexpr const char* kJyjEditor = "demo-jyj-editor";

struct LiveContext {
  core::Repositories& repos;
  const core::Calendar& calendar;
  WorkingDays& days;  // days.last() is today
  Rng& rng;
  const std::vector<DemoOrg>& orgs;
  // Seals an applicant's data (app/personal_data).
  std::function<core::Result<std::string>(const Applicant&)> seal;
  std::string at;  // the audit timestamp of today's changes
};

struct LiveCounts {
  int64_t requests = 0;
  int64_t items = 0;
};

// The requests in flight. Requires the demo users and bodies to exist.
core::Result<LiveCounts> LiveRequests(LiveContext& live);

// Drafts, submissions, a rejection and guide proposals.
core::Result<LiveCounts> LiveItems(LiveContext& live);

}  // namespace gongkai::demo
