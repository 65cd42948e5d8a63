// Requests for disclosure of the demo city's past (demo/demo_data.hpp): ~55 a year over the
// bodies by weight, every channel, applicant type and outcome, corrections, third-party
// consultations, extensions, fees from 2021, a few answered late, a few carried over into
// January. Every event goes through the request state machine (core::ApplyEvent) with the
// demo's today, so the demo obeys the rules a handler's events obey; events that would
// fall after today are not generated, which leaves such requests open today.
#pragma once

#include <functional>
#include <vector>

#include "core/request.hpp"
#include "core/request_state.hpp"
#include "core/status.hpp"
#include "demo/demo_city.hpp"
#include "demo/demo_random.hpp"

namespace gongkai::demo {

// A request and the events of its handling, planned by playing them through the request
// clock (core/request_state) before anything is stored: the demo's requests obey the same
// rules a handler's do. `order` keeps receipt order among same-day requests.
struct PlannedRequest {
  size_t org = 0;
  int order = 0;
  core::Request request;  // without id, serial and tracking number
  std::vector<core::RequestEvent> events;
};

// Invented applicants: a name for the type, an invented ID document and contact.
struct Applicant {
  std::string name, id_document, contact;
};
Applicant MakeApplicant(Rng& rng, core::ApplicantType type);

// Plans a year of requests per body: outcome mix, corrections, extensions, late answers and
// the ones carried into the next year. Borrows its arguments (they must outlive it); fails
// only when the request clock refuses a planned event, which is a bug in the plan.
class RequestPlanner {
 public:
  RequestPlanner(Rng& rng, WorkingDays& days, const core::Calendar& calendar,
                 const std::vector<DemoOrg>& orgs, const WeightedPicker& bodies);

  // The requests received in `year`, on or before `last_receipt` (clamped to the year),
  // `count` of them, in order of receipt.
  core::Result<std::vector<PlannedRequest>> Year(int year, int count, Date last_receipt);

 private:
  std::string Outcome(int index_in_year, int year);
  core::Status Play(PlannedRequest& p, const std::string& outcome, bool carried, bool late);
  // Applies `in` when it is dated on or before today; false (nothing done) when it is not.
  core::Result<bool> Apply(PlannedRequest& p, core::EventInput in);

  Rng& rng_;
  WorkingDays& days_;
  const core::Calendar& calendar_;
  const std::vector<DemoOrg>& orgs_;
  const WeightedPicker& bodies_;
  int forced_outcome_ = 0;
};

}  // namespace gongkai::demo
