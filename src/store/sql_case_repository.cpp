#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"
#include "store/sql_rows.hpp"

namespace gongkai::store {

using core::Id;

core::Status SqlCaseRepository::InsertConsultations(std::vector<core::Consultation>& rows) {
  if (rows.empty()) return core::Status::Ok();
  long long next = ReserveIds(sql_, backend_, "consultations", rows.size());
  std::vector<long long> ids, orgs;
  std::vector<std::string> channels, dates, topics, contacts;
  std::vector<int> answered;
  for (auto& c : rows) {
    c.id = next++;
    ids.push_back(c.id);
    orgs.push_back(c.org_id);
    channels.emplace_back(core::ConsultChannelCode(c.channel));
    dates.push_back(c.asked_on.ToIso());
    topics.push_back(c.topic);
    answered.push_back(c.answered);
    contacts.push_back(c.contact_sealed);
  }
  sql_ << "INSERT INTO consultations (id, org_id, channel, asked_on, topic, answered, "
          "contact_sealed) VALUES (:i, :o, :c, :d, :t, :a, :k)",
      soci::use(ids), soci::use(orgs), soci::use(channels), soci::use(dates), soci::use(topics),
      soci::use(answered), soci::use(contacts);
  SyncIdentity(sql_, backend_, "consultations");
  return core::Status::Ok();
}

core::Result<std::vector<core::Consultation>> SqlCaseRepository::ListConsultations(Id org_id,
                                                                                   int year) {
  std::vector<core::Consultation> out;
  core::Consultation c;
  long long id = 0, org = org_id;
  std::string channel, date, from = YearStart(year), to = YearEnd(year);
  int answered = 0;
  soci::statement st =
      (sql_.prepare << "SELECT id, channel, asked_on, topic, answered, contact_sealed FROM "
                       "consultations WHERE org_id = :o AND asked_on >= :f AND asked_on <= :t "
                       "ORDER BY asked_on, id",
       soci::into(id), soci::into(channel), soci::into(date), soci::into(c.topic),
       soci::into(answered), soci::into(c.contact_sealed), soci::use(org), soci::use(from),
       soci::use(to));
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.org_id = org_id;
    c.channel = Unwrap(core::ParseConsultChannel(channel));
    c.asked_on = ToDate(date);
    c.answered = answered != 0;
    out.push_back(c);
  }
  return out;
}

core::Status SqlCaseRepository::InsertComplaints(std::vector<core::Complaint>& rows) {
  if (rows.empty()) return core::Status::Ok();
  long long next = ReserveIds(sql_, backend_, "complaints", rows.size());
  std::vector<long long> ids, orgs;
  std::vector<std::string> channels, dates, subjects, replied, contacts;
  std::vector<soci::indicator> replied_ind;
  for (auto& c : rows) {
    c.id = next++;
    ids.push_back(c.id);
    orgs.push_back(c.org_id);
    channels.emplace_back(core::ComplaintChannelCode(c.channel));
    dates.push_back(c.received_on.ToIso());
    subjects.push_back(c.subject);
    NullableText r(c.replied_on);
    replied.push_back(r.value);
    replied_ind.push_back(r.ind);
    contacts.push_back(c.contact_sealed);
  }
  sql_ << "INSERT INTO complaints (id, org_id, channel, received_on, subject, replied_on, "
          "contact_sealed) VALUES (:i, :o, :c, :d, :s, :r, :k)",
      soci::use(ids), soci::use(orgs), soci::use(channels), soci::use(dates), soci::use(subjects),
      soci::use(replied, replied_ind), soci::use(contacts);
  SyncIdentity(sql_, backend_, "complaints");
  return core::Status::Ok();
}

core::Result<std::vector<core::Complaint>> SqlCaseRepository::ListComplaints(Id org_id, int year) {
  std::vector<core::Complaint> out;
  core::Complaint c;
  long long id = 0, org = org_id;
  std::string channel, date, from = YearStart(year), to = YearEnd(year);
  NullableText replied;
  soci::statement st =
      (sql_.prepare << "SELECT id, channel, received_on, subject, replied_on, contact_sealed "
                       "FROM complaints WHERE org_id = :o AND received_on >= :f AND "
                       "received_on <= :t ORDER BY received_on, id",
       soci::into(id), soci::into(channel), soci::into(date), soci::into(c.subject),
       soci::into(replied.value, replied.ind), soci::into(c.contact_sealed), soci::use(org),
       soci::use(from), soci::use(to));
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.org_id = org_id;
    c.channel = Unwrap(core::ParseComplaintChannel(channel));
    c.received_on = ToDate(date);
    c.replied_on = ToOptionalDate(replied.value, replied.ind);
    out.push_back(c);
  }
  return out;
}

