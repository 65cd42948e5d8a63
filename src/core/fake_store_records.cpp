// The fake store's audit trail, annual reports, API tokens and sessions.
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
#include "core/request_clock.hpp"

namespace gongkai::core::fake_store_internal {

namespace {
class FakeAudit final : public AuditRepository {
 public:
  explicit FakeAudit(Repos& r) : r_(r) {}

  Result<AuditEvent> Append(AuditEvent e) override {
    Tables& t = r_.t();
    e.prev_hash = t.audit_head_hash;
    e.hash = FakeStore::AuditDigest(AuditChainInput(e));
    e.id = NextId(t.audit_events);
    t.audit_events.Mutable()[e.id] = e;
    t.audit_head_id = e.id;
    t.audit_head_hash = e.hash;
    return e;
  }

  Result<std::vector<AuditEvent>> ListFor(std::string_view entity,
                                          std::string_view entity_id) override {
    std::vector<AuditEvent> out;
    for (const auto& [_, e] : r_.t().audit_events.rows()) {
      if (e.entity == entity && e.entity_id == entity_id) out.push_back(e);
    }
    return out;
  }

  Result<std::optional<Id>> Verify() override {
    const Tables& t = r_.t();
    std::string expected_prev;
    Id last_seen = 0;
    for (const auto& [id, e] : t.audit_events.rows()) {
      // A deleted event breaks the link of the next one; an edited one its own hash.
      if (e.prev_hash != expected_prev || FakeStore::AuditDigest(AuditChainInput(e)) != e.hash) {
        return std::optional<Id>(id);
      }
      expected_prev = e.hash;
      last_seen = id;
    }
    // Events deleted from the end leave the head pointing past the last one.
    if (t.audit_head_id != last_seen || t.audit_head_hash != expected_prev) {
      return std::optional<Id>(last_seen + 1);
    }
    return std::optional<Id>();
  }

  Result<int64_t> Count() override { return r_.t().audit_events.Size(); }

 private:
  Repos& r_;
};

class FakeReports final : public ReportRepository {
 public:
  explicit FakeReports(Repos& r) : r_(r) {}

  Result<ReportInputs> LoadInputs(const std::vector<Id>& org_ids, int year,
                                  bool count_items) override {
    const Tables& t = r_.t();
    std::set<Id> orgs(org_ids.begin(), org_ids.end());
    Date first = Date::FromYmd(year, 1, 1), last = Date::FromYmd(year, 12, 31);
    auto in_year = [&](const std::optional<Date>& d) { return d && first <= *d && *d <= last; };
    ReportInputs in;
    in.year = year;
    std::set<Id> extended;
    std::map<Id, std::pair<int, std::string>> answers;  // request → (seq, data) of its last answer
    std::map<Id, std::vector<RequestEvent>> by_request;
    for (const auto& [_, e] : t.request_events.rows()) {
      by_request[e.request_id].push_back(e);
      if (e.kind == RequestEventKindCode(RequestEventKind::kExtension))
        extended.insert(e.request_id);
      if (e.kind != RequestEventKindCode(RequestEventKind::kAnswer)) continue;
      auto [it, fresh] = answers.try_emplace(e.request_id, e.seq, e.data);
      if (!fresh && it->second.first < e.seq) it->second = {e.seq, e.data};
    }
    for (const auto& [_, q] : t.requests.rows()) {
      if (!orgs.contains(q.org_id) || q.received_on > last) continue;
      if (q.closed_on && *q.closed_on < first) continue;
      auto answer = answers.find(q.id);
      RequestFact fact{q.applicant_type,
                       q.channel,
                       q.received_on,
                       q.state,
                       q.outcome,
                       q.closed_on,
                       q.due_on,
                       extended.contains(q.id),
                       answer == answers.end() ? "" : answer->second.second,
                       q.tracking_no,
                       q.org_id,
                       {},
                       q.due_provisional};
      if (auto ev = by_request.find(q.id); ev != by_request.end()) fact.events = ev->second;
      std::sort(fact.events.begin(), fact.events.end(),
                [](const RequestEvent& a, const RequestEvent& b) { return a.seq < b.seq; });
      in.requests.push_back(std::move(fact));
    }
    for (const auto& [_, it] : t.items.rows()) {
      if (!orgs.contains(it.org_id)) continue;
      if ((it.is_regulation || it.is_normative) && it.formed_on <= last) {
        in.kind_items.push_back({it.is_regulation, it.is_normative, it.formed_on, it.published_on,
                                 it.validity, it.validity_changed_on});
      }
      if (count_items && in_year(it.published_on) &&
          (it.state == ItemState::kPublished || it.state == ItemState::kWithdrawn)) {
        ++in.items_published;
        for (const auto& c : it.channels) ++in.items_by_channel[c.channel];
      }
    }
    for (const auto& [_, resp] : t.responses.rows()) {
      if (orgs.contains(resp.org_id) && in_year(resp.held_on)) in.responses.push_back(resp);
    }
    for (const auto& [_, c] : t.legal_cases.rows()) {
      if (orgs.contains(c.org_id) && (in_year(c.filed_on) || in_year(c.closed_on))) {
        in.legal_cases.push_back(c);
      }
    }
    for (const auto& [_, c] : t.complaints.rows()) {
      if (orgs.contains(c.org_id) && in_year(c.received_on)) ++in.complaints;
    }
    for (const auto& [_, c] : t.consultations.rows()) {
      if (orgs.contains(c.org_id) && in_year(c.asked_on)) ++in.consultations;
    }
    for (Id org : orgs) {
      if (const AdminStats* a = t.admin_stats.Find({org, year})) {
        in.admin.licensing_decisions += a->licensing_decisions;
        in.admin.punishment_decisions += a->punishment_decisions;
        in.admin.coercion_decisions += a->coercion_decisions;
        in.admin.fees_yuan += a->fees_yuan;
      }
      if (const OrgYearFacts* f = t.year_facts.Find({org, year})) {
        in.facts.dedicated_bodies += f->dedicated_bodies;
        in.facts.staff_full_time += f->staff_full_time;
        in.facts.staff_part_time += f->staff_part_time;
        in.facts.funding_yuan += f->funding_yuan;
      }
      if (const Org* o = t.orgs.Find(org)) {
        in.reading_points += static_cast<int64_t>(o->reading_points.size());
      }
    }
    for (const auto& [_, m] : t.meetings.rows()) {
      if (!orgs.contains(m.org_id) || !in_year(m.held_on)) continue;
      if (m.category == MeetingCategory::kTraining) {
        ++in.trainings;
        in.trainees += m.attendees;
      } else {
        ++in.meetings;
      }
    }
    for (const auto& [_, fee] : t.request_fees.rows()) {
      const Request* q = t.requests.Find(fee.request_id);
      if (q && orgs.contains(q->org_id) && fee.status == FeeStatus::kPaid &&
          in_year(fee.settled_on)) {
        in.fees_collected_yuan += fee.amount_yuan;
      }
    }
    return in;
  }

