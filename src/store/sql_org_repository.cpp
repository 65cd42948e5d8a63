#include <map>

#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

std::vector<core::Org> SqlOrgRepository::Select(const std::string& where,
                                                const std::optional<std::string>& param) {
  std::vector<core::Org> orgs;
  core::Org o;
  long long id = 0;
  NullableId parent;
  std::string kind;
  // The long form of a SOCI statement, so the parameter is bound only when there is one.
  soci::statement st(sql_);
  st.exchange(soci::into(id));
  st.exchange(soci::into(parent.value, parent.ind));
  st.exchange(soci::into(o.code));
  st.exchange(soci::into(o.name));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(o.sort_order));
  st.exchange(soci::into(o.acceptance_address));
  st.exchange(soci::into(o.acceptance_hours));
  st.exchange(soci::into(o.acceptance_phone));
  if (param) st.exchange(soci::use(*param));
  st.alloc();
  st.prepare(
      "SELECT id, parent_id, code, name, kind, sort_order, acceptance_address, "
      "acceptance_hours, acceptance_phone FROM orgs " +
      where + " ORDER BY sort_order, id");
  st.define_and_bind();
  st.execute();
  std::map<Id, size_t> index;
  while (st.fetch()) {
    o.id = id;
    o.parent_id = parent.get();
    o.kind = Unwrap(core::ParseOrgKind(kind));
    index[id] = orgs.size();
    orgs.push_back(o);
  }
  if (orgs.empty()) return orgs;

  long long org_id = 0;
  core::ReadingPoint p;
  soci::statement points =
      (sql_.prepare << "SELECT org_id, name, address, hours FROM reading_points ORDER BY org_id, "
                       "position",
       soci::into(org_id), soci::into(p.name), soci::into(p.address), soci::into(p.hours));
  points.execute();
  while (points.fetch()) {
    auto it = index.find(org_id);
    if (it != index.end()) orgs[it->second].reading_points.push_back(p);
  }
  return orgs;
}

void SqlOrgRepository::SavePoints(const core::Org& org, Id id) {
  long long org_id = id;
  sql_ << "DELETE FROM reading_points WHERE org_id = :id", soci::use(org_id);
  int position = 0;
  for (const auto& p : org.reading_points) {
    sql_ << "INSERT INTO reading_points (org_id, position, name, address, hours) "
            "VALUES (:o, :p, :n, :a, :h)",
        soci::use(org_id), soci::use(position), soci::use(p.name), soci::use(p.address),
        soci::use(p.hours);
    ++position;
  }
}

core::Result<Id> SqlOrgRepository::Insert(const core::Org& org) {
  GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByCode(org.code));
  if (existing) return core::AlreadyExists("机构代码已存在: " + org.code, "code");
  NullableId parent(org.parent_id);
  std::string kind = core::OrgKindCode(org.kind);
  long long id = 0;
  sql_ << "INSERT INTO orgs (parent_id, code, name, kind, sort_order, acceptance_address, "
          "acceptance_hours, acceptance_phone) VALUES (:p, :c, :n, :k, :s, :aa, :ah, :ap) "
          "RETURNING id",
      soci::use(parent.value, parent.ind), soci::use(org.code), soci::use(org.name),
      soci::use(kind), soci::use(org.sort_order), soci::use(org.acceptance_address),
      soci::use(org.acceptance_hours), soci::use(org.acceptance_phone), soci::into(id);
  SavePoints(org, id);
  return Id{id};
}

