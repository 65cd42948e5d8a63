#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

namespace {

// The columns of a request in a form SOCI can bind both ways.
struct RequestRow {
  long long id = 0, org_id = 0;
  int year = 0, serial = 0, due_provisional = 0;
  std::string tracking_no, lookup_code_hash, channel, applicant_type, applicant_sealed, description,
      doc_no, delivery_form, submitted_on, received_on, state, outcome;
  NullableText due_on, closed_on;

  static RequestRow From(const core::Request& r) {
    RequestRow row;
    row.id = r.id;
    row.org_id = r.org_id;
    row.year = r.year;
    row.serial = r.serial;
    row.tracking_no = r.tracking_no;
    row.lookup_code_hash = r.lookup_code_hash;
    row.channel = core::RequestChannelCode(r.channel);
    row.applicant_type = core::ApplicantTypeCode(r.applicant_type);
    row.applicant_sealed = r.applicant_sealed;
    row.description = r.description;
    row.doc_no = r.doc_no;
    row.delivery_form = r.delivery_form;
    row.submitted_on = r.submitted_on.ToIso();
    row.received_on = r.received_on.ToIso();
    row.state = core::RequestStateCode(r.state);
    row.outcome = r.outcome;
    row.due_on = NullableText(r.due_on);
    row.due_provisional = r.due_provisional;
    row.closed_on = NullableText(r.closed_on);
    return row;
  }

  core::Request ToRequest() const {
    core::Request r;
    r.id = id;
    r.org_id = org_id;
    r.year = year;
    r.serial = serial;
    r.tracking_no = tracking_no;
    r.lookup_code_hash = lookup_code_hash;
    r.channel = Unwrap(core::ParseRequestChannel(channel));
    r.applicant_type = Unwrap(core::ParseApplicantType(applicant_type));
    r.applicant_sealed = applicant_sealed;
    r.description = description;
    r.doc_no = doc_no;
    r.delivery_form = delivery_form;
    r.submitted_on = ToDate(submitted_on);
    r.received_on = ToDate(received_on);
    r.state = Unwrap(core::ParseRequestState(state));
    r.outcome = outcome;
    r.due_on = ToOptionalDate(due_on.value, due_on.ind);
    r.due_provisional = due_provisional != 0;
    r.closed_on = ToOptionalDate(closed_on.value, closed_on.ind);
    return r;
  }
};

constexpr const char* kRequestColumns =
    "org_id, year, serial, tracking_no, lookup_code_hash, channel, applicant_type, "
    "applicant_sealed, description, doc_no, delivery_form, submitted_on, received_on, state, "
    "outcome, due_on, due_provisional, closed_on";

}  // namespace

core::Result<Id> SqlRequestRepository::Insert(const core::Request& r) {
  long long taken = 0, org = r.org_id;
  sql_ << "SELECT COUNT(*) FROM requests WHERE org_id = :o AND year = :y AND serial = :s",
      soci::use(org), soci::use(r.year), soci::use(r.serial), soci::into(taken);
  if (taken) return core::AlreadyExists("申请编号已存在: " + r.tracking_no, "tracking_no");
  RequestRow w = RequestRow::From(r);
  long long id = 0;
  sql_ << "INSERT INTO requests (" << kRequestColumns
       << ") VALUES (:o, :y, :s, :t, :l, :c, :a, :as, :d, :dn, :df, :sb, :rc, :st, :oc, :du, "
          ":dp, :cl) RETURNING id",
      soci::use(w.org_id), soci::use(w.year), soci::use(w.serial), soci::use(w.tracking_no),
      soci::use(w.lookup_code_hash), soci::use(w.channel), soci::use(w.applicant_type),
      soci::use(w.applicant_sealed), soci::use(w.description), soci::use(w.doc_no),
      soci::use(w.delivery_form), soci::use(w.submitted_on), soci::use(w.received_on),
      soci::use(w.state), soci::use(w.outcome), soci::use(w.due_on.value, w.due_on.ind),
      soci::use(w.due_provisional), soci::use(w.closed_on.value, w.closed_on.ind), soci::into(id);
  return Id{id};
}

