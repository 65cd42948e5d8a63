// The fake store's organisations, users and holiday calendar.
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
class FakeOrgs final : public OrgRepository {
 public:
  explicit FakeOrgs(Repos& r) : r_(r) {}

  Result<Id> Insert(const Org& org) override {
    GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByCode(org.code));
    if (existing) return AlreadyExists("机构代码已存在: " + org.code, "code");
    Tables& t = r_.t();
    if (org.parent_id) r_.ForeignKey(t.orgs.Contains(*org.parent_id));
    Org stored = org;
    stored.id = NextId(t.orgs);
    t.orgs.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status Update(const Org& org) override {
    Tables& t = r_.t();
    if (!t.orgs.Contains(org.id)) return NotFound("机构不存在: id " + std::to_string(org.id));
    for (const auto& [id, o] : t.orgs.rows()) {
      r_.Unique(id == org.id || o.code != org.code, "orgs.code");
    }
    if (org.parent_id) r_.ForeignKey(t.orgs.Contains(*org.parent_id));
    t.orgs.Mutable()[org.id] = org;
    return Status::Ok();
  }

  Result<Org> Get(Id id) override {
    const Org* o = r_.t().orgs.Find(id);
    if (!o) return NotFound("机构不存在: id " + std::to_string(id));
    return *o;
  }

  Result<std::optional<Org>> FindByCode(std::string_view code) override {
    for (const auto& [_, o] : r_.t().orgs.rows()) {
      if (o.code == code) return std::optional<Org>(o);
    }
    return std::optional<Org>();
  }

  Result<std::vector<Org>> List() override {
    std::vector<Org> out;
    for (const auto& [_, o] : r_.t().orgs.rows()) out.push_back(o);
    std::stable_sort(out.begin(), out.end(), [](const Org& a, const Org& b) {
      return a.sort_order < b.sort_order;  // ids already ascending
    });
    return out;
  }

  Status PutYearFacts(const OrgYearFacts& f) override {
    r_.OrgExists(f.org_id);
    r_.Check(f.dedicated_bodies >= 0, "dedicated_bodies >= 0");
    r_.Check(f.staff_full_time >= 0, "staff_full_time >= 0");
    r_.Check(f.staff_part_time >= 0, "staff_part_time >= 0");
    r_.Check(f.funding_yuan >= 0, "funding_yuan >= 0");
    r_.t().year_facts.Mutable()[{f.org_id, f.year}] = f;
    return Status::Ok();
  }

  Result<std::optional<OrgYearFacts>> GetYearFacts(Id org_id, int year) override {
    const OrgYearFacts* f = r_.t().year_facts.Find({org_id, year});
    return f ? std::optional<OrgYearFacts>(*f) : std::nullopt;
  }

  Status PutAdminStats(const AdminStats& s) override {
    r_.OrgExists(s.org_id);
    r_.t().admin_stats.Mutable()[{s.org_id, s.year}] = s;
    return Status::Ok();
  }

  Result<std::optional<AdminStats>> GetAdminStats(Id org_id, int year) override {
    const AdminStats* s = r_.t().admin_stats.Find({org_id, year});
    return s ? std::optional<AdminStats>(*s) : std::nullopt;
  }

  Result<Id> InsertMeeting(const Meeting& m) override {
    Tables& t = r_.t();
    r_.OrgExists(m.org_id);
    r_.Check(m.attendees >= 0, "attendees >= 0");
    Meeting stored = m;
    stored.id = NextId(t.meetings);
    t.meetings.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Result<std::vector<Meeting>> ListMeetings(Id org_id, int year) override {
    std::vector<Meeting> out;
    for (const auto& [_, m] : r_.t().meetings.rows()) {
      if (m.org_id == org_id && InYear(m.held_on, year)) out.push_back(m);
    }
    for (const auto& m : out) r_.Read(m.held_on);
    std::stable_sort(out.begin(), out.end(),
                     [](const Meeting& a, const Meeting& b) { return a.held_on < b.held_on; });
    return out;
  }

  Status DeleteMeeting(Id id) override {
    Tables& t = r_.t();
    if (!t.meetings.Contains(id)) return NotFound("会议或培训不存在: id " + std::to_string(id));
    t.meetings.Mutable().erase(id);
    return Status::Ok();
  }

 private:
  Repos& r_;
};

class FakeUsers final : public UserRepository {
 public:
  explicit FakeUsers(Repos& r) : r_(r) {}

