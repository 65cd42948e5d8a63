// The fake store's requests for disclosure and reconsideration/litigation cases.
// Part of FakeStore (core/fake_store.hpp); shared machinery in core/fake_store_internal.hpp.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/fake_store_internal.hpp"
#include "core/fake_store_lists.hpp"
#include "core/request_clock.hpp"

namespace gongkai::core::fake_store_internal {

namespace {
class FakeRequests final : public RequestRepository {
 public:
  explicit FakeRequests(Repos& r) : r_(r) {}

  Result<Id> Insert(const Request& req) override {
    Tables& t = r_.t();
    RequestKey key{req.org_id, req.year, req.serial};
    if (t.requests_by_key.Contains(key)) {
      return AlreadyExists("申请编号已存在: " + req.tracking_no, "tracking_no");
    }
    r_.OrgExists(req.org_id);
    Request stored = req;
    stored.id = NextId(t.requests);
    t.requests.Mutable()[stored.id] = stored;
    t.requests_by_key.Mutable()[key] = stored.id;
    return stored.id;
  }

  Status Update(const Request& req) override {
    Tables& t = r_.t();
    const Request* old = t.requests.Find(req.id);
    if (!old) return NotFound("申请不存在: id " + std::to_string(req.id));
    RequestKey key{req.org_id, req.year, req.serial};
    const Id* holder = t.requests_by_key.Find(key);
    r_.Unique(!holder || *holder == req.id, "requests.org_id, requests.year, requests.serial");
    r_.OrgExists(req.org_id);
    RequestKey old_key{old->org_id, old->year, old->serial};
    auto& index = t.requests_by_key.Mutable();
    index.erase(old_key);
    index[key] = req.id;
    t.requests.Mutable()[req.id] = req;
    return Status::Ok();
  }

  Result<Request> Get(Id id) override {
    const Request* req = r_.t().requests.Find(id);
    if (!req) return NotFound("申请不存在: id " + std::to_string(id));
    return r_.ReadRequest(*req);
  }

  Result<std::vector<Request>> ListByOrgYear(Id org_id, int year) override {
    std::vector<Request> out;
    for (const auto& [_, req] : r_.t().requests.rows()) {
      if (req.org_id == org_id && InYear(req.received_on, year)) out.push_back(req);
    }
    for (const auto& req : out) r_.ReadRequest(req);
    std::stable_sort(out.begin(), out.end(), [](const Request& a, const Request& b) {
      return a.received_on < b.received_on;
    });
    return out;
  }

  Result<int> MaxSerial(Id org_id, int year) override {
    const auto& keys = r_.t().requests_by_key.rows();
    auto it = keys.upper_bound(RequestKey{org_id, year, INT_MAX});
    if (it == keys.begin()) return 0;
    --it;
    const auto& [org, y, serial] = it->first;
    return org == org_id && y == year ? serial : 0;
  }

  Result<int64_t> Count() override { return r_.t().requests.Size(); }

  Result<Id> AppendEvent(const RequestEvent& e) override {
    Tables& t = r_.t();
    const auto& seqs = t.events_by_seq.rows();
    int seq = 1;
    auto it = seqs.upper_bound({e.request_id, INT_MAX});
    if (it != seqs.begin() && std::prev(it)->first.first == e.request_id) {
      seq = std::prev(it)->first.second + 1;
    }
    r_.ForeignKey(t.requests.Contains(e.request_id));
    RequestEvent stored = e;
    stored.id = NextId(t.request_events);
    stored.seq = seq;
    t.request_events.Mutable()[stored.id] = stored;
    t.events_by_seq.Mutable()[{e.request_id, seq}] = stored.id;
    return stored.id;
  }

  // The back office's queue (fake_store_lists.cpp does the filtering and ordering).
  Result<RequestQueuePage> FindQueue(const RequestQueueQuery& q) override {
    std::vector<Request> all;
    for (const auto& [_, req] : r_.t().requests.rows()) all.push_back(r_.ReadRequest(req));
    return fake::QueueRequests(std::move(all), q);
  }

