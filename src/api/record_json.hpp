// Records as the API's JSON. Requests never carry the applicant's personal data here: that
// has its own route (kRequestPersonalData).
#pragma once

#include "api/route.hpp"
#include "core/audit.hpp"
#include "core/cases.hpp"
#include "core/item.hpp"
#include "core/request_service.hpp"

namespace gongkai::api {

// Each function is pure (no store access): the route has loaded the record and the org
// tree in its transaction. Bodies are named by code and name ("org": {"code", "name"}), dates
// are ISO civil dates, timestamps UTC ISO; the schemas are components/schemas in the OpenAPI
// document (openapi.cpp), which a test keeps in step with these functions.

// A body: code, name, kind, parent code, contact and reading points.
json::object OrgJson(const core::Org& org, const core::OrgTree& tree);
// `with_body`: include body_md (single item) or not (lists).
json::object ItemJson(const core::Item& item, const core::OrgTree& tree, bool with_body);
// A request without personal data (tracking number, dates, state, outcome).
json::object RequestJson(const core::Request& request, const core::OrgTree& tree);
// The request with its events, due date and fee.
json::object RequestViewJson(const core::RequestView& view, const core::OrgTree& tree);
// The related cases (咨询, 举报投诉) as recorded; no complainant's personal data.
json::object ComplaintJson(const core::Complaint& complaint, const core::OrgTree& tree);
json::object ConsultationJson(const core::Consultation& consultation, const core::OrgTree& tree);
// One audit event: actor, time, action, entity and the before/after snapshots (which hold
// no password hashes and no personal data by construction).
json::object AuditEventJson(const core::AuditEvent& event);

}  // namespace gongkai::api