core::Status SqlOrgRepository::Update(const core::Org& org) {
  NullableId parent(org.parent_id);
  std::string kind = core::OrgKindCode(org.kind);
  long long id = org.id;
  soci::statement st =
      (sql_.prepare << "UPDATE orgs SET parent_id = :p, code = :c, name = :n, kind = :k, "
                       "sort_order = :s, acceptance_address = :aa, acceptance_hours = :ah, "
                       "acceptance_phone = :ap WHERE id = :id",
       soci::use(parent.value, parent.ind), soci::use(org.code), soci::use(org.name),
       soci::use(kind), soci::use(org.sort_order), soci::use(org.acceptance_address),
       soci::use(org.acceptance_hours), soci::use(org.acceptance_phone), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return core::NotFound("机构不存在: id " + std::to_string(id));
  SavePoints(org, id);
  return core::Status::Ok();
}

core::Result<core::Org> SqlOrgRepository::Get(Id id) {
  auto rows = Select("WHERE id = :id", std::to_string(id));
  if (rows.empty()) return core::NotFound("机构不存在: id " + std::to_string(id));
  return rows.front();
}

core::Result<std::optional<core::Org>> SqlOrgRepository::FindByCode(std::string_view code) {
  auto rows = Select("WHERE code = :code", std::string(code));
  if (rows.empty()) return std::optional<core::Org>();
  return std::optional<core::Org>(rows.front());
}

core::Result<std::vector<core::Org>> SqlOrgRepository::List() { return Select("", std::nullopt); }

core::Status SqlOrgRepository::PutYearFacts(const core::OrgYearFacts& f) {
  long long org_id = f.org_id, funding = f.funding_yuan;
  sql_ << "DELETE FROM org_year_facts WHERE org_id = :o AND year = :y", soci::use(org_id),
      soci::use(f.year);
  sql_ << "INSERT INTO org_year_facts (org_id, year, dedicated_bodies, staff_full_time, "
          "staff_part_time, funding_yuan) VALUES (:o, :y, :d, :ft, :pt, :f)",
      soci::use(org_id), soci::use(f.year), soci::use(f.dedicated_bodies),
      soci::use(f.staff_full_time), soci::use(f.staff_part_time), soci::use(funding);
  return core::Status::Ok();
}

core::Result<std::optional<core::OrgYearFacts>> SqlOrgRepository::GetYearFacts(Id org_id,
                                                                               int year) {
  core::OrgYearFacts f;
  long long id = org_id, funding = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT dedicated_bodies, staff_full_time, staff_part_time, funding_yuan FROM "
          "org_year_facts WHERE org_id = :o AND year = :y",
      soci::into(f.dedicated_bodies, ind), soci::into(f.staff_full_time),
      soci::into(f.staff_part_time), soci::into(funding), soci::use(id), soci::use(year);
  if (!sql_.got_data()) return std::optional<core::OrgYearFacts>();
  f.org_id = org_id;
  f.year = year;
  f.funding_yuan = funding;
  return std::optional<core::OrgYearFacts>(f);
}

core::Status SqlOrgRepository::PutAdminStats(const core::AdminStats& s) {
  long long org_id = s.org_id, lic = s.licensing_decisions, pun = s.punishment_decisions,
            coe = s.coercion_decisions, fees = s.fees_yuan;
  sql_ << "DELETE FROM admin_stats WHERE org_id = :o AND year = :y", soci::use(org_id),
      soci::use(s.year);
  sql_ << "INSERT INTO admin_stats (org_id, year, licensing_decisions, punishment_decisions, "
          "coercion_decisions, fees_yuan) VALUES (:o, :y, :l, :p, :c, :f)",
      soci::use(org_id), soci::use(s.year), soci::use(lic), soci::use(pun), soci::use(coe),
      soci::use(fees);
  return core::Status::Ok();
}

core::Result<std::optional<core::AdminStats>> SqlOrgRepository::GetAdminStats(Id org_id, int year) {
  long long id = org_id, lic = 0, pun = 0, coe = 0, fees = 0;
  sql_ << "SELECT licensing_decisions, punishment_decisions, coercion_decisions, fees_yuan "
          "FROM admin_stats WHERE org_id = :o AND year = :y",
      soci::into(lic), soci::into(pun), soci::into(coe), soci::into(fees), soci::use(id),
      soci::use(year);
  if (!sql_.got_data()) return std::optional<core::AdminStats>();
  return std::optional<core::AdminStats>(core::AdminStats{org_id, year, lic, pun, coe, fees});
}

core::Result<Id> SqlOrgRepository::InsertMeeting(const core::Meeting& m) {
  long long org_id = m.org_id, id = 0;
  std::string category = core::MeetingCategoryCode(m.category), held = m.held_on.ToIso();
  sql_ << "INSERT INTO meetings (org_id, category, kind, title, held_on, attendees) VALUES "
          "(:o, :c, :k, :t, :h, :a) RETURNING id",
      soci::use(org_id), soci::use(category), soci::use(m.kind), soci::use(m.title),
      soci::use(held), soci::use(m.attendees), soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::Meeting>> SqlOrgRepository::ListMeetings(Id org_id, int year) {
  std::vector<core::Meeting> out;
  core::Meeting m;
  long long id = 0, org = org_id;
  std::string category, held, from = YearStart(year), to = YearEnd(year);
  soci::statement st =
      (sql_.prepare << "SELECT id, category, kind, title, held_on, attendees FROM meetings "
                       "WHERE org_id = :o AND held_on >= :f AND held_on <= :t ORDER BY held_on, id",
       soci::into(id), soci::into(category), soci::into(m.kind), soci::into(m.title),
       soci::into(held), soci::into(m.attendees), soci::use(org), soci::use(from), soci::use(to));
  st.execute();
  while (st.fetch()) {
    m.id = id;
    m.org_id = org_id;
    m.category = Unwrap(core::ParseMeetingCategory(category));
    m.held_on = ToDate(held);
    out.push_back(m);
  }
  return out;
}

core::Status SqlOrgRepository::DeleteMeeting(Id id) {
  long long meeting_id = id;
  soci::statement st =
      (sql_.prepare << "DELETE FROM meetings WHERE id = :id", soci::use(meeting_id));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("会议或培训不存在: id " + std::to_string(id));
  }
  return core::Status::Ok();
}

}  // namespace gongkai::store