  Result<std::vector<Request>> ListOpen() override {
    std::vector<Request> out;
    for (const auto& [_, req] : r_.t().requests.rows()) {
      if (!IsClosed(req.state)) out.push_back(r_.ReadRequest(req));
    }
    std::stable_sort(out.begin(), out.end(), [](const Request& a, const Request& b) {
      if (a.due_on.has_value() != b.due_on.has_value()) return a.due_on.has_value();
      return a.due_on < b.due_on;
    });
    return out;
  }

  Status PutFee(const RequestFee& fee) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.requests.Contains(fee.request_id));
    r_.Check(fee.quantity >= 1, "quantity >= 1");
    r_.Check(fee.prior >= 0, "prior_count >= 0");
    r_.Check(fee.amount_yuan >= 0, "amount_yuan >= 0");
    t.request_fees.Mutable()[fee.request_id] = fee;
    return Status::Ok();
  }

  Result<std::optional<RequestFee>> GetFee(Id request_id) override {
    const RequestFee* fee = r_.t().request_fees.Find(request_id);
    if (!fee) return std::optional<RequestFee>();
    r_.Read(fee->notified_on);
    r_.Read(fee->settled_on);
    return std::optional<RequestFee>(*fee);
  }

  Result<std::vector<RequestFee>> ListFees(Id org_id, int year) override {
    std::vector<RequestFee> out;
    const Tables& t = r_.t();
    for (const auto& [id, fee] : t.request_fees.rows()) {
      const Request* req = t.requests.Find(id);
      if (req && req->org_id == org_id && InYear(fee.notified_on, year)) out.push_back(fee);
    }
    for (const auto& fee : out) {
      r_.Read(fee.notified_on);
      r_.Read(fee.settled_on);
    }
    std::stable_sort(out.begin(), out.end(), [](const RequestFee& a, const RequestFee& b) {
      return a.notified_on < b.notified_on;
    });
    return out;
  }

  // Issued letters (issue 21): append-only, by id.
  Result<Id> InsertLetter(const RequestLetter& letter) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.requests.Contains(letter.request_id));
    RequestLetter stored = letter;
    stored.id = NextId(t.request_letters);
    t.request_letters.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Result<std::vector<RequestLetter>> ListLetters(Id request_id) override {
    std::vector<RequestLetter> out;
    for (const auto& [_, letter] : r_.t().request_letters.rows()) {
      if (letter.request_id == request_id) {
        r_.Read(letter.issued_on);
        out.push_back(letter);
      }
    }
    return out;
  }

  Result<std::vector<RequestEvent>> ListEvents(Id request_id) override {
    std::vector<RequestEvent> out;
    const Tables& t = r_.t();
    const auto& seqs = t.events_by_seq.rows();
    for (auto it = seqs.lower_bound({request_id, INT_MIN});
         it != seqs.end() && it->first.first == request_id; ++it) {
      out.push_back(*t.request_events.Find(it->second));
    }
    for (const auto& e : out) r_.Read(e.on);
    return out;
  }

 private:
  Repos& r_;
};

class FakeCases final : public CaseRepository {
 public:
  explicit FakeCases(Repos& r) : r_(r) {}

  Status InsertConsultations(std::vector<Consultation>& rows) override {
    return InsertAll(r_.t().consultations, rows);
  }

  Result<std::vector<Consultation>> ListConsultations(Id org_id, int year) override {
    std::vector<Consultation> out;
    for (const auto& [_, c] : r_.t().consultations.rows()) {
      if (c.org_id == org_id && InYear(c.asked_on, year)) out.push_back(c);
    }
    for (const auto& c : out) r_.Read(c.asked_on);
    std::stable_sort(out.begin(), out.end(), [](const Consultation& a, const Consultation& b) {
      return a.asked_on < b.asked_on;
    });
    return out;
  }