  Status PutNarrative(const ReportNarrative& n) override {
    r_.OrgExists(n.org_id);
    r_.t().narratives.Mutable()[{n.org_id, n.year, n.section}] = n;
    return Status::Ok();
  }

  Result<std::vector<ReportNarrative>> ListNarratives(Id org_id, int year) override {
    std::vector<ReportNarrative> out;
    for (const auto& [key, n] : r_.t().narratives.rows()) {
      if (n.org_id == org_id && n.year == year) out.push_back(n);
    }
    return out;
  }

  Result<Id> InsertSnapshot(const ReportSnapshot& s) override {
    r_.OrgExists(s.org_id);
    for (const auto& [_, other] : r_.t().snapshots.rows()) {
      if (other.org_id == s.org_id && other.year == s.year && other.subtree == s.subtree &&
          other.version == s.version) {
        return AlreadyExists("该版本年报已存在", "version");
      }
    }
    ReportSnapshot stored = s;
    stored.id = NextId(r_.t().snapshots);
    r_.t().snapshots.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Result<std::vector<ReportSnapshot>> ListSnapshots(Id org_id, int year, bool subtree) override {
    std::vector<ReportSnapshot> out;
    for (const auto& [_, s] : r_.t().snapshots.rows()) {
      if (s.org_id == org_id && s.year == year && s.subtree == subtree) out.push_back(s);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
  }

 private:
  Repos& r_;
};

class FakeApiTokens final : public ApiTokenRepository {
 public:
  explicit FakeApiTokens(Repos& r) : r_(r) {}
  Result<Id> Insert(const ApiToken& token) override {
    Tables& t = r_.t();
    for (const auto& [_, other] : t.api_tokens.rows()) {
      r_.Unique(other.token_hash != token.token_hash, "api_tokens.token_hash");
    }
    r_.ForeignKey(t.users.Contains(token.user_id));
    ApiToken stored = token;
    stored.id = NextId(t.api_tokens);
    stored.username.clear();
    stored.last_used_at.reset();
    stored.revoked_at.reset();
    t.api_tokens.Mutable()[stored.id] = stored;
    return stored.id;
  }
  Result<ApiToken> Get(Id id) override {
    const ApiToken* token = r_.t().api_tokens.Find(id);
    if (!token) return NotFound("API 令牌不存在: " + std::to_string(id), "id");
    return WithUsername(*token);
  }
  Result<std::optional<ApiToken>> FindByHash(std::string_view token_hash) override {
    for (const auto& [_, token] : r_.t().api_tokens.rows()) {
      if (token.token_hash == token_hash) return std::optional<ApiToken>(WithUsername(token));
    }
    return std::optional<ApiToken>();
  }
  Result<std::vector<ApiToken>> List() override {
    std::vector<ApiToken> out;
    for (const auto& [_, token] : r_.t().api_tokens.rows()) out.push_back(WithUsername(token));
    return out;
  }
  Status Revoke(Id id, const std::string& at) override {
    Tables& t = r_.t();
    const ApiToken* token = t.api_tokens.Find(id);
    if (!token || token->revoked_at) {
      return NotFound("API 令牌不存在或已撤销: " + std::to_string(id), "id");
    }
    t.api_tokens.Mutable()[id].revoked_at = at;
    return Status::Ok();
  }
  Status MarkUsed(Id id, const std::string& at) override {
    Tables& t = r_.t();
    if (!t.api_tokens.Contains(id)) {
      return NotFound("API 令牌不存在: " + std::to_string(id), "id");
    }
    t.api_tokens.Mutable()[id].last_used_at = at;
    return Status::Ok();
  }

 private:
  ApiToken WithUsername(ApiToken token) {
    if (const User* u = r_.t().users.Find(token.user_id)) token.username = u->username;
    return token;
  }
  Repos& r_;
};

class FakeSessions final : public SessionRepository {
 public:
  explicit FakeSessions(Repos& r) : r_(r) {}
  Status Insert(const Session& s) override {
    Tables& t = r_.t();
    r_.Unique(!t.sessions.Contains(s.token_hash), "sessions.token_hash");
    r_.ForeignKey(t.users.Contains(s.user_id));
    Session stored = s;
    stored.username.clear();
    t.sessions.Mutable()[s.token_hash] = std::move(stored);
    return Status::Ok();
  }
  Result<std::optional<Session>> Find(std::string_view token_hash) override {
    const Session* s = r_.t().sessions.Find(std::string(token_hash));
    if (!s) return std::optional<Session>();
    Session out = *s;
    if (const User* u = r_.t().users.Find(s->user_id)) out.username = u->username;
    return std::optional<Session>(out);
  }
  Status Touch(std::string_view token_hash, const std::string& at) override {
    Tables& t = r_.t();
    if (t.sessions.Contains(std::string(token_hash))) {
      t.sessions.Mutable()[std::string(token_hash)].last_seen_at = at;
    }
    return Status::Ok();
  }
  Status Delete(std::string_view token_hash) override {
    Tables& t = r_.t();
    if (t.sessions.Contains(std::string(token_hash))) {
      t.sessions.Mutable().erase(std::string(token_hash));
    }
    return Status::Ok();
  }
  Result<int> DeleteForUser(Id user_id) override {
    return EraseIf([&](const Session& s) { return s.user_id == user_id; });
  }
  Result<int> DeleteExpired(const std::string& now) override {
    return EraseIf([&](const Session& s) { return s.expires_at < now; });
  }
  Result<std::optional<LoginFailures>> GetFailures(std::string_view key) override {
    const LoginFailures* f = r_.t().login_failures.Find(std::string(key));
    return f ? std::optional<LoginFailures>(*f) : std::optional<LoginFailures>();
  }
  Status PutFailures(const LoginFailures& f) override {
    r_.t().login_failures.Mutable()[f.key] = f;
    return Status::Ok();
  }
  Status ClearFailures(std::string_view key) override {
    Tables& t = r_.t();
    if (t.login_failures.Contains(std::string(key))) {
      t.login_failures.Mutable().erase(std::string(key));
    }
    return Status::Ok();
  }

 private:
  template <typename Pred>
  int EraseIf(Pred pred) {
    std::vector<std::string> keys;
    for (const auto& [k, s] : r_.t().sessions.rows()) {
      if (pred(s)) keys.push_back(k);
    }
    if (!keys.empty()) {
      auto& rows = r_.t().sessions.Mutable();
      for (const auto& k : keys) rows.erase(k);
    }
    return static_cast<int>(keys.size());
  }
  Repos& r_;
};
}  // namespace

std::unique_ptr<AuditRepository> MakeFakeAudit(Repos& r) { return std::make_unique<FakeAudit>(r); }
std::unique_ptr<ReportRepository> MakeFakeReports(Repos& r) {
  return std::make_unique<FakeReports>(r);
}
std::unique_ptr<ApiTokenRepository> MakeFakeApiTokens(Repos& r) {
  return std::make_unique<FakeApiTokens>(r);
}
std::unique_ptr<SessionRepository> MakeFakeSessions(Repos& r) {
  return std::make_unique<FakeSessions>(r);
}

}  // namespace gongkai::core::fake_store_internal