core::Status SqlRequestRepository::Update(const core::Request& r) {
  RequestRow w = RequestRow::From(r);
  soci::statement st =
      (sql_.prepare << "UPDATE requests SET org_id = :o, year = :y, serial = :s, "
                       "tracking_no = :t, lookup_code_hash = :l, channel = :c, "
                       "applicant_type = :a, applicant_sealed = :as, description = :d, "
                       "doc_no = :dn, delivery_form = :df, submitted_on = :sb, received_on = :rc, "
                       "state = :st, outcome = :oc, due_on = :du, due_provisional = :dp, "
                       "closed_on = :cl WHERE id = :id",
       soci::use(w.org_id), soci::use(w.year), soci::use(w.serial), soci::use(w.tracking_no),
       soci::use(w.lookup_code_hash), soci::use(w.channel), soci::use(w.applicant_type),
       soci::use(w.applicant_sealed), soci::use(w.description), soci::use(w.doc_no),
       soci::use(w.delivery_form), soci::use(w.submitted_on), soci::use(w.received_on),
       soci::use(w.state), soci::use(w.outcome), soci::use(w.due_on.value, w.due_on.ind),
       soci::use(w.due_provisional), soci::use(w.closed_on.value, w.closed_on.ind),
       soci::use(w.id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return core::NotFound("申请不存在: id " + std::to_string(r.id));
  return core::Status::Ok();
}

std::vector<core::Request> SqlRequestRepository::Select(const std::string& where,
                                                        const std::vector<std::string>& params) {
  std::vector<core::Request> out;
  RequestRow w;
  soci::statement st(sql_);
  st.exchange(soci::into(w.id));
  st.exchange(soci::into(w.org_id));
  st.exchange(soci::into(w.year));
  st.exchange(soci::into(w.serial));
  for (std::string* s : {&w.tracking_no, &w.lookup_code_hash, &w.channel, &w.applicant_type,
                         &w.applicant_sealed, &w.description, &w.doc_no, &w.delivery_form,
                         &w.submitted_on, &w.received_on, &w.state, &w.outcome}) {
    st.exchange(soci::into(*s));
  }
  st.exchange(soci::into(w.due_on.value, w.due_on.ind));
  st.exchange(soci::into(w.due_provisional));
  st.exchange(soci::into(w.closed_on.value, w.closed_on.ind));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT id, ") + kRequestColumns + " FROM requests " + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(w.ToRequest());
  return out;
}

core::Result<core::Request> SqlRequestRepository::Get(Id id) {
  auto rows = Select("WHERE id = :id", {std::to_string(id)});
  if (rows.empty()) return core::NotFound("申请不存在: id " + std::to_string(id));
  return rows.front();
}

core::Result<std::vector<core::Request>> SqlRequestRepository::ListByOrgYear(Id org_id, int year) {
  // Received in `year`: the date range, so an index on (org_id, received_on) serves it.
  return Select(
      "WHERE org_id = :o AND received_on >= :f AND received_on <= :t "
      "ORDER BY received_on, id",
      {std::to_string(org_id), YearStart(year), YearEnd(year)});
}

core::Result<int> SqlRequestRepository::MaxSerial(Id org_id, int year) {
  long long org = org_id;
  int max_serial = 0;
  soci::indicator ind = soci::i_ok;
  sql_ << "SELECT MAX(serial) FROM requests WHERE org_id = :o AND year = :y", soci::use(org),
      soci::use(year), soci::into(max_serial, ind);
  return ind == soci::i_null ? 0 : max_serial;
}

core::Result<int64_t> SqlRequestRepository::Count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM requests", soci::into(n);
  return int64_t{n};
}

core::Result<Id> SqlRequestRepository::AppendEvent(const core::RequestEvent& e) {
  long long request_id = e.request_id, id = 0;
  int seq = 0;
  soci::indicator ind = soci::i_ok;
  sql_ << "SELECT MAX(seq) FROM request_events WHERE request_id = :r", soci::use(request_id),
      soci::into(seq, ind);
  seq = (ind == soci::i_null ? 0 : seq) + 1;
  std::string on = e.on.ToIso();
  sql_ << "INSERT INTO request_events (request_id, seq, kind, on_date, actor, note, data) "
          "VALUES (:r, :s, :k, :o, :a, :n, :d) RETURNING id",
      soci::use(request_id), soci::use(seq), soci::use(e.kind), soci::use(on), soci::use(e.actor),
      soci::use(e.note), soci::use(e.data), soci::into(id);
  return Id{id};
}

core::Result<Id> SqlRequestRepository::InsertLetter(const core::RequestLetter& l) {
  long long request_id = l.request_id, id = 0;
  std::string on = l.issued_on.ToIso();
  sql_ << "INSERT INTO request_letters (request_id, kind, title, body, issued_on, issued_at, "
          "actor) VALUES (:r, :k, :t, :b, :o, :a, :u) RETURNING id",
      soci::use(request_id), soci::use(l.kind), soci::use(l.title), soci::use(l.body),
      soci::use(on), soci::use(l.issued_at), soci::use(l.actor), soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::RequestLetter>> SqlRequestRepository::ListLetters(Id request_id) {
  std::vector<core::RequestLetter> out;
  core::RequestLetter l;
  long long id = 0, rid = request_id;
  std::string on;
  soci::statement st =
      (sql_.prepare << "SELECT id, kind, title, body, issued_on, issued_at, actor "
                       "FROM request_letters WHERE request_id = :r ORDER BY id",
       soci::into(id), soci::into(l.kind), soci::into(l.title), soci::into(l.body), soci::into(on),
       soci::into(l.issued_at), soci::into(l.actor), soci::use(rid));
  st.execute();
  while (st.fetch()) {
    l.id = id;
    l.request_id = request_id;
    l.issued_on = ToDate(on);
    out.push_back(l);
  }
  return out;
}

core::Result<std::vector<core::RequestEvent>> SqlRequestRepository::ListEvents(Id request_id) {
  std::vector<core::RequestEvent> out;
  core::RequestEvent e;
  long long id = 0, rid = request_id;
  std::string on;
  soci::statement st =
      (sql_.prepare << "SELECT id, seq, kind, on_date, actor, note, data FROM request_events "
                       "WHERE request_id = :r ORDER BY seq",
       soci::into(id), soci::into(e.seq), soci::into(e.kind), soci::into(on), soci::into(e.actor),
       soci::into(e.note), soci::into(e.data), soci::use(rid));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.request_id = request_id;
    e.on = ToDate(on);
    out.push_back(e);
  }
  return out;
}

core::Result<std::vector<core::Request>> SqlRequestRepository::ListOpen() {
  return Select(
      "WHERE state IN ('received', 'correction_requested', 'in_progress') "
      "ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, id",
      {});
}

core::Status SqlRequestRepository::PutFee(const core::RequestFee& fee) {
  long long request_id = fee.request_id, amount = fee.amount_yuan;
  std::string basis = core::FeeBasisCode(fee.basis), status = core::FeeStatusCode(fee.status),
              notified = fee.notified_on.ToIso();
  NullableText settled(fee.settled_on);
  sql_ << "INSERT INTO request_fees (request_id, basis, quantity, prior_count, amount_yuan, "
          "notified_on, status, settled_on) VALUES (:r, :b, :q, :p, :a, :n, :s, :st) "
          "ON CONFLICT (request_id) DO UPDATE SET basis = excluded.basis, "
          "quantity = excluded.quantity, prior_count = excluded.prior_count, "
          "amount_yuan = excluded.amount_yuan, notified_on = excluded.notified_on, "
          "status = excluded.status, settled_on = excluded.settled_on",
      soci::use(request_id), soci::use(basis), soci::use(fee.quantity), soci::use(fee.prior),
      soci::use(amount), soci::use(notified), soci::use(status),
      soci::use(settled.value, settled.ind);
  return core::Status::Ok();
}

namespace {

// Reads request_fees rows selected by `where` (binding `params` as text, in order).
std::vector<core::RequestFee> SelectFees(soci::session& sql, const std::string& where,
                                         const std::vector<std::string>& params) {
  std::vector<core::RequestFee> out;
  core::RequestFee fee;
  long long request_id = 0, amount = 0;
  std::string basis, status, notified;
  NullableText settled;
  soci::statement st(sql);
  st.exchange(soci::into(request_id));
  st.exchange(soci::into(basis));
  st.exchange(soci::into(fee.quantity));
  st.exchange(soci::into(fee.prior));
  st.exchange(soci::into(amount));
  st.exchange(soci::into(notified));
  st.exchange(soci::into(status));
  st.exchange(soci::into(settled.value, settled.ind));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(
      "SELECT f.request_id, f.basis, f.quantity, f.prior_count, f.amount_yuan, f.notified_on, "
      "f.status, f.settled_on FROM request_fees f JOIN requests r ON r.id = f.request_id " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    fee.request_id = request_id;
    fee.basis = Unwrap(core::ParseFeeBasis(basis));
    fee.amount_yuan = amount;
    fee.notified_on = ToDate(notified);
    fee.status = Unwrap(core::ParseFeeStatus(status));
    fee.settled_on = ToOptionalDate(settled.value, settled.ind);
    out.push_back(fee);
  }
  return out;
}

}  // namespace

core::Result<std::optional<core::RequestFee>> SqlRequestRepository::GetFee(Id request_id) {
  // Ids are compared as integers: PostgreSQL casts the text parameter.
  auto rows =
      SelectFees(sql_, "WHERE f.request_id = CAST(:r AS BIGINT)", {std::to_string(request_id)});
  if (rows.empty()) return std::optional<core::RequestFee>();
  return std::optional<core::RequestFee>(rows.front());
}

core::Result<std::vector<core::RequestFee>> SqlRequestRepository::ListFees(Id org_id, int year) {
  return SelectFees(sql_,
                    "WHERE r.org_id = CAST(:o AS BIGINT) AND f.notified_on >= :f AND "
                    "f.notified_on <= :t ORDER BY f.notified_on, f.request_id",
                    {std::to_string(org_id), YearStart(year), YearEnd(year)});
}

}  // namespace gongkai::store
