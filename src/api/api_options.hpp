// What the JSON API needs besides the database.
#pragma once

#include <chrono>
#include <optional>

#include "app/personal_data.hpp"
#include "core/clock.hpp"
#include "core/report_compute.hpp"

namespace gongkai::api {

struct ApiOptions {
  const core::Clock* clock = nullptr;  // must outlive the API; the system clock when null
  // Seals applicants' personal data at intake and opens it for the applicant route. Without
  // it those two routes answer 409 failed_precondition.
  std::optional<app::PersonalDataKey> personal_key;
  // The readings of the law (config keys clock_*, legacy_*, report_*), as the CLI uses them.
  core::ReportRules rules;
  int max_per_page = 100;
  // Per-token rate limit: `rate_burst` requests at once, then one every `rate_interval`.
  int rate_burst = 120;
  std::chrono::milliseconds rate_interval{100};
};

}  // namespace gongkai::api
