// The applicant's view of their request on /status (issue 21): state, dates with the
// provisional mark, what to correct, by when and how (from the issued 补正告知书), the
// outcome in plain words, and the letters issued to them for download. Never the
// applicant's personal data beyond what their own letters carry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/request_service.hpp"
#include "web/templates.hpp"

namespace gongkai::web {

// The lookup code as people type it: case-insensitive, blanks and hyphens ignored
// ("abcd efgh-jkmn" → "ABCDEFGHJKMN"), full-width forms folded by the caller.
std::string NormalizeLookupCode(std::string_view code);

// The tracking number without blanks ("2026 - 0001" → "2026-0001").
std::string NormalizeTrackingNo(std::string_view tracking);

// The state as the applicant reads it (已收到，待办理, 已告知补正，等待补正, ...).
const char* ApplicantStateLabel(core::RequestState state);

// The result page's values (template status_result): org_name, tracking_no, state,
// dates, due_on and due_note (provisional), clock_note, outcome (plain words), closed_on,
// events, correction {what, deadline, how} once a 补正告知书 was issued, and letters
// [{letter_id, title, issued_on}]. The caller adds the download token.
View StatusView(const core::RequestView& view, const std::vector<core::RequestLetter>& letters);

}  // namespace gongkai::web
