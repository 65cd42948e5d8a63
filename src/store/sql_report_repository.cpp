// Loading an annual report's inputs: the bodies go into a temporary table that every query
// joins, so a province's 10,000 bodies cost one bulk insert, not 10,000 queries.
#include <map>

#include "core/request_clock.hpp"
#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"
#include "store/sql_rows.hpp"

namespace gongkai::store {

namespace {

void LoadOrgs(soci::session& sql, Backend backend, const std::vector<core::Id>& org_ids) {
  if (backend == Backend::kSqlite) {
    sql << "CREATE TEMP TABLE IF NOT EXISTS report_orgs (id INTEGER PRIMARY KEY)";
  } else {
    sql << "CREATE TEMP TABLE IF NOT EXISTS report_orgs (id BIGINT PRIMARY KEY) "
           "ON COMMIT DELETE ROWS";
  }
  sql << "DELETE FROM report_orgs";
  if (org_ids.empty()) return;
  std::vector<long long> ids(org_ids.begin(), org_ids.end());
  sql << "INSERT INTO report_orgs (id) VALUES (:id)", soci::use(ids);
}

}  // namespace

core::Result<core::ReportInputs> SqlReportRepository::LoadInputs(
    const std::vector<core::Id>& org_ids, int year, bool count_items) {
  LoadOrgs(sql_, backend_, org_ids);
  core::ReportInputs in;
  in.year = year;
  std::string first = YearStart(year), last = YearEnd(year);

  {
    std::string type, channel, received, state, outcome, answer_data, tracking_no;
    long long request_id = 0, org_id = 0;
    std::map<long long, size_t> index;  // request id → position in in.requests
    NullableText closed, due;
    int extended = 0, provisional = 0;
    std::string extension_kind = core::RequestEventKindCode(core::RequestEventKind::kExtension);
    std::string answer_kind = core::RequestEventKindCode(core::RequestEventKind::kAnswer);
    soci::statement st =
        (sql_.prepare << "SELECT r.applicant_type, r.channel, r.received_on, r.state, r.outcome, "
                         "r.closed_on, r.due_on, CASE WHEN EXISTS (SELECT 1 FROM request_events e "
                         "WHERE e.request_id = r.id AND e.kind = :ext) THEN 1 ELSE 0 END, "
                         "COALESCE((SELECT e.data FROM request_events e WHERE e.request_id = r.id "
                         "AND e.kind = :ans ORDER BY e.seq DESC LIMIT 1), ''), r.id, "
                         "r.tracking_no, r.org_id, r.due_provisional "
                         "FROM requests r JOIN report_orgs o ON o.id = r.org_id "
                         "WHERE r.received_on <= :last AND (r.closed_on IS NULL OR "
                         "r.closed_on >= :first)",
         soci::into(type), soci::into(channel), soci::into(received), soci::into(state),
         soci::into(outcome), soci::into(closed.value, closed.ind), soci::into(due.value, due.ind),
         soci::into(extended), soci::into(answer_data), soci::into(request_id),
         soci::into(tracking_no), soci::into(org_id), soci::into(provisional),
         soci::use(extension_kind), soci::use(answer_kind), soci::use(last), soci::use(first));
    st.execute();
    while (st.fetch()) {
      in.requests.push_back({Unwrap(core::ParseApplicantType(type)),
                             Unwrap(core::ParseRequestChannel(channel)),
                             ToDate(received),
                             Unwrap(core::ParseRequestState(state)),
                             outcome,
                             ToOptionalDate(closed.value, closed.ind),
                             ToOptionalDate(due.value, due.ind),
                             extended != 0,
                             answer_data,
                             tracking_no,
                             org_id,
                             {},
                             provisional != 0});
      index[request_id] = in.requests.size() - 1;
    }
    // Every event of those requests, for the clock's replay.
    core::RequestEvent e;
    long long event_id = 0, rid = 0;
    std::string on;
    soci::statement events =
        (sql_.prepare << "SELECT e.id, e.request_id, e.seq, e.kind, e.on_date, e.actor, e.note, "
                         "e.data FROM request_events e JOIN requests r ON r.id = e.request_id "
                         "JOIN report_orgs o ON o.id = r.org_id WHERE r.received_on <= :last "
                         "AND (r.closed_on IS NULL OR r.closed_on >= :first) "
                         "ORDER BY e.request_id, e.seq",
         soci::into(event_id), soci::into(rid), soci::into(e.seq), soci::into(e.kind),
         soci::into(on), soci::into(e.actor), soci::into(e.note), soci::into(e.data),
         soci::use(last), soci::use(first));
    events.execute();
    while (events.fetch()) {
      auto it = index.find(rid);
      if (it == index.end()) continue;
      e.id = event_id;
      e.request_id = rid;
      e.on = ToDate(on);
      in.requests[it->second].events.push_back(e);
    }
  }
  {
    int regulation = 0, normative = 0;
    std::string formed, validity;
    NullableText published, changed;
    soci::statement st =
        (sql_.prepare << "SELECT i.is_regulation, i.is_normative, i.formed_on, i.published_on, "
                         "i.validity, i.validity_changed_on FROM items i JOIN report_orgs o ON "
                         "o.id = i.org_id WHERE (i.is_regulation = 1 OR i.is_normative = 1) AND "
                         "i.formed_on <= :last",
         soci::into(regulation), soci::into(normative), soci::into(formed),
         soci::into(published.value, published.ind), soci::into(validity),
         soci::into(changed.value, changed.ind), soci::use(last));
    st.execute();
    while (st.fetch()) {
      in.kind_items.push_back({regulation != 0, normative != 0, ToDate(formed),
                               ToOptionalDate(published.value, published.ind),
                               Unwrap(core::ParseValidity(validity)),
                               ToOptionalDate(changed.value, changed.ind)});
    }
  }
  // Items published in the year (withdrawn later or not) and the channels that carried them.
  const std::string published_in_year =
      " FROM items i JOIN report_orgs o ON o.id = i.org_id WHERE i.published_on >= :first AND "
      "i.published_on <= :last AND i.state IN ('published', 'withdrawn')";
  if (count_items) {
    long long n = 0;
    sql_ << "SELECT COUNT(*)" + published_in_year, soci::into(n), soci::use(first), soci::use(last);
    in.items_published = n;
    std::string channel;
    long long count = 0;
    soci::statement st =
        (sql_.prepare << "SELECT c.channel, COUNT(*) FROM item_channels c JOIN "
                         "(SELECT i.id" +
                             published_in_year + ") p ON p.id = c.item_id GROUP BY c.channel",
         soci::into(channel), soci::into(count), soci::use(first), soci::use(last));
    st.execute();
    while (st.fetch()) in.items_by_channel[Unwrap(core::ParseChannel(channel))] = count;
  }
  {
    ResponseRow r;
    soci::statement st =
        (sql_.prepare << "SELECT r.id, r.org_id, r.kind, r.held_on, r.topic, r.concern_key, "
                         "r.principal_attended, r.interpreted_item_id FROM responses r JOIN "
                         "report_orgs o ON o.id = r.org_id WHERE r.held_on >= :first AND "
                         "r.held_on <= :last ORDER BY r.id",
         soci::into(r.id), soci::into(r.org_id), soci::into(r.kind), soci::into(r.held_on),
         soci::into(r.topic), soci::into(r.concern_key), soci::into(r.principal_attended),
         soci::into(r.interpreted_item_id.value, r.interpreted_item_id.ind), soci::use(first),
         soci::use(last));
    st.execute();
    while (st.fetch()) in.responses.push_back(r.Decode());
  }
  {
    LegalCaseRow c;
    soci::statement st =
        (sql_.prepare << "SELECT c.id, c.org_id, c.kind, c.request_id, c.filed_on, c.result, "
                         "c.closed_on FROM legal_cases c JOIN report_orgs o ON o.id = c.org_id "
                         "WHERE (c.filed_on >= :first AND c.filed_on <= :last) OR "
                         "(c.closed_on >= :first2 AND c.closed_on <= :last2) ORDER BY c.id",
         soci::into(c.id), soci::into(c.org_id), soci::into(c.kind),
         soci::into(c.request_id.value, c.request_id.ind), soci::into(c.filed_on),
         soci::into(c.result), soci::into(c.closed_on.value, c.closed_on.ind), soci::use(first),
         soci::use(last), soci::use(first), soci::use(last));
    st.execute();
    while (st.fetch()) in.legal_cases.push_back(c.Decode());
  }
  auto count = [&](const std::string& table, const std::string& date_column) {
    long long n = 0;
    sql_ << "SELECT COUNT(*) FROM " + table + " t JOIN report_orgs o ON o.id = t.org_id WHERE t." +
                date_column + " >= :first AND t." + date_column + " <= :last",
        soci::into(n), soci::use(first), soci::use(last);
    return int64_t{n};
  };
  in.complaints = count("complaints", "received_on");
  in.consultations = count("consultations", "asked_on");
  {
    long long lic = 0, pun = 0, coe = 0, fees = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << "SELECT SUM(licensing_decisions), SUM(punishment_decisions), "
            "SUM(coercion_decisions), SUM(fees_yuan) FROM admin_stats a JOIN report_orgs o ON "
            "o.id = a.org_id WHERE a.year = :y",
        soci::into(lic, ind), soci::into(pun, ind), soci::into(coe, ind), soci::into(fees, ind),
        soci::use(year);
    if (ind != soci::i_null) in.admin = {0, year, lic, pun, coe, fees};
  }
  {
    long long bodies = 0, full = 0, part = 0, funding = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << "SELECT SUM(dedicated_bodies), SUM(staff_full_time), SUM(staff_part_time), "
            "SUM(funding_yuan) FROM org_year_facts f JOIN report_orgs o ON o.id = f.org_id "
            "WHERE f.year = :y",
        soci::into(bodies, ind), soci::into(full, ind), soci::into(part, ind),
        soci::into(funding, ind), soci::use(year);
    if (ind != soci::i_null) {
      in.facts = {
          0,      year, static_cast<int>(bodies), static_cast<int>(full), static_cast<int>(part),
          funding};
    }
  }
  {
    long long yuan = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << "SELECT SUM(f.amount_yuan) FROM request_fees f JOIN requests r ON r.id = "
            "f.request_id JOIN report_orgs o ON o.id = r.org_id WHERE f.status = 'paid' AND "
            "f.settled_on >= :first AND f.settled_on <= :last",
        soci::into(yuan, ind), soci::use(first), soci::use(last);
    in.fees_collected_yuan = ind == soci::i_null ? 0 : yuan;
  }
  {
    long long n = 0;
    sql_ << "SELECT COUNT(*) FROM reading_points p JOIN report_orgs o ON o.id = p.org_id",
        soci::into(n);
    in.reading_points = n;
  }
  {
    std::string category;
    long long n = 0, persons = 0;
    soci::statement st =
        (sql_.prepare << "SELECT m.category, COUNT(*), SUM(m.attendees) FROM meetings m JOIN "
                         "report_orgs o ON o.id = m.org_id WHERE m.held_on >= :first AND "
                         "m.held_on <= :last GROUP BY m.category",
         soci::into(category), soci::into(n), soci::into(persons), soci::use(first),
         soci::use(last));
    st.execute();
    while (st.fetch()) {
      if (category == "training") {
        in.trainings = n;
        in.trainees = persons;
      } else {
        in.meetings = n;
      }
    }
  }
  return in;
}

}  // namespace gongkai::store

