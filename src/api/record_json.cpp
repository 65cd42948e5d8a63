#include "api/record_json.hpp"

namespace gongkai::api {

namespace {

json::value DateOrNull(const std::optional<core::Date>& d) {
  if (!d) return nullptr;
  return json::string(d->ToIso());
}

json::value TextOrNull(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::string(*s);
}

std::string OrgCode(const core::OrgTree& tree, core::Id id) {
  const core::Org* org = tree.Find(id);
  return org ? org->code : "";
}

// Stored JSON text (event data, audit snapshots) as a value; a string when it does not parse.
json::value Embedded(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return json::string(text);
  return v;
}

}  // namespace

json::object OrgJson(const core::Org& org, const core::OrgTree& tree) {
  json::object o;
  o["id"] = org.id;
  o["code"] = org.code;
  o["name"] = org.name;
  o["kind"] = core::OrgKindCode(org.kind);
  o["parent"] = org.parent_id ? json::value(OrgCode(tree, *org.parent_id)) : json::value(nullptr);
  o["acceptance_address"] = org.acceptance_address;
  o["acceptance_hours"] = org.acceptance_hours;
  o["acceptance_phone"] = org.acceptance_phone;
  return o;
}

json::object ItemJson(const core::Item& item, const core::OrgTree& tree, bool with_body) {
  json::object o;
  o["id"] = item.id;
  o["org"] = OrgCode(tree, item.org_id);
  o["state"] = core::ItemStateCode(item.state);
  o["index_no"] = TextOrNull(item.index_no);
  o["title"] = item.title;
  o["summary"] = item.summary;
  o["publisher"] = item.publisher;
  o["formed_on"] = item.formed_on.ToIso();
  o["published_on"] = DateOrNull(item.published_on);
  o["doc_no"] = item.doc_no;
  o["topic"] = item.topic;
  o["category"] = item.category;
  o["disclosure_mode"] = item.disclosure_mode;
  o["validity"] = core::ValidityCode(item.validity);
  o["validity_changed_on"] = DateOrNull(item.validity_changed_on);
  o["is_regulation"] = item.is_regulation;
  o["is_normative"] = item.is_normative;
  json::array channels;
  for (const auto& c : item.channels) {
    channels.push_back(json::object{{"channel", core::ChannelCode(c.channel)},
                                    {"published_on", c.published_on.ToIso()}});
  }
  o["channels"] = std::move(channels);
  o["author"] = item.author;
  if (with_body) o["body_md"] = item.body_md;
  return o;
}

json::object RequestJson(const core::Request& r, const core::OrgTree& tree) {
  json::object o;
  o["id"] = r.id;
  o["org"] = OrgCode(tree, r.org_id);
  o["tracking_no"] = r.tracking_no;
  o["channel"] = core::RequestChannelCode(r.channel);
  o["applicant_type"] = core::ApplicantTypeCode(r.applicant_type);
  o["description"] = r.description;
  o["doc_no"] = r.doc_no;
  o["delivery_form"] = r.delivery_form;
  o["submitted_on"] = r.submitted_on.ToIso();
  o["received_on"] = r.received_on.ToIso();
  o["state"] = core::RequestStateCode(r.state);
  o["outcome"] = r.outcome;
  o["due_on"] = DateOrNull(r.due_on);
  o["due_provisional"] = r.due_provisional;
  o["closed_on"] = DateOrNull(r.closed_on);
  return o;
}

json::object RequestViewJson(const core::RequestView& view, const core::OrgTree& tree) {
  json::object o = RequestJson(view.request, tree);
  json::array events;
  for (const auto& e : view.events) {
    events.push_back(json::object{{"seq", e.seq},
                                  {"kind", e.kind},
                                  {"on", e.on.ToIso()},
                                  {"actor", e.actor},
                                  {"note", e.note},
                                  {"data", Embedded(e.data)}});
  }
  o["events"] = std::move(events);
  json::object due;
  due["clock"] = core::ClockStateLabel(view.due.state);
  due["date"] = DateOrNull(view.due.date);
  due["period_days"] = view.due.period_days;
  due["extension_days"] = view.due.extension_days;
  due["days_remaining_at_pause"] = view.due.days_remaining_at_pause;
  due["provisional"] = view.due.provisional;
  due["provisional_reason"] = core::ProvisionalReason(view.due);
  json::array estimated;
  for (const std::string& h : view.due.estimated_holidays) estimated.emplace_back(h);
  due["estimated_holidays"] = std::move(estimated);
  // The one classification (core::ClassifyTimeliness) the reports and the comparison use.
  due["timeliness"] = core::TimelinessCode(core::ClassifyTimeliness(view.due));
  due["days_late"] = view.due.days_late;
  json::array warnings;
  for (const std::string& w : view.due.warnings) warnings.emplace_back(w);
  due["warnings"] = std::move(warnings);
  o["due"] = std::move(due);
  if (view.fee) {
    o["fee"] = json::object{{"amount_yuan", view.fee->amount_yuan},
                            {"basis", core::FeeBasisCode(view.fee->basis)},
                            {"status", core::FeeStatusCode(view.fee->status)},
                            {"notified_on", view.fee->notified_on.ToIso()},
                            {"settled_on", DateOrNull(view.fee->settled_on)}};
  } else {
    o["fee"] = nullptr;
  }
  return o;
}

json::object ComplaintJson(const core::Complaint& c, const core::OrgTree& tree) {
  json::object o;
  o["id"] = c.id;
  o["org"] = OrgCode(tree, c.org_id);
  o["channel"] = core::ComplaintChannelCode(c.channel);
  o["received_on"] = c.received_on.ToIso();
  o["subject"] = c.subject;
  o["replied_on"] = DateOrNull(c.replied_on);
  return o;
}

json::object ConsultationJson(const core::Consultation& c, const core::OrgTree& tree) {
  json::object o;
  o["id"] = c.id;
  o["org"] = OrgCode(tree, c.org_id);
  o["channel"] = core::ConsultChannelCode(c.channel);
  o["asked_on"] = c.asked_on.ToIso();
  o["topic"] = c.topic;
  o["answered"] = c.answered;
  return o;
}

json::object AuditEventJson(const core::AuditEvent& e) {
  json::object o;
  o["id"] = e.id;
  o["at"] = e.at;
  o["actor"] = e.actor;
  o["action"] = e.action;
  o["entity"] = e.entity;
  o["entity_id"] = e.entity_id;
  o["before"] = Embedded(e.before_json);
  o["after"] = Embedded(e.after_json);
  o["hash"] = e.hash;
  return o;
}

}  // namespace gongkai::api