  Result<Id> Insert(const User& u) override {
    GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByUsername(u.username));
    if (existing) return AlreadyExists("用户名已存在: " + u.username, "username");
    Tables& t = r_.t();
    User stored = u;
    stored.id = NextId(t.users);
    t.users.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status Update(const User& u) override {
    Tables& t = r_.t();
    const User* old = t.users.Find(u.id);
    if (!old) return NotFound("用户不存在: " + u.username);
    for (const auto& [id, other] : t.users.rows()) {
      r_.Unique(id == u.id || other.username != u.username, "users.username");
    }
    User stored = u;
    stored.created_at = old->created_at;  // not among the updated columns
    t.users.Mutable()[u.id] = std::move(stored);
    return Status::Ok();
  }

  Result<std::optional<User>> FindByUsername(std::string_view username) override {
    for (const auto& [_, u] : r_.t().users.rows()) {
      if (u.username == username) return std::optional<User>(u);
    }
    return std::optional<User>();
  }

  Result<std::vector<User>> List() override {
    std::vector<User> out;
    for (const auto& [_, u] : r_.t().users.rows()) out.push_back(u);
    std::sort(out.begin(), out.end(),
              [](const User& a, const User& b) { return a.username < b.username; });
    return out;
  }

  Result<Id> InsertGrant(const RoleGrant& g) override {
    Tables& t = r_.t();
    r_.ForeignKey(t.users.Contains(g.user_id));
    r_.OrgExists(g.org_id);
    RoleGrant stored = g;
    stored.id = NextId(t.grants);
    t.grants.Mutable()[stored.id] = stored;
    return stored.id;
  }

  Status RevokeGrant(Id grant_id, const std::string& at) override {
    Tables& t = r_.t();
    const RoleGrant* g = t.grants.Find(grant_id);
    if (!g || g->revoked_at) {
      return NotFound("授权不存在或已撤销: " + std::to_string(grant_id));
    }
    t.grants.Mutable()[grant_id].revoked_at = at;
    return Status::Ok();
  }

  Result<std::vector<RoleGrant>> ListGrants(Id user_id) override {
    std::vector<RoleGrant> out;
    for (const auto& [_, g] : r_.t().grants.rows()) {
      if (g.user_id == user_id) out.push_back(g);
    }
    return out;
  }

 private:
  Repos& r_;
};

class FakeCalendar final : public CalendarRepository {
 public:
  explicit FakeCalendar(Repos& r) : r_(r) {}

  Status PutYear(const HolidayYear& y) override {
    Tables& t = r_.t();
    // holiday_days has the day as its primary key, across all notice years.
    std::set<Date> taken;
    for (const auto& [year, stored] : t.holiday_years.rows()) {
      if (year == y.year) continue;
      taken.insert(stored.off_days.begin(), stored.off_days.end());
      taken.insert(stored.makeup_work_days.begin(), stored.makeup_work_days.end());
    }
    for (const auto* days : {&y.off_days, &y.makeup_work_days}) {
      for (Date d : *days) r_.Unique(taken.insert(d).second, "holiday_days.day");
    }
    HolidayYear stored;
    stored.year = y.year;
    stored.notices = AsStoredNotices(y.notices);
    stored.off_days = y.off_days;
    stored.makeup_work_days = y.makeup_work_days;
    std::sort(stored.off_days.begin(), stored.off_days.end());
    std::sort(stored.makeup_work_days.begin(), stored.makeup_work_days.end());
    t.holiday_years.Mutable()[y.year] = std::move(stored);
    return Status::Ok();
  }

  Result<std::vector<HolidayYear>> ListYears() override {
    std::vector<HolidayYear> out;
    for (const auto& [_, y] : r_.t().holiday_years.rows()) {
      for (Date d : y.off_days) r_.Read(d);
      for (Date d : y.makeup_work_days) r_.Read(d);
      out.push_back(y);
    }
    return out;
  }

 private:
  Repos& r_;
};
}  // namespace

std::unique_ptr<OrgRepository> MakeFakeOrgs(Repos& r) { return std::make_unique<FakeOrgs>(r); }
std::unique_ptr<UserRepository> MakeFakeUsers(Repos& r) { return std::make_unique<FakeUsers>(r); }
std::unique_ptr<CalendarRepository> MakeFakeCalendar(Repos& r) {
  return std::make_unique<FakeCalendar>(r);
}

}  // namespace gongkai::core::fake_store_internal