  Status InsertComplaints(std::vector<Complaint>& rows) override {
    return InsertAll(r_.t().complaints, rows);
  }

  Result<std::vector<Complaint>> ListComplaints(Id org_id, int year) override {
    std::vector<Complaint> out;
    for (const auto& [_, c] : r_.t().complaints.rows()) {
      if (c.org_id == org_id && InYear(c.received_on, year)) out.push_back(c);
    }
    for (const auto& c : out) {
      r_.Read(c.received_on);
      r_.Read(c.replied_on);
    }
    std::stable_sort(out.begin(), out.end(), [](const Complaint& a, const Complaint& b) {
      return a.received_on < b.received_on;
    });
    return out;
  }

  Result<Complaint> GetComplaint(Id id) override {
    const Complaint* c = r_.t().complaints.Find(id);
    if (!c) return NotFound("投诉举报不存在: id " + std::to_string(id));
    r_.Read(c->received_on);
    r_.Read(c->replied_on);
    return *c;
  }

  Status SetComplaintReplied(Id id, std::optional<Date> replied_on) override {
    Tables& t = r_.t();
    if (!t.complaints.Contains(id)) return NotFound("投诉举报不存在: id " + std::to_string(id));
    t.complaints.Mutable()[id].replied_on = replied_on;
    return Status::Ok();
  }

  Result<Id> InsertLegalCase(const LegalCase& c) override {
    Tables& t = r_.t();
    CheckReferences(c);
    LegalCase stored = c;
    stored.id = NextId(t.legal_cases);
    t.legal_cases.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status UpdateLegalCase(const LegalCase& c) override {
    Tables& t = r_.t();
    if (!t.legal_cases.Contains(c.id)) {
      return NotFound("案件不存在: id " + std::to_string(c.id));
    }
    CheckReferences(c);
    t.legal_cases.Mutable()[c.id] = c;
    return Status::Ok();
  }

  Result<LegalCase> GetLegalCase(Id id) override {
    const LegalCase* c = r_.t().legal_cases.Find(id);
    if (!c) return NotFound("案件不存在: id " + std::to_string(id));
    r_.Read(c->filed_on);
    r_.Read(c->closed_on);
    return *c;
  }

  Result<std::vector<LegalCase>> ListLegalCases(Id org_id, int year) override {
    std::vector<LegalCase> out;
    for (const auto& [_, c] : r_.t().legal_cases.rows()) {
      if (c.org_id == org_id && InYear(c.filed_on, year)) out.push_back(c);
    }
    for (const auto& c : out) {
      r_.Read(c.filed_on);
      r_.Read(c.closed_on);
    }
    std::stable_sort(out.begin(), out.end(), [](const LegalCase& a, const LegalCase& b) {
      return a.filed_on < b.filed_on;
    });
    return out;
  }

 private:
  // One multi-row INSERT: ids are set before the statement runs, so a failing row leaves
  // the caller's ids set, as in SQL.
  template <typename Row>
  Status InsertAll(Table<Id, Row>& table, std::vector<Row>& rows) {
    if (rows.empty()) return Status::Ok();
    Id next = NextId(table);
    for (auto& row : rows) row.id = next++;
    for (const auto& row : rows) r_.OrgExists(row.org_id);
    auto& stored = table.Mutable();
    for (const auto& row : rows) stored[row.id] = row;
    return Status::Ok();
  }

  void CheckReferences(const LegalCase& c) {
    r_.OrgExists(c.org_id);
    if (c.request_id) r_.ForeignKey(r_.t().requests.Contains(*c.request_id));
  }

  Repos& r_;
};
}  // namespace

std::unique_ptr<RequestRepository> MakeFakeRequests(Repos& r) {
  return std::make_unique<FakeRequests>(r);
}
std::unique_ptr<CaseRepository> MakeFakeCases(Repos& r) { return std::make_unique<FakeCases>(r); }

}  // namespace gongkai::core::fake_store_internal