namespace gongkai::store {

core::Status SqlReportRepository::PutNarrative(const core::ReportNarrative& n) {
  long long org = n.org_id;
  sql_ << "DELETE FROM report_narratives WHERE org_id = :o AND year = :y AND section = :s",
      soci::use(org), soci::use(n.year), soci::use(n.section);
  sql_ << "INSERT INTO report_narratives (org_id, year, section, text, updated_at, updated_by) "
          "VALUES (:o, :y, :s, :t, :a, :b)",
      soci::use(org), soci::use(n.year), soci::use(n.section), soci::use(n.text),
      soci::use(n.updated_at), soci::use(n.updated_by);
  return core::Status::Ok();
}

core::Result<std::vector<core::ReportNarrative>> SqlReportRepository::ListNarratives(
    core::Id org_id, int year) {
  std::vector<core::ReportNarrative> out;
  core::ReportNarrative n;
  long long org = org_id;
  soci::statement st =
      (sql_.prepare << "SELECT section, text, updated_at, updated_by FROM report_narratives "
                       "WHERE org_id = :o AND year = :y ORDER BY section",
       soci::into(n.section), soci::into(n.text), soci::into(n.updated_at),
       soci::into(n.updated_by), soci::use(org), soci::use(year));
  st.execute();
  while (st.fetch()) {
    n.org_id = org_id;
    n.year = year;
    out.push_back(n);
  }
  return out;
}

core::Result<core::Id> SqlReportRepository::InsertSnapshot(const core::ReportSnapshot& s) {
  long long id = 0, org = s.org_id, taken = 0;
  int subtree = s.subtree;
  sql_ << "SELECT COUNT(*) FROM report_snapshots WHERE org_id = :o AND year = :y AND "
          "subtree = :s AND version = :v",
      soci::use(org), soci::use(s.year), soci::use(subtree), soci::use(s.version),
      soci::into(taken);
  if (taken) return core::AlreadyExists("该版本年报已存在", "version");
  sql_ << "INSERT INTO report_snapshots (org_id, year, subtree, version, format, published_at, "
          "published_by, change_note, json, html) VALUES (:o, :y, :s, :v, :f, :a, :b, :n, :j, "
          ":h) RETURNING id",
      soci::use(org), soci::use(s.year), soci::use(subtree), soci::use(s.version),
      soci::use(s.format), soci::use(s.published_at), soci::use(s.published_by),
      soci::use(s.change_note), soci::use(s.json), soci::use(s.html), soci::into(id);
  return core::Id{id};
}

core::Result<std::vector<core::ReportSnapshot>> SqlReportRepository::ListSnapshots(core::Id org_id,
                                                                                   int year,
                                                                                   bool subtree) {
  std::vector<core::ReportSnapshot> out;
  core::ReportSnapshot s;
  long long id = 0, org = org_id;
  int sub = subtree;
  soci::statement st =
      (sql_.prepare << "SELECT id, version, format, published_at, published_by, change_note, "
                       "json, html FROM report_snapshots WHERE org_id = :o AND year = :y AND "
                       "subtree = :s ORDER BY version",
       soci::into(id), soci::into(s.version), soci::into(s.format), soci::into(s.published_at),
       soci::into(s.published_by), soci::into(s.change_note), soci::into(s.json),
       soci::into(s.html), soci::use(org), soci::use(year), soci::use(sub));
  st.execute();
  while (st.fetch()) {
    s.id = id;
    s.org_id = org_id;
    s.year = year;
    s.subtree = subtree;
    out.push_back(s);
  }
  return out;
}

}  // namespace gongkai::store
