// The OpenAPI 3.0 document, generated from the route table (api/route.hpp): every route is
// documented and nothing else is, so the document cannot drift from the router.
#include <boost/json.hpp>

#include "api/json_api.hpp"
#include "api/route.hpp"

namespace gongkai::api {

namespace {

using Props = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// A property's schema from a short type name: string, date, integer, boolean, object,
// "X?" for nullable, "[X]" for an array of X, "#Name" for a reference.
json::value Type(std::string_view t) {
  bool nullable = !t.empty() && t.back() == '?';
  if (nullable) t.remove_suffix(1);
  json::object s;
  if (t.size() > 2 && t.front() == '[') {
    s["type"] = "array";
    s["items"] = Type(t.substr(1, t.size() - 2));
  } else if (!t.empty() && t.front() == '#') {
    s["$ref"] = "#/components/schemas/" + std::string(t.substr(1));
    return s;
  } else if (t == "date") {
    s["type"] = "string";
    s["format"] = "date";
  } else {
    s["type"] = t;
  }
  if (nullable) s["nullable"] = true;
  return s;
}

json::object Object(Props props, std::initializer_list<std::string_view> required = {}) {
  json::object properties;
  for (const auto& [name, type] : props) properties[name] = Type(type);
  json::object s{{"type", "object"}, {"properties", std::move(properties)}};
  if (required.size() > 0) {
    json::array req;
    for (auto r : required) req.push_back(json::string(r));
    s["required"] = std::move(req);
  }
  return s;
}

json::object PageOfSchema(std::string_view item) {
  return Object({{"items", "[#" + std::string(item) + "]"},
                 {"page", "integer"},
                 {"per_page", "integer"},
                 {"total", "integer"}},
                {"items", "page", "per_page", "total"});
}

json::object Schemas() {
  json::object s;
  json::object error_props;
  error_props["error"] =
      Object({{"code", "string"}, {"message", "string"}, {"field", "string"}}, {"code", "message"});
  json::object error;
  error["type"] = "object";
  error["properties"] = std::move(error_props);
  s["Error"] = std::move(error);
  s["Empty"] = Object({});
  s["Org"] = Object({{"id", "integer"},
                     {"code", "string"},
                     {"name", "string"},
                     {"kind", "string"},
                     {"parent", "string?"},
                     {"acceptance_address", "string"},
                     {"acceptance_hours", "string"},
                     {"acceptance_phone", "string"}});
  s["OrgList"] = Object({{"orgs", "[#Org]"}});
  s["Channel"] = Object({{"channel", "string"}, {"published_on", "date"}});
  s["Item"] = Object({{"id", "integer"},
                      {"org", "string"},
                      {"state", "string"},
                      {"index_no", "string?"},
                      {"title", "string"},
                      {"summary", "string"},
                      {"publisher", "string"},
                      {"formed_on", "date"},
                      {"published_on", "date?"},
                      {"doc_no", "string"},
                      {"topic", "string"},
                      {"category", "string"},
                      {"disclosure_mode", "string"},
                      {"validity", "string"},
                      {"validity_changed_on", "date?"},
                      {"is_regulation", "boolean"},
                      {"is_normative", "boolean"},
                      {"channels", "[#Channel]"},
                      {"author", "string"},
                      {"body_md", "string"},
                      // Only in the answers of createItem and updateItem (issue 20).
                      {"personal_data", "[#PersonalDataFinding]"}});
  s["PersonalDataFinding"] = Object({{"kind", "string"},
                                     {"kind_label", "string"},
                                     {"field", "string"},
                                     {"offset", "integer"},
                                     {"key", "string"},
                                     {"preview", "string"},
                                     {"masked", "boolean"},
                                     {"confidence", "integer"}});
  s["ItemPage"] = PageOfSchema("Item");
  Props editable = {{"title", "string"},          {"summary", "string"},
                    {"publisher", "string"},      {"formed_on", "date"},
                    {"doc_no", "string"},         {"topic", "string"},
                    {"category", "string"},       {"disclosure_mode", "string"},
                    {"validity", "string"},       {"validity_changed_on", "date?"},
                    {"is_regulation", "boolean"}, {"is_normative", "boolean"},
                    {"body_md", "string"}};
  json::object create = Object(editable, {"org", "title", "formed_on"});
  create["properties"].as_object()["org"] = Type("string");
  s["ItemCreate"] = std::move(create);
  s["ItemUpdate"] = Object(editable);
  s["ItemReview"] = Object({{"approve", "boolean"}, {"reason", "string"}}, {"approve"});
  s["ItemPublish"] = Object({{"on", "date"}, {"channels", "[string]"}});
  s["ItemWithdraw"] = Object({{"reason", "string"}}, {"reason"});
  s["AuditEvent"] = Object({{"id", "integer"},
                            {"at", "string"},
                            {"actor", "string"},
                            {"action", "string"},
                            {"entity", "string"},
                            {"entity_id", "string"},
                            {"before", "object?"},
                            {"after", "object?"},
                            {"hash", "string"}});
  s["AuditTrail"] = Object({{"events", "[#AuditEvent]"}});
  Props request = {{"id", "integer"},
                   {"org", "string"},
                   {"tracking_no", "string"},
                   {"channel", "string"},
                   {"applicant_type", "string"},
                   {"description", "string"},
                   {"doc_no", "string"},
                   {"delivery_form", "string"},
                   {"submitted_on", "date"},
                   {"received_on", "date"},
                   {"state", "string"},
                   {"outcome", "string"},
                   {"due_on", "date?"},
                   {"due_provisional", "boolean"},
                   {"closed_on", "date?"}};
  s["RequestSummary"] = Object(request);
  s["RequestPage"] = PageOfSchema("RequestSummary");
  s["RequestEventRecord"] = Object({{"seq", "integer"},
                                    {"kind", "string"},
                                    {"on", "date"},
                                    {"actor", "string"},
                                    {"note", "string"},
                                    {"data", "object?"}});
  s["DueDate"] = Object({{"clock", "string"},
                         {"date", "date?"},
                         {"period_days", "integer"},
                         {"extension_days", "integer"},
                         {"days_remaining_at_pause", "integer"},
                         {"provisional", "boolean"},
                         {"provisional_reason", "string"},
                         {"estimated_holidays", "[string]"},
                         {"timeliness", "string"},
                         {"days_late", "integer"},
                         {"warnings", "[string]"}});
  s["Fee"] = Object({{"amount_yuan", "integer"},
                     {"basis", "string"},
                     {"status", "string"},
                     {"notified_on", "date"},
                     {"settled_on", "date?"}});
  json::object full = Object(request);
  full["properties"].as_object()["events"] = Type("[#RequestEventRecord]");
  full["properties"].as_object()["due"] = Type("#DueDate");
  full["properties"].as_object()["fee"] = Type("#Fee");
  s["Request"] = full;
  full["properties"].as_object()["lookup_code"] = Type("string");
  full["properties"].as_object()["suggestions"] = Type("[#Suggestion]");
  s["RequestCreated"] = std::move(full);
  s["Suggestion"] = Object(
      {{"item_id", "integer"}, {"title", "string"}, {"index_no", "string"}, {"reason", "string"}});
  s["ApplicantInput"] = Object(
      {{"name", "string"}, {"id_document", "string"}, {"contact", "string"}}, {"name", "contact"});
  s["RequestIntake"] =
      Object({{"org", "string"},
              {"channel", "string"},
              {"applicant_type", "string"},
              {"submitted_on", "date"},
              {"confirmed_on", "date"},
              {"description", "string"},
              {"doc_no", "string"},
              {"delivery_form", "string"},
              {"note", "string"},
              {"applicant", "#ApplicantInput"}},
             {"org", "channel", "applicant_type", "submitted_on", "description", "applicant"});
  s["RequestEvent"] = Object({{"kind", "string"},
                              {"on", "date"},
                              {"note", "string"},
                              {"outcome", "string"},
                              {"published_item", "string"},
                              {"basis", "string"},
                              {"consult_with", "string"},
                              {"extension_days", "integer"},
                              {"approver", "string"},
                              {"correction_deadline", "date"},
                              {"abandon_reason", "string"},
                              {"good_reason", "string"},
                              {"notified_on", "date"},
                              {"notified_how", "string"}},
                             {"kind", "on"});
  s["RequestAnswer"] = Object({{"on", "date"},
                               {"outcome", "string"},
                               {"published_item", "string"},
                               {"basis", "string"},
                               {"note", "string"}},
                              {"on", "outcome"});
  s["Applicant"] = Object({{"request_id", "integer"},
                           {"name", "string"},
                           {"id_document", "string"},
                           {"contact", "string"}});
  s["Complaint"] = Object({{"id", "integer"},
                           {"org", "string"},
                           {"channel", "string"},
                           {"received_on", "date"},
                           {"subject", "string"},
                           {"replied_on", "date?"}});
  s["ComplaintPage"] = PageOfSchema("Complaint");
  s["ComplaintCreate"] = Object({{"org", "string"},
                                 {"channel", "string"},
                                 {"received_on", "date"},
                                 {"subject", "string"},
                                 {"replied_on", "date"}},
                                {"org", "received_on", "subject"});
  s["Consultation"] = Object({{"id", "integer"},
                              {"org", "string"},
                              {"channel", "string"},
                              {"asked_on", "date"},
                              {"topic", "string"},
                              {"answered", "boolean"}});
  s["ConsultationPage"] = PageOfSchema("Consultation");
  s["ConsultationCreate"] = Object({{"org", "string"},
                                    {"channel", "string"},
                                    {"asked_on", "date"},
                                    {"topic", "string"},
                                    {"answered", "boolean"}},
                                   {"org", "channel", "asked_on"});
  s["LegalCase"] = Object({{"id", "integer"},
                           {"org", "string"},
                           {"kind", "string"},
                           {"filed_on", "date"},
                           {"request_id", "integer?"},
                           {"request", "string?"},
                           {"result", "string"},
                           {"closed_on", "date?"}});
  s["LegalCasePage"] = PageOfSchema("LegalCase");
  s["LegalCaseCreate"] = Object({{"org", "string"},
                                 {"kind", "string"},
                                 {"filed_on", "date"},
                                 {"request", "string"},
                                 {"request_id", "integer"},
                                 {"result", "string"},
                                 {"closed_on", "date"}},
                                {"org", "kind", "filed_on"});
  s["LegalCaseResult"] = Object({{"result", "string"}, {"closed_on", "date"}}, {"result"});
  // The computed report: docs/report.schema.json describes it in full.
  s["Report"] = Object({{"format", "string"},
                        {"year", "integer"},
                        {"body", "string"},
                        {"org_code", "string"},
                        {"subtree", "boolean"},
                        {"bodies", "integer"},
                        {"text", "string"},
                        {"cells", "[object]"}});
  s["ReportVersion"] = Object({{"version", "integer"},
                               {"published_at", "string"},
                               {"published_by", "string"},
                               {"format", "string"},
                               {"change_note", "string"},
                               {"url", "string"}});
  s["ReportVersionList"] = Object({{"versions", "[#ReportVersion]"}});
  s["ReportNarrativeInput"] =
      Object({{"section", "integer"}, {"text", "string"}}, {"section", "text"});
  s["ReportNarrative"] = Object({{"org", "string"},
                                 {"year", "integer"},
                                 {"section", "integer"},
                                 {"text", "string"},
                                 {"updated_at", "string"},
                                 {"updated_by", "string"}});
  s["ReportPublishInput"] = Object({{"note", "string"}});
  // A body's own data (body_routes.cpp); money in integer yuan.
  s["ReadingPoint"] =
      Object({{"name", "string"}, {"address", "string"}, {"hours", "string"}}, {"name"});
  s["OrgContact"] = Object({{"org", "string"},
                            {"acceptance_address", "string"},
                            {"acceptance_hours", "string"},
                            {"acceptance_phone", "string"},
                            {"reading_points", "[#ReadingPoint]"}});
  s["OrgContactUpdate"] = Object({{"acceptance_address", "string"},
                                  {"acceptance_hours", "string"},
                                  {"acceptance_phone", "string"},
                                  {"reading_points", "[#ReadingPoint]"}});
  Props facts = {{"dedicated_bodies", "integer"},
                 {"staff_full_time", "integer"},
                 {"staff_part_time", "integer"},
                 {"funding_yuan", "integer"}};
  s["OrgYearFactsInput"] = Object(facts);
  json::object year_facts = Object(facts);
  for (auto [k, t] : {std::pair{"org", "string"}, {"year", "integer"}, {"recorded", "boolean"}}) {
    year_facts["properties"].as_object()[k] = Type(t);
  }
  s["OrgYearFacts"] = std::move(year_facts);
  Props stats = {{"licensing_decisions", "integer"},
                 {"punishment_decisions", "integer"},
                 {"coercion_decisions", "integer"},
                 {"fees_yuan", "integer"}};
  s["AdminStatsInput"] = Object(stats);
  json::object admin_stats = Object(stats);
  for (auto [k, t] : {std::pair{"org", "string"}, {"year", "integer"}, {"recorded", "boolean"}}) {
    admin_stats["properties"].as_object()[k] = Type(t);
  }
  s["AdminStats"] = std::move(admin_stats);
  s["Meeting"] = Object({{"id", "integer"},
                         {"org", "string"},
                         {"category", "string"},
                         {"kind", "string"},
                         {"title", "string"},
                         {"held_on", "date"},
                         {"attendees", "integer"}});
  s["MeetingList"] = Object({{"meetings", "[#Meeting]"}});
  s["MeetingCreate"] = Object({{"category", "string"},
                               {"kind", "string"},
                               {"title", "string"},
                               {"held_on", "date"},
                               {"attendees", "integer"}},
                              {"category", "title", "held_on"});
  return s;
}

json::object Ref(std::string_view schema) {
  json::object ref;
  ref["$ref"] = "#/components/schemas/" + std::string(schema);
  return ref;
}

json::object JsonContent(std::string_view schema) {
  return json::object{{"application/json", json::object{{"schema", Ref(schema)}}}};
}

json::object Operation(const Route& r) {
  json::object op;
  op["operationId"] = r.operation_id;
  op["summary"] = r.summary;
  op["tags"] = json::array{json::string(r.path.substr(8, r.path.find('/', 8) - 8))};
  op["x-gongkai-action"] = core::ActionCode(r.action.value_or(core::Action::kRead));
  json::array params;
  for (size_t p = r.path.find('{'); p != std::string_view::npos; p = r.path.find('{', p + 1)) {
    std::string_view name = r.path.substr(p + 1, r.path.find('}', p) - p - 1);
    params.push_back(json::object{
        {"name", name},
        {"in", "path"},
        {"required", true},
        {"schema", Type(name == "org" ? "string" : "integer")}});  // org: a body's code
  }
  std::string_view q = r.query;
  while (!q.empty()) {
    size_t comma = q.find(',');
    std::string_view name = q.substr(0, comma);
    bool numeric = name == "page" || name == "per_page" || name == "year";
    bool date = name.ends_with("_from") || name.ends_with("_to");
    params.push_back(json::object{{"name", name},
                                  {"in", "query"},
                                  {"required", false},
                                  {"schema", Type(numeric ? "integer"
                                                  : date  ? "date"
                                                          : "string")}});
    q = comma == std::string_view::npos ? std::string_view() : q.substr(comma + 1);
  }
  if (!params.empty()) op["parameters"] = std::move(params);
  if (!r.request_schema.empty()) {
    op["requestBody"] = json::object{{"required", r.request_schema != "Empty"},
                                     {"content", JsonContent(r.request_schema)}};
  }
  json::object responses;
  responses[std::to_string(r.success_status)] =
      json::object{{"description", "成功"}, {"content", JsonContent(r.response_schema)}};
  auto error = [&](int status, const char* what) {
    responses[std::to_string(status)] =
        json::object{{"description", what}, {"content", JsonContent("Error")}};
  };
  error(400, "请求无法读取（JSON 格式有误）");
  error(401, "缺少或无效的令牌");
  error(403, "令牌的用户无权对该机构执行此操作");
  error(404, "记录不存在");
  if (!r.request_schema.empty()) {
    error(409, "状态不允许或记录已存在");
    error(415, "请求体不是 application/json");
  }
  error(422, "字段或查询参数无效（error.field 指明字段）");
  error(429, "请求过于频繁");
  op["responses"] = std::move(responses);
  return op;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string OpenApiDocument() {
  json::object paths;
  for (const Route& r : Routes()) {
    json::value& operations = paths[r.path];
    if (!operations.is_object()) operations.emplace_object();
    operations.as_object()[Lower(r.method)] = Operation(r);
  }
  json::object doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = json::object{
      {"title", "gongkai 政府信息公开平台 API"},
      {"version", "1"},
      {"description", "令牌即其用户：权限与该用户的角色授权完全相同。详见 docs/api.md。"}};
  doc["servers"] = json::array{json::object{{"url", "/"}}};
  doc["security"] = json::array{json::object{{"bearerAuth", json::array{}}}};
  doc["paths"] = std::move(paths);
  doc["components"] = json::object{
      {"securitySchemes",
       json::object{{"bearerAuth", json::object{{"type", "http"}, {"scheme", "bearer"}}}}},
      {"schemas", Schemas()}};
  return json::serialize(doc);
}

}  // namespace gongkai::api
