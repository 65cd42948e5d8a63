// Records as the API's JSON. Requests never carry the applicant's personal data here: that
// has its own route (kRequestPersonalData).
#pragma once

#include "api/route.hpp"
#include "core/audit.hpp"
#include "core/cases.hpp"
#include "core/item.hpp"
#include "core/request_service.hpp"

namespace gongkai::api {

json::object OrgJson(const core::Org& org, const core::OrgTree& tree);
// `with_body`: include body_md (single item) or not (lists).
json::object ItemJson(const core::Item& item, const core::OrgTree& tree, bool with_body);
json::object RequestJson(const core::Request& request, const core::OrgTree& tree);
// The request with its events, due date and fee.
json::object RequestViewJson(const core::RequestView& view, const core::OrgTree& tree);
json::object ComplaintJson(const core::Complaint& complaint, const core::OrgTree& tree);
json::object ConsultationJson(const core::Consultation& consultation, const core::OrgTree& tree);
json::object AuditEventJson(const core::AuditEvent& event);

}  // namespace gongkai::api