core::Result<core::Complaint> SqlCaseRepository::GetComplaint(Id id) {
  core::Complaint c;
  long long org = 0, key = id;
  std::string channel, date;
  NullableText replied;
  sql_ << "SELECT org_id, channel, received_on, subject, replied_on, contact_sealed FROM "
          "complaints WHERE id = :id",
      soci::use(key), soci::into(org), soci::into(channel), soci::into(date), soci::into(c.subject),
      soci::into(replied.value, replied.ind), soci::into(c.contact_sealed);
  if (!sql_.got_data()) return core::NotFound("投诉举报不存在: id " + std::to_string(id));
  c.id = id;
  c.org_id = org;
  c.channel = Unwrap(core::ParseComplaintChannel(channel));
  c.received_on = ToDate(date);
  c.replied_on = ToOptionalDate(replied.value, replied.ind);
  return c;
}

core::Status SqlCaseRepository::SetComplaintReplied(Id id, std::optional<core::Date> replied_on) {
  long long key = id;
  NullableText replied(replied_on);
  soci::statement st = (sql_.prepare << "UPDATE complaints SET replied_on = :r WHERE id = :id",
                        soci::use(replied.value, replied.ind), soci::use(key));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("投诉举报不存在: id " + std::to_string(id));
  }
  return core::Status::Ok();
}

core::Result<Id> SqlCaseRepository::InsertLegalCase(const core::LegalCase& c) {
  long long id = 0, org = c.org_id;
  std::string kind = core::CaseKindCode(c.kind), result = core::CaseResultCode(c.result),
              filed = c.filed_on.ToIso();
  NullableId request(c.request_id);
  NullableText closed(c.closed_on);
  sql_ << "INSERT INTO legal_cases (org_id, kind, request_id, filed_on, result, closed_on) "
          "VALUES (:o, :k, :r, :f, :re, :c) RETURNING id",
      soci::use(org), soci::use(kind), soci::use(request.value, request.ind), soci::use(filed),
      soci::use(result), soci::use(closed.value, closed.ind), soci::into(id);
  return Id{id};
}

core::Status SqlCaseRepository::UpdateLegalCase(const core::LegalCase& c) {
  long long id = c.id, org = c.org_id;
  std::string kind = core::CaseKindCode(c.kind), result = core::CaseResultCode(c.result),
              filed = c.filed_on.ToIso();
  NullableId request(c.request_id);
  NullableText closed(c.closed_on);
  soci::statement st =
      (sql_.prepare << "UPDATE legal_cases SET org_id = :o, kind = :k, request_id = :r, "
                       "filed_on = :f, result = :re, closed_on = :c WHERE id = :id",
       soci::use(org), soci::use(kind), soci::use(request.value, request.ind), soci::use(filed),
       soci::use(result), soci::use(closed.value, closed.ind), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return core::NotFound("案件不存在: id " + std::to_string(id));
  return core::Status::Ok();
}

core::Result<std::vector<core::LegalCase>> SqlCaseRepository::ListLegalCases(Id org_id, int year) {
  std::vector<core::LegalCase> out;
  LegalCaseRow c;
  long long org = org_id;
  std::string from = YearStart(year), to = YearEnd(year);
  soci::statement st =
      (sql_.prepare << "SELECT id, org_id, kind, request_id, filed_on, result, closed_on FROM "
                       "legal_cases WHERE org_id = :o AND filed_on >= :f AND filed_on <= :t "
                       "ORDER BY filed_on, id",
       soci::into(c.id), soci::into(c.org_id), soci::into(c.kind),
       soci::into(c.request_id.value, c.request_id.ind), soci::into(c.filed_on),
       soci::into(c.result), soci::into(c.closed_on.value, c.closed_on.ind), soci::use(org),
       soci::use(from), soci::use(to));
  st.execute();
  while (st.fetch()) out.push_back(c.Decode());
  return out;
}

core::Result<core::LegalCase> SqlCaseRepository::GetLegalCase(Id id) {
  LegalCaseRow c;
  long long key = id;
  sql_ << "SELECT id, org_id, kind, request_id, filed_on, result, closed_on FROM legal_cases "
          "WHERE id = :id",
      soci::use(key), soci::into(c.id), soci::into(c.org_id), soci::into(c.kind),
      soci::into(c.request_id.value, c.request_id.ind), soci::into(c.filed_on),
      soci::into(c.result), soci::into(c.closed_on.value, c.closed_on.ind);
  if (!sql_.got_data()) return core::NotFound("案件不存在: id " + std::to_string(id));
  return c.Decode();
}

}  // namespace gongkai::store
